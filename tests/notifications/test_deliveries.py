"""Every award e-mail is a delivery record; failures stay visible to staff and can be sent again."""

from __future__ import annotations

import logging

from django.core import mail

from audit.models import AuditEvent
from badges.choices import RecipientType
from notifications.models import DeliveryKind, DeliveryStatus, EmailDelivery
from notifications.tasks import MAX_RETRIES, send_delivery_task
from outbox.models import OutboxMessage
from tests.notifications.helpers import LEARNER, give, send_queued

FAILING = "tests.notifications.failing_backend.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def _deliveries_url(cast) -> str:
    return f"/staff/notifications/issuers/{cast.welding.uuid}/deliveries"


def _fail(cast, settings) -> EmailDelivery:
    """Award, and send through a backend that refuses every message (no retries in-process)."""
    give(cast)
    settings.EMAIL_BACKEND = FAILING
    send_queued()
    settings.EMAIL_BACKEND = LOCMEM
    return EmailDelivery.objects.get()


def test_the_award_e_mail_is_queued_only_when_the_award_commits(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        award = give(cast)
        delivery = EmailDelivery.objects.get(award=award)
        assert delivery.status == DeliveryStatus.QUEUED
        assert len(callbacks) == 0  # nothing leaves before the commit
    # Once it commits: the e-mail's outbox hand-over (and the awards-issued metric).
    (message,) = OutboxMessage.objects.filter(task=send_delivery_task.name)
    assert message.args == [delivery.pk] and message.dispatched_at is None
    assert len(callbacks) == 2
    assert delivery.recipient == LEARNER
    assert delivery.kind == DeliveryKind.AWARD_ISSUED
    assert mail.outbox == []


def test_awards_to_a_url_recipient_send_no_e_mail(cast):
    give(
        cast,
        recipient="https://dana.example.org/",
        recipient_type=RecipientType.URL,
    )
    assert not EmailDelivery.objects.exists()


def test_sending_twice_delivers_once(cast):
    give(cast)
    delivery = EmailDelivery.objects.get()
    send_delivery_task.apply(args=[delivery.pk])
    send_delivery_task.apply(args=[delivery.pk])
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1


def test_the_e_mail_is_in_latvian_when_the_institution_works_in_latvian(cast):
    cast.acme.language = "lv"
    cast.acme.save(update_fields=["language"])
    give(cast)
    send_queued()
    assert mail.outbox[0].extra_headers["Content-Language"] == "lv"


def test_the_e_mail_is_in_english_otherwise(cast):
    give(cast)
    send_queued()
    assert mail.outbox[0].extra_headers["Content-Language"] == "en"


def test_a_refused_e_mail_is_retried_and_then_recorded_as_failed(
    cast, settings, monkeypatch
):
    """With a queue that runs retries (as a worker does), every retry is tried before failing."""
    from config.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    delivery = _fail(cast, settings)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == MAX_RETRIES + 1
    assert AuditEvent.objects.filter(action="email_delivery.failed").count() == 1


def test_a_refused_e_mail_ends_as_a_failed_delivery_with_the_error(
    cast, settings, caplog
):
    """Run in-process, the failure is recorded at once rather than raised into the request."""
    with caplog.at_level(logging.INFO):
        delivery = _fail(cast, settings)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 1
    assert delivery.last_error.startswith("SMTPRecipientsRefused")
    assert "mailbox unavailable" in delivery.last_error
    assert LEARNER not in delivery.last_error  # the address is scrubbed from the error
    assert mail.outbox == []
    event = AuditEvent.objects.get(action="email_delivery.failed")
    assert event.issuer == cast.welding
    assert event.data["recipient"] == delivery.award.recipient_hash
    assert LEARNER not in str(event.data)
    assert LEARNER not in caplog.text  # logs name the hash, never the address
    assert delivery.award.recipient_hash in caplog.text


def test_an_awarder_sees_failed_deliveries_and_sends_one_again(
    cast, client, settings, django_capture_on_commit_callbacks
):
    delivery = _fail(cast, settings)
    client.force_login(cast.aaron)
    page = client.get(_deliveries_url(cast))
    assert page.status_code == 200
    html = page.content.decode()
    assert "mailbox unavailable" in html and "Send again" in html
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            f"/staff/notifications/deliveries/{delivery.uuid}/resend"
        )
    assert response.status_code == 302
    assert response["Location"] == _deliveries_url(cast)
    assert len(callbacks) == 1
    send_queued()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [LEARNER]
    event = AuditEvent.objects.get(action="email_delivery.resent")
    assert event.actor == cast.aaron
    assert LEARNER not in str(event.data)
    assert (
        "mailbox unavailable" not in client.get(_deliveries_url(cast)).content.decode()
    )


def test_sending_again_a_delivery_that_was_sent_changes_nothing(cast, client):
    give(cast)
    send_queued()
    delivery = EmailDelivery.objects.get()
    client.force_login(cast.aaron)
    client.post(f"/staff/notifications/deliveries/{delivery.uuid}/resend")
    send_queued()
    assert len(mail.outbox) == 1
    assert not AuditEvent.objects.filter(action="email_delivery.resent").exists()


def test_outsiders_and_learners_cannot_see_or_resend_deliveries(cast, client, settings):
    delivery = _fail(cast, settings)
    for person in (cast.mallory, cast.carol):
        client.force_login(person)
        assert client.get(_deliveries_url(cast)).status_code == 404
        response = client.post(
            f"/staff/notifications/deliveries/{delivery.uuid}/resend"
        )
        assert response.status_code == 404
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert not AuditEvent.objects.filter(action="email_delivery.resent").exists()


def test_anonymous_visitors_are_sent_to_sign_in(cast, client):
    response = client.get(_deliveries_url(cast))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_awards_page_links_to_failed_deliveries(cast, client):
    client.force_login(cast.aaron)
    page = client.get(f"/staff/badge-classes/{cast.badge_class.uuid}/awards/")
    assert _deliveries_url(cast) in page.content.decode()
