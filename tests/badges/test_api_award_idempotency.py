"""The award API's Idempotency-Key header: a repeated request awards once, a reused key is refused."""

from __future__ import annotations

import pytest

from badges.models import Award
from tests.badges.test_api_badge_classes import client_for


def award(cast, key, identity="lea@example.org", **headers):
    return client_for(cast.aaron).post(
        f"/api/v1/badge-classes/{cast.badge_class.uuid}/awards",
        {"recipient_identity": identity},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
        **headers,
    )


def test_it_awards_once_for_requests_repeated_with_one_key(cast):
    first = award(cast, "9b2f6c1e-retry-me")
    again = award(cast, "9b2f6c1e-retry-me", identity="Lea@Example.org")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]
    assert Award.objects.count() == 1
    assert Award.objects.get().idempotency_key.startswith("api:")


def test_it_awards_again_with_another_key_or_none(cast):
    award(cast, "key-1")
    award(cast, "key-2")
    client_for(cast.aaron).post(
        f"/api/v1/badge-classes/{cast.badge_class.uuid}/awards",
        {"recipient_identity": "lea@example.org"},
        format="json",
    )
    assert Award.objects.count() == 3
    assert Award.objects.filter(idempotency_key="").count() == 1


def test_it_refuses_a_key_reused_for_another_recipient(cast):
    award(cast, "key-1")
    response = award(cast, "key-1", identity="someone.else@example.org")
    assert response.status_code == 400
    (error,) = response.json()["fields"]["non_field_errors"]
    assert error["code"] == "idempotency_key_reused"
    assert "another recipient" in error["message"]
    assert Award.objects.count() == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "ключ", "tab\there"])
def test_it_refuses_a_key_that_is_empty_too_long_or_not_printable_ascii(cast, key):
    response = award(cast, key)
    assert response.status_code == 400
    assert response.json()["fields"]["Idempotency-Key"][0]["code"] == "invalid"
    assert not Award.objects.exists()


def test_a_255_character_key_is_taken(cast):
    assert award(cast, "k" * 255).status_code == 201
    assert award(cast, "k" * 255).json()["id"] == str(Award.objects.get().uuid)
