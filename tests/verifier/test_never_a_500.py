"""Inputs that once answered HTTP 500: addresses of ours that are not documents, and nested JSON."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from badges.actions import award_badge
from tests.verifier.test_verifier import api, statuses

BASE = "http://127.0.0.1:8000"
NOT_DOCUMENTS = [
    "/staff/",
    "/wallet/export.json",
    "/admin/",
    "/api/schema/",
    "/api/v1/verify",
    "/accounts/sign-in/",
    "/verify",
    "/share/nonsense",
]
DEEP = "[" * 50_000 + "]" * 50_000


@pytest.fixture
def api_client():
    return APIClient()


@pytest.mark.parametrize("path", NOT_DOCUMENTS)
def test_an_address_of_ours_that_is_not_a_public_document_is_refused(
    api_client, db, path
):
    result = api(api_client, url=BASE + path)
    assert result["valid"] is False
    assert statuses(result)["format"] == "failed"
    assert "There is no such document on this site" in result["checks"][0]["message"]


def test_a_public_document_that_does_not_exist_is_refused(api_client, db):
    result = api(
        api_client, url=BASE + "/public/assertions/00000000-0000-4000-8000-000000000000"
    )
    assert statuses(result)["format"] == "failed"


def test_a_hosted_assertion_of_ours_still_verifies(api_client, cast):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="vera@example.org",
        acting_user=cast.aaron,
    )
    result = api(api_client, url=f"{BASE}/public/assertions/{award.uuid}")
    assert result["valid"] is True, result["checks"]


def test_deeply_nested_json_as_the_request_body_is_a_400(api_client, db):
    response = api_client.post("/api/v1/verify", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "nested more than 100 levels" in response.json()["detail"]


def test_deeply_nested_json_to_any_json_endpoint_is_a_400(cast):
    client = APIClient()
    client.force_authenticate(cast.alice)
    response = client.patch(
        f"/api/v1/badge-classes/{cast.badge_class.uuid}",
        DEEP,
        content_type="application/json",
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "text",
    [
        DEEP,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        json.dumps({"@context": "x", "a": json.loads("[" * 150 + "]" * 150)}),
    ],
    ids=["list-50000", "object-50000", "object-150"],
)
def test_deeply_nested_pasted_json_fails_the_format_check(api_client, db, text):
    result = api(api_client, text=text)
    assert result["valid"] is False
    assert statuses(result)["format"] == "failed"
    assert "nested more than 100 levels deep" in result["checks"][0]["message"]


def test_deep_json_inside_a_jwt_payload_fails_the_format_check(api_client, db):
    import base64

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(b'{"alg":"EdDSA"}')
    token = ".".join([header, b64(DEEP.encode()), b64(b"sig")])
    result = api(api_client, text=token)
    assert result["valid"] is False
    assert statuses(result)["format"] == "failed"


def test_the_paste_box_page_survives_deep_json(client, db):
    response = client.post("/verify", {"text": DEEP})
    assert response.status_code == 200
    assert "nested more than 100 levels deep" in response.content.decode()
