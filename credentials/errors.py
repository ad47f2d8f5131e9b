"""One error family for the credential core, each error with a short stable code.

The core raises these only for programmer errors and for inputs it cannot
process at all; verification reports failed checks instead of raising
(see ``verification.py``).
"""

from __future__ import annotations

__all__ = [
    "CredentialError",
    "DecodeError",
    "UnsupportedAlgorithm",
    "InvalidSignature",
    "BakingError",
    "DocumentLoaderError",
    "KeySealError",
    "CanonicalizationLimitError",
]


class CredentialError(Exception):
    """Base class: ``code`` is stable and machine-readable, ``description`` is for people."""

    code = "credential_error"

    def __init__(self, description: str = "", *, code: str | None = None) -> None:
        self.description = description or self.__class__.__doc__ or ""
        if code is not None:
            self.code = code
        super().__init__(self.description)


class DecodeError(CredentialError):
    """The document or token is not well formed."""

    code = "decode_error"


class UnsupportedAlgorithm(CredentialError):
    """The algorithm or cryptosuite is not on the allow-list."""

    code = "unsupported_algorithm"


class InvalidSignature(CredentialError):
    """The signature or proof does not match the data and key."""

    code = "invalid_signature"


class BakingError(CredentialError):
    """The image cannot carry, or does not carry, a badge."""

    code = "baking_error"


class DocumentLoaderError(CredentialError):
    """A JSON-LD document was requested that is not shipped with the package."""

    code = "document_loader_error"


class KeySealError(CredentialError):
    """A sealed private key cannot be opened: wrong KEK, tampered or unknown format."""

    code = "key_seal_error"


class CanonicalizationLimitError(CredentialError):
    """Canonicalising the document would take more work than verifiers allow."""

    code = "canonicalization_limit"
