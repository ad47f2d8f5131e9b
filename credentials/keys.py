"""Issuer signing keys: generation, PEM export, sealing at rest, the signer interface.

* OB 2.0 signed badges use RS256 ("Signed Badges": "JSON Web Signature ...
  using the RS256 algorithm"), so issuers get an RSA-2048 key; OB 3.0 uses
  Ed25519 (``eddsa-rdfc-2022`` and VC-JWT ``EdDSA``).
* Private keys are stored sealed: AES-256-GCM under a key derived with
  HKDF-SHA256 from the deployment's key-encryption key (KEK) and a random
  per-blob salt. A sealed key is ASCII text with a version prefix, so the
  scheme can change later without guessing::

      v1$<base64url( salt[16] || nonce[12] || AES-GCM(PKCS#8 DER) )>

  ``open_private_key`` raises ``KeySealError`` for a wrong KEK, a tampered
  blob or an unknown version; it never returns a wrong key.
* ``Signer`` is the small interface that signing code depends on, so a KMS
  can replace ``LocalSigner`` (which holds an opened key in memory).
"""

from __future__ import annotations

import base64
import binascii
import os
from typing import Protocol, runtime_checkable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from joserfc.jwk import OKPKey, RSAKey

from .errors import KeySealError, UnsupportedAlgorithm

__all__ = [
    "PrivateKey",
    "PublicKey",
    "Signer",
    "LocalSigner",
    "generate_rsa_key",
    "generate_ed25519_key",
    "public_key_pem",
    "load_public_key_pem",
    "key_id",
    "seal_private_key",
    "open_private_key",
    "seal_text",
    "open_text",
]

PrivateKey = rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey
PublicKey = rsa.RSAPublicKey | ed25519.Ed25519PublicKey

_VERSION = "v1"
_SALT_BYTES = 16
_NONCE_BYTES = 12
_MIN_KEK_BYTES = 32
_HKDF_INFO = b"insignia private key sealing v1"
_AAD = b"insignia-private-key:v1"
_TEXT_AAD = b"insignia-sealed-text:v1"


@runtime_checkable
class Signer(Protocol):
    """Anything that signs with a private key it does not have to reveal."""

    @property
    def algorithm(self) -> str:
        """The JOSE algorithm name: ``"RS256"`` or ``"EdDSA"``."""

    @property
    def kid(self) -> str:
        """The key's identifier (an RFC 7638 thumbprint for local keys)."""

    @property
    def public_key(self) -> PublicKey:
        """The public half, for publishing and for verifying."""

    def sign(self, data: bytes) -> bytes:
        """Return the raw signature of ``data`` (JWS "signature" octets)."""


class LocalSigner:
    """Return signatures made with an opened private key held in memory."""

    def __init__(self, private_key: PrivateKey, *, kid: str | None = None) -> None:
        if isinstance(private_key, rsa.RSAPrivateKey):
            self._algorithm = "RS256"
        elif isinstance(private_key, ed25519.Ed25519PrivateKey):
            self._algorithm = "EdDSA"
        else:
            raise UnsupportedAlgorithm(
                f"Unsupported key type {type(private_key).__name__}."
            )
        self._private_key = private_key
        self._kid = kid or key_id(private_key.public_key())

    @property
    def algorithm(self) -> str:
        return self._algorithm

    @property
    def kid(self) -> str:
        return self._kid

    @property
    def public_key(self) -> PublicKey:
        return self._private_key.public_key()

    def sign(self, data: bytes) -> bytes:
        # RS256 is RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518, section 3.3).
        if isinstance(self._private_key, rsa.RSAPrivateKey):
            return self._private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())
        return self._private_key.sign(data)

    def __repr__(self) -> str:
        return f"<LocalSigner {self._algorithm} kid={self._kid}>"


def generate_rsa_key() -> rsa.RSAPrivateKey:
    """Return a new RSA-2048 private key (public exponent 65537) for OB 2.0 RS256."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def generate_ed25519_key() -> ed25519.Ed25519PrivateKey:
    """Return a new Ed25519 private key for OB 3.0."""
    return ed25519.Ed25519PrivateKey.generate()


def _public(key: PrivateKey | PublicKey) -> PublicKey:
    if isinstance(key, rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey):
        return key.public_key()
    return key


def public_key_pem(key: PrivateKey | PublicKey) -> str:
    """Return the SubjectPublicKeyInfo PEM of ``key`` (OB 2.0 ``publicKeyPem``)."""
    return (
        _public(key)
        .public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        .decode("ascii")
    )


def load_public_key_pem(pem: str | bytes) -> PublicKey:
    """Return the RSA or Ed25519 public key in ``pem``.

    Raise ``UnsupportedAlgorithm`` for anything else.
    """
    data = pem.encode("ascii") if isinstance(pem, str) else pem
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise UnsupportedAlgorithm(f"Not a PEM public key: {exc}") from exc
    if not isinstance(key, rsa.RSAPublicKey | ed25519.Ed25519PublicKey):
        raise UnsupportedAlgorithm(f"Unsupported public key type {type(key).__name__}.")
    return key


def key_id(key: PrivateKey | PublicKey) -> str:
    """Return the RFC 7638 JWK SHA-256 thumbprint of ``key``'s public half."""
    public = _public(key)
    if isinstance(public, rsa.RSAPublicKey):
        return RSAKey.import_key(public).thumbprint()
    return OKPKey.import_key(public).thumbprint()


def _derive(kek: bytes, salt: bytes) -> AESGCM:
    if not isinstance(kek, bytes) or len(kek) < _MIN_KEK_BYTES:
        raise ValueError(
            f"The key-encryption key must be at least {_MIN_KEK_BYTES} bytes."
        )
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_HKDF_INFO)
    return AESGCM(hkdf.derive(kek))


def _seal(plaintext: bytes, kek: bytes, aad: bytes) -> str:
    salt = os.urandom(_SALT_BYTES)
    nonce = os.urandom(_NONCE_BYTES)
    ciphertext = _derive(kek, salt).encrypt(nonce, plaintext, aad)
    blob = (
        base64.urlsafe_b64encode(salt + nonce + ciphertext).rstrip(b"=").decode("ascii")
    )
    return f"{_VERSION}${blob}"


def _open(sealed: str | bytes, kek: bytes, aad: bytes) -> bytes:
    text = sealed.decode("ascii", "replace") if isinstance(sealed, bytes) else sealed
    version, sep, blob = text.partition("$")
    if not sep or version != _VERSION:
        raise KeySealError(
            f"Unknown sealed key format {version[:8]!r}; expected {_VERSION!r}."
        )
    try:
        raw = base64.b64decode(
            blob + "=" * (-len(blob) % 4), altchars=b"-_", validate=True
        )
    except (binascii.Error, ValueError) as exc:
        raise KeySealError("The sealed key is not valid base64url.") from exc
    if len(raw) <= _SALT_BYTES + _NONCE_BYTES + 16:
        raise KeySealError("The sealed key is truncated.")
    salt, nonce = raw[:_SALT_BYTES], raw[_SALT_BYTES : _SALT_BYTES + _NONCE_BYTES]
    ciphertext = raw[_SALT_BYTES + _NONCE_BYTES :]
    try:
        return _derive(kek, salt).decrypt(nonce, ciphertext, aad)
    except InvalidTag as exc:
        raise KeySealError(
            "The sealed key cannot be opened: wrong KEK, or the blob was changed."
        ) from exc


def seal_private_key(private_key: PrivateKey, kek: bytes) -> str:
    """Return ``private_key`` encrypted under ``kek`` as ``"v1$<base64url>"``.

    1. Serialise the key as unencrypted PKCS#8 DER.
    2. Derive a 256-bit AES key: HKDF-SHA256(kek, salt=16 random bytes).
    3. Encrypt with AES-256-GCM under a random 96-bit nonce, binding the
       version in the associated data.
    """
    der = private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return _seal(der, kek, _AAD)


def seal_text(text: str, kek: bytes) -> str:
    """Return ``text`` sealed as ``seal_private_key`` seals a key (its own associated data).

    For short secrets that must wait in the database (an invitation link's
    secret until its e-mail is sent): a sealed key cannot be opened as text,
    nor sealed text as a key.
    """
    return _seal(text.encode("utf-8"), kek, _TEXT_AAD)


def open_text(sealed: str | bytes, kek: bytes) -> str:
    """Return the text sealed by ``seal_text``; raise ``KeySealError`` as ``open_private_key`` does."""
    try:
        return _open(sealed, kek, _TEXT_AAD).decode("utf-8")
    except KeySealError as exc:
        raise KeySealError(f"The sealed text cannot be opened: {exc}") from exc


def open_private_key(sealed: str | bytes, kek: bytes) -> PrivateKey:
    """Return the private key sealed by ``seal_private_key``.

    Raise ``KeySealError`` (code ``key_seal_error``) when the version is
    unknown, the blob is malformed, or the KEK is wrong or the blob was
    changed (AES-GCM authentication fails).
    """
    der = _open(sealed, kek, _AAD)
    key = serialization.load_der_private_key(der, password=None)
    if not isinstance(key, rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey):
        raise KeySealError(f"Unsupported sealed key type {type(key).__name__}.")
    return key
