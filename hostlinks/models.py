"""Other Open Badges 3.0 hosts the backpack is connected to, as a Service Consumer (OB 3.0 §6).

``RemoteHost`` is one host and our one client registration there (OB 3.0
§7.1.1: a client registers once, for all its users). ``HostLink`` is one
learner's authorization there: their tokens. ``Push`` is one credential sent
out, with its fate. Secrets (the client secret, the tokens) are kept sealed
(AES-GCM under the key-encryption secret, ``credentials.keys.seal_text``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RemoteHost(models.Model):
    """Another OB 3.0 host, as its discovery document names it, and our registration there."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    discovery_url = models.URLField(max_length=2000, unique=True)
    name = models.CharField(_("name"), max_length=255)
    api_base = models.URLField(max_length=2000)
    authorization_url = models.URLField(max_length=2000)
    token_url = models.URLField(max_length=2000)
    registration_url = models.URLField(max_length=2000)
    client_id = models.CharField(max_length=255)
    sealed_client_secret = models.TextField(editable=False)
    scope = models.TextField(blank=True)  # as the registration granted it
    registered_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class HostLink(models.Model):
    """One learner's authorization at a remote host: sealed tokens and what the last pull did."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="host_links"
    )
    host = models.ForeignKey(RemoteHost, on_delete=models.PROTECT, related_name="links")
    scope = models.TextField(blank=True)  # as the token response granted it
    sealed_access_token = models.TextField(editable=False)
    sealed_refresh_token = models.TextField(blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    connected_at = models.DateTimeField(auto_now_add=True)
    last_pull_at = models.DateTimeField(null=True, blank=True)
    # {"imported": n, "duplicates": n, "refused": [{"title", "reason"}], "error": ""}
    last_pull = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "host"], name="hostlink_one_per_user_and_host"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.host}"

    @property
    def can_push(self) -> bool:
        """Whether the grant includes upsertCredential's scope (a host may grant less than asked)."""
        from authserver.scopes import CREDENTIAL_UPSERT

        return CREDENTIAL_UPSERT in self.scope.split()


class PushStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("failed")


class Push(models.Model):
    """One credential sent to a remote host with upsertCredential, and how that ended."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    link = models.ForeignKey(HostLink, on_delete=models.CASCADE, related_name="pushes")
    held = models.ForeignKey(
        "wallet.StoredCredential", on_delete=models.CASCADE, related_name="pushes"
    )
    title = models.CharField(max_length=255)
    status = models.CharField(
        max_length=10, choices=PushStatus.choices, default=PushStatus.WAITING
    )
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PushStatus.values), name="push_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=PushStatus.WAITING) | Q(finished_at__isnull=False),
                name="push_finished_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"
