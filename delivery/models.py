"""Offers of an award to a learner's wallet, the nonces wallets prove keys with, and deliveries.

An ``Offer`` is one learner's invitation for one wallet to collect one award
(OID4VCI pre-authorized code flow or a VC-API exchange). Secrets are kept as
digests only: the offer's URL reference, the pre-authorized code, the PIN and
the access token. A ``Delivery`` is the signed copy a wallet received, bound to
the DID the wallet proved; it shares the award's status entry, so revoking the
award revokes every copy.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from badges.models import Award


class Protocol(models.TextChoices):
    OID4VCI = "oid4vci", _("OpenID for VC Issuance")
    VC_API = "vc-api", _("Learner Credential Wallet (VC-API)")


class Format(models.TextChoices):
    """The OID4VCI 1.0 credential format identifiers (Appendix A)."""

    LDP_VC = "ldp_vc", _("Data Integrity (ldp_vc)")
    JWT_VC_JSON = "jwt_vc_json", _("VC-JWT (jwt_vc_json)")


class OfferQuerySet(models.QuerySet):
    def open(self, at=None):
        """Offers not yet redeemed and not expired at ``at`` (default: now)."""
        return self.filter(redeemed_at__isnull=True, expires_at__gt=at or now())


class Offer(models.Model):
    """One learner's offer of one award to a wallet; single use, short-lived.

    ``reference_digest`` is the SHA-256 of the random reference in the offer URL;
    ``code_digest`` the SHA-256 of the pre-authorized code derived from it
    (``delivery.secrets``); ``tx_code_digest`` a keyed digest of the PIN (blank:
    no PIN). ``redeemed_at`` is set when the code is exchanged for an access
    token (OID4VCI) or the exchange completes (VC-API).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="offers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    protocol = models.CharField(_("protocol"), max_length=16, choices=Protocol.choices)
    reference_digest = models.CharField(max_length=64, unique=True)
    code_digest = models.CharField(max_length=64, unique=True)
    tx_code_digest = models.CharField(max_length=64, blank=True)
    tx_code_attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    redeemed_at = models.DateTimeField(null=True, blank=True)
    access_token_digest = models.CharField(max_length=64, blank=True)
    access_expires_at = models.DateTimeField(null=True, blank=True)
    # VC-API only: the DIDAuth challenge, random and single use (sent in the deep link).
    challenge = models.CharField(max_length=64, blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(protocol__in=Protocol.values),
                name="offer_protocol_valid",
            ),
            models.UniqueConstraint(
                fields=["access_token_digest"],
                condition=~Q(access_token_digest=""),
                name="offer_access_token_unique",
            ),
            models.CheckConstraint(
                condition=Q(access_token_digest="")
                | Q(redeemed_at__isnull=False, access_expires_at__isnull=False),
                name="offer_token_after_redeem",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_protocol_display()} offer of {self.award_id}"

    @property
    def has_tx_code(self) -> bool:
        return bool(self.tx_code_digest)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= now()


class Nonce(models.Model):
    """An OID4VCI ``c_nonce`` (section 7), by digest; a credential request spends it once."""

    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="nonce_expires")]

    def __str__(self) -> str:
        return self.digest[:12]


class Delivery(models.Model):
    """One signed copy of an award delivered to a wallet, bound to the holder's DID.

    ``credential`` holds the Data Integrity form (``ldp_vc``), ``jwt`` the VC-JWT
    form (``jwt_vc_json``); the copy's id is ``urn:uuid:<uuid>`` and its status
    entry is the award's.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="deliveries"
    )
    # An offer is single use: at most one copy per format (an OID4VCI wallet may ask for both).
    offer = models.ForeignKey(
        Offer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    protocol = models.CharField(_("protocol"), max_length=16, choices=Protocol.choices)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    holder_id = models.CharField(_("holder"), max_length=2000)
    credential = models.JSONField(null=True, blank=True)
    jwt = models.TextField(blank=True)
    delivered_at = models.DateTimeField(_("delivered"), default=now)

    class Meta:
        ordering = ["-delivered_at", "-id"]
        verbose_name_plural = _("deliveries")
        constraints = [
            models.CheckConstraint(
                condition=Q(protocol__in=Protocol.values),
                name="delivery_protocol_valid",
            ),
            models.CheckConstraint(
                condition=Q(format=Format.LDP_VC, credential__isnull=False, jwt="")
                | Q(format=Format.JWT_VC_JSON, credential__isnull=True) & ~Q(jwt=""),
                name="delivery_form_matches_format",
            ),
            models.UniqueConstraint(
                fields=["offer", "format"], name="delivery_once_per_offer_and_format"
            ),
        ]
        indexes = [models.Index(fields=["award", "-delivered_at"])]

    def __str__(self) -> str:
        return f"{self.get_format_display()} copy of {self.award_id} for {self.holder_id[:24]}"

    @property
    def credential_id(self) -> str:
        return f"urn:uuid:{self.uuid}"
