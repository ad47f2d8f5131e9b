"""The random values of an offer and what is kept of them: digests only.

The pre-authorized code is never stored anywhere: it is derived from the
offer's reference with a key from ``SECRET_KEY`` (``pre_authorized_code``),
computed again when the offer JSON is served, and found by its digest at the
token endpoint.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.utils.crypto import salted_hmac

TX_CODE_LENGTH = 6


def digest(value: str) -> str:
    """Return the SHA-256 hex digest of a high-entropy secret (reference, code, token, nonce)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_token() -> str:
    """Return a fresh random URL-safe value with 256 bits of entropy."""
    return secrets.token_urlsafe(32)


def new_tx_code() -> str:
    """Return a fresh numeric PIN of ``TX_CODE_LENGTH`` digits."""
    return f"{secrets.randbelow(10**TX_CODE_LENGTH):0{TX_CODE_LENGTH}d}"


def pre_authorized_code(reference: str) -> str:
    """Return the pre-authorized code of the offer with ``reference`` (base64url, no padding)."""
    mac = salted_hmac(
        "delivery.pre-authorized-code",
        "pre-authorized:" + reference,
        algorithm="sha256",
    ).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def tx_code_digest(code: str, tx_code: str) -> str:
    """Return the keyed digest of a PIN, tied to its offer's code (a 6-digit PIN is guessable unkeyed)."""
    return salted_hmac(
        "delivery.tx-code", f"{code}:{tx_code}", algorithm="sha256"
    ).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
