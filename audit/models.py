"""One generic, append-only record of every state change: who did what to which object."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def for_institution(self, institution):
        return self.filter(institution=institution)

    def for_issuer(self, issuer):
        return self.filter(issuer=issuer)


class AuditEvent(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A dotted verb, e.g. "badge_class.created", "membership.role_changed".
    action = models.CharField(max_length=64)
    institution = models.ForeignKey(
        "issuers.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issuer = models.ForeignKey(
        "issuers.Issuer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    # Changed fields and other facts. Never a private key or a plain recipient e-mail.
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The per-issuer and per-object audit views.
            models.Index(fields=["issuer", "-created_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]
        verbose_name = _("audit event")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"
