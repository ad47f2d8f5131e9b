"""The learner's backpack: the credentials a learner holds and what they said about them.

The backpack itself is a query (every award to one of the learner's verified
addresses); a ``StoredCredential`` row records the learner's answer to one of
them, and later will hold credentials imported from elsewhere.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from badges.models import Award


class HoldingStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class StoredCredential(models.Model):
    """A credential a learner holds, issued here or imported."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stored_credentials",
    )
    # Null for credentials imported from elsewhere (a later issue).
    award = models.ForeignKey(
        Award,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stored_credentials",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HoldingStatus.choices,
        default=HoldingStatus.PENDING,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("stored credential")
        verbose_name_plural = _("stored credentials")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=HoldingStatus.values),
                name="stored_credential_status_valid",
            ),
            models.UniqueConstraint(
                fields=["user", "award"],
                condition=Q(award__isnull=False),
                name="stored_credential_one_per_award",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award or _('imported credential')} ({self.get_status_display()})"
