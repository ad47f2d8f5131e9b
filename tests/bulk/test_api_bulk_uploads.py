"""Bulk awarding through the API: CSV uploads (preview, confirm, progress, errors) and JSON batches."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from badges.models import Award
from bulk.actions import SYNC_LIMIT
from bulk.models import BulkUpload
from tests.badges.test_api_badge_classes import client_for
from tests.bulk.helpers import recipients_csv, upload_file
from tests.factories import make_badge_class


def post_file(cast, person="aaron", data: bytes | None = None, badge_class=None):
    return client_for(getattr(cast, person)).post(
        f"/api/v1/badge-classes/{(badge_class or cast.badge_class).uuid}/bulk-uploads",
        {"file": upload_file(recipients_csv(4, bad={2}) if data is None else data)},
        format="multipart",
    )


def test_uploading_a_csv_returns_the_preview_with_each_rows_errors(cast):
    response = post_file(cast)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (
        body["status"],
        body["total"],
        body["valid"],
        body["invalid"],
        body["percent"],
    ) == ("previewed", 4, 3, 1, 0)
    assert body["problem_rows"] == [{"line": 4, "status": "invalid", "errors": [
        {"field": "email", "code": "invalid", "message": "“not-an-address-2” is not a valid e-mail address."}]}]  # fmt: skip
    assert body["links"]["confirm"] == f"/api/v1/bulk-uploads/{body['id']}/confirm"
    assert Award.objects.count() == 0
    assert (
        AuditEvent.objects.filter(
            action="bulk_upload.created", target_id=body["id"]
        ).count()
        == 1
    )


def test_confirming_returns_202_and_progress_reaches_100_percent(cast, tasks_inline):
    upload_id = post_file(cast).json()["id"]
    client = client_for(cast.erin)
    with tasks_inline(execute=True):
        response = client.post(f"/api/v1/bulk-uploads/{upload_id}/confirm")
    assert response.status_code == 202
    assert response.json()["status"] == "confirmed"
    progress = client.get(f"/api/v1/bulk-uploads/{upload_id}").json()
    assert (progress["status"], progress["awarded"], progress["percent"]) == (
        "done",
        3,
        100,
    )
    assert AuditEvent.objects.get(action="bulk_upload.confirmed").actor == cast.erin
    errors = client.get(f"/api/v1/bulk-uploads/{upload_id}/errors.csv")
    text = b"".join(errors.streaming_content).decode("utf-8-sig")
    assert errors["Content-Type"] == "text/csv; charset=utf-8"
    assert text.splitlines()[1].startswith("4,not-an-address-2,")


def test_a_second_confirm_is_a_validation_error(cast, tasks_inline):
    upload_id = post_file(cast).json()["id"]
    with tasks_inline(execute=True):
        client_for(cast.aaron).post(f"/api/v1/bulk-uploads/{upload_id}/confirm")
    response = client_for(cast.alice).post(f"/api/v1/bulk-uploads/{upload_id}/confirm")
    assert response.status_code == 400
    assert (
        response.json()["fields"]["non_field_errors"][0]["code"] == "already_confirmed"
    )
    assert Award.objects.count() == 3


def test_a_bad_file_is_refused_in_the_one_error_shape(cast):
    response = post_file(cast, data=b"\x89PNG\r\n\x1a\n\x00\x00")
    assert response.status_code == 400
    assert response.json() == {"code": "validation_error", "detail": "Invalid input.", "fields": {"file": [
        {"code": "binary", "message": "This is not a CSV text file (it contains binary data). Upload a .csv file."}]}}  # fmt: skip


def test_outsiders_get_404_for_uploads_and_their_progress(cast):
    upload_id = post_file(cast).json()["id"]
    mallory = client_for(cast.mallory)
    assert post_file(cast, person="mallory").status_code == 404
    assert mallory.get(f"/api/v1/bulk-uploads/{upload_id}").status_code == 404
    assert mallory.post(f"/api/v1/bulk-uploads/{upload_id}/confirm").status_code == 404
    assert (
        mallory.get(f"/api/v1/bulk-uploads/{upload_id}/errors.csv").status_code == 404
    )
    assert BulkUpload.objects.get(uuid=upload_id).status == "previewed"


# --- JSON batches -----------------------------------------------------------------------


def batch(cast, items, person="aaron"):
    return client_for(getattr(cast, person)).post(
        "/api/v1/awards/batch", {"awards": items}, format="json"
    )


def item(cast, i: int, **extra) -> dict:
    return {"badge_class": str(cast.badge_class.uuid), "recipient_identity": f"lms{i}@example.lv",
            "recipient_name": f"Learner {i}", "external_id": f"course-7/{i}", **extra}  # fmt: skip


def test_a_small_batch_is_awarded_in_the_request_with_one_result_per_item(cast):
    other = make_badge_class(
        issuer=cast.electrics, acting_user=cast.alice, name="Wiring"
    )
    items = [
        item(cast, 0),
        item(cast, 1, badge_class=str(other.uuid), issued_on="2026-01-05"),
        item(cast, 2),
    ]
    response = batch(cast, items)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "done" and len(body["uploads"]) == 2
    assert [(i["index"], i["status"]) for i in body["items"]] == [
        (0, "awarded"),
        (1, "awarded"),
        (2, "awarded"),
    ]
    assert Award.objects.get(uuid=body["items"][1]["award"]).badge_class == other
    assert AuditEvent.objects.filter(action="award.created").count() == 3
    again = batch(cast, items).json()
    assert [i["status"] for i in again["items"]] == ["already_awarded"] * 3
    assert [i["award"] for i in again["items"]] == [i["award"] for i in body["items"]]
    assert Award.objects.count() == 3


def test_bad_items_and_inaccessible_classes_get_per_item_errors_and_nothing_is_awarded(
    cast,
):
    evil_class = make_badge_class(
        issuer=cast.evil_issuer, acting_user=cast.mallory, name="Evil"
    )
    draft = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, publish=False, name="Draft"
    )
    items = [item(cast, 0), item(cast, 1, recipient_identity="nobody"), item(cast, 2, badge_class=str(evil_class.uuid)),
             item(cast, 3, badge_class="not-a-uuid"), item(cast, 4, badge_class=str(draft.uuid)),
             item(cast, 5, expires_at="2020-01-01"), item(cast, 0)]  # fmt: skip
    response = batch(cast, items)
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert {k: [e["code"] for e in v] for k, v in fields.items()} == {
        "awards.1.recipient_identity": ["invalid"],
        "awards.2.badge_class": ["not_found"],
        "awards.3.badge_class": ["not_found"],
        "awards.4.badge_class": ["not_awardable"],
        "awards.5.expires_at": ["expires_before_issue"],
        "awards.6.recipient_identity": ["duplicate"],
    }
    assert Award.objects.count() == 0 and BulkUpload.objects.count() == 0


def test_a_batch_item_missing_its_recipient_is_named(cast):
    response = batch(cast, [{"badge_class": str(cast.badge_class.uuid)}])
    assert response.json()["fields"] == {
        "awards.0.recipient_identity": [
            {"code": "required", "message": "This field is required."}
        ]
    }


def test_a_batch_over_1000_items_is_refused(cast):
    response = batch(cast, [item(cast, i) for i in range(1001)])
    assert response.status_code == 400
    assert response.json()["fields"]["awards"][0]["code"] == "max_length"


def test_a_large_batch_is_queued_as_an_upload(cast, tasks_inline):
    with tasks_inline(execute=True):
        response = batch(cast, [item(cast, i) for i in range(SYNC_LIMIT + 1)])
    assert response.status_code == 202
    (upload,) = response.json()["uploads"]
    assert upload["source"] == "api"
    assert (
        client_for(cast.aaron)
        .get(f"/api/v1/bulk-uploads/{upload['id']}")
        .json()["awarded"]
        == SYNC_LIMIT + 1
    )


@pytest.mark.parametrize("person", ["mallory", "carol"])
def test_outsiders_batches_name_every_class_as_not_found(cast, person):
    response = batch(cast, [item(cast, 0)], person=person)
    assert response.json()["fields"] == {
        "awards.0.badge_class": [{"code": "not_found", "message": "No such object."}]
    }
    assert Award.objects.count() == 0
