"""Registered applications and tokens for tests, made through the real actions and models."""

from __future__ import annotations

from datetime import timedelta

from django.utils.timezone import now
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, RefreshToken, set_token_value

from authserver import actions, scopes
from authserver.registration import read_metadata

ALL_SCOPES = " ".join(scopes.OB3_SCOPES)


def metadata(**overrides) -> dict:
    """A registration request as OB 3.0 §7.1.1's example gives it, on a loopback client."""
    body = {
        "client_name": "Example Client Application",
        "client_uri": "http://127.0.0.1:9/",
        "logo_uri": "http://127.0.0.1:9/logo.png",
        "tos_uri": "http://127.0.0.1:9/terms",
        "policy_uri": "http://127.0.0.1:9/privacy",
        "software_id": "c88b6ed8-269e-448e-99be-7e2ff47167d1",
        "software_version": "v4.0.30319",
        "redirect_uris": ["http://127.0.0.1:9/Authorize"],
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "scope": ALL_SCOPES + " offline_access",
    }
    body.update(overrides)
    return body


def register(**overrides):
    """Return ``(application, client_secret)`` for a newly registered client."""
    return actions.register_client(
        metadata=read_metadata(metadata(**overrides), allow_loopback_http=True)
    )


def issue_token(
    user, scope: str = ALL_SCOPES, *, application=None, seconds: int = 3600
) -> str:
    """Return a raw bearer token for ``user`` with ``scope`` (stored as its digest only)."""
    return issue_tokens(user, scope, application=application, seconds=seconds)[0]


def issue_tokens(
    user, scope: str = ALL_SCOPES, *, application=None, seconds: int = 3600
) -> tuple[str, str]:
    """Return a raw ``(access, refresh)`` token pair for ``user``, stored as digests only."""
    if application is None:
        application, _secret = register()
    token = AccessToken(
        user=user,
        application=application,
        scope=scope,
        expires=now() + timedelta(seconds=seconds),
    )
    raw = generate_client_secret()
    set_token_value(token, raw)
    token.save()
    refresh = RefreshToken(user=user, application=application, access_token=token)
    raw_refresh = generate_client_secret()
    set_token_value(refresh, raw_refresh)
    refresh.save()
    return raw, raw_refresh
