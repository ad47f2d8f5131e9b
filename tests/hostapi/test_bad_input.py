"""upsertCredential and putProfile refuse bad input with the right status and Imsx_StatusInfo; nothing is stored."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from audit.models import AuditEvent
from authserver import scopes
from tests.authserver.clients import issue_token
from tests.hostapi.helpers import (
    API,
    assert_imsx,
    bearer,
    elsewhere,
    json_bytes,
    resigned,
    to_mallory,
)
from wallet.models import StoredCredential

UPSERT = scopes.CREDENTIAL_UPSERT
# 1EdTech's validator inputs, as shipped with the tests (source and licence noted there).
VECTORS = (
    Path(__file__).resolve().parents[1] / "credentials/fixtures/1edtech-validator/ob30"
)


@pytest.fixture
def post(cast, client):
    auth = bearer(issue_token(cast.carol, UPSERT))

    def send(data, content_type="application/json", **extra):
        return client.post(
            f"{API}/credentials", data, content_type=content_type, **auth, **extra
        )

    return send


def nothing_stored() -> None:
    assert not StoredCredential.objects.exists()
    assert not AuditEvent.objects.filter(action="stored_credential.upserted").exists()


def test_a_tampered_credential_is_400_invalid_data(cast, post):
    credential = elsewhere(cast).ob3_credential
    credential["credentialSubject"]["achievement"]["name"] = "Brain surgery"
    body = assert_imsx(post(json.dumps(credential)), 400, "invalid_data")
    assert "(not_authentic)" in body["imsx_description"]
    nothing_stored()


def test_a_tampered_vc_jwt_is_400_invalid_data(cast, client, post):
    award = elsewhere(cast)
    header, payload, signature = (
        client.get(f"/public/credentials/{award.uuid}.jwt").content.decode().split(".")
    )
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert_imsx(post(forged, "text/plain"), 400, "invalid_data")
    nothing_stored()


def test_a_credential_to_another_learner_is_400_invalid_data(cast, post):
    body = assert_imsx(post(json_bytes(to_mallory(cast))), 400, "invalid_data")
    assert "(not_yours)" in body["imsx_description"]
    nothing_stored()


def test_a_10_mb_body_is_413_before_it_is_read(cast, post):
    big = b'{"a": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    body = assert_imsx(post(big), 413, "invalid_data")
    assert "larger than" in body["imsx_description"]
    nothing_stored()


def test_a_declared_size_over_the_limit_is_413_and_a_bad_one_400(cast, client):
    auth = bearer(issue_token(cast.carol, UPSERT))
    for length, status in (("99999999", 413), ("lots", 400)):
        response = client.generic(
            "POST",
            f"{API}/credentials",
            b"{}",
            content_type="application/json",
            CONTENT_LENGTH=length,
            **auth,
        )
        assert_imsx(response, status, "invalid_data")
    nothing_stored()


@pytest.mark.parametrize(
    "data",
    [
        b"{not json",
        b'{"@context": ',
        b"[" * 50_000 + b"]" * 50_000,
        b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
        b"[]",
        b"null",
        b"\xff\xfe\x00garbage",
    ],
    ids=["malformed", "cut", "nested-array", "nested-object", "array", "null", "binary"],
)  # fmt: skip
def test_what_is_not_a_json_object_is_400_invalid_data(cast, post, data):
    assert_imsx(post(data), 400, "invalid_data")
    nothing_stored()


@pytest.mark.parametrize(
    "data",
    [b"not a jws", b"a.b.c", b"eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln", b"...", b"{}"],
)
def test_jws_garbage_is_400_invalid_data(cast, post, data):
    assert_imsx(post(data, "text/plain"), 400, "invalid_data")
    nothing_stored()


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png",
     "application/xml", "application/jwt"],
)  # fmt: skip
def test_a_content_type_the_operation_does_not_take_is_415(cast, post, content_type):
    data = json_bytes(elsewhere(cast))
    assert_imsx(post(data, content_type), 415, "invalid_data")
    nothing_stored()


def test_no_content_type_is_415(cast, client):
    response = client.generic(
        "POST", f"{API}/credentials", b"{}", **bearer(issue_token(cast.carol, UPSERT))
    )
    assert_imsx(response, 415, "invalid_data")


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("simple-err-proof-value.json", "application/json"),
        ("simple-json.png", "application/json"),
        ("simple.jwt", "text/plain"),
        ("simple-noproof.json", "application/vc+ld+json"),
        ("simple-err-expired.json", "application/json"),
    ],
)
def test_1edtech_vectors_that_cannot_be_verified_here_are_refused(
    cast, post, name, content_type
):
    assert_imsx(post((VECTORS / name).read_bytes(), content_type), 400, "invalid_data")
    nothing_stored()


def test_an_ob2_assertion_is_not_an_ob3_credential(cast, client, post):
    award = elsewhere(cast)
    assertion = client.get(f"/public/assertions/{award.uuid}").content
    assert_imsx(post(assertion), 400, "invalid_data")
    nothing_stored()


def test_a_credential_whose_status_cannot_be_checked_is_503_with_retry_after(
    cast, post
):
    # Signed by another issuer, it names a status list that cannot vouch for it.
    odd = resigned(
        elsewhere(cast), later=timedelta(0), issuer=cast.evil_issuer, keep_status=True
    )
    response = post(json.dumps(odd))
    body = assert_imsx(response, 503, "server_busy")
    assert "(status_unknown)" in body["imsx_description"]
    assert response["Retry-After"] == "1800"
    nothing_stored()
