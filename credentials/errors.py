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
    "InvalidProof",
    "InvalidNonce",
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


class InvalidProof(CredentialError):
    """The holder's proof of possession of a key is not acceptable.

    ``oauth_error`` is the error code OpenID for Verifiable Credential
    Issuance 1.0 (section 8.3.1.2) names for it in a Credential Error Response.
    """

    code = "invalid_proof"

    @property
    def oauth_error(self) -> str:
        return self.code


class InvalidNonce(InvalidProof):
    """The proof is over a nonce the issuer did not give, or gave and took back (OID4VCI 1.0, 8.3.1.2)."""

    code = "invalid_nonce"
