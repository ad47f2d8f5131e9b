"""Award e-mails go through the task queue: in-process by default, a real worker in CI's second pass."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from notifications.models import DeliveryKind, DeliveryStatus, EmailDelivery
from tests.notifications.helpers import (
    LEARNER,
    claim_path,
    give,
    html_of,
    recipients_of,
    subject_of,
    text_of,
)

pytestmark = pytest.mark.worker


def test_awarding_e_mails_the_recipient_once_the_award_commits(task_queue, client):
    from tests.factories import make_cast

    cast = make_cast()
    award = give(cast)
    delivery = EmailDelivery.objects.get(award=award)
    assert delivery.kind == DeliveryKind.AWARD_ISSUED
    task_queue.wait_for(
        lambda: EmailDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SENT
    )
    sent = [
        m
        for m in task_queue.outbox()
        if LEARNER in recipients_of(m) and str(award.uuid) in text_of(m)
    ]
    assert len(sent) == 1
    message = sent[0]
    assert "MIG/MAG welding, fillet welds" in subject_of(message)
    assert "Welding school" in subject_of(message)
    body = text_of(message)
    assert "Hello Dana Learner," in body
    assert "Welding school has awarded you the badge" in body
    assert f"/public/assertions/{award.uuid}" in body
    assert claim_path(message) in html_of(message)
    # Nothing private beyond what the learner needs: no hash, salt or staff names.
    assert award.recipient_salt not in body and award.recipient_hash not in body
    assert "Aaron" not in body
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.sent_at is not None
    # The claim link from the e-mail lets the learner sign up and see the badge.
    response = client.post(
        claim_path(message),
        {
            "full_name": "Dana Learner",
            "password1": "a-long-password-2026",
            "password2": "a-long-password-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/wallet/awards/{award.uuid}/"
    assert client.get(response["Location"]).status_code == 200
    assert not AuditEvent.objects.filter(data__icontains=LEARNER).exists()


def test_a_revoked_award_is_not_e_mailed(task_queue):
    from django.db import transaction

    from badges.actions import revoke_award
    from tests.factories import make_cast

    cast = make_cast()
    with transaction.atomic():
        award = give(cast, recipient="revoked.at.once@example.org")
        revoke_award(award=award, reason="Wrong person", acting_user=cast.aaron)
    marker = give(cast, recipient="marker@example.org")
    # The queue is in order, so once the marker is sent the first was handled.
    task_queue.wait_for(
        lambda: EmailDelivery.objects.get(award=marker).status == DeliveryStatus.SENT
    )
    assert EmailDelivery.objects.get(award=award).status == DeliveryStatus.QUEUED
    assert not [
        m
        for m in task_queue.outbox()
        if "revoked.at.once@example.org" in recipients_of(m)
    ]


def test_the_daily_expiry_run_warns_through_the_queue(task_queue):
    from datetime import timedelta

    from django.utils.timezone import now

    from notifications.tasks import warn_expiring_awards_task
    from tests.factories import make_cast

    cast = make_cast()
    award = give(
        cast,
        recipient="expiring.soon@example.org",
        issued_on=now() - timedelta(days=365),
        expires_at=now() + timedelta(days=5),
    )
    warn_expiring_awards_task.delay()
    task_queue.wait_for(
        lambda: (
            EmailDelivery.objects.filter(
                kind=DeliveryKind.EXPIRY_DIGEST, status=DeliveryStatus.SENT
            ).count()
            == 5
            and EmailDelivery.objects.get(
                award=award, kind=DeliveryKind.EXPIRY_WARNING
            ).status
            == DeliveryStatus.SENT
        )
    )
    warnings = [
        m
        for m in task_queue.outbox()
        if "expiring.soon@example.org" in recipients_of(m)
        and "expires on" in subject_of(m)
    ]
    assert len(warnings) == 1
