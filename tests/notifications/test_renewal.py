"""Renewing re-issues an award with a new validity, links both awards and refuses revoked ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils.timezone import now

from audit.models import AuditEvent
from badges.actions import CANNOT_RENEW_REVOKED, renew_award, revoke_award
from badges.models import Award
from notifications.models import DeliveryKind, EmailDelivery
from tests.badges.test_api_badge_classes import client_for
from tests.factories import make_badge_class
from tests.notifications.helpers import LEARNER, give


def _cpr(cast):
    return make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, name="CPR", validity_months=24
    )


def _renew_api(person, award, **body):
    return client_for(person).post(
        f"/api/v1/awards/{award.uuid}/renew", body, format="json"
    )


def test_an_awarder_renews_an_award_through_the_api(cast):
    old = give(
        cast,
        badge_class=_cpr(cast),
        issued_on=datetime(2024, 3, 1, tzinfo=UTC),
    )
    response = _renew_api(cast.aaron, old, issued_on="2026-03-01T09:00:00Z")
    assert response.status_code == 201, response.json()
    body = response.json()
    new = Award.objects.get(uuid=body["id"])
    assert new.renewed_from == old
    assert new.recipient_identity == LEARNER and new.recipient_name == "Dana Learner"
    assert new.expires_at == datetime(
        2028, 3, 1, 9, tzinfo=UTC
    )  # the class's 24 months
    assert new.ob3_jwt  # signed at once, like any award
    old.refresh_from_db()
    assert old.state == "expired" and old.expires_at == datetime(2026, 3, 1, tzinfo=UTC)
    event = AuditEvent.objects.get(action="award.renewed")
    assert event.actor == cast.aaron and event.target_id == str(new.uuid)
    assert event.data["renewed_from"] == str(old.uuid)
    assert LEARNER not in str(event.data)
    # The learner hears of the renewal, not of a new award.
    assert EmailDelivery.objects.get(award=new).kind == DeliveryKind.RENEWAL


def test_an_explicit_expiry_is_kept(cast):
    old = give(cast)
    response = _renew_api(cast.aaron, old, expires_at="2030-01-01T00:00:00Z")
    assert response.json()["expires_at"].startswith("2030-01-01")


def test_renewing_a_revoked_award_is_refused_with_a_field_error(cast):
    old = give(cast)
    revoke_award(award=old, reason="Cheated", acting_user=cast.aaron)
    response = _renew_api(cast.aaron, old)
    assert response.status_code == 400
    error = response.json()["fields"]["award"][0]
    assert error == {"code": "award_revoked", "message": CANNOT_RENEW_REVOKED}
    assert not Award.objects.filter(renewed_from=old).exists()
    assert not AuditEvent.objects.filter(action="award.renewed").exists()


def test_renewing_twice_makes_two_renewals(cast):
    old = give(cast)
    renew_award(award=old, acting_user=cast.aaron)
    renew_award(award=old, acting_user=cast.aaron)
    assert old.renewals.count() == 2


def test_the_action_refuses_a_revoked_award(cast):
    old = give(cast)
    revoke_award(award=old, reason="Cheated", acting_user=cast.aaron)
    try:
        renew_award(award=old, acting_user=cast.aaron)
    except ValidationError as exc:
        assert exc.message_dict == {"award": [CANNOT_RENEW_REVOKED]}
    else:
        raise AssertionError("renewing a revoked award must fail")


def test_outsiders_and_learners_cannot_renew(cast):
    old = give(cast)
    for person in (cast.mallory, cast.carol):
        assert _renew_api(person, old).status_code == 404
    assert not Award.objects.filter(renewed_from=old).exists()


def test_the_renew_button_on_the_awards_page_renews(cast, client):
    old = give(cast)
    client.force_login(cast.aaron)
    awards_page = f"/staff/badge-classes/{cast.badge_class.uuid}/awards/"
    assert (
        f"/staff/notifications/awards/{old.uuid}/renew"
        in client.get(awards_page).content.decode()
    )
    response = client.post(f"/staff/notifications/awards/{old.uuid}/renew")
    new = Award.objects.get(renewed_from=old)
    assert response.status_code == 302
    assert response["Location"] == f"{awards_page}?highlight={new.uuid}"


def test_the_renew_button_reports_a_revoked_award(cast, client):
    old = give(cast)
    revoke_award(award=old, reason="Cheated", acting_user=cast.aaron)
    client.force_login(cast.aaron)
    response = client.post(f"/staff/notifications/awards/{old.uuid}/renew", follow=True)
    assert CANNOT_RENEW_REVOKED in response.content.decode()
    assert not Award.objects.filter(renewed_from=old).exists()


def test_outsiders_cannot_use_the_renew_button(cast, client):
    old = give(cast)
    client.force_login(cast.mallory)
    assert (
        client.post(f"/staff/notifications/awards/{old.uuid}/renew").status_code == 404
    )
    assert not Award.objects.filter(renewed_from=old).exists()


def test_the_award_pages_link_the_renewal_and_the_award_it_renews(cast, client):
    old = give(cast, issued_on=now() - timedelta(days=30))
    new = renew_award(award=old, acting_user=cast.aaron)
    old_page = client.get(f"/public/assertions/{old.uuid}", HTTP_ACCEPT="text/html")
    new_page = client.get(f"/public/assertions/{new.uuid}", HTTP_ACCEPT="text/html")
    assert "Renewed by" in old_page.content.decode()
    assert f"/public/assertions/{new.uuid}" in old_page.content.decode()
    assert "Renews" in new_page.content.decode()
    assert f"/public/assertions/{old.uuid}" in new_page.content.decode()
