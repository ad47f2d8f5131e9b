"""A daily run warns each learner once per expiring award and sends staff one digest per day."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.utils.timezone import now

from badges.actions import renew_award, revoke_award
from notifications.actions import warn_expiring_awards
from notifications.models import DeliveryKind, EmailDelivery
from tests.notifications.helpers import LEARNER, give, send_queued

STAFF = [
    "aaron@example.org",
    "adam@example.org",
    "alice@example.org",
    "erin@example.org",
    "ivy@example.org",
]


def _expiring(cast, recipient=LEARNER, days=10, **values):
    return give(
        cast,
        recipient=recipient,
        issued_on=now() - timedelta(days=365),
        expires_at=now() + timedelta(days=days),
        **values,
    )


def _kinds(kind):
    return EmailDelivery.objects.filter(kind=kind)


def test_an_award_expiring_within_30_days_is_warned_once(cast):
    award = _expiring(cast)
    assert warn_expiring_awards() == {"warnings": 1, "digests": len(STAFF)}
    assert warn_expiring_awards() == {"warnings": 0, "digests": 0}
    assert warn_expiring_awards(at=now() + timedelta(days=1)) == {
        "warnings": 0,
        "digests": 0,
    }
    warning = _kinds(DeliveryKind.EXPIRY_WARNING).get()
    assert warning.award == award and warning.recipient == LEARNER


def test_the_learner_s_warning_names_the_badge_the_date_and_the_way_to_renew(cast):
    award = _expiring(cast)
    EmailDelivery.objects.all().delete()  # only the warning, not the award e-mail
    warn_expiring_awards()
    send_queued()
    (warning,) = [m for m in mail.outbox if m.to == [LEARNER]]
    assert "MIG/MAG welding, fillet welds" in warning.subject
    assert "expires on" in warning.subject
    assert "ask Welding school to renew it" in warning.body
    assert "/wallet/claim/" in warning.body
    assert award.recipient_hash not in warning.body


def test_each_staff_member_gets_one_digest_listing_the_issuer_s_expiring_awards(cast):
    _expiring(cast, recipient="one@example.org", recipient_name="One Learner")
    _expiring(cast, recipient="two@example.org", recipient_name="Two Learner", days=20)
    EmailDelivery.objects.all().delete()
    warn_expiring_awards()
    warn_expiring_awards()  # run twice the same day
    send_queued()
    digests = [m for m in mail.outbox if m.to[0] in STAFF]
    assert sorted(m.to[0] for m in digests) == STAFF
    body = digests[0].body
    assert "One Learner" in body and "Two Learner" in body
    assert f"/staff/badge-classes/{cast.badge_class.uuid}/awards/" in body
    # Addresses stay out of the digest; outsiders never get one.
    assert "one@example.org" not in body and "two@example.org" not in body
    assert "2 badges expire within 30 days" in digests[0].subject
    assert not [m for m in mail.outbox if "mallory@example.org" in m.to]


def test_a_new_expiring_award_the_next_day_brings_a_new_digest(cast):
    _expiring(cast, recipient="one@example.org")
    warn_expiring_awards()
    _expiring(cast, recipient="two@example.org")
    counts = warn_expiring_awards(at=now() + timedelta(days=1))
    assert counts == {"warnings": 1, "digests": len(STAFF)}
    assert _kinds(DeliveryKind.EXPIRY_DIGEST).count() == 2 * len(STAFF)


def test_revoked_renewed_distant_and_expired_awards_are_not_warned(cast):
    revoked = _expiring(cast, recipient="revoked@example.org")
    revoke_award(award=revoked, reason="Mistake", acting_user=cast.aaron)
    renewed = _expiring(cast, recipient="renewed@example.org")
    renew_award(award=renewed, acting_user=cast.aaron)
    _expiring(cast, recipient="later@example.org", days=45)
    give(
        cast,
        recipient="gone@example.org",
        issued_on=now() - timedelta(days=400),
        expires_at=now() - timedelta(days=1),
    )
    assert warn_expiring_awards() == {"warnings": 0, "digests": 0}


def test_the_daily_run_is_scheduled_with_celery_beat():
    from config.celery import app
    from notifications import tasks  # noqa: F401 (registers the task)

    entry = settings.CELERY_BEAT_SCHEDULE["warn-expiring-awards"]
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {0}


def test_the_scheduled_task_runs_the_action(cast):
    from notifications.tasks import warn_expiring_awards_task

    _expiring(cast)
    result = warn_expiring_awards_task.apply().get()
    assert result == {"warnings": 1, "digests": len(STAFF)}
