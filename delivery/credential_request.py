"""Read an OID4VCI 1.0 Credential Request (section 8.2) into what the issuer acts on.

Only what this issuer supports passes: a ``credential_configuration_id`` it
publishes, exactly one ``jwt`` key proof (no batch issuance is advertised),
no response encryption. Each refusal is an OAuthError with the section 8.3.1.2
code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .errors import OAuthError
from .metadata import CONFIGURATIONS

MAX_REQUEST_BYTES = 64 * 1024


@dataclass(frozen=True)
class CredentialRequest:
    configuration_id: str
    fmt: str
    proof_jwt: str


def _bad(description: str) -> OAuthError:
    return OAuthError("invalid_credential_request", description)


def parse_credential_request(body: bytes, content_type: str) -> CredentialRequest:
    """Return the request in ``body``; raise OAuthError naming what is wrong with it."""
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise _bad("The Credential Request must be application/json.")
    if len(body) > MAX_REQUEST_BYTES:
        raise _bad("The Credential Request is too large.")
    try:
        request = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise _bad("The Credential Request is not JSON.") from None
    if not isinstance(request, dict):
        raise _bad("The Credential Request is not a JSON object.")
    if "credential_response_encryption" in request:
        raise OAuthError(
            "invalid_encryption_parameters",
            "This issuer does not encrypt Credential Responses.",
        )
    configuration_id = _configuration_id(request)
    return CredentialRequest(
        configuration_id, CONFIGURATIONS[configuration_id], _proof_jwt(request)
    )


def _configuration_id(request: dict) -> str:
    has_identifier = "credential_identifier" in request
    if has_identifier and "credential_configuration_id" in request:
        raise _bad(
            "Send credential_configuration_id or credential_identifier, not both."
        )
    if has_identifier:
        raise OAuthError(
            "unknown_credential_identifier",
            "This issuer issues no credential identifiers; send credential_configuration_id.",
        )
    configuration_id = request.get("credential_configuration_id")
    if not isinstance(configuration_id, str) or not configuration_id:
        raise _bad("credential_configuration_id is missing.")
    if configuration_id not in CONFIGURATIONS:
        raise OAuthError(
            "unknown_credential_configuration",
            f"Unknown credential configuration; this issuer offers {', '.join(CONFIGURATIONS)}.",
        )
    return configuration_id


def _proof_jwt(request: dict) -> str:
    if "proof" in request:
        raise OAuthError(
            "invalid_proof",
            "Send the key proof in proofs.jwt (OID4VCI 1.0), not proof.",
        )
    proofs = request.get("proofs")
    if proofs is None:
        raise OAuthError("invalid_proof", "A key proof (proofs.jwt) is required.")
    if not isinstance(proofs, dict) or list(proofs) != ["jwt"]:
        raise OAuthError("invalid_proof", "proofs must hold exactly one type: jwt.")
    jwts = proofs["jwt"]
    if (
        not isinstance(jwts, list)
        or not jwts
        or not all(isinstance(j, str) for j in jwts)
    ):
        raise OAuthError(
            "invalid_proof", "proofs.jwt must be a non-empty array of JWTs."
        )
    if len(jwts) > 1:
        raise _bad("This issuer issues one credential per request: send one key proof.")
    return jwts[0]
