"""Invitation e-mails go through the task queue: in-process by default, a real worker in CI's second pass."""

from __future__ import annotations

import re

import pytest

from issuers.actions import invite_staff
from issuers.models import Invitation, Role

pytestmark = pytest.mark.worker


def _text(message) -> str:
    if hasattr(message, "body"):  # Django's EmailMessage (eager pass)
        return message.body
    return message.get_body(preferencelist=("plain",)).get_content()


def _recipients(message) -> list[str]:
    return list(message.to) if hasattr(message, "body") else [message["To"]]


def test_an_invitation_is_e_mailed_once_the_transaction_commits(task_queue, client):
    from tests.factories import make_cast

    cast = make_cast()
    invitation, secret = invite_staff(
        scope=cast.welding,
        email="newbie@example.org",
        role=Role.AWARDER,
        acting_user=cast.alice,
    )
    task_queue.wait_for(
        lambda: Invitation.objects.get(pk=invitation.pk).sent_at is not None
    )
    sent = [m for m in task_queue.outbox() if "newbie@example.org" in _recipients(m)]
    assert len(sent) == 1
    link = re.search(r"https?://\S+/staff/invitations/(\S+)/", _text(sent[0]))
    assert link is not None and link.group(1) == secret
    assert invitation.digest not in _text(sent[0])


def test_a_withdrawn_invitation_is_not_sent(task_queue):
    from django.db import transaction

    from issuers.actions import revoke_invitation
    from tests.factories import make_cast

    cast = make_cast()
    with transaction.atomic():
        invitation, _secret = invite_staff(
            scope=cast.acme,
            email="late@example.org",
            role=Role.EDITOR,
            acting_user=cast.alice,
        )
        revoke_invitation(invitation=invitation, acting_user=cast.alice)
    # Queue a second, valid invitation and wait for it: the queue is in order, so the first was handled.
    marker, _ = invite_staff(
        scope=cast.acme,
        email="marker@example.org",
        role=Role.EDITOR,
        acting_user=cast.alice,
    )
    task_queue.wait_for(
        lambda: Invitation.objects.get(pk=marker.pk).sent_at is not None
    )
    assert Invitation.objects.get(pk=invitation.pk).sent_at is None
    assert not [m for m in task_queue.outbox() if "late@example.org" in _recipients(m)]
