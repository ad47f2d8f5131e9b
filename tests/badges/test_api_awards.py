"""Awarding through the API: one recipient, signed at once; revocation; permissions as every role."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from audit.models import AuditEvent
from badges.models import Award
from credentials.hashing import hash_identity
from tests.badges.test_api_badge_classes import client_for
from tests.factories import make_badge_class


def award(cast, person="aaron", badge_class=None, **payload):
    body = {
        "recipient_identity": "Learner@Example.org",
        "recipient_name": "Lea Learner",
        **payload,
    }
    return client_for(getattr(cast, person)).post(
        f"/api/v1/badge-classes/{(badge_class or cast.badge_class).uuid}/awards",
        body,
        format="json",
    )


def test_an_awarder_awards_one_recipient_and_the_credentials_are_signed_at_once(cast):
    response = award(
        cast,
        evidence=[{"url": "https://portfolio.example.org/lea", "name": "Portfolio"}],
        route="prior_learning",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    stored = Award.objects.get(uuid=body["id"])
    assert stored.recipient_identity == "learner@example.org"
    assert stored.recipient_hash == hash_identity(
        "learner@example.org", stored.recipient_salt
    )
    assert stored.ob2_jws.count(".") == 2 and stored.ob3_jwt.count(".") == 2
    assert stored.ob3_credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert body["links"]["assertion"].endswith(f"/public/assertions/{body['id']}")
    assert body["state"] == "valid" and body["route"] == "prior_learning"
    event = AuditEvent.objects.get(action="award.created")
    assert "learner@example.org" not in str(
        event.data
    )  # the audit log carries the hash only
    assert event.data["recipient"] == stored.recipient_hash


def test_expiry_follows_the_class_validity_period_unless_given(cast):
    badge_class = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, name="CPR", validity_months=24
    )
    body = award(cast, badge_class=badge_class, issued_on="2026-01-31T10:00:00Z").json()
    assert datetime.fromisoformat(body["expires_at"]) == datetime(
        2028, 1, 31, 10, tzinfo=UTC
    )
    body = award(
        cast,
        badge_class=badge_class,
        issued_on="2026-01-31T10:00:00Z",
        expires_at="2026-06-01T00:00:00Z",
    ).json()
    assert datetime.fromisoformat(body["expires_at"]) == datetime(
        2026, 6, 1, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({"recipient_identity": "not-an-email"}, "recipient_identity", "invalid"),
        (
            {"recipient_type": "url", "recipient_identity": "javascript:alert(1)"},
            "recipient_identity",
            "invalid",
        ),
        (
            {"recipient_type": "telephone", "recipient_identity": "12"},
            "recipient_identity",
            "invalid",
        ),
        (
            {"issued_on": "2026-05-01T00:00:00Z", "expires_at": "2026-04-01T00:00:00Z"},
            "expires_at",
            "expires_before_issue",
        ),
        ({"result": "A"}, "result", "no_result_defined"),
        ({"evidence": [{"name": "nothing"}]}, "evidence.0", "invalid"),
        ({"route": "bribery"}, "route", "invalid_choice"),
    ],
)
def test_bad_awards_are_refused_with_a_field_error(cast, payload, field, code):
    response = award(cast, **payload)
    assert response.status_code == 400, response.json()
    assert code in [e["code"] for e in response.json()["fields"][field]], (
        response.json()
    )
    assert not Award.objects.exists()


def test_archived_and_draft_classes_cannot_be_awarded(cast):
    from badges.actions import archive_badge_class

    draft = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, publish=False, name="Draft"
    )
    assert (
        award(cast, badge_class=draft).json()["fields"]["non_field_errors"][0]["code"]
        == "not_awardable"
    )
    archive_badge_class(badge_class=cast.badge_class, acting_user=cast.alice)
    assert award(cast).status_code == 400
    assert not Award.objects.exists()


@pytest.mark.parametrize(
    ("person", "expected"),
    [("aaron", 201), ("ivy", 201), ("carol", 404), ("mallory", 404)],
)
def test_who_may_award(cast, person, expected):
    assert award(cast, person=person).status_code == expected


def test_revoking_is_for_staff_of_the_issuer_and_twice_is_harmless(cast):
    body = award(cast).json()
    outsider = client_for(cast.mallory).post(
        f"/api/v1/awards/{body['id']}/revoke", {"reason": "x"}, format="json"
    )
    assert outsider.status_code == 404
    client = client_for(cast.aaron)
    first = client.post(
        f"/api/v1/awards/{body['id']}/revoke",
        {"reason": "Awarded by mistake"},
        format="json",
    )
    second = client.post(
        f"/api/v1/awards/{body['id']}/revoke", {"reason": "Again"}, format="json"
    )
    assert first.status_code == second.status_code == 200
    assert second.json()["revocation_reason"] == "Awarded by mistake"
    assert AuditEvent.objects.filter(action="award.revoked").count() == 1


def test_the_award_list_filters_by_state(cast):
    ids = [
        award(cast, recipient_identity=f"l{i}@example.org").json()["id"]
        for i in range(3)
    ]
    client_for(cast.aaron).post(
        f"/api/v1/awards/{ids[0]}/revoke", {"reason": "r"}, format="json"
    )
    listed = (
        client_for(cast.erin)
        .get(f"/api/v1/badge-classes/{cast.badge_class.uuid}/awards?state=valid")
        .json()
    )
    assert {a["id"] for a in listed["results"]} == set(ids[1:])
    revoked = (
        client_for(cast.erin)
        .get(f"/api/v1/badge-classes/{cast.badge_class.uuid}/awards?state=revoked")
        .json()
    )
    assert [a["id"] for a in revoked["results"]] == [ids[0]]


def test_status_list_indexes_are_spread_and_unique(cast):
    from badges.actions import award_badge

    awards = [
        award_badge(
            badge_class=cast.badge_class,
            recipient_identity=f"s{i}@example.org",
            acting_user=cast.alice,
            sign=False,
        )
        for i in range(20)
    ]
    indexes = [a.status_index for a in awards]
    assert len(set(indexes)) == 20
    assert max(indexes) - min(indexes) > 1000  # drawn at random, not in issue order


def test_add_months_keeps_the_end_of_the_month():
    from badges.actions.awarding import add_months

    assert add_months(datetime(2026, 1, 31, tzinfo=UTC), 1) == datetime(
        2026, 2, 28, tzinfo=UTC
    )
    assert add_months(datetime(2027, 11, 30, tzinfo=UTC), 3) == datetime(
        2028, 2, 29, tzinfo=UTC
    )
    assert add_months(datetime(2026, 6, 15, tzinfo=UTC), 24) == datetime(
        2028, 6, 15, tzinfo=UTC
    )


def test_an_idempotency_key_awards_once(cast):
    from badges.actions import award_badge

    first = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="i@example.org",
        acting_user=cast.alice,
        idempotency_key="row-17",
    )
    again = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="i@example.org",
        acting_user=cast.alice,
        idempotency_key="row-17",
    )
    assert again.pk == first.pk
    assert Award.objects.count() == 1


def test_revoking_many_at_once_revokes_each_once(cast):
    from badges.actions import award_badge, revoke_awards

    awards = [
        award_badge(
            badge_class=cast.badge_class,
            recipient_identity=f"m{i}@example.org",
            acting_user=cast.alice,
        )
        for i in range(3)
    ]
    assert (
        revoke_awards(
            awards=awards[:2], reason="Course cancelled", acting_user=cast.alice
        )
        == 2
    )
    assert revoke_awards(awards=awards, reason="Again", acting_user=cast.alice) == 1
    assert list(
        Award.objects.revoked()
        .values_list("revocation_reason", flat=True)
        .order_by("pk")
    ) == ["Course cancelled"] * 2 + ["Again"]


def test_many_awards_are_revoked_in_one_call_and_outsiders_revoke_none(cast):
    from badges.actions import award_badge

    awards = [
        award_badge(
            badge_class=cast.badge_class,
            recipient_identity=f"b{i}@example.org",
            acting_user=cast.alice,
        )
        for i in range(3)
    ]
    ids = [str(a.uuid) for a in awards]
    refused = client_for(cast.mallory).post(
        "/api/v1/awards/revoke", {"awards": ids, "reason": "x"}, format="json"
    )
    assert refused.status_code == 404
    assert not Award.objects.revoked().exists()
    response = client_for(cast.aaron).post(
        "/api/v1/awards/revoke",
        {"awards": ids[:2], "reason": "Course cancelled"},
        format="json",
    )
    assert response.json() == {"revoked": 2}
    assert AuditEvent.objects.filter(action="award.revoked").count() == 2


def test_a_lost_race_on_an_idempotency_key_returns_the_winners_award(cast):
    """Two requests with one key at once: the loser's insert fails on the unique key and gets the winner's award."""
    from unittest import mock

    from badges.actions import award_badge, awarding

    winner = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="r@example.org",
        acting_user=cast.alice,
        idempotency_key="k1",
    )
    # Simulate the race: the look-up before the insert misses the winner once.
    with mock.patch.object(awarding, "_award_with_key", side_effect=[None, winner]):
        loser = award_badge(
            badge_class=cast.badge_class,
            recipient_identity="r@example.org",
            acting_user=cast.alice,
            idempotency_key="k1",
        )
    assert loser.pk == winner.pk
    assert Award.objects.count() == 1


def test_the_idempotency_look_up_can_use_the_partial_unique_index(cast):
    from django.db import connection

    from badges.actions.awarding import awards_with_key

    sql, params = awards_with_key(cast.badge_class, "k").query.sql_with_params()
    assert (
        "idempotency_key" in sql and "''" in str(params) + sql
    )  # the index's own condition is in the query
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "award_idempotency_key_unique" in plan
