"""The one error family of wallet delivery: an OAuth 2.0 / OID4VCI error code, its words, its status.

The codes are the specs' own: RFC 6749 section 5.2 for the token endpoint
(``invalid_request``, ``invalid_grant``), RFC 6750 section 3.1 for the bearer
token (``invalid_token``), OID4VCI 1.0 section 8.3.1.2 for the credential
endpoint (``invalid_credential_request``, ``unknown_credential_configuration``,
``invalid_proof``, ``invalid_nonce``, ``credential_request_denied``).
``delivery.responses.error_response`` turns one into the JSON answer.
"""

from __future__ import annotations


class OAuthError(Exception):
    """Raise to answer ``{"error": code, "error_description": description}`` with ``status``."""

    def __init__(self, code: str, description: str, status: int = 400) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description
        self.status = status
