"""The issuer_key and proof checks of a credential secured as a JWT.

Two forms (``vc_jwt.token_form``): OB 3.0's VC-JWT (section 8.2), whose
``vc`` claim is the credential, and VC-JOSE-COSE's ``vc+jwt`` (section
3.1), whose payload is the credential.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
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

_PASSED = {
    vc_jwt.VC_JWT: "The VC-JWT signature (OB 3.0, section 8.2) is valid.",
    vc_jwt.VC_JOSE: (
        "The {alg} signature of the credential secured with JOSE "
        "(VC-JOSE-COSE, section 3.1) is valid."
    ),
}


def _absolute(
    issuer_id: str, resolve: Callable[[str], Any], *, has_iss: bool
) -> Callable[[str], Any]:
    """Resolve a ``kid`` such as ``#key-1`` against the issuer's DID (a DID URL fragment).

    VC-JOSE-COSE, section 6.1.2: "When iss is absent, and the issuer is
    identified as a URL, the kid MUST be an absolute URL"; with ``iss``
    (which must be the issuer) a relative one names a method of the issuer.
    """

    def resolve_kid(kid: str) -> Any:
        if not kid.startswith("#"):
            return resolve(kid)
        if not has_iss:
            raise _KeyUnavailable(
                f"The JOSE header 'kid' {kid!r} is relative and the token has no "
                "'iss': it must be an absolute URL (VC-JOSE-COSE, section 6.1.2)."
            )
        return resolve(issuer_id + kid)

    return resolve_kid


def _iss_header(token: str) -> bool:
    try:
        return "iss" in vc_jwt.unverified_header(token)
    except DecodeError:
        return False


def verify_jwt(
    token: str,
    *,
    resolve_did_document: DidResolver,
    algorithms: Collection[str],
    form: str = vc_jwt.VC_JWT,
    now: datetime | None = None,
) -> tuple[Any, Check, Check]:
    """Return ``(credential, issuer_key check, proof check)`` for a VC-JWT or a ``vc+jwt``.

    The key comes from the issuer named in the still unverified credential
    (the ``vc`` claim, or the payload itself for ``form`` ``VC_JOSE``);
    nothing else in the payload is used before the signature and the claims
    (OB 3.0, section 8.2.6.1; VC-JOSE-COSE, section 3.1) are checked. With
    ``now``, a ``vc+jwt``'s ``exp`` and ``nbf`` are checked against it.
    """
    try:
        payload = unverified_claims(token)
    except DecodeError as exc:
        return (
            None,
            Check("issuer_key", SKIPPED, "The token could not be read."),
            Check("proof", FAILED, str(exc)),
        )
    credential = payload if form == vc_jwt.VC_JOSE else payload.get("vc")
    try:
        keys = _KeyResolver(resolve_did_document, _issuer_id(credential))
    except Failed as exc:
        return credential, Check("issuer_key", FAILED, str(exc)), _NO_KEY
    try:
        header, claims = vc_jwt.decode(
            token,
            resolve_key=_absolute(
                keys.issuer_id,
                keys.jwk,
                has_iss="iss" in payload or _iss_header(token),
            ),
            resolve_jwk=keys.published_jwk,
            algorithms=algorithms,
            form=form,
        )
        if form == vc_jwt.VC_JOSE:
            credential = vc_jwt.check_jose_claims(header, claims, now=now)
        else:
            credential = vc_jwt.check_claims(claims)
    except _KeyUnavailable as exc:
        return credential, Check("issuer_key", FAILED, str(exc)), _NO_KEY
    except CredentialError as exc:
        return (credential, *_proof_rejected(keys, str(exc)))
    proof = Check("proof", PASSED, _PASSED[form].format(alg=header.get("alg")))
    return credential, _key_passed(keys), proof
