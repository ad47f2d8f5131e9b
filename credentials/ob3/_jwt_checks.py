"""The issuer_key and proof checks of a VC-JWT."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ..errors import CredentialError, DecodeError
from ..jws import unverified_claims
from ..report import FAILED, PASSED, SKIPPED, Check
from . import vc_jwt
from ._checks import (
    _NO_KEY,
    DidResolver,
    Failed,
    _issuer_id,
    _key_passed,
    _KeyResolver,
    _KeyUnavailable,
    _proof_rejected,
)


def verify_jwt(
    token: str, *, resolve_did_document: DidResolver, algorithms: Collection[str]
) -> tuple[Any, Check, Check]:
    """Return ``(credential, issuer_key check, proof check)`` for a VC-JWT.

    The key comes from the issuer named in the still unverified ``vc``
    claim; nothing else in the payload is used before the signature and
    the claims (OB 3.0, section 8.2.6.1) are checked.
    """
    try:
        credential = unverified_claims(token).get("vc")
    except DecodeError as exc:
        return (
            None,
            Check("issuer_key", SKIPPED, "The token could not be read."),
            Check("proof", FAILED, str(exc)),
        )
    try:
        keys = _KeyResolver(resolve_did_document, _issuer_id(credential))
    except Failed as exc:
        return credential, Check("issuer_key", FAILED, str(exc)), _NO_KEY
    try:
        _header, claims = vc_jwt.decode(
            token,
            resolve_key=keys.jwk,
            resolve_jwk=keys.published_jwk,
            algorithms=algorithms,
        )
        credential = vc_jwt.check_claims(claims)
    except _KeyUnavailable as exc:
        return credential, Check("issuer_key", FAILED, str(exc)), _NO_KEY
    except CredentialError as exc:
        return (credential, *_proof_rejected(keys, str(exc)))
    proof = Check(
        "proof", PASSED, "The VC-JWT signature (OB 3.0, section 8.2) is valid."
    )
    return credential, _key_passed(keys), proof
