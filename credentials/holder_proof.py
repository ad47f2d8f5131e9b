"""A wallet proves it holds a key: the OID4VCI ``jwt`` key proof and the DIDAuth presentation.

Before a credential is bound to a wallet's key, the wallet signs something
fresh with it. Two protocols, two shapes:

``check_proof_jwt``: OpenID for Verifiable Credential Issuance 1.0, section
8.2.1.1 and Appendix F.1 ("jwt" Proof Type). A compact JWS::

    header  {"typ": "openid4vci-proof+jwt", "alg": "EdDSA",
             "kid": "did:key:z6Mk...#z6Mk..."}          # or "jwk": {public key}
    claims  {"aud": "https://badges.example.edu",        # the Credential Issuer Identifier
             "iat": 1765123456,
             "nonce": "<c_nonce from the Nonce Endpoint>"}

``check_didauth``: a DIDAuth verifiable presentation, as the DCC Learner
Credential Wallet sends to a VC-API exchange: no credentials, a ``holder``,
and one Data Integrity proof (``Ed25519Signature2020`` or
``eddsa-rdfc-2022``) with ``proofPurpose`` ``authentication`` over the
exchange's ``challenge`` and the issuer's ``domain``::

    {"@context": ["https://www.w3.org/2018/credentials/v1", ...],
     "type": ["VerifiablePresentation"],
     "holder": "did:key:z6Mk...",
     "proof": {"type": "Ed25519Signature2020", "proofPurpose": "authentication",
               "challenge": "...", "domain": "badges.example.edu",
               "verificationMethod": "did:key:z6Mk...#z6Mk...", "proofValue": "z..."}}

Only keys a DID carries in itself are accepted: ``did:key`` and ``did:jwk``
(resolved offline, ``did.did_key_document`` and ``did.did_jwk_document``), or
a bare public JWK in the proof JWT's header, whose holder id is then the
``did:jwk`` of that key. Each refusal raises ``errors.InvalidProof``, or
``errors.InvalidNonce`` for a nonce the caller does not accept; both carry
the OID4VCI error code in ``oauth_error``.
"""

from __future__ import annotations

import base64
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError

from . import did as did_
from ._multikey import decode_multikey
from .errors import CredentialError, DecodeError, InvalidNonce, InvalidProof
from .loader import OfflineLoader
from .ob3 import cryptosuites, data_integrity, vc_jwt
from .ob3.vc_jwt import _eddsa_is_expected, _joserfc_key, _Registry

__all__ = [
    "PROOF_TYPE",
    "PROOF_ALGORITHMS",
    "DIDAUTH_CRYPTOSUITES",
    "HolderKey",
    "did_jwk_for",
    "check_proof_jwt",
    "check_didauth",
]

#: Appendix F.1: the ``typ`` of a key proof, so no other JWT can pass as one.
PROOF_TYPE = "openid4vci-proof+jwt"
#: The proof algorithms the issuer metadata names; never ``none``, never HMAC.
PROOF_ALGORITHMS = ("EdDSA", "ES256", "ES384")
_KEY_FOR_ALGORITHM = {"EdDSA": "Ed25519", "ES256": "P-256", "ES384": "P-384"}
#: What the DCC Learner Credential Wallet signs with, and what we sign with.
DIDAUTH_CRYPTOSUITES = ("Ed25519Signature2020", "eddsa-rdfc-2022")
_DID_METHODS = ("did:key:", "did:jwk:")
# Header parameters that name a key some other way (Appendix F.1: x5c,
# trust_chain; section 8.2.1.1: key_attestation): not verifiable offline here.
_OTHER_KEY_HEADERS = ("x5c", "x5u", "jku", "trust_chain", "key_attestation")
# RFC 7638, section 3.2: the members that make up each kind of public key.
_JWK_MEMBERS = {"OKP": ("crv", "kty", "x"), "EC": ("crv", "kty", "x", "y")}
_VP_CONTEXTS = (
    "https://www.w3.org/2018/credentials/v1",
    "https://www.w3.org/ns/credentials/v2",
)
#: A key proof's ``iat`` may be this many seconds ahead of the issuer's clock.
CLOCK_SKEW = 60


@dataclass(frozen=True)
class HolderKey:
    """The key a wallet proved it holds: its DID, the method id and the public JWK."""

    did: str
    verification_method: str
    jwk: dict[str, Any]


def did_jwk_for(jwk: Mapping[str, Any]) -> str:
    """Return the ``did:jwk`` of a public OKP or EC key (did:jwk Method Specification, "Create").

    Only the key's own members (RFC 7638, section 3.2), in lexicographic
    order without white space, go in, so one key always has one DID.
    """
    members = _JWK_MEMBERS.get(jwk.get("kty"), ())
    if not members:
        raise DecodeError("Only OKP and EC keys get a did:jwk here.")
    public = {name: jwk[name] for name in members}
    encoded = json.dumps(public, separators=(",", ":"), sort_keys=True).encode()
    return "did:jwk:" + base64.urlsafe_b64encode(encoded).rstrip(b"=").decode()


def _document(did: str) -> dict[str, Any]:
    try:
        if did.startswith("did:key:"):
            return did_.did_key_document(did)
        if did.startswith("did:jwk:"):
            return did_.did_jwk_document(did)
    except DecodeError as exc:
        raise InvalidProof(f"The DID {did[:80]} cannot be read: {exc}") from exc
    raise InvalidProof(
        f"The key's DID {did[:80]!r} is not a did:key or a did:jwk; only DIDs "
        "that carry their key can be resolved here."
    )


def _authentication_key(method_id: str) -> tuple[Any, dict[str, Any]]:
    """Return ``(cryptography key, public JWK)`` of a DID URL listed under ``authentication``."""
    did, _, fragment = method_id.partition("#")
    if not fragment:
        raise InvalidProof(
            f"{method_id[:120]!r} names no key of the DID: a DID URL with a "
            "fragment (#...) is needed."
        )
    document = _document(did)
    if method_id not in document.get("authentication", []):
        raise InvalidProof(
            f"{method_id[:120]} is not one of its DID's authentication keys."
        )
    for method in document["verificationMethod"]:
        if method["id"] == method_id:
            if "publicKeyJwk" in method:
                jwk = dict(method["publicKeyJwk"])
                key = _joserfc_key(jwk).public_key
            else:
                key = decode_multikey(method["publicKeyMultibase"])
            with _eddsa_is_expected():
                jwk = _joserfc_key(key).as_dict(private=False)
            return key, {k: jwk[k] for k in _JWK_MEMBERS[jwk["kty"]]}
    raise InvalidProof(f"The DID document has no verification method {method_id}.")


def _check_key_header(header: Mapping[str, Any]) -> HolderKey:
    """Return the key ``kid`` names or ``jwk`` carries (Appendix F.1: exactly one of them)."""
    for name in _OTHER_KEY_HEADERS:
        if name in header:
            raise InvalidProof(
                f"The proof names its key with {name!r}, which this issuer does "
                "not accept; use 'kid' (a did:key or did:jwk DID URL) or 'jwk'."
            )
    has_kid, has_jwk = "kid" in header, "jwk" in header
    if has_kid and has_jwk:
        raise InvalidProof(
            "The proof's JOSE header has both 'kid' and 'jwk'; it must have "
            "exactly one (OID4VCI 1.0, Appendix F.1)."
        )
    if not (has_kid or has_jwk):
        raise InvalidProof(
            "The proof's JOSE header has neither 'kid' nor 'jwk': it names no "
            "key (OID4VCI 1.0, Appendix F.1)."
        )
    if has_jwk:
        value = header["jwk"]
        if isinstance(value, Mapping) and "d" in value:
            raise InvalidProof(
                "The proof's 'jwk' holds a private key ('d'): only the public "
                "key may be sent, and this one can no longer be trusted."
            )
        try:
            jwk = vc_jwt.checked_public_jwk(value, "The proof's 'jwk'")
        except DecodeError as exc:
            raise InvalidProof(str(exc)) from exc
        if jwk["kty"] not in _JWK_MEMBERS:
            raise InvalidProof("The proof's 'jwk' must be an OKP or EC key.")
        did = did_jwk_for(jwk)
        return HolderKey(did, f"{did}#0", {k: jwk[k] for k in _JWK_MEMBERS[jwk["kty"]]})
    kid = header["kid"]
    if not isinstance(kid, str) or not kid.startswith(_DID_METHODS):
        raise InvalidProof(
            f"The proof's 'kid' {str(kid)[:120]!r} is not a did:key or did:jwk "
            "DID URL; those are the keys this issuer resolves."
        )
    _key, jwk = _authentication_key(kid)
    return HolderKey(kid.split("#", 1)[0], kid, jwk)


def _numeric(claims: Mapping[str, Any], name: str) -> float | None:
    value = claims.get(name)
    if value is None and name not in claims:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidProof(
            f"The proof's {name!r} is not a NumericDate (RFC 7519, section 2)."
        )
    return value


def _check_times(claims: Mapping[str, Any], now: datetime, max_age: int) -> None:
    moment = now.timestamp()
    iat = _numeric(claims, "iat")
    if iat is None:
        raise InvalidProof("The proof has no 'iat' (OID4VCI 1.0, Appendix F.1).")
    if iat > moment + CLOCK_SKEW:
        raise InvalidProof(
            f"The proof's 'iat' is {int(iat - moment)} seconds in the future."
        )
    if iat < moment - max_age:
        raise InvalidProof(
            f"The proof was made {int(moment - iat)} seconds ago; proofs older "
            f"than {max_age} seconds are refused."
        )
    exp, nbf = _numeric(claims, "exp"), _numeric(claims, "nbf")
    if exp is not None and moment >= exp:
        raise InvalidProof("The proof has expired (its 'exp').")
    if nbf is not None and moment + CLOCK_SKEW < nbf:
        raise InvalidProof("The proof is not valid yet (its 'nbf').")


def _check_audience(claims: Mapping[str, Any], audience: str) -> None:
    aud = claims.get("aud")
    if isinstance(aud, list) and len(aud) == 1:
        aud = aud[0]
    if aud is None:
        raise InvalidProof("The proof has no 'aud' (OID4VCI 1.0, Appendix F.1).")
    if aud != audience:
        raise InvalidProof(
            f"The proof's 'aud' is {str(aud)[:200]!r}; it must be the Credential "
            f"Issuer Identifier {audience!r}."
        )


def _check_nonce(claims: Mapping[str, Any], nonce: str | Callable[[str], bool]) -> None:
    value = claims.get("nonce")
    if value is None:
        raise InvalidProof(
            "The proof has no 'nonce': take a c_nonce from the Nonce Endpoint "
            "and sign it (OID4VCI 1.0, sections 7 and F.1)."
        )
    if not isinstance(value, str):
        raise InvalidProof("The proof's 'nonce' is not a string.")
    if callable(nonce):
        accepted = nonce(value)
    else:
        accepted = hmac.compare_digest(value.encode(), nonce.encode())
    if not accepted:
        raise InvalidNonce(
            "The proof's nonce is not a c_nonce this issuer gave, or it was "
            "used or has expired: fetch a fresh one from the Nonce Endpoint."
        )


def check_proof_jwt(
    token: Any,
    *,
    audience: str,
    nonce: str | Callable[[str], bool],
    now: datetime | None = None,
    max_age: int = 300,
) -> HolderKey:
    """Return the key an OID4VCI ``jwt`` key proof (Appendix F.1) shows the wallet holds.

    ``audience`` is the Credential Issuer Identifier. ``nonce`` is the
    expected c_nonce, or a function that takes the proof's nonce and says
    whether it is accepted; it is called last, after every other check has
    passed, so a function that consumes a single-use nonce spends it only on
    a proof that would otherwise be accepted. ``now`` defaults to the clock;
    ``iat`` must lie within ``max_age`` seconds before it and at most
    ``CLOCK_SKEW`` seconds after.

    Raise ``InvalidProof`` (wrong ``typ``, an algorithm other than EdDSA,
    ES256 and ES384, a key that is not a public did:key, did:jwk or JWK,
    both ``kid`` and ``jwk``, a bad signature, ``aud``, ``iat``, or no
    ``nonce``) or ``InvalidNonce`` (a nonce not accepted).
    """
    if not isinstance(token, str) or token.count(".") != 2:
        raise InvalidProof(
            "The proof is not a compact JWS (three dot-separated parts)."
        )
    try:
        header = vc_jwt.unverified_header(token)
    except DecodeError as exc:
        raise InvalidProof(f"The proof cannot be read: {exc}") from exc
    typ = header.get("typ")
    if (
        not isinstance(typ, str)
        or typ.lower().removeprefix("application/") != PROOF_TYPE
    ):
        raise InvalidProof(
            f"The proof's 'typ' is {typ!r}; a key proof has {PROOF_TYPE!r} "
            "(OID4VCI 1.0, Appendix F.1)."
        )
    alg = header.get("alg")
    if alg not in PROOF_ALGORITHMS:
        raise InvalidProof(
            f"The proof's algorithm {alg!r} is not accepted; use one of "
            f"{', '.join(PROOF_ALGORITHMS)} (never 'none' or an HMAC)."
        )
    if "crit" in header:
        raise InvalidProof(
            "The proof's 'crit' names extensions this issuer does not "
            "understand (RFC 7515, section 4.1.11)."
        )
    holder = _check_key_header(header)
    key = _joserfc_key(holder.jwk)
    kind = cryptosuites.key_kind(key.public_key)
    if kind != _KEY_FOR_ALGORITHM[alg]:
        raise InvalidProof(
            f"The proof is signed with {alg}, which needs an "
            f"{_KEY_FOR_ALGORITHM[alg]} key; the key is {kind or 'of another kind'}."
        )
    try:
        with _eddsa_is_expected():
            decoded = jwt.decode(
                token,
                key,
                algorithms=[alg],
                registry=_Registry(algorithms=[alg], strict_check_header=False),
            )
    except JoseError as exc:
        if exc.error == "bad_signature":
            raise InvalidProof(
                f"The proof's signature does not match the key {holder.verification_method[:120]}."
            ) from exc
        raise InvalidProof(
            f"The proof cannot be verified: {exc.description or exc.error}"
        ) from exc
    except (ValueError, TypeError) as exc:
        raise InvalidProof(f"The proof cannot be verified: {exc}") from exc
    claims = dict(decoded.claims)
    _check_audience(claims, audience)
    _check_times(claims, now or datetime.now(UTC), max_age)
    _check_nonce(claims, nonce)
    return holder


def _proof_of(vp: Mapping[str, Any]) -> dict[str, Any]:
    proof = vp.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    if proof is None:
        raise InvalidProof("The presentation has no proof.")
    if not isinstance(proof, dict):
        raise InvalidProof("A DIDAuth presentation carries exactly one proof.")
    return proof


def _same(value: Any, expected: str) -> bool:
    return isinstance(value, str) and hmac.compare_digest(
        value.encode(), expected.encode()
    )


def check_didauth(
    vp: Any,
    *,
    challenge: str,
    domain: str | None,
    domain_required: bool = True,
    loader: OfflineLoader | None = None,
) -> str:
    """Return the holder DID a DIDAuth verifiable presentation authenticates.

    The presentation (VC Data Model 1.1 or 2.0) must have a ``did:key`` or
    ``did:jwk`` ``holder`` and one proof in ``DIDAUTH_CRYPTOSUITES`` with
    ``proofPurpose`` ``authentication``, ``challenge`` equal to
    ``challenge``, signed by one of the holder's authentication keys. The
    proof's ``domain`` must equal ``domain``; with ``domain_required`` False
    a proof without a ``domain`` passes too (the Learner Credential Wallet's
    deep-link request signs none; the challenge, single use, still binds
    it). Contexts come from ``loader`` (the shipped ones by default).

    Raise ``InvalidProof`` with the reason.
    """
    if not isinstance(vp, dict):
        raise InvalidProof("The presentation is not a JSON object.")
    contexts = vp.get("@context")
    first = contexts[0] if isinstance(contexts, list) and contexts else contexts
    if first not in _VP_CONTEXTS:
        raise InvalidProof(
            "The presentation's first @context is not the VC Data Model 1.1 or "
            "2.0 context."
        )
    types = vp.get("type")
    types = types if isinstance(types, list) else [types]
    if "VerifiablePresentation" not in types:
        raise InvalidProof("The presentation's type is not VerifiablePresentation.")
    holder = vp.get("holder")
    holder = holder.get("id") if isinstance(holder, Mapping) else holder
    if not isinstance(holder, str) or not holder.startswith(_DID_METHODS):
        raise InvalidProof(
            "The presentation's holder is not a did:key or a did:jwk: it "
            "names no key to authenticate."
        )
    proof = _proof_of(vp)
    if proof.get("proofPurpose") != "authentication":
        raise InvalidProof(
            f"The presentation's proofPurpose is {proof.get('proofPurpose')!r}; "
            "DIDAuth needs 'authentication'."
        )
    if not _same(proof.get("challenge"), challenge):
        raise InvalidProof(
            "The presentation is signed over another challenge than this exchange's."
        )
    if "domain" in proof or domain_required:
        proof_domain = proof.get("domain")
        proof_domain = (
            proof_domain[0]
            if isinstance(proof_domain, list) and len(proof_domain) == 1
            else proof_domain
        )
        if proof_domain is None:
            raise InvalidProof(
                f"The presentation's proof has no domain; it must be signed for {domain!r}."
            )
        if domain is None or not _same(proof_domain, domain):
            raise InvalidProof(
                f"The presentation is signed for the domain {str(proof_domain)[:200]!r}, "
                f"not {domain!r}."
            )
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or method.split("#", 1)[0] != holder:
        raise InvalidProof(
            "The presentation is signed with a key of another DID than its holder."
        )

    def resolve_key(method_id: str, _purpose: str) -> Any:
        return _authentication_key(method_id)[0]

    try:
        data_integrity.verify_proofs(
            vp,
            resolve_key=resolve_key,
            loader=loader or OfflineLoader(),
            cryptosuites=DIDAUTH_CRYPTOSUITES,
            expected_purpose="authentication",
        )
    except InvalidProof:
        raise
    except CredentialError as exc:
        raise InvalidProof(f"The presentation's proof does not verify: {exc}") from exc
    return holder
