"""The hostile corpus (tests/verifier/hostile.py) through every door: never a 5xx, nothing half-written.

Each input goes to ``POST /api/v1/verify``, to the ``/verify`` page and to
the backpack import of a signed-in learner. Every answer must be a 200 with
a verdict that is not "valid", or a 4xx with a message; an import must be
refused (a 4xx page with the reason) and leave no row behind. How long each
answer takes is ``benchmarks/hostile_corpus.py``'s business: tests never
fail on timing.
"""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from badges.actions import award_badge
from tests.verifier import hostile
from verifier import fetching
from wallet.models import StoredCredential

DOORS = ["api", "page", "import"]


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.IMPORT_RATE_LIMIT = 10_000


@pytest.fixture
def drip(request, monkeypatch, settings):
    """The slow-drip server's address when the input needs it (and the fetch client let through)."""
    if not request.node.callspec.params["item"].needs_local:
        yield ""
        return
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    monkeypatch.setattr(
        fetching, "DEADLINE", 1.0
    )  # the deadline itself is tested in test_fetching
    with hostile.drip_server() as address:
        yield address


def client_for(door: str, cast):
    if door == "api":
        return APIClient()
    client = Client()
    if door == "import":
        client.force_login(cast.carol)
    return client


def assert_a_clear_refusal(door: str, response, held_before: int) -> None:
    assert response.status_code < 500, response.content[:500]
    if door == "api":
        body = response.json()
        if response.status_code == 200:
            assert body["valid"] is False
            failed = [c for c in body["checks"] if c["status"] == "failed"]
            assert failed and failed[0]["message"], body["checks"]
        else:
            assert 400 <= response.status_code < 500 and body["detail"], body
    elif door == "page":
        assert response.status_code in (200, 400, 411, 413), response.status_code
        verdict, error = response.context.get("verdict"), response.context.get("error")
        assert (verdict is not None and not verdict.valid) or error, (verdict, error)
        if verdict is not None:
            assert any(c.status == "failed" and c.message for c in verdict.checks)
    else:
        assert response.status_code == 400, response.status_code
        assert response.context["errors"] and all(response.context["errors"])
        assert StoredCredential.objects.count() == held_before  # nothing half-written


@pytest.mark.parametrize(
    ("item", "door"),
    [
        pytest.param(item, door, id=f"{door}:{item.name}")
        for item in hostile.corpus()
        for door in hostile.doors_for(item)
    ],
)
def test_a_hostile_input_gets_a_clear_refusal(cast, item, door, drip):
    held_before = StoredCredential.objects.count()
    response = hostile.DOORS[door](client_for(door, cast), item, drip)
    assert_a_clear_refusal(door, response, held_before)


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("name", hostile.FORGERIES)
def test_a_forgery_of_our_own_credential_is_refused(cast, name, door):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="carol@example.org",
        acting_user=cast.aaron,
        notify=False,
    )
    item = hostile.forgeries(award)[name]
    held_before = StoredCredential.objects.count()
    response = hostile.DOORS[door](client_for(door, cast), item)
    assert_a_clear_refusal(door, response, held_before)


def test_the_corpus_holds_every_kind_of_input():
    kinds = {item.kind for item in hostile.corpus()}
    assert kinds == {"text", "url", "file", "body"}
    assert len(hostile.corpus()) + len(hostile.FORGERIES) >= 65
