"""Reading a compact JWS (RFC 7515, section 7.1) before its signature is checked.

A verifier must learn what a token is and whose keys to use before it can
check it; this is the one place that decodes a payload without verifying it.
Nothing returned here is trusted::

    >>> unverified_claims("eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6d2ViOmEifQ.sig")
    {'iss': 'did:web:a'}
"""

from __future__ import annotations

import base64
import json
from typing import Any

from .errors import DecodeError

__all__ = ["unverified_claims"]


def unverified_claims(token: str) -> dict[str, Any]:
    """Return a compact JWS's payload unchecked (to learn what it is and whose keys to use).

    Raise ``DecodeError`` unless it is base64url JSON holding an object.
    """
    try:
        payload = token.split(".")[1]
        claims = json.loads(
            base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        )
    except (ValueError, IndexError) as exc:
        raise DecodeError("The JWT payload is not base64url JSON.") from exc
    if not isinstance(claims, dict):
        raise DecodeError("The JWT payload is not a JSON object.")
    return claims
