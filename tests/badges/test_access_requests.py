"""Badge-request access, as every role and an outsider: staff of the issuer by role, the learner her own."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from badges import actions
from badges.access import access_badge_request, access_own_badge_request
from issuers.models import Role
from tests.issuers.test_access import (
    ALLOWED,
    DENIED,
    NOT_FOUND,
    ROLES_NEEDED,
    outcome,
)

# access_badge_request(user, request, role=...) for each person and role needed:
# the same ladder as the issuer's (tests/issuers/test_access.py), the learner
# who asked included among outsiders.
STAFF_MATRIX = {
    #          awarder    editor     admin      owner
    "alice": (ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    "adam": (ALLOWED, ALLOWED, ALLOWED, DENIED),
    "erin": (ALLOWED, ALLOWED, DENIED, DENIED),
    "aaron": (ALLOWED, DENIED, DENIED, DENIED),
    "ivy": (ALLOWED, ALLOWED, DENIED, DENIED),
    "carol": (NOT_FOUND,) * 4,
    "mallory": (NOT_FOUND,) * 4,
    "visitor": (NOT_FOUND,) * 4,
}


def person(cast, name):
    return AnonymousUser() if name == "visitor" else getattr(cast, name)


@pytest.fixture
def carols_request(cast):
    actions.update_badge_class(
        badge_class=cast.badge_class, allows_requests=True, acting_user=cast.erin
    )
    cast.badge_class.refresh_from_db()
    return actions.request_badge(
        badge_class=cast.badge_class, user=cast.carol, email="carol@example.org"
    )


@pytest.mark.parametrize("name", STAFF_MATRIX)
def test_staff_reach_a_request_by_their_role_at_its_issuer(cast, carols_request, name):
    user = person(cast, name)
    got = tuple(
        outcome(lambda r=r: access_badge_request(user, carols_request.uuid, role=r))
        for r in ROLES_NEEDED
    )
    assert got == STAFF_MATRIX[name]


@pytest.mark.parametrize("name", STAFF_MATRIX)
def test_only_the_learner_who_asked_reaches_it_as_her_own(cast, carols_request, name):
    user = person(cast, name)
    expected = ALLOWED if name == "carol" else NOT_FOUND
    assert (
        outcome(lambda: access_own_badge_request(user, carols_request.uuid)) == expected
    )


def test_a_sibling_issuers_staff_do_not_reach_it(cast, carols_request):
    from issuers.models import Membership
    from tests.factories import UserFactory

    eli = UserFactory(email="eli@example.org")
    Membership.objects.create(user=eli, issuer=cast.electrics, role=Role.OWNER)
    assert outcome(lambda: access_badge_request(eli, carols_request.uuid)) == NOT_FOUND


def test_unknown_and_malformed_ids_are_the_same_404(cast, carols_request):
    for missing in (uuid.uuid4(), "not-a-uuid", ""):
        assert (
            outcome(lambda m=missing: access_badge_request(cast.alice, m)) == NOT_FOUND
        )
        assert (
            outcome(lambda m=missing: access_own_badge_request(cast.carol, m))
            == NOT_FOUND
        )
