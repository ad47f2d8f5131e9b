"""Processing an upload: refusals fail single rows, races on one key award once."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from badges.actions import archive_badge_class, award_badge
from badges.models import Award
from bulk import actions as bulk_actions
from bulk.actions import confirm_upload, create_upload, process_upload
from bulk.export import error_rows
from bulk.models import BulkRow, RowStatus
from tests.bulk.helpers import recipients_csv


def confirmed(cast, count: int):
    upload = create_upload(
        badge_class=cast.badge_class, acting_user=cast.aaron, data=recipients_csv(count)
    )
    return confirm_upload(upload=upload, acting_user=cast.aaron, enqueue=False)


def test_rows_refused_when_awarding_are_marked_failed_and_the_others_go_through(
    cast, monkeypatch
):
    upload = confirmed(cast, 5)
    real = bulk_actions.award_badge

    def refuse_one(**kwargs):
        if kwargs["recipient_identity"] == "learner2@example.lv":
            raise ValidationError(
                {"recipient_identity": ValidationError("Refused.", code="refused")}
            )
        return real(**kwargs)

    monkeypatch.setattr(bulk_actions, "award_badge", refuse_one)
    upload = process_upload(upload=upload, batch_size=2)
    assert (upload.status, upload.awarded, upload.failed, upload.percent) == (
        "done",
        4,
        1,
        100,
    )
    failed = BulkRow.objects.get(upload=upload, status=RowStatus.FAILED)
    assert failed.errors == [
        {"field": "email", "code": "refused", "message": "Refused."}
    ]
    assert [r[-1] for r in error_rows(upload)] == ["email: Refused."]
    assert AuditEvent.objects.get(action="bulk_upload.finished").data == {
        "awarded": 4,
        "already_awarded": 0,
        "failed": 1,
    }


def test_a_row_awarded_elsewhere_after_the_preview_counts_as_already_awarded(cast):
    upload = confirmed(cast, 3)
    row = BulkRow.objects.get(upload=upload, line=3)
    award = award_badge(badge_class=cast.badge_class, recipient_identity="learner1@example.lv",
                        acting_user=cast.aaron, idempotency_key=row.idempotency_key)  # fmt: skip
    upload = process_upload(upload=upload)
    assert (upload.awarded, upload.already_awarded) == (2, 1)
    row.refresh_from_db()
    assert (row.status, row.award) == ("already_awarded", award)
    assert Award.objects.count() == 3


def test_processing_a_finished_upload_again_changes_nothing(cast):
    upload = process_upload(upload=confirmed(cast, 2))
    assert process_upload(upload=upload).awarded == 2
    assert Award.objects.count() == 2


def test_an_upload_whose_class_was_archived_meanwhile_fails_with_the_reason(cast):
    upload = confirmed(cast, 2)
    archive_badge_class(badge_class=cast.badge_class, acting_user=cast.alice)
    upload = process_upload(upload=upload)
    assert upload.status == "failed"
    assert (
        upload.failure_reason
        == "Only published badge classes can be awarded; this one is Archived."
    )
    assert AuditEvent.objects.filter(action="bulk_upload.failed").count() == 1
    assert Award.objects.count() == 0
