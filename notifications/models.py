"""A record of every e-mail sent about an award: nothing is lost, failures stay visible."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from badges.models import Award
from issuers.models import Issuer


class DeliveryKind(models.TextChoices):
    AWARD_ISSUED = "award_issued", _("badge awarded")
    RENEWAL = "renewal", _("badge renewed")
    EXPIRY_WARNING = "expiry_warning", _("expiry warning")
    EXPIRY_DIGEST = "expiry_digest", _("expiry digest for staff")


# Kinds about one award that go once per award (a retry or "send again" reuses the row).
ONCE_PER_AWARD = [
    DeliveryKind.AWARD_ISSUED,
    DeliveryKind.RENEWAL,
    DeliveryKind.EXPIRY_WARNING,
]


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class EmailDeliveryQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(status=DeliveryStatus.FAILED)


class EmailDelivery(models.Model):
    """One e-mail about an award (or a staff digest about an issuer's awards), and its fate.

    ``recipient`` is the plain address and is private: logs and audit events
    name the award's ``recipient_hash`` instead. ``period`` is the day of the
    expiry run that made a warning or digest, so a digest can list the
    warnings of its day and goes once per person per day.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=DeliveryKind.choices)
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="email_deliveries"
    )
    award = models.ForeignKey(
        Award,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="email_deliveries",
    )
    recipient = models.EmailField(_("recipient"), max_length=320)
    period = models.DateField(null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = EmailDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values),
                name="email_delivery_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DeliveryKind.values),
                name="email_delivery_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind=DeliveryKind.EXPIRY_DIGEST) | Q(award__isnull=False),
                name="email_delivery_award_unless_digest",
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.SENT) | Q(sent_at__isnull=False),
                name="email_delivery_sent_has_time",
            ),
            models.UniqueConstraint(
                fields=["award", "kind"],
                condition=Q(kind__in=ONCE_PER_AWARD),
                name="email_delivery_once_per_award",
            ),
            models.UniqueConstraint(
                fields=["issuer", "recipient", "period"],
                condition=Q(kind=DeliveryKind.EXPIRY_DIGEST),
                name="email_delivery_digest_once_per_day",
            ),
        ]
        indexes = [
            # The failed deliveries page, per issuer.
            models.Index(fields=["issuer", "status"]),
            # The failed-deliveries metric, over every issuer: small however many were sent.
            models.Index(
                fields=["id"],
                condition=Q(status=DeliveryStatus.FAILED),
                name="email_delivery_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"
