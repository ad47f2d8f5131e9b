"""Bulk awarding: preview a file, confirm it once, award its rows in committed batches.

1. ``create_upload`` parses and checks every row and stores them; nothing is awarded.
   Rows whose key already has an award show as "already awarded" in the preview.
2. ``confirm_upload`` claims the upload (previewed → confirmed, a conditional
   UPDATE: of two people confirming at once, one wins) and queues processing on commit.
3. ``process_upload`` awards the valid rows ``BATCH_SIZE`` at a time. Each batch is
   one transaction: the awards (unsigned), their signatures (``sign_awards``, one
   key opening per batch), the rows' new status and the upload's counters commit
   together. A worker that dies loses at most its open batch; running again takes
   the rows still ``valid``, and the row's idempotency key makes a second award of
   the same row impossible even if the row's status was somehow not written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record
from badges import facts
from badges.actions import award_badge, sign_awards
from badges.actions.awarding import NOT_AWARDABLE
from badges.choices import Status
from badges.models import Award, BadgeClass

from . import parsing
from .models import BulkRow, BulkUpload, RowStatus, Source, UploadStatus

BATCH_SIZE = 200
# Up to this many valid rows, an API batch is awarded inside the request.
SYNC_LIMIT = 50

ALREADY_CONFIRMED = gettext_noop(
    "This upload has already been confirmed (by someone else, or in another tab); "
    "its rows are awarded once."
)

# award_badge's field names, as the columns of the file name them.
_COLUMN_OF = {"recipient_identity": "email", "recipient_name": "name"}
_API_FIELD = {column: name for name, column in _COLUMN_OF.items()}


def rules_for(badge_class: BadgeClass) -> parsing.Rules:
    return parsing.Rules(
        badge_class_uuid=str(badge_class.uuid),
        has_result=bool(badge_class.result_type),
        today=timezone.localdate(),
    )


def _require_awardable(badge_class: BadgeClass, field: str = "badge_class") -> None:
    if badge_class.status != Status.PUBLISHED:
        raise ValidationError(
            {
                field: ValidationError(
                    _(NOT_AWARDABLE) % {"status": badge_class.get_status_display()},
                    code="not_awardable",
                )
            }
        )


@transaction.atomic
def create_upload(
    *, badge_class: BadgeClass, acting_user, data: bytes, filename: str = ""
) -> BulkUpload:
    """Parse and check a recipients CSV and store its rows for preview; award nothing.

    Raise ValidationError on ``file`` for a file that cannot be read as a whole
    (see ``parsing``), or on ``badge_class`` when the class cannot be awarded.
    """
    _require_awardable(badge_class)
    parsed = parsing.parse_csv(data, rules=rules_for(badge_class))
    return _store(
        badge_class=badge_class,
        acting_user=acting_user,
        rows=parsed.rows,
        source=Source.CSV,
        filename=filename[:255],
        sha256=parsed.sha256,
        ignored_columns=parsed.ignored_columns,
    )


def _store(
    *, badge_class, acting_user, rows, source, filename, sha256, ignored_columns
) -> BulkUpload:
    existing = dict(
        Award.objects.filter(
            badge_class=badge_class,
            idempotency_key__in=[r.idempotency_key for r in rows if r.is_valid],
        )
        .exclude(idempotency_key="")  # lets SQLite use the partial unique index
        .order_by()
        .values_list("idempotency_key", "pk")
    )
    upload = BulkUpload(
        badge_class=badge_class,
        uploaded_by=acting_user,
        source=source,
        filename=filename,
        sha256=sha256,
        ignored_columns=ignored_columns,
    )
    stored = []
    for row in rows:
        status = RowStatus.VALID if row.is_valid else RowStatus.INVALID
        if status == RowStatus.VALID and row.idempotency_key in existing:
            status = RowStatus.ALREADY_AWARDED
        stored.append(
            BulkRow(
                line=row.line,
                raw=row.raw,
                values=row.values,
                status=status,
                errors=row.errors,
                award_id=existing.get(row.idempotency_key)
                if status == RowStatus.ALREADY_AWARDED
                else None,
                idempotency_key=row.idempotency_key,
            )
        )
    counts = Counter(r.status for r in stored)
    upload.total = len(stored)
    upload.valid = counts[RowStatus.VALID]
    upload.invalid = counts[RowStatus.INVALID]
    upload.already_awarded = counts[RowStatus.ALREADY_AWARDED]
    upload.full_clean()
    upload.save()
    for row in stored:
        row.upload = upload
    BulkRow.objects.bulk_create(stored, batch_size=1000)
    record("bulk_upload.created", actor=acting_user, target=upload, institution=badge_class.issuer.institution,
           issuer=badge_class.issuer, data={"badge_class": str(badge_class.uuid), "source": source, "sha256": sha256,
                                            "total": upload.total, "valid": upload.valid, "invalid": upload.invalid,
                                            "already_awarded": upload.already_awarded})  # fmt: skip
    return upload


def _checked_batch(entries):
    """Return (errors keyed ``awards.<index>.<field>``, {class pk: (class, checked rows)})."""
    errors: dict[str, list[ValidationError]] = {}
    by_class: dict[int, tuple[BadgeClass, list[parsing.Row]]] = {}
    for badge_class in {bc.pk: bc for _i, bc, _r in entries}.values():
        rows = parsing.check_rows(
            [(i, raw) for i, bc, raw in entries if bc.pk == badge_class.pk],
            rules=rules_for(badge_class),
        )
        by_class[badge_class.pk] = (badge_class, rows)
        if badge_class.status != Status.PUBLISHED:
            message = _(NOT_AWARDABLE) % {"status": badge_class.get_status_display()}
            for row in rows:
                errors[f"awards.{row.line}.badge_class"] = [
                    ValidationError(message, code="not_awardable")
                ]
        for row in rows:
            for error in row.errors:
                name = _API_FIELD.get(error["field"], error["field"])
                errors.setdefault(f"awards.{row.line}.{name}", []).append(
                    ValidationError(error["message"], code=error["code"])
                )
    return errors, by_class


def batch_errors(
    entries: Sequence[tuple[int, BadgeClass, dict[str, str]]],
) -> dict[str, list[ValidationError]]:
    """Return the errors of JSON batch items, keyed ``awards.<index>.<field>``; write nothing."""
    return _checked_batch(entries)[0]


@transaction.atomic
def create_batch_uploads(
    *, entries: Sequence[tuple[int, BadgeClass, dict[str, str]]], acting_user
) -> list[BulkUpload]:
    """Check JSON batch items (index, accessible badge class, template columns) and store one upload per class.

    Raise one ValidationError naming every bad item as ``awards.<index>.<field>``;
    nothing is stored then.
    """
    errors, by_class = _checked_batch(entries)
    if errors:
        raise ValidationError(errors)
    return [
        _store(
            badge_class=badge_class,
            acting_user=acting_user,
            rows=rows,
            source=Source.API,
            filename="",
            sha256="",
            ignored_columns=[],
        )
        for badge_class, rows in by_class.values()
    ]


def confirm_upload(
    *, upload: BulkUpload, acting_user, enqueue: bool = True, queue: str | None = None
) -> BulkUpload:
    """Claim a previewed upload for awarding and queue its processing on commit.

    Of two confirmations at once exactly one wins; the other raises
    ValidationError (code ``already_confirmed``). An upload with no valid row
    is done at once. ``queue`` names the Celery
    queue (a deployment may keep big files off the default queue);
    ``enqueue=False`` leaves processing to the caller.
    """
    with transaction.atomic():
        _require_awardable(upload.badge_class)
        claimed = BulkUpload.objects.filter(
            pk=upload.pk, status=UploadStatus.PREVIEWED
        ).update(
            status=UploadStatus.CONFIRMED, confirmed_by=acting_user, confirmed_at=now()
        )
        if claimed != 1:
            raise ValidationError(_(ALREADY_CONFIRMED), code="already_confirmed")
        upload.refresh_from_db()
        record("bulk_upload.confirmed", actor=acting_user, target=upload,
               institution=upload.badge_class.issuer.institution, issuer=upload.badge_class.issuer,
               data={"valid": upload.valid})  # fmt: skip
        if not upload.valid:  # nothing to award: done at once, no task
            _finish(upload)
            upload.refresh_from_db()
        elif enqueue:
            from outbox.actions import enqueue

            from .tasks import process_upload_task

            enqueue(process_upload_task, upload.pk, queue=queue or "")
    return upload


def award_batch(
    *, entries: Sequence[tuple[int, BadgeClass, dict[str, str]]], acting_user
) -> list[BulkUpload]:
    """Store, confirm and award a checked JSON batch: inside the call when small, else on the queue.

    With at most ``SYNC_LIMIT`` awardable rows in all, the awards are made now
    and the uploads come back ``done``; otherwise processing is queued on commit.
    Raise ValidationError as ``create_batch_uploads`` does.
    """
    uploads = create_batch_uploads(entries=entries, acting_user=acting_user)
    inline = sum(upload.valid for upload in uploads) <= SYNC_LIMIT
    for upload in uploads:
        confirm_upload(upload=upload, acting_user=acting_user, enqueue=not inline)
    if inline:
        uploads = [process_upload(upload=upload) for upload in uploads]
    return uploads


def batch_results(uploads: Sequence[BulkUpload]) -> list[dict]:
    """Return one result per batch item, in item order: index, row status, award id and URL."""
    rows = BulkRow.objects.filter(upload__in=uploads).select_related("award")
    return [
        {
            "index": row.line,
            "status": row.status,
            "award": row.award.uuid if row.award else None,
            "assertion_url": facts.assertion_url(row.award) if row.award else None,
        }
        for row in sorted(rows, key=lambda r: r.line)
    ]


def _moment(value: str) -> datetime | None:
    """Return the start of the day ``value`` (YYYY-MM-DD) in the site's time zone."""
    if not value:
        return None
    day = datetime.fromisoformat(value).date()
    return timezone.make_aware(datetime.combine(day, time.min))


def _award_row(row: BulkRow, *, badge_class: BadgeClass, acting_user) -> Award:
    values = row.values
    evidence = [
        {"url": values["evidence_url"], "narrative": values["evidence_narrative"]}
    ]
    return award_badge(
        badge_class=badge_class,
        recipient_identity=values["email"],
        acting_user=acting_user,
        recipient_name=values["name"],
        issued_on=_moment(values["issued_on"]),
        expires_at=_moment(values["expires_at"]),
        evidence=evidence
        if values["evidence_url"] or values["evidence_narrative"]
        else (),
        result=values["result"],
        route=values["route"],
        idempotency_key=row.idempotency_key,
        sign=False,
    )


def _row_errors(exc: ValidationError) -> list[dict[str, str]]:
    if not hasattr(exc, "error_dict"):
        return [{"field": "", "code": e.code or "invalid", "message": m} for e in exc.error_list for m in e.messages]  # fmt: skip
    return [
        {"field": _COLUMN_OF.get(name, name.replace("evidence.0.", "evidence_")), "code": e.code or "invalid", "message": m}
        for name, errors in exc.error_dict.items() for e in errors for m in e.messages
    ]  # fmt: skip


def process_upload_batch(*, upload: BulkUpload, batch_size: int = BATCH_SIZE) -> int:
    """Award the next ``batch_size`` valid rows in one transaction; return how many rows were taken.

    A row that ``award_badge`` refuses is marked failed with its message; the
    others still go through. Rows another worker holds are skipped (PostgreSQL).
    """
    badge_class, acting_user = upload.badge_class, upload.confirmed_by
    with transaction.atomic():
        rows = list(
            upload.rows.filter(status=RowStatus.VALID)
            .order_by("line")
            .select_for_update(skip_locked=True)[:batch_size]
        )
        if not rows:
            return 0
        existing = dict(
            Award.objects.filter(
                badge_class=badge_class,
                idempotency_key__in=[r.idempotency_key for r in rows],
            )
            .exclude(idempotency_key="")  # lets SQLite use the partial unique index
            .order_by()
            .values_list("idempotency_key", "pk")
        )
        new_awards = []
        for row in rows:
            if row.idempotency_key in existing:
                row.status, row.award_id = (
                    RowStatus.ALREADY_AWARDED,
                    existing[row.idempotency_key],
                )
                continue
            try:
                award = _award_row(
                    row, badge_class=badge_class, acting_user=acting_user
                )
            except ValidationError as exc:
                row.status, row.errors = RowStatus.FAILED, _row_errors(exc)
                continue
            except (IntegrityError, RuntimeError):
                # Another process awarded this key between the lookup above and the insert.
                award = Award.objects.filter(badge_class=badge_class, idempotency_key=row.idempotency_key).first()  # fmt: skip
                if award is None:
                    raise
            if award.signed_at is None:
                row.status = RowStatus.AWARDED
                new_awards.append(award)
            else:
                row.status = RowStatus.ALREADY_AWARDED
            row.award = award
        sign_awards(awards=new_awards)
        BulkRow.objects.bulk_update(rows, ["status", "errors", "award"])
        counts = Counter(row.status for row in rows)
        BulkUpload.objects.filter(pk=upload.pk).update(
            awarded=F("awarded") + counts[RowStatus.AWARDED],
            already_awarded=F("already_awarded") + counts[RowStatus.ALREADY_AWARDED],
            failed=F("failed") + counts[RowStatus.FAILED],
            progressed_at=now(),
        )
    return len(rows)


def process_upload(*, upload: BulkUpload, batch_size: int = BATCH_SIZE) -> BulkUpload:
    """Award every valid row of a confirmed (or interrupted) upload, batch by batch, and finish it.

    Return the upload as it stands: ``done`` once no valid row is left, still
    ``processing`` when another worker holds the last rows. An upload whose
    badge class can no longer be awarded is marked ``failed``.
    """
    BulkUpload.objects.filter(pk=upload.pk, status=UploadStatus.CONFIRMED).update(
        status=UploadStatus.PROCESSING, progressed_at=now()
    )
    upload.refresh_from_db()
    if upload.status != UploadStatus.PROCESSING:
        return upload
    upload.badge_class.refresh_from_db(fields=["status"])
    if upload.badge_class.status != Status.PUBLISHED:
        return fail_upload(
            upload=upload,
            reason=_(NOT_AWARDABLE)
            % {"status": upload.badge_class.get_status_display()},
        )
    while process_upload_batch(upload=upload, batch_size=batch_size):
        pass
    _finish(upload)
    upload.refresh_from_db()
    return upload


def _finish(upload: BulkUpload) -> None:
    """Mark the upload done once no valid row is left (one caller wins), with its audit event."""
    finished = (
        BulkUpload.objects.filter(
            pk=upload.pk,
            status__in=[UploadStatus.CONFIRMED, UploadStatus.PROCESSING],
        )
        .exclude(
            Exists(
                BulkRow.objects.filter(upload=OuterRef("pk"), status=RowStatus.VALID)
            )
        )
        .update(status=UploadStatus.DONE, finished_at=now())
    )
    if finished == 1:
        upload.refresh_from_db()
        record("bulk_upload.finished", actor=upload.confirmed_by, target=upload,
               institution=upload.badge_class.issuer.institution, issuer=upload.badge_class.issuer,
               data={"awarded": upload.awarded, "already_awarded": upload.already_awarded, "failed": upload.failed})  # fmt: skip


@transaction.atomic
def fail_upload(*, upload: BulkUpload, reason: str) -> BulkUpload:
    """Stop an upload that cannot go on; the rows awarded so far stay awarded."""
    BulkUpload.objects.filter(
        pk=upload.pk, status__in=[UploadStatus.CONFIRMED, UploadStatus.PROCESSING]
    ).update(status=UploadStatus.FAILED, failure_reason=reason[:500], finished_at=now())
    upload.refresh_from_db()
    record("bulk_upload.failed", actor=None, target=upload,
           institution=upload.badge_class.issuer.institution, issuer=upload.badge_class.issuer,
           data={"reason": reason, "awarded": upload.awarded})  # fmt: skip
    return upload


def stalled_uploads(*, older_than: timedelta | None = None):
    """Return confirmed or processing uploads that have not moved for ``older_than``.

    ``older_than`` defaults to ``BULK_STALLED_AFTER_SECONDS`` (5 minutes).

    A worker killed mid-file leaves its task unacknowledged; the broker gives it
    to another worker only after its visibility timeout, so a periodic sweep
    (``resume_stalled_uploads`` task) queues these again sooner.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.BULK_STALLED_AFTER_SECONDS)
    moment = now() - older_than
    return BulkUpload.objects.filter(
        status__in=[UploadStatus.CONFIRMED, UploadStatus.PROCESSING],
        progressed_at__lte=moment,
    ) | BulkUpload.objects.filter(
        status=UploadStatus.CONFIRMED,
        progressed_at__isnull=True,
        confirmed_at__lte=moment,
    )
