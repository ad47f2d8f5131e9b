"""getProfile and putProfile: the learner as an OB 3.0 Profile; only the name can change."""

from __future__ import annotations

import json

import pytest

from audit.models import AuditEvent
from authserver import scopes
from tests.authserver.clients import issue_token
from tests.hostapi.helpers import API, assert_imsx, assert_meets, bearer

BOTH = f"{scopes.PROFILE_READONLY} {scopes.PROFILE_UPDATE}"


def put(client, raw, body, content_type="application/json"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.put(f"{API}/profile", data, content_type=content_type, **bearer(raw))


def test_the_profile_meets_the_schema_and_names_the_learner(cast, client):
    response = client.get(f"{API}/profile", **bearer(issue_token(cast.carol, BOTH)))
    assert response.status_code == 200
    profile = response.json()
    assert_meets(profile, "profile")
    assert profile == {
        "@context": ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "type": "Profile",
        "id": f"urn:uuid:{cast.carol.uuid}",
        "name": cast.carol.full_name,
        "email": cast.carol.email,
    }


def test_a_put_changes_the_name_and_answers_the_new_profile(cast, client):
    raw = issue_token(cast.carol, BOTH)
    profile = client.get(f"{API}/profile", **bearer(raw)).json()
    response = put(client, raw, profile | {"name": "  Carol Q. Learner "})
    assert response.status_code == 200
    assert_meets(response.json(), "profile")
    assert response.json()["name"] == "Carol Q. Learner"
    cast.carol.refresh_from_db()
    assert cast.carol.full_name == "Carol Q. Learner"
    event = AuditEvent.objects.get(action="account.name_changed")
    assert event.data["via"] == "ob3_api" and "Carol" not in json.dumps(event.data)
    # The same again changes nothing and writes no second event.
    assert put(client, raw, response.json()).status_code == 200
    assert AuditEvent.objects.filter(action="account.name_changed").count() == 1


def test_a_put_without_name_or_email_keeps_them(cast, client):
    raw = issue_token(cast.carol, BOTH)
    name = cast.carol.full_name
    response = put(
        client, raw, {"type": ["Profile"], "id": f"urn:uuid:{cast.carol.uuid}"}
    )
    assert response.status_code == 200 and response.json()["name"] == name


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"email": "carol@elsewhere.example"}, "email"),
        ({"phone": "111-222-3333"}, "phone"),
        ({"url": "https://carol.example.org", "email": "x@y.example"}, "email, url"),
        ({"address": {"type": ["Address"], "addressCountry": "LV"}}, "address"),
    ],
)
def test_a_put_of_fields_that_cannot_be_verified_is_400_naming_them(
    cast, client, change, named
):
    raw = issue_token(cast.carol, BOTH)
    profile = client.get(f"{API}/profile", **bearer(raw)).json()
    before = cast.carol.full_name
    response = put(client, raw, profile | {"name": "New"} | change)
    body = assert_imsx(response, 400, "invalid_data")
    assert f"cannot be verified: {named}." in body["imsx_description"]
    cast.carol.refresh_from_db()
    assert cast.carol.full_name == before


@pytest.mark.parametrize(
    "body",
    [
        {
            "type": "Profile",
            "id": "urn:uuid:00000000-0000-0000-0000-000000000000",
            "name": "X",
        },
        {"type": "Achievement", "id": "ID", "name": "X"},
        {"id": "ID", "name": "X"},
        {"type": "Profile", "id": "ID", "name": ""},
        {"type": "Profile", "id": "ID", "name": "x" * 201},
        {"type": "Profile", "id": "ID", "name": {"en": "Carol"}},
        [],
        "Profile",
    ],
)
def test_a_put_of_something_else_is_400(cast, client, body):
    raw = issue_token(cast.carol, BOTH)
    if isinstance(body, dict) and body.get("id") == "ID":
        body["id"] = f"urn:uuid:{cast.carol.uuid}"
    assert_imsx(put(client, raw, body), 400, "invalid_data")


def test_a_put_of_malformed_or_nested_json_or_another_type_is_refused(cast, client):
    raw = issue_token(cast.carol, BOTH)
    assert_imsx(put(client, raw, b"{oops"), 400, "invalid_data")
    assert_imsx(put(client, raw, b"[" * 10_000 + b"]" * 10_000), 400, "invalid_data")
    assert_imsx(put(client, raw, b"\xff\xfe"), 400, "invalid_data")
    assert_imsx(
        put(client, raw, b"name=x", "application/x-www-form-urlencoded"),
        415,
        "invalid_data",
    )
    assert_imsx(put(client, raw, b"{" * 3_000_000), 413, "invalid_data")
