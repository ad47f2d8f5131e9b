"""Every endpoint with every single scope, with no token, a bad, expired or revoked one, and another learner's.

Each gets exactly its status; a token sees and changes only its own learner's data.
"""

from __future__ import annotations

import json
from datetime import timedelta
from itertools import count

import pytest
from django.utils.timezone import now
from oauth2_provider.models import AccessToken

from accounts.actions import create_api_token
from authserver import scopes
from tests.authserver.clients import issue_token
from tests.hostapi.helpers import (
    API,
    assert_credentials_response,
    assert_imsx,
    assert_meets,
    bearer,
    elsewhere,
    json_bytes,
    to_carol,
)
from wallet import actions
from wallet.models import StoredCredential

_numbers = count()

ENDPOINTS = {
    "getCredentials": scopes.CREDENTIAL_READONLY,
    "upsertCredential": scopes.CREDENTIAL_UPSERT,
    "getProfile": scopes.PROFILE_READONLY,
    "putProfile": scopes.PROFILE_UPDATE,
}
SINGLE_SCOPES = [*scopes.OB3_SCOPES, scopes.OFFLINE_ACCESS]


def call(client, cast, operation: str, headers: dict, *, user=None):
    """Make ``operation``'s request as ``user`` would (carol by default)."""
    user = user or cast.carol
    if operation == "getCredentials":
        return client.get(f"{API}/credentials", **headers)
    if operation == "upsertCredential":
        award = elsewhere(cast, f"https://{user.pk}.example.org/{next(_numbers)}")
        return client.post(
            f"{API}/credentials",
            json_bytes(award),
            content_type="application/json",
            **headers,
        )
    if operation == "getProfile":
        return client.get(f"{API}/profile", **headers)
    profile = {"type": "Profile", "id": f"urn:uuid:{user.uuid}", "name": "Renamed"}
    return client.put(
        f"{API}/profile",
        json.dumps(profile),
        content_type="application/json",
        **headers,
    )


@pytest.mark.parametrize("scope", SINGLE_SCOPES)
@pytest.mark.parametrize("operation", ENDPOINTS)
def test_each_operation_needs_its_own_scope(cast, client, operation, scope):
    response = call(client, cast, operation, bearer(issue_token(cast.carol, scope)))
    if ENDPOINTS[operation] == scope:
        assert response.status_code in (200, 201), response.content[:300]
        return
    assert_imsx(response, 403, "forbidden")
    challenge = response["WWW-Authenticate"]
    assert challenge.startswith("Bearer ")
    assert 'error="insufficient_scope"' in challenge
    assert f'scope="{ENDPOINTS[operation]}"' in challenge
    assert StoredCredential.objects.count() == 0
    cast.carol.refresh_from_db()
    assert cast.carol.full_name != "Renamed"


def expired(cast):
    return issue_token(cast.carol, " ".join(scopes.OB3_SCOPES), seconds=-10)


def revoked(cast):
    raw = issue_token(cast.carol, " ".join(scopes.OB3_SCOPES))
    AccessToken.objects.filter(user=cast.carol).get().revoke()
    return raw


def api_token(cast):
    return create_api_token(user=cast.carol, name="mine")[1]


@pytest.mark.parametrize(
    ("headers", "error"),
    [
        (lambda cast: {}, ""),
        (lambda cast: {"HTTP_AUTHORIZATION": "Basic Y2Fyb2w6cGFzcw=="}, ""),
        (lambda cast: bearer("not-a-token"), "invalid_token"),
        (lambda cast: bearer(expired(cast)), "invalid_token"),
        (lambda cast: bearer(revoked(cast)), "invalid_token"),
        (lambda cast: bearer(api_token(cast)), "invalid_token"),
        (lambda cast: {"HTTP_AUTHORIZATION": f"Token {api_token(cast)}"}, ""),
    ],
    ids=[
        "none",
        "basic",
        "unknown",
        "expired",
        "revoked",
        "site-api-token",
        "token-scheme",
    ],
)
@pytest.mark.parametrize("operation", ENDPOINTS)
def test_without_a_valid_token_every_operation_is_401(
    cast, client, operation, headers, error
):
    response = call(client, cast, operation, headers(cast))
    assert_imsx(response, 401, "unauthorizedrequest")
    challenge = response["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="Open Badges 3.0 API"')
    assert (f'error="{error}"' in challenge) if error else ("error=" not in challenge)
    assert StoredCredential.objects.count() == 0


@pytest.mark.parametrize("operation", ENDPOINTS)
def test_the_session_is_not_a_token(cast, client, operation):
    client.force_login(cast.carol)
    assert_imsx(call(client, cast, operation, {}), 401, "unauthorizedrequest")


def test_a_token_in_the_query_string_is_refused(cast, client):
    raw = issue_token(cast.carol)
    response = client.get(f"{API}/credentials?access_token={raw}", **bearer(raw))
    assert_imsx(response, 401, "unauthorizedrequest")


def test_a_token_of_a_deactivated_account_is_401(cast, client):
    raw = issue_token(cast.carol)
    cast.carol.is_active = False
    cast.carol.save(update_fields=["is_active"])
    assert_imsx(client.get(f"{API}/profile", **bearer(raw)), 401, "unauthorizedrequest")


def test_another_learners_token_sees_and_changes_only_that_learners_data(cast, client):
    actions.accept_award(user=cast.carol, award=to_carol(cast))
    carols = bearer(issue_token(cast.carol))
    mallorys = bearer(issue_token(cast.mallory))
    body = client.get(f"{API}/credentials", **mallorys).json()
    assert_credentials_response(body)
    assert body == {"credential": [], "compactJwsString": []}
    assert len(client.get(f"{API}/credentials", **carols).json()["credential"]) == 1
    profile = client.get(f"{API}/profile", **mallorys).json()
    assert_meets(profile, "profile")
    assert profile["id"] == f"urn:uuid:{cast.mallory.uuid}"
    assert profile["email"] == cast.mallory.email
    # Mallory cannot store carol's badge, nor rename carol.
    response = client.post(
        f"{API}/credentials",
        json_bytes(to_carol(cast)),
        content_type="application/json",
        **mallorys,
    )
    assert_imsx(response, 400, "invalid_data")
    response = call(client, cast, "putProfile", mallorys, user=cast.carol)
    assert_imsx(response, 400, "invalid_data")
    cast.carol.refresh_from_db()
    assert cast.carol.full_name != "Renamed"
    assert StoredCredential.objects.filter(user=cast.mallory).count() == 0


def test_an_expiring_token_works_until_it_expires(cast, client):
    raw = issue_token(cast.carol, scopes.PROFILE_READONLY, seconds=60)
    assert client.get(f"{API}/profile", **bearer(raw)).status_code == 200
    AccessToken.objects.filter(user=cast.carol).update(
        expires=now() - timedelta(seconds=1)
    )
    assert_imsx(client.get(f"{API}/profile", **bearer(raw)), 401, "unauthorizedrequest")


def test_calls_over_the_rate_are_429_server_busy_with_retry_after(
    cast, client, settings, monkeypatch
):
    from tests.authserver.clients import issue_token, register

    from .helpers import API, assert_imsx, bearer

    monkeypatch.setattr("config.ratelimit.clock", lambda: 1_900_000_250.0)
    settings.OB3_API_RATE_LIMIT = 2
    application, _secret = register()
    token = issue_token(cast.carol, application=application)
    for _ in range(2):
        assert client.get(f"{API}/profile", **bearer(token)).status_code == 200
    answer = client.get(f"{API}/profile", **bearer(token))
    assert_imsx(answer, 429, "server_busy")
    assert int(answer["Retry-After"]) > 0
    # Another learner's calls through the same application are counted apart.
    other = issue_token(cast.mallory, application=application)
    assert client.get(f"{API}/profile", **bearer(other)).status_code == 200
