"""The outbox: work is recorded with the change that causes it, handed over once it commits, and finished once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils.timezone import now

from issuers.actions import invite_staff
from notifications.models import DeliveryStatus, EmailDelivery
from notifications.tasks import send_delivery_task
from outbox import actions
from outbox.models import OutboxMessage, OutboxStatus
from tests.notifications.helpers import give, recipients_of


def test_an_award_records_its_e_mail_in_the_outbox_in_its_own_transaction(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        give(cast)
        assert OutboxMessage.objects.filter(task=send_delivery_task.name).count() == 1
        raise RuntimeError("the change rolls back")
    assert not OutboxMessage.objects.exists()
    assert not EmailDelivery.objects.exists()


@pytest.mark.worker
def test_a_committed_award_s_e_mail_is_sent_and_its_message_done(cast, task_queue):
    award = give(cast, recipient="outbox.once@example.org")
    message = OutboxMessage.objects.get(task=send_delivery_task.name)
    assert message.args == [EmailDelivery.objects.get(award=award).pk]
    task_queue.wait_for(
        lambda: OutboxMessage.objects.get(pk=message.pk).status == OutboxStatus.DONE
    )
    message.refresh_from_db()
    assert message.dispatches == 1 and message.done_at is not None
    assert EmailDelivery.objects.get(award=award).status == DeliveryStatus.SENT
    # The worker's mail folder holds the whole session's e-mails: count this recipient's.
    mine = [
        m
        for m in task_queue.outbox()
        if recipients_of(m) == ["outbox.once@example.org"]
    ]
    assert len(mine) == 1


@pytest.fixture
def in_process():
    """Run tasks in this process, as the first pass does, also in the worker pass.

    The sweep's rules are tested here; a real worker cannot see the rows of a
    test whose transaction never commits.
    """
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def _waiting(task, *args, dispatched_at=None, dispatches=0) -> OutboxMessage:
    """A message whose hand-over never happened (the broker refused it) or long ago."""
    return OutboxMessage.objects.create(
        task=task.name,
        args=list(args),
        dispatched_at=dispatched_at,
        dispatches=dispatches,
    )


def test_the_sweep_hands_over_what_waits_and_each_task_runs_once(
    cast, mailoutbox, in_process
):
    give(cast)  # its own hand-over is never run: the test's transaction never commits
    mailoutbox.clear()
    delivery = EmailDelivery.objects.get()
    EmailDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.QUEUED)
    OutboxMessage.objects.all().delete()
    message = _waiting(send_delivery_task, delivery.pk)

    assert actions.sweep() == {"dispatched": 1, "waiting": 0, "failed": 0}
    assert actions.sweep() == {"dispatched": 0, "waiting": 0, "failed": 0}
    message.refresh_from_db()
    assert message.status == OutboxStatus.DONE
    assert len(mailoutbox) == 1


def test_a_message_handed_over_but_never_finished_is_handed_over_again_after_its_lease(
    db, settings, in_process
):
    recent = _waiting(send_delivery_task, 1, dispatched_at=now(), dispatches=1)
    lapsed = _waiting(
        send_delivery_task,
        2,
        dispatched_at=now() - timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1),
        dispatches=1,
    )
    assert actions.sweep()["dispatched"] == 1
    recent.refresh_from_db()
    lapsed.refresh_from_db()
    assert recent.status == OutboxStatus.PENDING and recent.dispatches == 1
    # Delivery 2 does not exist: the task returns quietly, and its message is done.
    assert lapsed.status == OutboxStatus.DONE and lapsed.dispatches == 2


def test_a_message_handed_over_too_often_is_given_up_and_stays_visible(
    db, settings, in_process
):
    message = _waiting(
        send_delivery_task,
        1,
        dispatched_at=now() - timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1),
        dispatches=settings.OUTBOX_MAX_DISPATCHES,
    )
    assert actions.sweep() == {"dispatched": 0, "waiting": 0, "failed": 1}
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert "never finished" in message.last_error


def test_a_task_that_fails_for_good_marks_its_message_failed(db, settings, in_process):
    from badges.tasks import publish_status_list_task

    message = _waiting(publish_status_list_task, "not an issuer id")
    with pytest.raises(ValueError):
        actions.dispatch(message)  # in-process, the task's error propagates
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.last_error == "ValueError"


def test_an_invitation_secret_waits_sealed_and_is_wiped_once_sent(
    cast, mailoutbox, in_process, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, secret = invite_staff(
            scope=cast.acme,
            email="newcomer@example.org",
            role="awarder",
            acting_user=cast.alice,
        )
        message = OutboxMessage.objects.get()
        assert message.args == [] and message.sealed_args
        assert secret not in message.sealed_args
        assert "newcomer@example.org" not in str(message.__dict__)
    message.refresh_from_db()
    assert message.status == OutboxStatus.DONE and message.sealed_args == ""
    assert secret in mailoutbox[0].body


def test_work_handed_over_later_by_the_sweep_still_names_the_request_that_caused_it(
    cast, in_process
):
    import io
    import logging

    from config.logs import RequestIdFilter, TextFormatter
    from tests.badges.test_api_badge_classes import client_for

    response = client_for(cast.aaron).post(
        f"/api/v1/badge-classes/{cast.badge_class.uuid}/awards",
        {"recipient_identity": "traced@example.org"},
        format="json",
        HTTP_X_REQUEST_ID="req-outbox-later",
    )
    assert response.status_code == 201
    message = OutboxMessage.objects.get(task=send_delivery_task.name)
    assert message.request_id == "req-outbox-later"
    assert message.dispatched_at is None  # the test's transaction never committed

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(TextFormatter())
    logging.getLogger().addHandler(handler)
    try:
        assert actions.sweep()["dispatched"] == 1  # no request is running now
    finally:
        logging.getLogger().removeHandler(handler)
    sent = [
        line for line in stream.getvalue().splitlines() if "Sent award_issued" in line
    ]
    assert sent and "req-outbox-later" in sent[0], stream.getvalue()


def test_operators_read_outbox_messages_in_the_admin_without_their_sealed_arguments(
    db, client
):
    from tests.factories import UserFactory

    operator = UserFactory(email="ops@example.org", is_staff=True, is_superuser=True)
    message = OutboxMessage.objects.create(
        task="issuers.tasks.send_invitation", sealed_args="v1$sealed-blob"
    )
    client.force_login(operator)
    listing = client.get("/admin/outbox/outboxmessage/")
    assert (
        listing.status_code == 200
        and b"issuers.tasks.send_invitation" in listing.content
    )
    page = client.get(f"/admin/outbox/outboxmessage/{message.pk}/change/")
    assert page.status_code == 200 and b"sealed-blob" not in page.content


def test_messages_done_long_ago_are_pruned_and_failed_ones_stay(db, settings):
    old = now() - timedelta(days=settings.OUTBOX_KEEP_DAYS + 1)
    for status in (OutboxStatus.DONE, OutboxStatus.FAILED):
        OutboxMessage.objects.create(task="t", status=status, done_at=old)
    OutboxMessage.objects.create(task="t", status=OutboxStatus.DONE, done_at=now())
    assert actions.prune(batch=1) == 1
    assert sorted(OutboxMessage.objects.values_list("status", flat=True)) == [
        OutboxStatus.DONE,
        OutboxStatus.FAILED,
    ]
