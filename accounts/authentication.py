"""DRF authentication with personal API tokens: ``Authorization: Token ins_...``."""

from __future__ import annotations

from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken


class ApiTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str):
        token = (
            ApiToken.objects.active()
            .select_related("user")
            .filter(digest=ApiToken.digest_of(key))
            .first()
        )
        if token is None or not token.user.is_active:
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
