"""The accounts app's access functions, as every role and an outsider: addresses and tokens are their owner's."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import actions
from accounts.access import access_api_token, access_email_address, api_token_for_secret
from tests.issuers.test_access import ALLOWED, NOT_FOUND, outcome

PEOPLE = ("alice", "adam", "erin", "aaron", "ivy", "carol", "mallory", "visitor")


def person(cast, name):
    return AnonymousUser() if name == "visitor" else getattr(cast, name)


@pytest.fixture
def carols(cast):
    """Carol's second address and an API token, with its secret."""
    address = actions.add_email_address(user=cast.carol, email="carol@work.example")
    token, secret = actions.create_api_token(user=cast.carol, name="portfolio")
    return address, token, secret


@pytest.mark.parametrize("name", PEOPLE)
def test_only_the_owner_reaches_an_address_or_a_token(cast, carols, name):
    address, token, _secret = carols
    user = person(cast, name)
    expected = ALLOWED if name == "carol" else NOT_FOUND
    assert outcome(lambda: access_email_address(user, address.pk)) == expected
    assert outcome(lambda: access_api_token(user, token.uuid)) == expected


def test_unknown_and_malformed_ids_are_the_same_404(cast, carols):
    for missing in (10**9, "x", None):
        assert (
            outcome(lambda m=missing: access_email_address(cast.carol, m)) == NOT_FOUND
        )
    for missing in (uuid.uuid4(), "not-a-uuid", ""):
        assert outcome(lambda m=missing: access_api_token(cast.carol, m)) == NOT_FOUND


def test_a_deactivated_owner_reaches_nothing(cast, carols):
    address, token, secret = carols
    cast.carol.is_active = False
    assert outcome(lambda: access_email_address(cast.carol, address.pk)) == NOT_FOUND
    assert outcome(lambda: access_api_token(cast.carol, token.uuid)) == NOT_FOUND


def test_a_token_is_found_by_its_secret_only_while_it_lives(cast, carols):
    _address, token, secret = carols
    assert api_token_for_secret(secret) == token
    assert api_token_for_secret(secret + "x") is None
    assert api_token_for_secret("") is None
    actions.revoke_api_token(token=token, acting_user=cast.carol)
    assert api_token_for_secret(secret) is None


def test_a_token_of_a_deactivated_account_is_not_found(cast, carols):
    _address, _token, secret = carols
    type(cast.carol).objects.filter(pk=cast.carol.pk).update(is_active=False)
    assert api_token_for_secret(secret) is None
