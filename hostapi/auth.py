"""Who is asking: a django-oauth-toolkit bearer token, with the operation's scope (OB 3.0 §7.2).

Only an access token in the ``Authorization: Bearer`` header is taken
(RFC 6750 §2.1): not one in the query string (RFC 9700 §4.3.2), not one in a
form body (reading it would mean reading a body not yet known to be small),
and neither the session nor the site's own API tokens. A missing, unknown,
expired or revoked token is a 401 with ``WWW-Authenticate: Bearer``; a valid
token without the operation's scope is a 403 ``insufficient_scope``
(RFC 6750 §3.1).
"""

from __future__ import annotations

from oauth2_provider.oauth2_backends import get_oauthlib_core

from .errors import FORBIDDEN, UNAUTHORIZED, ApiError

REALM = "Open Badges 3.0 API"


def bearer_token(request, scope: str):
    """Return the access token that authorises ``scope`` for its learner; else raise ``ApiError``."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:7].lower() != "bearer " or "access_token" in request.GET:
        raise ApiError(
            401,
            UNAUTHORIZED,
            "An OAuth 2.0 access token is required (Authorization: Bearer).",
            headers={"WWW-Authenticate": _challenge(scope)},
        )
    core = get_oauthlib_core()
    headers = core.extract_headers(request)
    valid, oauth_request = core.server.verify_request(
        request.build_absolute_uri(), request.method, None, headers, scopes=[]
    )
    token = getattr(oauth_request, "access_token", None) if valid else None
    user = getattr(token, "user", None)
    if token is None or user is None or not user.is_active:
        raise ApiError(
            401,
            UNAUTHORIZED,
            "The access token is not valid: unknown, expired or revoked.",
            headers={
                "WWW-Authenticate": _challenge(
                    scope,
                    error="invalid_token",
                    description="The access token is not valid",
                )
            },
        )
    if not token.allow_scopes([scope]):
        raise ApiError(
            403,
            FORBIDDEN,
            f"The access token does not grant the scope this operation needs: {scope}",
            headers={
                "WWW-Authenticate": _challenge(
                    scope,
                    error="insufficient_scope",
                    description="The access token lacks the scope",
                )
            },
        )
    return token


def _challenge(scope: str, *, error: str = "", description: str = "") -> str:
    parts = [f'realm="{REALM}"']
    if error:
        parts += [f'error="{error}"', f'error_description="{description}"']
    parts.append(f'scope="{scope}"')
    return "Bearer " + ", ".join(parts)
