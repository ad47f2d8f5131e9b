"""What OB 3.0 registration adds to django-oauth-toolkit's Application, and spent codes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from oauth2_provider.models import Application


class ClientProfile(models.Model):
    """The RFC 7591 metadata an application registered with (OB 3.0 §7.1.1), shown at consent.

    ``scope`` is the space-separated list of scopes the application may ask
    for; a request for any other scope is refused.
    """

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="profile"
    )
    client_uri = models.URLField(_("application's page"), max_length=2000)
    logo_uri = models.URLField(_("logo"), max_length=2000)
    tos_uri = models.URLField(_("terms of service"), max_length=2000)
    policy_uri = models.URLField(_("privacy policy"), max_length=2000)
    software_id = models.CharField(max_length=255)
    software_version = models.CharField(max_length=255)
    contacts = models.JSONField(default=list, blank=True)
    scope = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registered application")
        verbose_name_plural = _("registered applications")

    def __str__(self) -> str:
        return self.application.name

    @property
    def scopes(self) -> list[str]:
        return self.scope.split()

    @property
    def host(self) -> str:
        """The host name all the application's URLs share (OB 3.0 §7.1.1)."""
        from urllib.parse import urlsplit

        return urlsplit(self.client_uri).hostname or ""


class SpentCode(models.Model):
    """An authorization code that has been exchanged, by digest, with the tokens it gave.

    OB 3.0 §7.1.2: a code used a second time is refused, and the tokens first
    issued for it are revoked. Rows are kept for as long as a code could be
    replayed (the code lifetime) and pruned with expired tokens.
    """

    digest = models.CharField(max_length=64, unique=True)
    application = models.ForeignKey(Application, on_delete=models.CASCADE)
    token_family = models.UUIDField(null=True, blank=True)
    access_token_checksum = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="spent_code_created")]

    def __str__(self) -> str:
        return self.digest[:12]
