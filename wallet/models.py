"""The learner's backpack: the credentials a learner holds, how they group and share them.

Awards made here are found by a query (every award to one of the learner's
verified addresses); a ``StoredCredential`` row records the learner's answer to
one of them. A credential imported from elsewhere is a ``StoredCredential``
without an award, holding the bytes exactly as received and the last
verification report. ``Collection`` groups held credentials; a ``ShareLink``
makes one credential or one collection public under an unguessable token until
the learner revokes it. Nothing is public until the learner shares it.
"""

from __future__ import annotations

import re
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.timezone import now
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from badges.models import Award


class HoldingStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class Source(models.TextChoices):
    """How a credential reached the backpack."""

    ISSUED = "issued", _("issued here")
    URL = "url", _("imported from a link")
    FILE = "file", _("imported from a file")
    TEXT = "text", _("imported from pasted text")
    API = "api", _("received through the Open Badges 3.0 API")


class StoredCredential(models.Model):
    """A credential a learner holds, issued here (``award``) or imported (``received``)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stored_credentials",
    )
    # Null for credentials imported from elsewhere.
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
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.ISSUED
    )
    # --- Imported credentials only ---------------------------------------------------------
    source_url = models.URLField(_("imported from"), max_length=2000, blank=True)
    # The bytes exactly as received (a baked image, JSON, a JWS or VC-JWT) and what they are.
    received = models.BinaryField(null=True, blank=True, editable=False)
    received_type = models.CharField(max_length=100, blank=True)
    received_name = models.CharField(max_length=255, blank=True)
    received_sha256 = models.CharField(max_length=64, blank=True)
    # The credential's own id (assertion or credential URL/URN), to refuse duplicates.
    credential_id = models.CharField(max_length=2000, blank=True)
    version = models.CharField(max_length=20, blank=True)  # "Open Badges 2.0" / "3.0"
    # What it certifies (VerificationReport.certified) and its badge image, for display.
    facts = models.JSONField(default=dict, blank=True)
    image = models.BinaryField(null=True, blank=True, editable=False)
    image_type = models.CharField(max_length=40, blank=True)
    # The last verification: its report (as the verifier's JSON), when, and the verdict.
    report = models.JSONField(default=dict, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    valid = models.BooleanField(null=True, blank=True)
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
            models.CheckConstraint(
                condition=Q(source=Source.ISSUED, award__isnull=False)
                | (~Q(source=Source.ISSUED) & Q(award__isnull=True)),
                name="stored_credential_source_matches",
            ),
            models.UniqueConstraint(
                fields=["user", "received_sha256"],
                condition=~Q(received_sha256=""),
                name="stored_credential_one_per_import",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award or _('imported credential')} ({self.get_status_display()})"

    # --- What to show, the same way for an award made here and an imported credential --------

    def get_absolute_url(self) -> str:
        """The learner's backpack page for it."""
        if self.award_id:
            return reverse("wallet:entry", args=[self.award.uuid])
        return reverse("wallet:imported", args=[self.uuid])

    @property
    def is_imported(self) -> bool:
        return self.award_id is None

    @property
    def title(self) -> str:
        if self.award_id:
            return self.award.badge_class.localized("name", get_language())
        return self.facts.get("name") or str(_("Untitled badge"))

    @property
    def issuer_name(self) -> str:
        if self.award_id:
            return self.award.issuer.localized("name", get_language())
        return self.facts.get("issuer") or ""

    @property
    def description(self) -> str:
        if self.award_id:
            return self.award.badge_class.localized("description", get_language())
        return self.facts.get("description") or ""

    @property
    def issued_on(self):
        """When it was issued (a datetime or a date), or None if the credential does not say."""
        if self.award_id:
            return self.award.issued_on
        return _date(self.facts.get("issued"))

    @property
    def expires_on(self):
        if self.award_id:
            return self.award.expires_at
        return _date(self.facts.get("expires"))

    @property
    def state(self) -> str:
        """``valid``, ``expired``, ``revoked`` or (imported, last check failed) ``invalid``.

        Only a status check failed with the code ``revoked`` means revoked; a
        status that could not be checked (or a suspension) is ``invalid``.
        Reports stored before checks had codes are read by their message,
        the way imports used to tell "revoked" from "could not be checked".
        """
        if self.award_id:
            return self.award.state
        failed = {
            c.get("name"): c
            for c in self.report.get("checks", [])
            if c.get("status") == "failed"
        }
        status = failed.get("status")
        if status is not None:
            message = str(status.get("message") or "")
            legacy = "revoked" if re.search(r"\brevoked\b", message, re.I) else ""
            if status.get("code", legacy) == "revoked":
                return "revoked"
        if failed.keys() - {"validity"}:
            return "invalid"
        expires = self.expires_on
        if "validity" in failed or (expires is not None and expires < now().date()):
            return "expired"
        return "valid"


def _date(value):
    """The date at the start of an ISO 8601 string, or None."""
    try:
        return parse_date(str(value or "")[:10])
    except ValueError:
        return None


class Collection(models.Model):
    """A learner's named group of held credentials, in the learner's order."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collections"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    credentials = models.ManyToManyField(
        StoredCredential, through="CollectionEntry", related_name="collections"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        return self.name


class CollectionEntry(models.Model):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="entries"
    )
    credential = models.ForeignKey(
        StoredCredential, on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "credential"], name="collection_entry_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.credential} in {self.collection}"


def new_share_token() -> str:
    """32 URL-safe characters from 24 random bytes (192 bits): not guessable, not enumerable."""
    return secrets.token_urlsafe(24)


class ShareLink(models.Model):
    """A public link to one held credential or one collection, live until revoked.

    The token is kept as is (not as a digest): the learner needs to see and copy
    the link again, and it opens nothing but what the learner chose to show.
    A revoked link stays revoked; sharing again makes a new token.
    """

    token = models.CharField(max_length=64, unique=True, default=new_share_token)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    credential = models.ForeignKey(
        StoredCredential,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="share_links",
    )
    collection = models.ForeignKey(
        Collection,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="share_links",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(credential__isnull=False, collection__isnull=True)
                | Q(credential__isnull=True, collection__isnull=False),
                name="share_link_one_target",
            ),
            models.UniqueConstraint(
                fields=["credential"],
                condition=Q(revoked_at__isnull=True, credential__isnull=False),
                name="share_link_one_live_per_credential",
            ),
            models.UniqueConstraint(
                fields=["collection"],
                condition=Q(revoked_at__isnull=True, collection__isnull=False),
                name="share_link_one_live_per_collection",
            ),
        ]

    def __str__(self) -> str:
        return f"share link to {self.credential or self.collection}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class ShareEvent(models.Model):
    """One opening or one verification of a share link, for the issuers' dashboard figures.

    Nothing about the visitor is kept: only which link, what happened, and when.
    """

    class Kind(models.TextChoices):
        VIEW = "view", _("viewed")
        VERIFY = "verify", _("verified")

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    at = models.DateTimeField(default=now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["view", "verify"]), name="share_event_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} of share link {self.link_id} at {self.at:%Y-%m-%d %H:%M}"
