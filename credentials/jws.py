"""Reading a compact JWS (RFC 7515, section 7.1) before its signature is checked.

A verifier must learn what a token is and whose keys to use before it can
check it; this is the one place that decodes a payload without verifying it.
Nothing returned here is trusted::

    >>> unverified_claims("eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6d2ViOmEifQ.sig")
    {'iss': 'did:web:a'}
"""

from __future__ import annotations

import base64
from typing import Any

from . import jsontext
from .errors import DecodeError
from .jsontext import NestingError

__all__ = ["unverified_claims"]


def unverified_claims(token: str) -> dict[str, Any]:
    """Return a compact JWS's payload unchecked (to learn what it is and whose keys to use).

    Raise ``DecodeError`` unless it is base64url JSON holding an object.
    """
    try:
        payload = token.split(".")[1]
        claims = jsontext.loads(
            base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        )
    except NestingError:
        raise
    except (ValueError, IndexError, DecodeError) as exc:
        raise DecodeError("The JWT payload is not base64url JSON.") from exc
    if not isinstance(claims, dict):
        raise DecodeError("The JWT payload is not a JSON object.")
    return claims
