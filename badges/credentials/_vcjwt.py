"""The VC-JWT form of an OpenBadgeCredential (OB 3.0, section 8.2, "JWT Proof").

OB 3.0 keeps the VC 1.1-style ``vc`` claim. The JOSE header has ``alg``,
``kid`` and ``typ`` only (section 8.2.3: "Additional JOSE Headers are NOT
allowed"); the claims mirror the credential (section 8.2.4)::

    header  {"alg": "EdDSA", "typ": "JWT",
             "kid": "did:web:badges.example.edu:issuers:4f1c...#key-1-jwk"}
    claims  {"iss": "did:web:badges.example.edu:issuers:4f1c...",   # issuer.id
             "jti": "https://badges.example.edu/public/credentials/7d0c...",  # id
             "sub": "did:key:z6Mk...",         # credentialSubject.id (or the id)
             "nbf": 1740819600,                                   # validFrom
             "exp": 1772355600,                                   # validUntil, when set
             "iat": 1740819600,
             "vc": {... the OpenBadgeCredential ...}}

``sub`` is required by OB 3.0 but a subject identified only by a hashed
identifier has no ``id``; the credential id stands in for it then, and
verification checks ``sub`` against ``credentialSubject.id`` only when the
subject has one.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from joserfc import jwt
from joserfc.errors import JoseError, SecurityWarning
from joserfc.jwk import OKPKey, import_key
from joserfc.jws import JWSRegistry, extract_compact

from .errors import DecodeError, InvalidSignature, UnsupportedAlgorithm

__all__ = [
    "DEFAULT_ALGORITHMS",
    "claims_for",
    "encode",
    "decode",
    "check_claims",
    "unverified_header",
]

DEFAULT_ALGORITHMS = ("EdDSA", "ES256")
_ALLOWED_HEADERS = {"alg", "kid", "typ"}


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


def claims_for(credential: dict[str, Any]) -> dict[str, Any]:
    """Return the JWT claims for ``credential`` (section 8.2.4 "JWT Payload Format")."""
    issuer = credential["issuer"]
    issuer_id = issuer["id"] if isinstance(issuer, dict) else issuer
    claims: dict[str, Any] = {
        "iss": issuer_id,
        "jti": credential["id"],
        "sub": credential["credentialSubject"].get("id") or credential["id"],
        "nbf": _numeric_date(credential["validFrom"]),
        "iat": _numeric_date(credential["validFrom"]),
    }
    if credential.get("validUntil"):
        claims["exp"] = _numeric_date(credential["validUntil"])
    claims["vc"] = credential
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
        return dict(extract_compact(token.encode("ascii")).protected)
    except (JoseError, ValueError, UnicodeError) as exc:
        raise DecodeError("The token is not a compact JWS.") from exc


def decode(
    token: str,
    *,
    resolve_key: Callable[[str], Ed25519PublicKey | Any],
    algorithms: Collection[str] = DEFAULT_ALGORITHMS,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check the token's signature and return ``(header, claims)``, claims unchecked.

    ``resolve_key(kid)`` returns the public key (a ``cryptography`` key or a
    JWK dict). ``algorithms`` is the explicit allow-list: the header's
    ``alg`` is never trusted on its own and ``none`` is always refused.
    Raise ``DecodeError``, ``UnsupportedAlgorithm`` or ``InvalidSignature``.
    """
    header = unverified_header(token)
    alg = header.get("alg")
    allowed = [a for a in algorithms if a.lower() != "none"]
    if not isinstance(alg, str) or alg not in allowed:
        raise UnsupportedAlgorithm(f"The JWT algorithm {alg!r} is not allowed.")
    extra = set(header) - _ALLOWED_HEADERS
    if extra:
        raise DecodeError(
            "OB 3.0 allows no JOSE headers besides alg, kid and typ "
            f"(got {sorted(extra)})."
        )
    if header.get("typ", "JWT") != "JWT":
        raise DecodeError("The JOSE header 'typ' must be 'JWT'.")
    kid = header.get("kid")
    if not isinstance(kid, str):
        raise DecodeError("The JOSE header has no 'kid'.")
    key = resolve_key(kid)
    try:
        with _eddsa_is_expected():
            joserfc_key = (
                OKPKey.import_key(key)
                if isinstance(key, Ed25519PublicKey)
                else import_key(key)
            )
            token_obj = jwt.decode(
                token,
                joserfc_key,
                algorithms=allowed,
                registry=JWSRegistry(algorithms=allowed),
            )
    except JoseError as exc:
        if exc.error == "bad_signature":
            raise InvalidSignature("The JWT signature does not match the key.") from exc
        raise DecodeError(
            f"The JWT cannot be verified: {exc.description or exc.error}"
        ) from exc
    return dict(token_obj.header), dict(token_obj.claims)


def check_claims(claims: dict[str, Any]) -> dict[str, Any]:
    """Return the ``vc`` claim after checking it against the others (section 8.2.6.1).

    Raise ``DecodeError`` when a required claim is missing or disagrees with
    the credential. Dates against the clock are checked by ``verification``.
    """
    credential = claims.get("vc")
    if not isinstance(credential, dict):
        raise DecodeError("The JWT has no 'vc' claim.")
    try:
        expected = claims_for(credential)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DecodeError("The 'vc' claim is not a complete credential.") from exc
    for name in ("iss", "jti", "sub", "nbf"):
        if claims.get(name) != expected[name]:
            raise DecodeError(f"The JWT claim {name!r} does not match the credential.")
    if "exp" in expected and claims.get("exp") != expected["exp"]:
        raise DecodeError(
            "The JWT claim 'exp' does not match the credential's validUntil."
        )
    return credential
