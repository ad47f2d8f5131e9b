"""The backpack's access functions, as every role and an outsider: only the learner reaches her things.

Institution staff who awarded a badge (alice owns the institution, aaron
awarded it) see it on their award lists, never in a learner's backpack; a
visitor and mallory get the same 404 as for an id that does not exist.
"""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from badges.actions import award_badge
from badges.choices import RecipientType
from badges.facts import assertion_url
from tests.issuers.test_access import ALLOWED, NOT_FOUND, outcome
from tests.notifications.helpers import give
from wallet import actions
from wallet.access import (
    access_collection,
    access_held,
    access_held_award,
    access_imported,
    held_awards,
    held_credentials,
)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.IMPORT_RATE_LIMIT = 10_000


PEOPLE = ("alice", "adam", "erin", "aaron", "ivy", "carol", "mallory", "visitor")


def person(cast, name):
    return AnonymousUser() if name == "visitor" else getattr(cast, name)


@pytest.fixture
def backpack(cast):
    """Carol's accepted award, one only sent to her, a collection and an import."""
    accepted = actions.accept_award(
        user=cast.carol, award=give(cast, recipient="carol@example.org")
    )
    pending = give(cast, recipient="carol@example.org")
    collection = actions.create_collection(user=cast.carol, name="Welding")
    elsewhere = award_badge(
        badge_class=cast.badge_class,
        recipient_type=RecipientType.URL,
        recipient_identity="https://carol.example.org/",
        acting_user=cast.aaron,
        notify=False,
    )
    imported = actions.import_credential(user=cast.carol, url=assertion_url(elsewhere))
    return accepted, pending, collection, imported


@pytest.mark.parametrize("name", PEOPLE)
def test_only_the_learner_reaches_her_backpack(cast, backpack, name):
    accepted, pending, collection, imported = backpack
    user = person(cast, name)
    expected = ALLOWED if name == "carol" else NOT_FOUND
    got = (
        outcome(lambda: access_held(user, accepted.uuid)),
        outcome(lambda: access_held_award(user, pending.uuid)),
        outcome(lambda: access_collection(user, collection.uuid)),
        outcome(lambda: access_imported(user, imported.uuid)),
    )
    assert got == (expected,) * 4


@pytest.mark.parametrize("name", PEOPLE)
def test_the_lists_hold_only_the_learners_own(cast, backpack, name):
    user = person(cast, name)
    mine = name == "carol"
    assert held_awards(user).count() == (2 if mine else 0)
    assert held_credentials(user).count() == (2 if mine else 0)


def test_unknown_and_malformed_ids_are_the_same_404(cast, backpack):
    for missing in (uuid.uuid4(), "not-a-uuid", ""):
        assert outcome(lambda m=missing: access_held(cast.carol, m)) == NOT_FOUND
        assert outcome(lambda m=missing: access_collection(cast.carol, m)) == NOT_FOUND


def test_an_award_to_an_unverified_address_is_not_hers(cast):
    award = give(cast, recipient="carol.unverified@example.org")
    cast.carol.email_addresses.create(email="carol.unverified@example.org")
    assert outcome(lambda: access_held_award(cast.carol, award.uuid)) == NOT_FOUND


def test_an_imported_credential_is_not_reached_as_an_accepted_award(cast, backpack):
    accepted, _pending, _collection, _imported = backpack
    assert outcome(lambda: access_imported(cast.carol, accepted.uuid)) == NOT_FOUND
