"""The permission matrix: every role, and an outsider, against every access function."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from badges.access import access_badge_class, public_badge_class
from issuers.access import (
    access_institution,
    access_issuer,
    access_membership,
    can_grant,
    institutions_for,
    issuer_role,
    issuers_for,
)
from issuers.models import Membership, Role

ALLOWED, DENIED, NOT_FOUND = "allowed", "denied", "not_found"


def outcome(call) -> str:
    try:
        call()
    except Http404:
        return NOT_FOUND
    except PermissionDenied:
        return DENIED
    return ALLOWED


# Expected result of access_issuer(user, welding, role=...) for each person and role needed.
ISSUER_MATRIX = {
    #          awarder    editor     admin      owner
    "alice": (ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    "adam": (ALLOWED, ALLOWED, ALLOWED, DENIED),
    "erin": (ALLOWED, ALLOWED, DENIED, DENIED),
    "aaron": (ALLOWED, DENIED, DENIED, DENIED),
    "ivy": (ALLOWED, ALLOWED, DENIED, DENIED),
    "carol": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "mallory": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
}
ROLES_NEEDED = (Role.AWARDER, Role.EDITOR, Role.ADMIN, Role.OWNER)


@pytest.mark.parametrize("person", ISSUER_MATRIX)
def test_access_issuer_matrix(cast, person):
    user = getattr(cast, person)
    got = tuple(
        outcome(lambda r=r: access_issuer(user, cast.welding.uuid, role=r))
        for r in ROLES_NEEDED
    )
    assert got == ISSUER_MATRIX[person]


@pytest.mark.parametrize("person", ISSUER_MATRIX)
def test_access_badge_class_follows_the_issuer(cast, person):
    user = getattr(cast, person)
    got = tuple(
        outcome(lambda r=r: access_badge_class(user, cast.badge_class.uuid, role=r))
        for r in ROLES_NEEDED
    )
    assert got == ISSUER_MATRIX[person]


def test_an_issuer_level_role_does_not_reach_sibling_issuers(cast):
    assert outcome(lambda: access_issuer(cast.ivy, cast.electrics.uuid)) == NOT_FOUND


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("alice", (ALLOWED, ALLOWED)),
        ("adam", (ALLOWED, ALLOWED)),
        ("erin", (ALLOWED, DENIED)),
        ("aaron", (ALLOWED, DENIED)),
        (
            "ivy",
            (ALLOWED, NOT_FOUND),
        ),  # may view the institution of her issuer, not manage it
        ("carol", (NOT_FOUND, NOT_FOUND)),
        ("mallory", (NOT_FOUND, NOT_FOUND)),
    ],
)
def test_access_institution_matrix(cast, person, expected):
    user = getattr(cast, person)
    got = (
        outcome(lambda: access_institution(user, cast.acme.uuid)),
        outcome(lambda: access_institution(user, cast.acme.uuid, role=Role.ADMIN)),
    )
    assert got == expected


@pytest.mark.parametrize("bad_id", ["nonsense", "", "123", str(uuid.uuid4()), None])
def test_unknown_or_malformed_ids_are_not_found(cast, bad_id):
    for call in (access_issuer, access_institution, access_badge_class):
        assert outcome(lambda c=call: c(cast.alice, bad_id)) == NOT_FOUND


def test_anonymous_users_find_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert outcome(lambda: access_issuer(anonymous, cast.welding.uuid)) == NOT_FOUND
    assert list(issuers_for(anonymous)) == []
    assert list(institutions_for(anonymous)) == []


def test_lists_contain_only_what_the_user_works_for(cast):
    assert set(issuers_for(cast.alice)) == {cast.welding, cast.electrics}
    assert set(issuers_for(cast.ivy)) == {cast.welding}
    assert set(issuers_for(cast.mallory)) == {cast.evil_issuer}
    assert set(institutions_for(cast.ivy)) == {cast.acme}
    assert list(issuers_for(cast.carol)) == []


def test_issuer_role_is_the_strongest_held(cast):
    Membership.objects.create(user=cast.aaron, issuer=cast.welding, role=Role.EDITOR)
    assert issuer_role(cast.aaron, cast.welding) == Role.EDITOR
    assert issuer_role(cast.aaron, cast.electrics) == Role.AWARDER


def test_memberships_are_managed_by_admins_of_their_scope(cast):
    ivy_membership = Membership.objects.get(user=cast.ivy)
    assert (
        outcome(
            lambda: access_membership(
                cast.adam, ivy_membership.pk, institution=cast.acme
            )
        )
        == ALLOWED
    )
    assert (
        outcome(
            lambda: access_membership(
                cast.erin, ivy_membership.pk, institution=cast.acme
            )
        )
        == DENIED
    )
    assert (
        outcome(
            lambda: access_membership(
                cast.mallory, ivy_membership.pk, institution=cast.evil
            )
        )
        == NOT_FOUND
    )


def test_roles_can_be_granted_up_to_ones_own(cast):
    assert can_grant(cast.alice, cast.acme, Role.OWNER) is True
    assert can_grant(cast.adam, cast.acme, Role.ADMIN) is True
    assert can_grant(cast.adam, cast.acme, Role.OWNER) is False
    assert can_grant(cast.erin, cast.acme, Role.AWARDER) is False
    assert can_grant(cast.mallory, cast.acme, Role.AWARDER) is False


def test_drafts_are_not_public(cast):
    from tests.factories import make_badge_class

    draft = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, publish=False, name="Draft"
    )
    assert outcome(lambda: public_badge_class(draft.uuid)) == NOT_FOUND
    assert outcome(lambda: public_badge_class(cast.badge_class.uuid)) == ALLOWED
