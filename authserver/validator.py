"""django-oauth-toolkit's request validator, with what OB 3.0 adds to plain OAuth 2.0.

* A code presented a second time is refused, and the tokens first issued for
  it are revoked (OB 3.0 §7.1.2, RFC 6749 §4.1.2).
* Consent and token revocations are written to the audit log.
* Scopes are narrowed to what the client registered (``scopes_backend``).
"""

from __future__ import annotations

import hashlib
import logging

from oauth2_provider.models import AccessToken, RefreshToken, revoke_access_token
from oauth2_provider.oauth2_validators import OAuth2Validator

from audit.log import record

from .models import SpentCode

log = logging.getLogger(__name__)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class Validator(OAuth2Validator):
    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        super().save_authorization_code(client_id, code, request, *args, **kwargs)
        record(
            "oauth.consent_given",
            actor=request.user,
            target=request.client,
            data={"client_id": client_id, "scope": " ".join(request.scopes)},
        )

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        if super().validate_code(client_id, code, client, request, *args, **kwargs):
            return True
        spent = SpentCode.objects.filter(
            digest=digest(code), application=client
        ).first()
        if spent is not None:
            revoke_tokens_of(spent)
            log.warning(
                "An authorization code was presented again; its tokens are revoked."
            )
            record(
                "oauth.code_replayed",
                actor=None,
                target=client,
                data={"client_id": client.client_id},
            )
        return False

    def _save_bearer_token(self, token, request, *args, **kwargs):
        saved = super()._save_bearer_token(token, request, *args, **kwargs)
        if request.grant_type == "authorization_code" and token.get("access_token"):
            refresh = token.get("refresh_token")
            family = (
                RefreshToken.objects.filter(token_checksum=digest(refresh))
                .values_list("token_family", flat=True)
                .first()
                if refresh
                else None
            )
            SpentCode.objects.create(
                digest=digest(request.code),
                application=request.client,
                token_family=family,
                access_token_checksum=digest(token["access_token"]),
            )
        return saved

    def revoke_token(self, token, token_type_hint, request, *args, **kwargs):
        checksum = digest(token)
        known = (
            AccessToken.objects.filter(
                token_checksum=checksum, application=request.client
            ).first()
            or RefreshToken.objects.filter(
                token_checksum=checksum,
                application=request.client,
                revoked__isnull=True,
            ).first()
        )
        super().revoke_token(token, token_type_hint, request, *args, **kwargs)
        if known is not None:
            record(
                "oauth.token_revoked",
                actor=known.user,
                target=request.client,
                data={
                    "client_id": request.client.client_id,
                    "kind": "access" if isinstance(known, AccessToken) else "refresh",
                },
            )


def revoke_tokens_of(spent: SpentCode) -> None:
    """Revoke what one authorization code gave: its access token and its refresh-token family."""
    if spent.token_family:
        RefreshToken.revoke_family(spent.token_family)
    for access in AccessToken.objects.filter(
        token_checksum=spent.access_token_checksum
    ):
        revoke_access_token(access)
