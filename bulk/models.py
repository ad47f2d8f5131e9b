"""Bulk awarding: an uploaded file (or JSON batch) and its rows, from preview to done."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from badges.models import Award, BadgeClass


class Source(models.TextChoices):
    CSV = "csv", _("CSV file")
    API = "api", _("API batch")


class UploadStatus(models.TextChoices):
    """previewed → confirmed → processing → done (or failed)."""

    PREVIEWED = "previewed", _("Previewed")
    CONFIRMED = "confirmed", _("Confirmed")
    PROCESSING = "processing", _("Processing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RowStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    INVALID = "invalid", _("Invalid")
    AWARDED = "awarded", _("Awarded")
    ALREADY_AWARDED = "already_awarded", _("Already awarded")
    FAILED = "failed", _("Failed")


class BulkUpload(models.Model):
    """One file (or API batch) of recipients for one badge class.

    The counters are kept in step with the rows by the actions, in the same
    transaction, so progress pages read one row instead of counting thousands.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="bulk_uploads"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    # SHA-256 of the file as uploaded (empty for an API batch).
    sha256 = models.CharField(max_length=64, blank=True)
    ignored_columns = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=16, choices=UploadStatus.choices, default=UploadStatus.PREVIEWED
    )
    total = models.PositiveIntegerField(default=0)
    valid = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(default=0)
    awarded = models.PositiveIntegerField(default=0)
    already_awarded = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    failure_reason = models.CharField(max_length=500, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Moves with every committed batch: a processing upload that stops moving has stalled.
    progressed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=UploadStatus.values),
                name="bulk_upload_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="bulk_upload_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=UploadStatus.PREVIEWED)
                | Q(confirmed_at__isnull=False),
                name="bulk_upload_confirmed_at_once_confirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename or self.source} → {self.badge_class}"

    @property
    def to_process(self) -> int:
        """Rows that were valid at preview (awarded, already awarded or failed once processed)."""
        return self.valid

    @property
    def processed(self) -> int:
        return self.awarded + self.already_awarded + self.failed

    @property
    def percent(self) -> int:
        """Return the share of valid rows processed, 0–100 (100 once done)."""
        if self.status in (UploadStatus.DONE, UploadStatus.FAILED) or not self.valid:
            return 100 if self.status == UploadStatus.DONE else 0
        return min(100, self.processed * 100 // self.valid)

    @property
    def is_finished(self) -> bool:
        return self.status in (UploadStatus.DONE, UploadStatus.FAILED)


class BulkRow(models.Model):
    """One data line of an upload: its values, its errors and, once awarded, its award."""

    upload = models.ForeignKey(
        BulkUpload, on_delete=models.CASCADE, related_name="rows"
    )
    line = models.PositiveIntegerField()
    raw = models.JSONField(default=dict)
    values = models.JSONField(default=dict)
    status = models.CharField(max_length=16, choices=RowStatus.choices)
    errors = models.JSONField(default=list, blank=True)
    award = models.ForeignKey(
        Award, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["upload", "line"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RowStatus.values), name="bulk_row_status_valid"
            ),
            models.UniqueConstraint(
                fields=["upload", "line"], name="bulk_row_line_unique"
            ),
        ]
        indexes = [
            # Processing takes the next batch of valid rows in line order.
            models.Index(fields=["upload", "status", "line"]),
        ]

    def __str__(self) -> str:
        return f"line {self.line} ({self.status})"
