"""getCredentials and upsertCredential over HTTP: bodies against the official schemas, paging, read back."""

from __future__ import annotations

import json
from datetime import timedelta

from authserver import scopes
from badges.facts import base_url
from tests.authserver.clients import issue_token
from tests.hostapi.helpers import (
    API,
    assert_credentials_response,
    assert_imsx,
    bearer,
    elsewhere,
    json_bytes,
    resigned,
    to_carol,
    to_mallory,
)
from wallet import actions
from wallet.models import StoredCredential

READ = scopes.CREDENTIAL_READONLY
UPSERT = scopes.CREDENTIAL_UPSERT


def held_by_carol(cast, client, settings, how_many: int = 3):
    """Carol's backpack: an accepted award made here, a JSON import, a VC-JWT import, …"""
    settings.IMPORT_RATE_LIMIT = 1000
    held = [
        actions.accept_award(user=cast.carol, award=to_carol(cast)).award.ob3_credential
    ]
    for n in range(how_many - 1):
        award = elsewhere(cast, f"https://carol.example.org/{n}")
        if n % 2:
            token = client.get(f"/public/credentials/{award.uuid}.jwt").content.decode()
            actions.import_credential(user=cast.carol, text=token)
            held.append(token.strip())
        else:
            actions.import_credential(user=cast.carol, data=json_bytes(award))
            held.append(award.ob3_credential)
    return held


def test_the_learner_gets_every_held_credential_in_its_form_and_they_meet_the_schemas(
    cast, client, settings
):
    held = held_by_carol(cast, client, settings, 3)
    to_carol(cast)  # pending: not held, not listed
    actions.accept_award(user=cast.mallory, award=to_mallory(cast))
    response = client.get(f"{API}/credentials", **bearer(issue_token(cast.carol, READ)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert_credentials_response(body)
    assert body == {"credential": [held[0], held[1]], "compactJwsString": [held[2]]}
    assert response["X-Total-Count"] == "3"
    url = base_url() + f"{API}/credentials"
    assert (
        response["Link"]
        == f'<{url}?offset=0>; rel="last", <{url}?offset=0>; rel="first"'
    )


def test_pages_carry_the_spec_headers(cast, client, settings):
    held = held_by_carol(cast, client, settings, 5)
    auth = bearer(issue_token(cast.carol, READ))
    url = base_url() + f"{API}/credentials"

    def page(query):
        response = client.get(f"{API}/credentials?{query}", **auth)
        assert response.status_code == 200
        assert_credentials_response(response.json())
        assert response["X-Total-Count"] == "5"
        body = response.json()
        return body["credential"] + body["compactJwsString"], response["Link"]

    items, link = page("limit=2")
    assert len(items) == 2 and items[0] == held[0]
    assert link == (
        f'<{url}?limit=2&offset=2>; rel="next", <{url}?limit=2&offset=4>; rel="last", '
        f'<{url}?limit=2&offset=0>; rel="first"'
    )
    items, link = page("limit=2&offset=2")
    assert sorted(map(str, items)) == sorted(map(str, held[2:4]))
    assert link == (
        f'<{url}?limit=2&offset=4>; rel="next", <{url}?limit=2&offset=4>; rel="last", '
        f'<{url}?limit=2&offset=0>; rel="first", <{url}?limit=2&offset=0>; rel="prev"'
    )
    items, link = page("limit=2&offset=4")
    assert items == [held[4]]
    assert link == (
        f'<{url}?limit=2&offset=4>; rel="last", <{url}?limit=2&offset=0>; rel="first", '
        f'<{url}?limit=2&offset=2>; rel="prev"'
    )
    items, _link = page("limit=2&offset=9")
    assert items == []


def test_since_keeps_what_was_issued_after_it(cast, client, settings):
    settings.IMPORT_RATE_LIMIT = 1000
    award = elsewhere(cast)
    older = resigned(award, later=-timedelta(days=10))
    actions.upsert_credential(
        user=cast.carol, data=json.dumps(older).encode(), media_type="application/json"
    )
    recent = actions.accept_award(user=cast.carol, award=to_carol(cast)).award
    auth = bearer(issue_token(cast.carol, READ))
    since = (recent.issued_on - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    response = client.get(f"{API}/credentials", {"since": since}, **auth)
    assert response.json() == {
        "credential": [recent.ob3_credential],
        "compactJwsString": [],
    }
    assert response["X-Total-Count"] == "1"
    assert f"since={since.replace(':', '%3A')}" in response["Link"]
    response = client.get(
        f"{API}/credentials", {"since": "2000-01-01T00:00:00+00:00"}, **auth
    )
    assert response["X-Total-Count"] == "2"


def test_bad_paging_parameters_are_400_invalid_query_parameter(cast, client):
    auth = bearer(issue_token(cast.carol, READ))
    for query in (
        "limit=0", "limit=-1", "limit=x", "limit=1.5", "limit=100000", "offset=-1",
        "offset=abc", "since=yesterday", "since=2024-01-01", "since=2024-01-01T00:00:00",
        "since=2024-13-45T00:00:00Z", "limit=1&limit=2",
    ):  # fmt: skip
        response = client.get(f"{API}/credentials?{query}", **auth)
        assert_imsx(response, 400, "invalid_query_parameter")


def test_upsert_is_201_then_200_and_a_later_get_returns_it_unchanged(cast, client):
    award = elsewhere(cast)
    auth = bearer(issue_token(cast.carol, f"{READ} {UPSERT}"))
    data = json_bytes(award)
    for status in (201, 200):
        response = client.post(
            f"{API}/credentials", data, content_type="application/vc+ld+json", **auth
        )
        assert response.status_code == status
        assert response["Content-Type"] == "application/vc+ld+json"
        assert response.content == data
    assert StoredCredential.objects.filter(user=cast.carol).count() == 1
    assert bytes(StoredCredential.objects.get(user=cast.carol).received) == data
    listed = client.get(f"{API}/credentials", **auth).json()
    assert listed == {"credential": [award.ob3_credential], "compactJwsString": []}


def test_an_equal_newer_credential_replaces_the_held_one_with_200(cast, client):
    award = elsewhere(cast)
    auth = bearer(issue_token(cast.carol, f"{READ} {UPSERT}"))
    older = json.dumps(resigned(award, later=-timedelta(days=3))).encode()
    response = client.post(
        f"{API}/credentials", older, content_type="application/json", **auth
    )
    assert response.status_code == 201
    newer = json_bytes(award)
    response = client.post(
        f"{API}/credentials", newer, content_type="application/json", **auth
    )
    assert response.status_code == 200 and response.content == newer
    assert client.get(f"{API}/credentials", **auth).json()["credential"] == [
        award.ob3_credential
    ]
    response = client.post(
        f"{API}/credentials", older, content_type="application/json", **auth
    )
    body = assert_imsx(response, 400, "invalid_data")
    assert "(older)" in body["imsx_description"]
    assert StoredCredential.objects.filter(user=cast.carol).count() == 1


def test_a_vc_jwt_is_taken_as_text_plain_and_read_back_as_sent(cast, client):
    award = elsewhere(cast)
    token = client.get(f"/public/credentials/{award.uuid}.jwt").content
    auth = bearer(issue_token(cast.carol, f"{READ} {UPSERT}"))
    response = client.post(
        f"{API}/credentials", token, content_type="text/plain", **auth
    )
    assert response.status_code == 201
    assert response["Content-Type"] == "text/plain"
    assert response.content == token
    body = client.get(f"{API}/credentials", **auth).json()
    assert_credentials_response(body)
    assert body["compactJwsString"] == [token.decode().strip()]


def test_an_award_made_here_that_is_held_is_200_and_nothing_new_is_stored(cast, client):
    award = to_carol(cast)
    actions.accept_award(user=cast.carol, award=award)
    auth = bearer(issue_token(cast.carol, UPSERT))
    response = client.post(
        f"{API}/credentials", json_bytes(award), content_type="application/json", **auth
    )
    assert response.status_code == 200
    assert StoredCredential.objects.filter(user=cast.carol).count() == 1
