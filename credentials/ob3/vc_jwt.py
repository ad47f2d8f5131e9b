"""The VC-JWT form of an OpenBadgeCredential (OB 3.0, section 8.2, "JWT Proof").

OB 3.0 keeps the VC 1.1-style ``vc`` claim. The JOSE header has ``alg``,
``typ`` and the key: ``kid`` names it, or ``jwk`` carries it (section 8.2.3:
"If you do not include a ``kid`` property in the header, you MUST include the
public key in the ``jwk`` property"; "Additional JOSE Headers are NOT
allowed"). The claims mirror the credential (section 8.2.4)::

    header  {"alg": "EdDSA", "typ": "JWT",
             "kid": "did:web:badges.example.edu:issuers:4f1c...#key-1-jwk"}
    claims  {"iss": "did:web:badges.example.edu:issuers:4f1c...",   # issuer.id
             "jti": "https://badges.example.edu/public/credentials/7d0c...",  # id
             "sub": "did:key:z6Mk...",         # credentialSubject.id, when it has one
             "nbf": 1740819600,                                   # validFrom
             "exp": 1772355600,                                   # validUntil, when set
             "iat": 1740819600,
             "vc": {... the OpenBadgeCredential, without "proof" ...}}

The specification's own examples are VC Data Model 1.1 credentials signed
with RS256 and a ``jwk`` header instead of ``kid``::

    header  {"alg": "RS256", "typ": "JWT",
             "jwk": {"e": "AQAB", "kty": "RSA", "n": "0vOyaPKV7C..."}}
    claims  {"iss": "https://example.edu/issuers/565049",         # issuer.id
             "jti": "http://example.edu/credentials/3732",         # id
             "sub": "did:example:ebfeb1f712ebc6f1c276e12ec21",     # credentialSubject.id
             "nbf": 1262304000,                                    # issuanceDate
             "vc": {... "issuanceDate": "2010-01-01T00:00:00Z" ...}}

A key in ``jwk`` is self-attested: whoever made the token chose it. It is
used only when the caller's ``resolve_jwk`` finds the same key among those
the issuer publishes (``_checks`` looks in the issuer's DID or controller
document), so it proves no more than a ``kid`` would.

Section 8.2.4 maps ``sub`` to ``credentialSubject.id``; a subject identified
only by a hashed ``identifier`` has no id, so the token then has no ``sub``.
The ``vc`` claim is the credential without its embedded Data Integrity
``proof``: the JWS is the token's proof, the specification's own VC-JWT
examples carry none, and the formal (2024-09) AchievementCredential schema,
which the ``vc`` claim is to satisfy, wants ``proof`` as an array where the
embedded form writes a single object.

Tokens issued before these rules (``sub`` equal to ``jti`` for a subject
without an id, and the Data Integrity proof inside ``vc``) still pass
``check_claims``: such a ``sub`` names the credential itself, which the
token already states in ``jti``.

VC Data Model 2.0 credentials are also secured the other way, by W3C
"Securing Verifiable Credentials using JOSE and COSE" 1.0 (VC-JOSE-COSE),
section 3.1: the JWS payload *is* the credential, with no ``vc`` claim::

    header  {"alg": "ES256", "typ": "vc+jwt", "cty": "vc",
             "kid": "did:jwk:eyJrdHkiOiJFQyIs...#0"}
    payload {"@context": ["https://www.w3.org/ns/credentials/v2", ...],
             "type": ["VerifiableCredential", "OpenBadgeCredential"],
             "issuer": {"id": "did:jwk:eyJrdHkiOiJFQyIs..."}, ...}

``token_form()`` tells the two apart (and from an OB 2.0 signed assertion,
whose payload is an Assertion): ``VC_JWT`` for a ``vc`` claim, ``VC_JOSE``
for a ``vc+jwt`` (or, before 2024, ``vc+ld+jwt``) ``typ`` or a payload that
is a verifiable credential. ``decode(..., form=VC_JOSE)`` applies that
form's header rules and ``check_jose_claims`` its claim rules: ``iss``, in
the header or the payload, must be the credential's issuer.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from joserfc import jwt
from joserfc.errors import ExceededSizeError, JoseError, SecurityWarning
from joserfc.jwk import ECKey, OKPKey, RSAKey, import_key
from joserfc.jws import JWSRegistry, extract_compact

from .._dates import xsd_datetime
from ..errors import DecodeError, InvalidSignature, UnsupportedAlgorithm
from ..jws import unverified_claims

__all__ = [
    "VC_JWT",
    "VC_JOSE",
    "SUPPORTED_ALGORITHMS",
    "DEFAULT_ALGORITHMS",
    "MAX_HEADER_BYTES",
    "claims_for",
    "encode",
    "decode",
    "check_claims",
    "check_jose_claims",
    "checked_public_jwk",
    "token_form",
    "same_key",
    "unverified_header",
]

# The ceiling of every allow-list: a caller may narrow it, never widen it, so
# "none" and the HMAC algorithms (HS256, ...) can never verify a credential.
# OB 3.0, section 8.2.3: implementations "MUST support RS256"; Insignia
# signs with EdDSA; ES256 and ES384 are the algorithms VC-JOSE-COSE
# (section 3.1) and ECDSA issuers use.
SUPPORTED_ALGORITHMS = ("EdDSA", "ES256", "ES384", "RS256")
DEFAULT_ALGORITHMS = SUPPORTED_ALGORITHMS
VC_JWT = "vc-jwt"  # OB 3.0, section 8.2: the credential in a "vc" claim
VC_JOSE = "vc-jose"  # VC-JOSE-COSE, section 3.1: the credential is the payload
_ALLOWED_HEADERS = {"alg", "kid", "jwk", "typ"}
# VC-JOSE-COSE, section 3.1.1: "typ" vc+jwt and "cty" vc; vc+ld+jwt and
# vc+ld+json are their names in the drafts before 2024, still issued. A
# media type may be written without "application/" (RFC 7515, section 4.1.9).
_JOSE_TYPES = {"vc+jwt", "vc+ld+jwt"}
_JOSE_CONTENT_TYPES = {"vc", "vc+ld+json"}
# The registered JWT claims (RFC 7519, section 4.1) and "cnf" (RFC 7800) a
# VC-JOSE payload may carry beside the credential's own properties.
_JWT_CLAIMS = {"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf"}
_VC_CONTEXTS = {
    "https://www.w3.org/ns/credentials/v2",
    "https://www.w3.org/2018/credentials/v1",
}
_KEY_TYPES = {"OKP", "EC", "RSA"}
# The curves ES256 and ES384 sign with (RFC 7518, section 3.4); Ed25519 for EdDSA.
_CURVES = {"OKP": {"Ed25519"}, "EC": {"P-256", "P-384"}}
# RFC 7518, section 6: the members that make a JWK private (or symmetric).
_PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}
# RFC 7518, section 3.3: "A key of size 2048 bits or larger MUST be used".
_MIN_RSA_BITS = 2048
# joserfc refuses JOSE headers over 512 bytes (base64url), too few for a
# header that carries an RSA key in "jwk". An RSA-4096 public key written
# the way the specification's examples write theirs ({"alg", "typ",
# "jwk": {"e", "kty", "n"}}) makes a 998-byte header; 1024 admits it, with
# no room for anything much larger.
MAX_HEADER_BYTES = 1024


class _Registry(JWSRegistry):
    max_header_length = MAX_HEADER_BYTES


def _numeric_date(value: str) -> int:
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


@contextmanager
def _eddsa_is_expected() -> Iterator[None]:
    # joserfc warns that "EdDSA" is deprecated by RFC 9864 in favour of
    # "Ed25519". OB 3.0 verifiers and the jose library know "EdDSA", so the
    # warning is expected here and silenced only around these calls.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SecurityWarning)
        yield


_VC1_CONTEXT = "https://www.w3.org/2018/credentials/v1"


def _date_names(credential: Mapping[str, Any]) -> tuple[str, str]:
    """Return the names of the credential's first and last valid moments.

    VC Data Model 2.0 (section 4.9) calls them ``validFrom`` and
    ``validUntil``; a VC 1.1 credential (first ``@context`` VC 1.1's) calls
    them ``issuanceDate`` and ``expirationDate``.
    """
    contexts = credential.get("@context")
    if isinstance(contexts, list) and contexts and contexts[0] == _VC1_CONTEXT:
        return "issuanceDate", "expirationDate"
    return "validFrom", "validUntil"


def claims_for(credential: dict[str, Any]) -> dict[str, Any]:
    """Return the JWT claims for ``credential`` (section 8.2.4 "JWT Payload Format").

    A VC 1.1 credential's claims follow VC Data Model 1.1, section 6.3.1:
    ``nbf`` is its ``issuanceDate`` and ``exp`` its ``expirationDate``.
    ``sub`` is ``credentialSubject.id``, left out when the subject has none,
    and ``vc`` is the credential without an embedded ``proof``.
    """
    issuer = credential["issuer"]
    issuer_id = issuer["id"] if isinstance(issuer, dict) else issuer
    valid_from, valid_until = _date_names(credential)
    claims: dict[str, Any] = {
        "iss": issuer_id,
        "jti": credential["id"],
        "nbf": _numeric_date(credential[valid_from]),
        "iat": _numeric_date(credential[valid_from]),
    }
    if credential["credentialSubject"].get("id"):
        claims["sub"] = credential["credentialSubject"]["id"]
    if credential.get(valid_until):
        claims["exp"] = _numeric_date(credential[valid_until])
    claims["vc"] = {k: v for k, v in credential.items() if k != "proof"}
    return claims


def encode(
    credential: dict[str, Any], private_key: Ed25519PrivateKey, *, kid: str
) -> str:
    """Return the compact JWS of ``credential``, signed with EdDSA (Ed25519)."""
    header = {"alg": "EdDSA", "kid": kid, "typ": "JWT"}
    with _eddsa_is_expected():
        return jwt.encode(
            header,
            claims_for(credential),
            OKPKey.import_key(private_key),
            algorithms=["EdDSA"],
        )


def unverified_header(token: str) -> dict[str, Any]:
    """Return the JOSE header unchecked; raise ``DecodeError`` if unreadable."""
    try:
        return dict(
            extract_compact(token.encode("ascii"), registry=_Registry()).protected
        )
    except ExceededSizeError as exc:
        raise DecodeError(f"The token is not a compact JWS: {exc.description}") from exc
    except (JoseError, ValueError, UnicodeError) as exc:
        raise DecodeError("The token is not a compact JWS.") from exc


def _public_key(key: Any) -> Any:
    """Return ``key`` (a ``cryptography`` public key or a public JWK) as a ``cryptography`` key."""
    if isinstance(key, Mapping):
        with _eddsa_is_expected():
            return import_key(dict(key)).public_key
    return key


def same_key(one: Any, other: Any) -> bool:
    """Return True when two public keys (``cryptography`` keys or JWKs) are the same key.

    The keys are compared as SubjectPublicKeyInfo bytes, so two JWKs of one
    key compare equal whatever other members (``kid``, ``use``) they carry.
    Raise ``DecodeError`` when either is not a public key.
    """
    try:
        encoded = [
            _public_key(key).public_bytes(
                Encoding.DER, PublicFormat.SubjectPublicKeyInfo
            )
            for key in (one, other)
        ]
    except (JoseError, ValueError, TypeError, AttributeError, KeyError) as exc:
        raise DecodeError("The key is not a public key.") from exc
    return encoded[0] == encoded[1]


def checked_public_jwk(
    value: Any, what: str = "The JOSE header 'jwk'"
) -> dict[str, Any]:
    """Return ``value`` after checking it is a public JWK of a usable type and curve.

    ``what`` names the key in messages. Refused, with ``DecodeError``: not
    an object, private or symmetric members (RFC 7518, section 6), a key
    type other than OKP, EC and RSA, a curve other than Ed25519, P-256 and
    P-384, or values that are not a key (an EC point off its curve).
    """
    if not isinstance(value, Mapping):
        raise DecodeError(f"{what} is not a JSON object.")
    value = dict(value)
    if _PRIVATE_MEMBERS & set(value):
        raise DecodeError(f"{what} holds private or symmetric key material.")
    kty = value.get("kty")
    if kty not in _KEY_TYPES:
        raise DecodeError(
            f"{what} has key type {kty!r}; "
            "only OKP, EC and RSA public keys are accepted."
        )
    if kty in _CURVES and value.get("crv") not in _CURVES[kty]:
        raise DecodeError(
            f"{what} is a {kty} key on curve {value.get('crv')!r}; only "
            f"{' and '.join(sorted(_CURVES[kty]))} are accepted."
        )
    try:
        _public_key(value)
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise DecodeError(f"{what} is not a valid public key.") from exc
    return value


def _resolve(
    header: dict[str, Any],
    resolve_key: Callable[[str], Any],
    resolve_jwk: Callable[[dict[str, Any]], Any] | None,
) -> Any:
    """Return the verification key the header names (``kid``) or carries (``jwk``)."""
    kid, jwk = header.get("kid"), header.get("jwk")
    if kid is None and jwk is None:
        raise DecodeError(
            "The JOSE header has neither 'kid' nor 'jwk' (OB 3.0, section 8.2.3)."
        )
    if kid is not None and not isinstance(kid, str):
        raise DecodeError("The JOSE header 'kid' is not a string.")
    if jwk is not None:
        jwk = checked_public_jwk(jwk)
    if kid is not None:
        key = resolve_key(kid)
        if jwk is not None and not same_key(jwk, key):
            raise DecodeError(f"The JOSE header 'jwk' is not the key {kid}.")
        return key
    if resolve_jwk is None:
        raise DecodeError(
            "The JOSE header carries its key in 'jwk' and no published keys "
            "were given to check it against."
        )
    return resolve_jwk(jwk)


def _media_type(value: Any) -> str | None:
    """Return a ``typ`` or ``cty`` value as compared: lower case, no ``application/``."""
    if not isinstance(value, str):
        return None  # never a list or object, which a set lookup could not hash
    return value.lower().removeprefix("application/")


def _check_jose_header(header: dict[str, Any]) -> None:
    """Refuse a header that VC-JOSE-COSE (section 3.1.1) does not allow for a credential."""
    if "crit" in header:
        raise DecodeError(
            "The JOSE header 'crit' names extensions this verifier does not "
            "understand (RFC 7515, section 4.1.11)."
        )
    if "typ" in header and _media_type(header["typ"]) not in _JOSE_TYPES:
        raise DecodeError(
            f"The JOSE header 'typ' is {header['typ']!r}; a credential secured "
            "with JOSE has 'vc+jwt' (VC-JOSE-COSE, section 3.1.1)."
        )
    if "cty" in header and _media_type(header["cty"]) not in _JOSE_CONTENT_TYPES:
        raise DecodeError(
            f"The JOSE header 'cty' is {header['cty']!r}; a credential secured "
            "with JOSE has 'vc' (VC-JOSE-COSE, section 3.1.1)."
        )


def _joserfc_key(key: Any) -> Any:
    """Return a ``cryptography`` public key or a JWK dict as a joserfc key."""
    if isinstance(key, Ed25519PublicKey):
        return OKPKey.import_key(key)
    if isinstance(key, EllipticCurvePublicKey):
        return ECKey.import_key(key)
    if isinstance(key, RSAPublicKey):
        return RSAKey.import_key(key)
    return import_key(key)


def decode(
    token: str,
    *,
    resolve_key: Callable[[str], Ed25519PublicKey | Any],
    resolve_jwk: Callable[[dict[str, Any]], Ed25519PublicKey | Any] | None = None,
    algorithms: Collection[str] = DEFAULT_ALGORITHMS,
    form: str = VC_JWT,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check the token's signature and return ``(header, claims)``, claims unchecked.

    ``form`` is ``VC_JWT`` (OB 3.0, section 8.2: ``typ`` JWT and no other
    headers than ``alg``, ``kid``, ``jwk`` and ``typ``) or ``VC_JOSE``
    (VC-JOSE-COSE, section 3.1.1: ``typ`` vc+jwt, ``cty`` vc when present;
    other headers are ignored, but ``crit`` names extensions not understood
    here and is refused).

    ``resolve_key(kid)`` returns the public key (a ``cryptography`` key or a
    JWK dict) that ``kid`` names. ``resolve_jwk(jwk)`` returns the issuer's
    published key equal to a ``jwk`` header, or raises: a header's own key
    is never used as it stands, and without ``resolve_jwk`` a token carrying
    only ``jwk`` is refused. When a header has both, the ``jwk`` must be the
    key ``kid`` names.

    ``algorithms`` is the explicit allow-list, narrowed to
    ``SUPPORTED_ALGORITHMS``: the header's ``alg`` is never trusted on its
    own, and ``none`` and HMAC are always refused. RSA keys must have at
    least 2048 bits.

    Raise ``DecodeError``, ``UnsupportedAlgorithm`` or ``InvalidSignature``,
    or whatever the resolvers raise.
    """
    header = unverified_header(token)
    alg = header.get("alg")
    allowed = [a for a in algorithms if a in SUPPORTED_ALGORITHMS]
    if not isinstance(alg, str) or alg not in allowed:
        raise UnsupportedAlgorithm(f"The JWT algorithm {alg!r} is not allowed.")
    if form == VC_JOSE:
        _check_jose_header(header)
    else:
        extra = set(header) - _ALLOWED_HEADERS
        if extra:
            raise DecodeError(
                "OB 3.0 allows no JOSE headers besides alg, kid, jwk and typ "
                f"(got {sorted(extra)})."
            )
        if header.get("typ", "JWT") != "JWT":
            raise DecodeError("The JOSE header 'typ' must be 'JWT'.")
    key = _resolve(header, resolve_key, resolve_jwk)
    try:
        with _eddsa_is_expected():
            joserfc_key = _joserfc_key(key)
            if (
                isinstance(joserfc_key.public_key, RSAPublicKey)
                and joserfc_key.public_key.key_size < _MIN_RSA_BITS
            ):
                raise DecodeError(
                    f"The RSA key has {joserfc_key.public_key.key_size} bits; "
                    f"at least {_MIN_RSA_BITS} are required (RFC 7518, section 3.3)."
                )
            token_obj = jwt.decode(
                token,
                joserfc_key,
                algorithms=allowed,
                # VC-JOSE-COSE leaves headers open: unknown ones are ignored
                # (RFC 7515, section 4), never used to find a key.
                registry=_Registry(
                    algorithms=allowed, strict_check_header=form != VC_JOSE
                ),
            )
    except JoseError as exc:
        if exc.error == "bad_signature":
            raise InvalidSignature("The JWT signature does not match the key.") from exc
        raise DecodeError(
            f"The JWT cannot be verified: {exc.description or exc.error}"
        ) from exc
    except (ValueError, TypeError) as exc:
        raise DecodeError(
            "The JWT cannot be verified: its key is not a usable public key."
        ) from exc
    return dict(token_obj.header), dict(token_obj.claims)


def check_claims(claims: dict[str, Any]) -> dict[str, Any]:
    """Return the ``vc`` claim after checking it against the others (section 8.2.6.1).

    The registered claims must say what the credential says: ``iss`` its
    issuer, ``jti`` its id, ``sub`` its subject's id, ``nbf`` its start and
    ``exp`` its end, as VC Data Model 1.1, section 6.3.1 maps them
    (``issuanceDate`` and ``expirationDate`` in a VC 1.1 credential,
    ``validFrom`` and ``validUntil`` in a VC 2.0 one). Raise ``DecodeError``
    when a claim is missing or disagrees. For a subject without an id,
    ``sub`` must be absent or, in tokens Insignia issued before it followed
    section 8.2.4, equal to ``jti``. Dates against the clock are checked by
    ``verification``.
    """
    credential = claims.get("vc")
    if not isinstance(credential, dict):
        raise DecodeError("The JWT has no 'vc' claim.")
    try:
        expected = claims_for(credential)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DecodeError("The 'vc' claim is not a complete credential.") from exc
    valid_from, valid_until = _date_names(credential)
    properties = {
        "iss": "issuer",
        "jti": "id",
        "sub": "credentialSubject.id",
        "nbf": valid_from,
        "exp": valid_until,
    }
    for name in ("iss", "jti", "sub", "nbf", "exp"):
        if (
            name == "sub"
            and "sub" not in expected
            and claims.get("sub") == claims.get("jti")
        ):
            continue  # issued before section 8.2.4 was followed: sub was the jti
        if claims.get(name) != expected.get(name):
            raise DecodeError(
                f"The JWT claim {name!r} does not match the credential's "
                f"{properties[name]}."
            )
    return credential


def _is_credential(payload: Mapping[str, Any]) -> bool:
    """Return True for a payload that is a verifiable credential (VC Data Model 1.1 or 2.0)."""
    contexts = payload.get("@context")
    contexts = contexts if isinstance(contexts, list) else [contexts]
    types = payload.get("type")
    types = types if isinstance(types, list) else [types]
    return bool(_VC_CONTEXTS & {c for c in contexts if isinstance(c, str)}) or (
        "VerifiableCredential" in types
    )


def token_form(token: str) -> str | None:
    """Return which JWT form of a credential ``token`` is, read unverified, or ``None``.

    ``VC_JWT`` when the payload has a ``vc`` claim and is not itself a
    credential (OB 3.0, section 8.2); ``VC_JOSE`` when the header's ``typ``
    is ``vc+jwt`` (or ``vc+ld+jwt``) or the payload is a verifiable
    credential (VC-JOSE-COSE, section 3.1). ``None`` for anything else, such
    as an OB 2.0 signed assertion, and for a token that cannot be read.
    """
    try:
        payload = unverified_claims(token)
    except DecodeError:
        return None
    try:
        header = unverified_header(token)
    except DecodeError:
        header = {}  # decode() says what is wrong with it
    if "vc" in payload and not _is_credential(payload):
        return VC_JWT
    if _media_type(header.get("typ")) in _JOSE_TYPES or _is_credential(payload):
        return VC_JOSE
    return None


def check_jose_claims(
    header: Mapping[str, Any], claims: dict[str, Any], *, now: datetime | None = None
) -> dict[str, Any]:
    """Return the credential a VC-JOSE payload is, after checking its JWT claims.

    VC-JOSE-COSE, section 3.1: the payload is the credential, so the ``vc``
    and ``vp`` claims must not be there; ``iss``, in the payload or the
    header (RFC 7519, section 5.3), must be the credential's ``issuer``
    (section 6.1.1). ``exp`` and ``nbf``, when present, bound the
    *signature's* validity, not the credential's (section 3.1.2): at ``now``
    the token must not have expired nor be not yet valid (RFC 7519, sections
    4.1.4 and 4.1.5). The registered JWT claims (``iss``, ``iat``, ``nbf``,
    ``exp``, ...) are not properties of the credential and are left out of
    what is returned. Raise ``DecodeError``.
    """
    for name in ("vc", "vp"):
        if name in claims:
            raise DecodeError(
                f"A credential secured with JOSE is the payload itself; the JWT "
                f"claim {name!r} must not be present (VC-JOSE-COSE, section 3.1)."
            )
    issuer = claims.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    if not isinstance(issuer_id, str):
        raise DecodeError("The credential has no issuer id.")
    for where, source in (("header", header), ("claim", claims)):
        if "iss" in source and source["iss"] != issuer_id:
            raise DecodeError(
                f"The JWT {where} 'iss' ({source['iss']!r}) is not the "
                f"credential's issuer ({issuer_id})."
            )
    if now is not None:
        _check_signature_times(claims, now)
    return {k: v for k, v in claims.items() if k not in _JWT_CLAIMS}


def _check_signature_times(claims: Mapping[str, Any], now: datetime) -> None:
    """Refuse a token whose ``exp`` has passed or whose ``nbf`` is still to come."""
    for name in ("exp", "nbf", "iat"):
        value = claims.get(name)
        if name in claims and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            raise DecodeError(
                f"The JWT claim {name!r} is not a NumericDate (RFC 7519, section 2)."
            )
    moment = now.timestamp()
    if "exp" in claims and moment >= claims["exp"]:
        raise DecodeError(
            f"The JWT expired at {_iso(claims['exp'])} (its 'exp' claim): "
            "the signature is no longer valid."
        )
    if "nbf" in claims and moment < claims["nbf"]:
        raise DecodeError(
            f"The JWT is not valid before {_iso(claims['nbf'])} (its 'nbf' claim)."
        )


def _iso(numeric_date: float) -> str:
    try:
        return xsd_datetime(datetime.fromtimestamp(numeric_date, UTC))
    except (OverflowError, OSError, ValueError):
        return str(numeric_date)
