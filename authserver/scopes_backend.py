"""django-oauth-toolkit's scopes backend: the OB 3.0 scopes, narrowed to what a client registered."""

from __future__ import annotations

from oauth2_provider.scopes import BaseScopes

from . import scopes


class RegisteredScopes(BaseScopes):
    def get_all_scopes(self) -> dict:
        return dict(scopes.DESCRIPTIONS)

    def get_available_scopes(
        self, application=None, request=None, *args, **kwargs
    ) -> list[str]:
        """Every scope for an unknown client; a registered client only its registered ones."""
        profile = getattr(application, "profile", None) if application else None
        if profile is None:
            return list(scopes.DESCRIPTIONS)
        return [s for s in profile.scopes if s in scopes.DESCRIPTIONS]

    def get_default_scopes(
        self, application=None, request=None, *args, **kwargs
    ) -> list[str]:
        """A request without ``scope`` asks for nothing (OB 3.0 makes ``scope`` required)."""
        return []
