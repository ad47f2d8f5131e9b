"""Awards (one learner earned one badge class, format-neutral) and issuers' status lists."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from issuers.models import Issuer

from ..choices import (
    AwardRoute,
    RecipientType,
)
from .badge_classes import BadgeClass


class AwardQuerySet(models.QuerySet):
    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def not_revoked(self):
        return self.filter(revoked_at__isnull=True)

    def expired(self, at=None):
        return self.filter(expires_at__isnull=False, expires_at__lte=at or now())

    def search(self, query: str):
        """Awards whose recipient address or name contains ``query`` (the staff search box)."""
        query = query.strip()
        if not query:
            return self
        return self.filter(
            Q(recipient_identity__icontains=query) | Q(recipient_name__icontains=query)
        )

    def in_state(self, state: str):
        """Awards in ``state`` (valid, revoked, expired); any other value filters nothing."""
        if state == "valid":
            return self.valid()
        if state == "revoked":
            return self.revoked()
        if state == "expired":
            return self.not_revoked().expired()
        return self

    def valid(self, at=None):
        """Neither revoked nor expired at ``at`` (default: now)."""
        return self.not_revoked().filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at or now())
        )


class Award(models.Model):
    """One recipient earned one badge class: the format-neutral record behind OB 2.0 and OB 3.0.

    The plain recipient identity and name are private; public documents carry
    ``recipient_hash`` (salted SHA-256) only. ``ob2_jws``, ``ob3_credential``
    and ``ob3_jwt`` are the signed forms, made by ``actions.sign_award``.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="awards"
    )
    # Denormalised from badge_class, for the per-issuer status list index constraint.
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="awards")

    recipient_type = models.CharField(
        _("recipient type"), max_length=16, choices=RecipientType.choices
    )
    recipient_identity = models.CharField(_("recipient"), max_length=320)
    recipient_salt = models.CharField(max_length=64)
    recipient_hash = models.CharField(max_length=80)
    recipient_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    show_name_publicly = models.BooleanField(default=False)

    issued_on = models.DateTimeField(_("issued on"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    result = models.CharField(_("result"), max_length=100, blank=True)
    route = models.CharField(
        _("route"), max_length=20, choices=AwardRoute.choices, default=AwardRoute.COURSE
    )

    # Position in the issuer's Bitstring Status List (OB 3.0 revocation), drawn at random.
    status_index = models.PositiveIntegerField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(
        _("revocation reason"), max_length=500, blank=True
    )

    ob2_jws = models.TextField(blank=True)
    ob3_credential = models.JSONField(null=True, blank=True)
    ob3_jwt = models.TextField(blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    # Set when the signed forms were made again with the same id, status entry and
    # dates (badges.reissue): the backpack tells the learner a fresh copy exists.
    reissued_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Awarding the same key twice for one badge class returns the first award (bulk uploads, API retries).
    idempotency_key = models.CharField(max_length=64, blank=True)
    # A renewal re-issues an award with a new validity and points back to it.
    renewed_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals"
    )

    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_type__in=RecipientType.values),
                name="award_recipient_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(route__in=AwardRoute.values), name="award_route_valid"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(expires_at__gt=models.F("issued_on")),
                name="award_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revocation_reason="")
                | Q(revoked_at__isnull=False),
                name="award_revocation_reason_with_date",
            ),
            models.UniqueConstraint(
                fields=["issuer", "status_index"], name="award_status_index_unique"
            ),
            models.UniqueConstraint(
                fields=["badge_class", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="award_idempotency_key_unique",
            ),
        ]
        indexes = [
            # The award lists per badge class, newest first.
            models.Index(fields=["badge_class", "-issued_on"]),
            # Finding a learner's awards by address.
            models.Index(fields=["recipient_identity"]),
        ]

    def __str__(self) -> str:
        return f"{self.badge_class} → {self.recipient_hash[:16]}…"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= now()

    @property
    def state(self) -> str:
        """One of ``revoked``, ``expired``, ``valid``."""
        if self.is_revoked:
            return "revoked"
        if self.is_expired:
            return "expired"
        return "valid"


class StatusList(models.Model):
    """An issuer's published, signed W3C Bitstring Status List credential (OB 3.0 revocation)."""

    issuer = models.OneToOneField(
        Issuer, on_delete=models.PROTECT, related_name="status_list"
    )
    document = models.JSONField()
    published_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Status list of {self.issuer}"
