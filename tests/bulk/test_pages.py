"""Bulk awarding through the staff pages: upload, preview, confirm, result, downloads; who may."""

from __future__ import annotations

import csv
import io

import pytest

from audit.models import AuditEvent
from badges.actions import award_badge, revoke_award
from badges.models import Award
from bulk.actions import confirm_upload, create_upload
from bulk.models import BulkUpload
from tests.bulk.helpers import recipients_csv, upload_file
from tests.factories import make_badge_class


def login(client, user):
    client.force_login(user)
    return client


def upload(client, badge_class, data: bytes):
    return client.post(
        f"/staff/bulk/badge-classes/{badge_class.uuid}/upload/",
        {"file": upload_file(data)},
    )


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_awards_page_links_to_bulk_upload_and_the_csv_export(client, cast):
    page = login(client, cast.aaron).get(
        f"/staff/badge-classes/{cast.badge_class.uuid}/awards/?q=x&state=valid"
    )
    assert (
        f"/staff/bulk/badge-classes/{cast.badge_class.uuid}/upload/"
        in page.content.decode()
    )
    assert (
        f"/staff/bulk/badge-classes/{cast.badge_class.uuid}/awards.csv?q=x&amp;state=valid"
        in page.content.decode()
    )


def test_the_upload_page_documents_the_columns_and_offers_the_template(client, cast):
    page = login(client, cast.aaron).get(
        f"/staff/bulk/badge-classes/{cast.badge_class.uuid}/upload/"
    )
    assert page.status_code == 200
    assert (
        "e-pasts" in page.content.decode()
        and "/staff/bulk/template.csv" in page.content.decode()
    )
    template = read_csv(client.get("/staff/bulk/template.csv"))
    assert template[0] == ["email", "name", "issued_on", "expires_at", "evidence_url", "evidence_narrative",
                           "result", "external_id", "route"]  # fmt: skip
    assert template[1][1] == "Anna Bērziņa"


def test_an_upload_shows_a_preview_with_errors_and_awards_nothing(client, cast):
    response = upload(
        login(client, cast.aaron), cast.badge_class, recipients_csv(5, bad={1, 3})
    )
    stored = BulkUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/bulk/uploads/{stored.uuid}/"
    assert (stored.status, stored.total, stored.valid, stored.invalid) == (
        "previewed",
        5,
        3,
        2,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Award 3 badges" in page
    assert "“not-an-address-1” is not a valid e-mail address." in page
    assert 'class="field-error"' in page
    assert Award.objects.count() == 0
    event = AuditEvent.objects.get(action="bulk_upload.created")
    assert (event.actor, event.target_id, event.data["invalid"]) == (
        cast.aaron,
        str(stored.uuid),
        2,
    )


def test_confirming_awards_the_valid_rows_and_the_result_offers_the_error_csv(
    client, cast, tasks_inline
):
    upload(login(client, cast.aaron), cast.badge_class, recipients_csv(5, bad={1, 3}))
    stored = BulkUpload.objects.get()
    with tasks_inline(execute=True):
        response = client.post(f"/staff/bulk/uploads/{stored.uuid}/confirm/")
    assert response.status_code == 302
    stored.refresh_from_db()
    assert (stored.status, stored.awarded, stored.failed, stored.percent) == (
        "done",
        3,
        0,
        100,
    )
    assert (
        Award.objects.filter(
            badge_class=cast.badge_class, signed_at__isnull=False
        ).count()
        == 3
    )
    assert set(Award.objects.values_list("recipient_name", flat=True)) == {
        "Līga Bērziņa 0",
        "Līga Bērziņa 2",
        "Līga Bērziņa 4",
    }
    page = client.get(response["Location"]).content.decode()
    assert "Done" in page and f"/staff/bulk/uploads/{stored.uuid}/errors.csv" in page
    errors = read_csv(client.get(f"/staff/bulk/uploads/{stored.uuid}/errors.csv"))
    assert errors[0][-1] == "error" and [r[0] for r in errors[1:]] == ["3", "5"]
    assert errors[1][-1] == "email: “not-an-address-1” is not a valid e-mail address."
    assert (
        AuditEvent.objects.filter(
            action="bulk_upload.confirmed", actor=cast.aaron
        ).count()
        == 1
    )
    assert AuditEvent.objects.get(action="bulk_upload.finished").data["awarded"] == 3
    assert AuditEvent.objects.filter(action="award.created").count() == 3


def test_uploading_the_same_rows_again_shows_them_as_already_awarded(
    client, cast, tasks_inline
):
    login(client, cast.aaron)
    upload(client, cast.badge_class, recipients_csv(3))
    with tasks_inline(execute=True):
        client.post(f"/staff/bulk/uploads/{BulkUpload.objects.get().uuid}/confirm/")
    response = upload(client, cast.badge_class, recipients_csv(4, delimiter=","))
    again = BulkUpload.objects.get(uuid=response["Location"].split("/")[-2])
    assert (again.valid, again.already_awarded) == (1, 3)
    assert "Already awarded" in client.get(response["Location"]).content.decode()


def test_a_second_confirm_is_refused_with_a_message(client, cast, tasks_inline):
    upload(login(client, cast.aaron), cast.badge_class, recipients_csv(2))
    stored = BulkUpload.objects.get()
    with tasks_inline(execute=True):
        client.post(f"/staff/bulk/uploads/{stored.uuid}/confirm/")
    response = client.post(f"/staff/bulk/uploads/{stored.uuid}/confirm/", follow=True)
    assert "has already been confirmed" in response.content.decode()
    assert Award.objects.count() == 2


def test_a_file_without_an_email_column_is_refused_on_the_form(client, cast):
    response = upload(
        login(client, cast.aaron), cast.badge_class, b"mail;name\nx@example.lv;X\n"
    )
    assert response.status_code == 200
    assert "Columns found: “mail”, “name”" in response.content.decode()
    assert BulkUpload.objects.count() == 0


def test_a_draft_badge_class_cannot_be_bulk_awarded(client, cast):
    draft = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, publish=False, name="Draft"
    )
    response = upload(login(client, cast.aaron), draft, recipients_csv(2))
    assert "Only published badge classes can be awarded" in response.content.decode()
    assert BulkUpload.objects.count() == 0


def test_the_progress_page_refreshes_itself_and_loads_the_poller(client, cast):
    stored = create_upload(
        badge_class=cast.badge_class, acting_user=cast.aaron, data=recipients_csv(3)
    )
    confirm_upload(
        upload=stored, acting_user=cast.aaron
    )  # the test transaction never commits: still queued
    page = (
        login(client, cast.aaron)
        .get(f"/staff/bulk/uploads/{stored.uuid}/")
        .content.decode()
    )
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "js/bulk-progress.js" in page and '<progress class="meter"' in page
    assert f'data-progress-url="/api/v1/bulk-uploads/{stored.uuid}"' in page


def test_the_awards_csv_honours_the_filters_and_escapes_formulas(client, cast):
    for email, name in (
        ("a@example.lv", '=HYPERLINK("http://evil")'),
        ("b@example.lv", "Bērziņa"),
        ("c@example.lv", "Cēsis"),
    ):
        award = award_badge(
            badge_class=cast.badge_class,
            recipient_identity=email,
            recipient_name=name,
            acting_user=cast.aaron,
        )
    revoke_award(award=award, reason="-Mistake", acting_user=cast.aaron)
    login(client, cast.aaron)
    url = f"/staff/bulk/badge-classes/{cast.badge_class.uuid}/awards.csv"
    everything = read_csv(client.get(url))
    assert everything[0] == ["recipient_email", "recipient_name", "issued_on", "expires_at", "status",
                             "revocation_reason", "assertion_url", "credential_url"]  # fmt: skip
    by_email = {row[0]: row for row in everything[1:]}
    assert by_email["a@example.lv"][1] == '\'=HYPERLINK("http://evil")'
    assert by_email["c@example.lv"][4:6] == ["revoked", "'-Mistake"]
    assert by_email["b@example.lv"][6].endswith(
        f"/public/assertions/{Award.objects.get(recipient_identity='b@example.lv').uuid}"
    )
    assert [r[0] for r in read_csv(client.get(url + "?state=revoked"))[1:]] == [
        "c@example.lv"
    ]
    assert [r[0] for r in read_csv(client.get(url + "?q=bērz"))[1:]] == ["b@example.lv"]


@pytest.mark.parametrize("person", ["mallory", "carol"])
def test_outsiders_get_404_on_every_bulk_page(client, cast, person):
    stored = create_upload(
        badge_class=cast.badge_class, acting_user=cast.aaron, data=recipients_csv(2)
    )
    login(client, getattr(cast, person))
    base = f"/staff/bulk/badge-classes/{cast.badge_class.uuid}"
    assert client.get(f"{base}/upload/").status_code == 404
    assert upload(client, cast.badge_class, recipients_csv(2)).status_code == 404
    assert client.get(f"{base}/awards.csv").status_code == 404
    assert client.get(f"/staff/bulk/uploads/{stored.uuid}/").status_code == 404
    assert client.post(f"/staff/bulk/uploads/{stored.uuid}/confirm/").status_code == 404
    assert (
        client.get(f"/staff/bulk/uploads/{stored.uuid}/errors.csv").status_code == 404
    )
    stored.refresh_from_db()
    assert stored.status == "previewed"
    assert BulkUpload.objects.count() == 1


def test_an_issuer_only_editor_may_bulk_award_there(client, cast):
    response = upload(login(client, cast.ivy), cast.badge_class, recipients_csv(2))
    assert response.status_code == 302


def test_signed_out_visitors_are_sent_to_sign_in(client, cast):
    response = client.get(f"/staff/bulk/badge-classes/{cast.badge_class.uuid}/upload/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_a_file_larger_than_the_memory_limit_streams_to_disk_and_is_checked(
    client, cast, settings
):
    """Files over FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file; the row limit still applies."""
    name = "Bērziņa " * 20
    data = (
        "email;name\n" + "".join(f"r{i}@example.lv;{name}\n" for i in range(20_001))
    ).encode()
    assert len(data) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE > 0
    response = upload(login(client, cast.aaron), cast.badge_class, data)
    assert response.status_code == 200
    assert "more than 20,000 recipients" in response.content.decode()
    assert BulkUpload.objects.count() == 0
