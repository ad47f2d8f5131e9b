"""Secrets of the connections (the client secret, the tokens) sealed at rest, as the outbox seals its own."""

from __future__ import annotations

from credentials.keys import open_text, seal_text


def seal(text: str) -> str:
    """Return ``text`` sealed under the key-encryption secret ("" stays "")."""
    from issuers.signing import key_encryption_key

    return seal_text(text, key_encryption_key()) if text else ""


def unseal(sealed: str) -> str:
    """Return what ``seal`` sealed ("" stays "")."""
    from issuers.signing import key_encryption_key

    return open_text(sealed, key_encryption_key()) if sealed else ""
