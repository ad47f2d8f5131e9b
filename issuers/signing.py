"""Issuers' signing keys: creating, sealing and opening them with the key-encryption key.

The private keys never leave this module unsealed except inside a ``Signer``;
they are never logged. A KMS can replace this module by returning its own
``credentials.keys.Signer``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError

from credentials import keys

from .models import Issuer, KeyAlgorithm, SigningKey

_GENERATORS = {
    KeyAlgorithm.RS256: keys.generate_rsa_key,
    KeyAlgorithm.ED25519: keys.generate_ed25519_key,
}


def key_encryption_key() -> bytes:
    """Return the deployment's key-encryption key, or raise ImproperlyConfigured."""
    secret = settings.KEY_ENCRYPTION_SECRET
    if len(secret.encode()) < 32:
        raise ImproperlyConfigured(
            "KEY_ENCRYPTION_SECRET must be set to at least 32 characters."
        )
    return secret.encode()


def seal_secret(text: str) -> str:
    """Return ``text`` sealed under the key-encryption key, for a secret kept at rest ("" stays "").

    Outbox arguments and the OB 3.0 client's secrets and tokens are kept this way.
    """
    return keys.seal_text(text, key_encryption_key()) if text else ""


def open_secret(sealed: str) -> str:
    """Return what ``seal_secret`` sealed ("" stays ""); raise ``KeySealError`` on a wrong key."""
    return keys.open_text(sealed, key_encryption_key()) if sealed else ""


def new_signing_key(issuer: Issuer, algorithm: str) -> SigningKey:
    """Return a new, unsaved SigningKey with a fresh sealed key pair."""
    private_key = _GENERATORS[algorithm]()
    return SigningKey(
        issuer=issuer,
        algorithm=algorithm,
        kid=keys.key_id(private_key),
        public_key_pem=keys.public_key_pem(private_key),
        sealed_private_key=keys.seal_private_key(private_key, key_encryption_key()),
    )


def private_key_for(signing_key: SigningKey) -> keys.PrivateKey:
    """Return ``signing_key``'s private key, opened with the key-encryption key (never log it)."""
    return keys.open_private_key(signing_key.sealed_private_key, key_encryption_key())


def signer_for(signing_key: SigningKey) -> keys.LocalSigner:
    """Return a Signer holding ``signing_key``'s opened private key."""
    return keys.LocalSigner(private_key_for(signing_key), kid=signing_key.kid)


def _active(issuer: Issuer, algorithm: str) -> SigningKey | None:
    return (
        SigningKey.objects.active().filter(issuer=issuer, algorithm=algorithm).first()
    )


def active_key(issuer: Issuer, algorithm: str) -> SigningKey:
    """Return the issuer's active key for ``algorithm``; create the first one if there is none.

    Two first awards at once both find no key and both create one; the
    database keeps one active key per algorithm, so the second insert fails
    (once the first commits) and that award signs with the first one's key.
    """
    key = _active(issuer, algorithm)
    if key is None:
        from .actions import create_signing_key

        try:
            key = create_signing_key(issuer=issuer, algorithm=algorithm)
        except IntegrityError:  # create_signing_key's own savepoint is rolled back
            key = _active(issuer, algorithm)
            if key is None:
                raise
    return key
