"""The individual checks behind ``verification.verify()``.

Each ``check_*`` function returns a message (or a ``(status, message)``
pair) when its check passes and raises ``Failed`` with the reason when it
does not; ``verify_data_integrity`` (and ``_jwt_checks.verify_jwt``) return
the ``issuer_key`` and ``proof`` checks together, because which one failed
depends on how far key resolution got. The status check is in ``_status``,
the schema check in ``_schema``. Nothing here does I/O: DID
documents and status lists come from the caller's resolvers.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .. import jsontext
from .._multikey import (
    decode_multikey,
    public_key_from_jwk,
)
from ..errors import CredentialError, DecodeError
from ..jsontext import NestingError
from ..loader import OfflineLoader
from ..report import (
    FAILED,
    PASSED,
    SKIPPED,
    Check,
)
from . import data_integrity, vc_jwt
from .build import VC2_CONTEXT

_CREDENTIAL_TYPES = {"OpenBadgeCredential", "AchievementCredential"}
_ED25519_2020_KEY = "Ed25519VerificationKey2020"

DidResolver = Callable[[str], Mapping[str, Any]]
StatusListFetcher = Callable[[str], Mapping[str, Any]]


class Failed(Exception):
    """A check failed with this message, and optionally a code (internal control flow)."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


def _parse_datetime(value: Any, name: str) -> datetime:
    if not isinstance(value, str):
        raise Failed(f"{name} is missing or not a string.")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Failed(f"{name} {value!r} is not a valid dateTime.") from None
    if moment.tzinfo is None:
        raise Failed(f"{name} {value!r} has no time zone.")
    return moment


def _issuer_id(credential: Any) -> str:
    if not isinstance(credential, Mapping):
        raise Failed("The credential is not a JSON object.")
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    if not isinstance(issuer_id, str):
        raise Failed("The credential has no issuer id.")
    return issuer_id


def _verification_method(
    did_document: Mapping[str, Any], method_id: str
) -> Mapping[str, Any]:
    """Return ``method_id``'s entry in a DID document if it may assert credentials."""
    if did_document.get("id") != method_id.split("#", 1)[0]:
        raise Failed(
            "The DID document's id does not match the verification method's DID."
        )
    did = did_document["id"]

    def absolute(ref: Any) -> Any:
        return did + ref if isinstance(ref, str) and ref.startswith("#") else ref

    assertion = did_document.get("assertionMethod") or []
    listed = [absolute(a.get("id") if isinstance(a, Mapping) else a) for a in assertion]
    if method_id not in listed:
        raise Failed(f"{method_id} is not listed under the issuer's assertionMethod.")
    candidates = list(did_document.get("verificationMethod") or [])
    candidates += [a for a in assertion if isinstance(a, Mapping)]
    for method in candidates:
        if isinstance(method, Mapping) and absolute(method.get("id")) == method_id:
            if method.get("controller") not in (None, did):
                raise Failed(f"{method_id} is controlled by another DID.")
            return method
    raise Failed(f"The issuer's DID document has no verification method {method_id}.")


class _KeyResolver:
    """Resolve verification methods with the injected resolver; record the outcome.

    Keys must belong to the issuer, unless ``others_allowed`` is set (a proof
    set, where co-signers may sign too): then a method of another DID is
    looked up in that DID's document, and ``issuer_methods`` tells which of
    the resolved methods were the issuer's.
    """

    def __init__(self, resolve_did_document: DidResolver, issuer_id: str) -> None:
        self._resolve = resolve_did_document
        self.issuer_id = issuer_id
        self.error: str | None = None
        self.method_id: str | None = None
        self.others_allowed = False
        self.issuer_methods: list[str] = []

    def _document(self, did: str | None = None) -> Mapping[str, Any]:
        """Return the issuer's DID document, or the document of ``did`` (a co-signer's)."""
        try:
            document = self._resolve(self.issuer_id if did is None else did)
        except Exception as exc:  # the injected resolver's failure is a failed check
            if did is None:
                raise Failed(
                    f"The issuer's DID document could not be resolved: {exc}"
                ) from exc
            raise Failed(
                f"The DID document of {did} could not be resolved: {exc}"
            ) from exc
        if not isinstance(document, Mapping):
            if did is None:
                raise Failed("The issuer's DID document is not a JSON object.")
            raise Failed(f"The DID document of {did} is not a JSON object.")
        return document

    def _method(self, method_id: str) -> Mapping[str, Any]:
        did = method_id.split("#", 1)[0]
        if did == self.issuer_id:
            return _verification_method(self._document(), method_id)
        if not self.others_allowed:
            raise Failed(
                f"The key {method_id} does not belong to the issuer {self.issuer_id}."
            )
        return _verification_method(self._document(did), method_id)

    def _record(self, method_id: str, fetch: Callable[[Mapping[str, Any]], Any]) -> Any:
        self.method_id = method_id
        try:
            return fetch(self._method(method_id))
        except (Failed, CredentialError) as exc:
            self.error = str(exc)
            raise _KeyUnavailable(str(exc)) from exc

    def multikey(self, method_id: str, _purpose: str = "assertionMethod") -> Any:
        """Return the Ed25519, P-256 or P-384 key of a method with a ``publicKeyMultibase``.

        A ``Multikey`` (Controlled Identifiers v1.0, section 2.2.2) or, for
        Ed25519 only, the older ``Ed25519VerificationKey2020`` that
        Ed25519Signature2020 issuers publish (its ``publicKeyMultibase`` has
        the same multicodec header).
        """

        def fetch(method: Mapping[str, Any]) -> Any:
            kind = method.get("type")
            if kind not in ("Multikey", _ED25519_2020_KEY):
                raise Failed(f"{method_id} is not a Multikey.")
            key = decode_multikey(method.get("publicKeyMultibase"))
            if kind == _ED25519_2020_KEY and not isinstance(key, Ed25519PublicKey):
                raise Failed(f"{method_id} is not an Ed25519 key.")
            return key

        key = self._record(method_id, fetch)
        if method_id.split("#", 1)[0] == self.issuer_id:
            self.issuer_methods.append(method_id)
        return key

    def jwk(self, kid: str) -> Any:
        return self._record(kid, lambda method: _jwt_key(method, kid))

    def published_jwk(self, jwk: Mapping[str, Any]) -> Any:
        """Return the issuer's published key that is the same key as a ``jwk`` header.

        A key the token carries is self-attested: anyone can sign with a key
        of their own and put it in the header. It is trusted only as one of
        the issuer's assertion methods (VC Data Model 2.0, section 7.1), as
        a ``kid`` would be; the published key, not the header's, is returned.
        """
        try:
            document = self._document()
            if document.get("id") != self.issuer_id:
                raise Failed("The issuer's DID document's id is not the issuer's id.")
            for method_id in _assertion_method_ids(document):
                try:
                    key = _jwt_key(_verification_method(document, method_id), method_id)
                    if vc_jwt.same_key(key, jwk):
                        self.method_id = method_id
                        return key
                except (Failed, CredentialError):
                    continue  # a method that cannot be read is not this key
        except Failed as exc:
            self.error = str(exc)
            raise _KeyUnavailable(str(exc)) from exc
        self.error = (
            "The key in the JOSE header 'jwk' is not published by the issuer: "
            f"no assertion method of {self.issuer_id} has this key."
        )
        raise _KeyUnavailable(self.error)


def _assertion_method_ids(did_document: Mapping[str, Any]) -> list[str]:
    """Return the absolute ids listed under a DID document's ``assertionMethod``."""
    did = did_document.get("id")
    ids = []
    for entry in did_document.get("assertionMethod") or []:
        ref = entry.get("id") if isinstance(entry, Mapping) else entry
        if isinstance(ref, str):
            ids.append(f"{did}{ref}" if ref.startswith("#") else ref)
    return ids


def _jwt_key(method: Mapping[str, Any], method_id: str) -> Any:
    """Return a verification method's public key, as a JWT is checked with it."""
    # A Multikey (did:key documents have only these): Ed25519, P-256 or P-384.
    if method.get("type") == "Multikey":
        return decode_multikey(method.get("publicKeyMultibase"))
    # JsonWebKey (Controlled Identifiers v1.0, section 2.2.3), or its older
    # name JsonWebKey2020 that did:web documents still publish: an Ed25519,
    # P-256, P-384 or RSA public key (vc_jwt.checked_public_jwk).
    if method.get("type") not in ("JsonWebKey", "JsonWebKey2020"):
        raise Failed(f"{method_id} is not a JsonWebKey or Multikey.")
    jwk = vc_jwt.checked_public_jwk(
        method.get("publicKeyJwk"), f"The publicKeyJwk of {method_id}"
    )
    if jwk.get("kty") == "OKP":
        return public_key_from_jwk(jwk)
    return jwk


class _KeyUnavailable(CredentialError):
    code = "key_unavailable"


def parse(document_or_jwt: Any) -> tuple[str, Any]:
    if isinstance(document_or_jwt, Mapping):
        try:
            jsontext.check_depth(document_or_jwt)
        except NestingError as exc:
            raise Failed(str(exc)) from None
        return "data-integrity", dict(document_or_jwt)
    if isinstance(document_or_jwt, bytes):
        document_or_jwt = document_or_jwt.decode("utf-8", "replace")
    if not isinstance(document_or_jwt, str):
        raise TypeError(
            "verify() takes a credential dict, its JSON text, or a compact JWS."
        )
    text = document_or_jwt.strip()
    if text.startswith("{"):
        try:
            parsed = jsontext.loads(text)
        except NestingError as exc:
            raise Failed(str(exc)) from None
        except DecodeError:
            raise Failed("The document is not valid JSON.") from None
        if not isinstance(parsed, dict):
            raise Failed("The document is not a JSON object.")
        return "data-integrity", parsed
    if text.count(".") == 2:
        return vc_jwt.token_form(text) or vc_jwt.VC_JWT, text
    raise Failed("The input is neither a JSON credential nor a compact JWS.")


def check_format(credential: Any, loader: OfflineLoader) -> str:
    if not isinstance(credential, dict):
        raise Failed("The credential is not a JSON object.")
    contexts = credential.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != VC2_CONTEXT:
        raise Failed(
            f"The first @context must be {VC2_CONTEXT} "
            "(VC Data Model 2.0, section 4.3)."
        )
    for url in contexts:
        if not isinstance(url, str):
            raise Failed(
                "Embedded @context objects are not accepted; "
                "contexts must be known URLs."
            )
        try:
            loader(url, {})
        except CredentialError:
            raise Failed(
                f"Unknown @context {url}: it cannot be processed offline."
            ) from None
    types = credential.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types:
        raise Failed("The credential's type must include VerifiableCredential.")
    if not _CREDENTIAL_TYPES & set(types):
        raise Failed("The credential is not an OpenBadgeCredential.")
    return "An OpenBadgeCredential with known contexts."


def check_validity(credential: Mapping[str, Any], now: datetime) -> str:
    valid_from = _parse_datetime(credential.get("validFrom"), "validFrom")
    if now < valid_from:
        raise Failed(f"The credential is not valid before {credential['validFrom']}.")
    if credential.get("validUntil") is not None:
        valid_until = _parse_datetime(credential["validUntil"], "validUntil")
        if now >= valid_until:
            raise Failed(f"The credential expired at {credential['validUntil']}.")
        return f"Valid from {credential['validFrom']} until {credential['validUntil']}."
    return f"Valid from {credential['validFrom']}, with no expiry."


def _key_passed(keys: _KeyResolver) -> Check:
    return Check(
        "issuer_key", PASSED, f"{keys.method_id} is an assertion method of the issuer."
    )


def _proof_rejected(keys: _KeyResolver, reason: str) -> tuple[Check, Check]:
    """Return the checks for a proof rejected after (or before) its key lookup."""
    if keys.method_id and keys.error is None:
        return _key_passed(keys), Check("proof", FAILED, reason)
    key = Check(
        "issuer_key", SKIPPED, "The proof was rejected before its key was looked up."
    )
    return key, Check("proof", FAILED, reason)


_NO_KEY = Check("proof", SKIPPED, "No issuer key to check the signature with.")


def verify_data_integrity(
    credential: dict[str, Any],
    *,
    resolve_did_document: DidResolver,
    loader: OfflineLoader,
    cryptosuites: Collection[str],
) -> tuple[Check, Check]:
    """Return the issuer_key and proof checks for embedded Data Integrity proofs.

    One proof must be by an assertion method of the issuer. A proof set or
    chain (VC Data Integrity 1.0, section 2.1) passes when every proof
    verifies, each with an assertion method of its own DID, and at least one
    of them is the issuer's.
    """
    try:
        keys = _KeyResolver(resolve_did_document, _issuer_id(credential))
    except Failed as exc:
        return Check("issuer_key", FAILED, str(exc)), _NO_KEY
    proofs = credential.get("proof")
    keys.others_allowed = isinstance(proofs, list) and len(proofs) > 1
    try:
        verified = data_integrity.verify_proofs(
            credential,
            resolve_key=keys.multikey,
            loader=loader,
            cryptosuites=cryptosuites,
        )
    except _KeyUnavailable as exc:
        return Check("issuer_key", FAILED, str(exc)), _NO_KEY
    except CredentialError as exc:
        # Name the issuer's key, never a co-signer's, as the issuer's.
        keys.method_id = keys.issuer_methods[0] if keys.issuer_methods else None
        return _proof_rejected(keys, str(exc))
    suites = ", ".join(dict.fromkeys(p.suite for p in verified))
    by_issuer = [p for p in verified if p.verification_method in keys.issuer_methods]
    if not by_issuer:
        return (
            Check(
                "issuer_key",
                FAILED,
                f"None of the {len(verified)} proofs is by an assertion method "
                f"of the issuer {keys.issuer_id}.",
            ),
            Check(
                "proof",
                FAILED,
                f"The {len(verified)} Data Integrity proofs ({suites}) are valid, "
                "but none of them was made with a key of the issuer.",
            ),
        )
    keys.method_id = by_issuer[0].verification_method
    if len(verified) == 1:
        message = f"The {suites} Data Integrity proof is valid."
    else:
        message = (
            f"All {len(verified)} Data Integrity proofs ({suites}) are valid; "
            f"{len(by_issuer)} of them by the issuer's key."
        )
    return _key_passed(keys), Check("proof", PASSED, message)
