"""DRF authentication with personal API tokens: ``Authorization: Token ins_...``."""

from __future__ import annotations

from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .access import api_token_for_secret
from .models import ApiToken


class ApiTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str):
        token = api_token_for_secret(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked API token."))
        # Record use at most once a minute to keep reads cheap.
        if (
            token.last_used_at is None
            or (now() - token.last_used_at).total_seconds() > 60
        ):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now())
        return (token.user, token)

    def authenticate_header(self, request) -> str:
        return self.keyword
