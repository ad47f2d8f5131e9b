"""The JSON answers of the wallet endpoints: never cached, errors in the OAuth shape."""

from __future__ import annotations

from django.http import JsonResponse

from .errors import OAuthError


def no_store(body: dict, status: int = 200) -> JsonResponse:
    """A JSON answer carrying codes, tokens, nonces or credentials: never cached (RFC 6749 section 5.1)."""
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


def error_response(error: OAuthError) -> JsonResponse:
    """``{"error", "error_description"}`` with the error's status.

    A 401 also names the Bearer scheme in ``WWW-Authenticate`` (RFC 6750
    section 3), with the error code when a token was sent.
    """
    response = no_store(
        {"error": error.code, "error_description": error.description}, error.status
    )
    if error.status == 401:
        response["WWW-Authenticate"] = (
            f'Bearer error="{error.code}", error_description="{error.description}"'
        )
    return response
