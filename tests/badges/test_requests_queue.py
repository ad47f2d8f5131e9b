"""The learner hears about a decision on a badge request by e-mail, through the task queue."""

from __future__ import annotations

import pytest

from badges import actions
from badges.models import BadgeRequest
from tests.accounts.helpers import recipients_of, subject_of, text_of

pytestmark = pytest.mark.worker


def decisions_to(task_queue, email: str) -> list:
    return [
        m
        for m in task_queue.outbox()
        if email in recipients_of(m) and "Your request for" in subject_of(m)
    ]


def test_approval_and_denial_e_mails_reach_the_learner_once_committed(task_queue):
    from tests.factories import make_badge_class, make_cast

    cast = make_cast()
    open_class = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, name="Open", allows_requests=True
    )
    other = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, name="Other", allows_requests=True
    )
    approved = actions.request_badge(
        badge_class=open_class, user=cast.carol, email="carol@example.org"
    )
    denied = actions.request_badge(
        badge_class=other, user=cast.carol, email="carol@example.org"
    )
    actions.approve_badge_request(badge_request=approved, acting_user=cast.aaron)
    actions.deny_badge_request(
        badge_request=denied, acting_user=cast.aaron, reason="Come back in May."
    )
    task_queue.wait_for(lambda: len(decisions_to(task_queue, "carol@example.org")) == 2)
    by_subject = {
        subject_of(m): m for m in decisions_to(task_queue, "carol@example.org")
    }
    approval = by_subject["Your request for “Open” was approved"]
    denial = by_subject["Your request for “Other” was not approved"]
    award = BadgeRequest.objects.get(pk=approved.pk).award
    assert f"/public/assertions/{award.uuid}" in text_of(approval)
    assert "Come back in May." in text_of(denial)
