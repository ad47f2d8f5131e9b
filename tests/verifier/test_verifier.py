"""The public verifier: every way a credential can arrive, a clear verdict for bad input, never a 500."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.timezone import now

from badges.actions import award_badge, publish_status_list, revoke_award

JSON = {"HTTP_ACCEPT": "application/ld+json"}


@pytest.fixture
def award(cast):
    return award_badge(
        badge_class=cast.badge_class,
        recipient_identity="Vera@Example.org",
        acting_user=cast.aaron,
    )


def api(client, **data):
    response = (
        client.post("/api/v1/verify", data, format="json")
        if "file" not in data
        else client.post("/api/v1/verify", data)
    )
    assert response.status_code == 200, response.content
    return response.json()


def statuses(result: dict) -> dict:
    return {c["name"]: c["status"] for c in result["checks"]}


def codes(result: dict) -> dict:
    return {c["name"]: c["code"] for c in result["checks"]}


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def test_a_link_to_the_hosted_assertion_verifies(api_client, award):
    result = api(
        api_client, url=f"http://127.0.0.1:8000/public/assertions/{award.uuid}"
    )
    assert result["valid"] is True, result["checks"]
    assert result["version"] == "Open Badges 2.0" and result["format"] == "ob2-hosted"
    assert result["certifies"]["name"] == award.badge_class.name
    assert result["certifies"]["outcomes"] == [
        "Weld fillet welds in position PB",
        "Inspect a weld visually",
    ]
    assert result["certifies"]["eqf_level"] == 4


def test_a_link_to_the_ob3_credential_verifies(api_client, award):
    result = api(
        api_client, url=f"http://127.0.0.1:8000/public/credentials/{award.uuid}"
    )
    assert result["valid"] is True, result["checks"]
    assert (
        result["version"] == "Open Badges 3.0" and result["format"] == "data-integrity"
    )


@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("assertions/{}/image.png", "Open Badges 2.0"),
        ("assertions/{}/signed.png", "Open Badges 2.0"),
        ("assertions/{}/image.svg", "Open Badges 2.0"),
        ("assertions/{}/signed.svg", "Open Badges 2.0"),
        ("credentials/{}/image.png", "Open Badges 3.0"),
        ("credentials/{}/image.svg", "Open Badges 3.0"),
    ],
)
def test_an_uploaded_baked_image_verifies(client, api_client, award, path, version):
    image = client.get("/public/" + path.format(award.uuid)).content
    name = "badge." + path.rsplit(".", 1)[1]
    result = api(api_client, file=SimpleUploadedFile(name, image))
    assert result["valid"] is True, result["checks"]
    assert result["version"] == version


@pytest.mark.parametrize("form", ["ob2_jws", "ob3_jwt", "ob3_credential"])
def test_pasted_credentials_verify(api_client, award, form):
    value = getattr(award, form)
    text = json.dumps(value) if isinstance(value, dict) else value
    result = api(api_client, text=text)
    assert result["valid"] is True, result["checks"]


def test_the_recipient_check_matches_the_hashed_address_only(api_client, award):
    assert (
        api(api_client, text=award.ob2_jws, email="vera@example.org")[
            "recipient_matches"
        ]
        is True
    )
    assert (
        api(api_client, text=award.ob3_jwt, email="VERA@example.org ")[
            "recipient_matches"
        ]
        is True
    )
    assert (
        api(api_client, text=award.ob3_jwt, email="someone@example.org")[
            "recipient_matches"
        ]
        is False
    )


def test_a_revoked_badge_fails_the_status_check_in_every_format(
    api_client, cast, award
):
    revoke_award(award=award, reason="Fraud", acting_user=cast.alice)
    publish_status_list(
        issuer=cast.welding
    )  # the task's work, inside this test's transaction
    for text in (award.ob2_jws, award.ob3_jwt, json.dumps(award.ob3_credential)):
        result = api(api_client, text=text)
        assert result["valid"] is False and statuses(result)["status"] == "failed", (
            result["checks"]
        )
        assert codes(result)["status"] == "revoked"
        status = [c for c in result["checks"] if c["name"] == "status"][0]
        # The status list knows only the bit; our own OB 3.0 credentials add the reason.
        assert ("Reason given by the issuer: Fraud" in status["message"]) is (
            text != award.ob2_jws
        ), status
    hosted = api(
        api_client, url=f"http://127.0.0.1:8000/public/assertions/{award.uuid}"
    )
    assert statuses(hosted)["status"] == "failed"
    assert codes(hosted)["status"] == "revoked"
    assert (
        "Fraud" in [c for c in hosted["checks"] if c["name"] == "status"][0]["message"]
    )


def test_each_check_has_a_name_status_message_and_code(api_client, award):
    result = api(api_client, text=award.ob3_jwt)
    assert [sorted(c) for c in result["checks"]] == [
        ["code", "message", "name", "status"]
    ] * 6
    assert set(codes(result).values()) == {""}


def test_an_expired_badge_fails_the_validity_check(api_client, cast):
    old = award_badge(badge_class=cast.badge_class, recipient_identity="o@example.org", acting_user=cast.aaron,
                      issued_on=now() - timedelta(days=900), expires_at=now() - timedelta(days=100))  # fmt: skip
    for text in (old.ob2_jws, old.ob3_jwt):
        assert statuses(api(api_client, text=text))["validity"] == "failed"


def test_tampered_credentials_fail_the_proof_check(api_client, award):
    credential = dict(award.ob3_credential, name="Master welder")
    assert statuses(api(api_client, text=json.dumps(credential)))["proof"] == "failed"
    header, payload, signature = award.ob2_jws.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["issuedOn"] = "2020-01-01T00:00:00+00:00"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert (
        statuses(api(api_client, text=f"{header}.{forged}.{signature}"))["proof"]
        == "failed"
    )


def test_a_jwt_with_alg_none_is_refused(api_client, award):
    _header, payload, _signature = award.ob3_jwt.split(".")
    none = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    result = api(api_client, text=f"{none}.{payload}.")
    assert result["valid"] is False and statuses(result)["proof"] == "failed"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"url": "http://169.254.169.254/latest/meta-data/"},
            "private or reserved address",
        ),
        ({"url": "http://127.0.0.1:9/badge"}, "private or reserved address"),
        ({"url": "http://10.0.0.7/badge"}, "private or reserved address"),
        ({"text": "{not json"}, "not JSON, a JWT or a URL"),
        (
            {
                "text": '{"@context": "https://example.org/unknown", "type": "Assertion"}'
            },
            "Not an Open Badges 2.0 document",
        ),
        ({"text": "[1, 2]"}, "not an object"),
    ],
)
def test_bad_input_gets_a_clear_verdict(api_client, db, kwargs, message):
    result = api(api_client, **kwargs)
    assert result["valid"] is False
    assert message in result["checks"][0]["message"], result["checks"]


def test_an_unknown_context_fails_the_format_check(api_client, award):
    credential = dict(award.ob3_credential)
    credential["@context"] = [
        *credential["@context"],
        "https://evil.example/context.json",
    ]
    result = api(api_client, text=json.dumps(credential))
    assert statuses(result)["format"] == "failed"


def test_a_did_that_does_not_resolve_fails_the_issuer_key_check(api_client, award):
    credential = json.loads(json.dumps(award.ob3_credential))
    credential["issuer"]["id"] = (
        "did:web:127.0.0.1%3A8000:issuers:00000000-0000-0000-0000-000000000000"
    )
    result = api(api_client, text=json.dumps(credential))
    assert result["valid"] is False
    assert statuses(result)["issuer_key"] == "failed"


def test_a_png_with_no_badge_and_an_svg_bomb_get_clear_messages(api_client, db):
    from tests.factories import png_bytes

    result = api(api_client, file=SimpleUploadedFile("plain.png", png_bytes()))
    assert "carries no badge" in result["checks"][0]["message"]
    bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><svg xmlns="http://www.w3.org/2000/svg">&lol2;</svg>'
    result = api(api_client, file=SimpleUploadedFile("bomb.svg", bomb))
    assert result["valid"] is False and result["checks"][0]["status"] == "failed"


def test_an_image_bomb_png_is_refused_without_decoding_it(api_client, db):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 50000, 50000, 8, 0, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 2_000_000))
        + chunk(b"IEND", b"")
    )
    result = api(api_client, file=SimpleUploadedFile("bomb.png", bomb))
    assert (
        result["valid"] is False
        and "carries no badge" in result["checks"][0]["message"]
    )


def test_an_oversized_upload_is_refused(api_client, db):
    big = SimpleUploadedFile(
        "big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (11 * 1024 * 1024)
    )
    result = api(api_client, file=big)
    assert "larger than 10 MB" in result["checks"][0]["message"]


def test_the_verify_page_shows_the_verdict_and_what_it_certifies(client, award):
    page = client.post(
        "/verify",
        {
            "url": f"http://127.0.0.1:8000/public/assertions/{award.uuid}",
            "email": "vera@example.org",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "This badge is genuine and in force." in html and "Recipient matches" in html
    assert "Weld fillet welds in position PB" in html and "EQF level 4" in html


def test_the_verifier_is_rate_limited(client, db, settings, monkeypatch):
    monkeypatch.setattr(
        "config.ratelimit.clock", lambda: 1_800_000_010.0
    )  # one window throughout
    settings.VERIFY_RATE_LIMIT = 5
    address = {
        "REMOTE_ADDR": f"test-{uuid.uuid4()}"
    }  # this run's own client (Redis keys outlive a run)
    codes = [
        client.post("/verify", {"text": "{}"}, **address).status_code for _ in range(6)
    ]
    assert codes == [200] * 5 + [429]
    assert (
        client.post(
            "/verify", {"text": "{}"}, REMOTE_ADDR=f"test-{uuid.uuid4()}"
        ).status_code
        == 200
    )


def test_what_it_certifies_reads_vc11_dates():
    from credentials.ob3.verification import VerificationReport

    credential = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "issuanceDate": "2010-01-01T00:00:00Z",
        "expirationDate": "2030-01-01T00:00:00Z",
        "issuer": {
            "id": "https://example.edu/issuers/565049",
            "name": "Example University",
        },
        "credentialSubject": {"achievement": {"name": "Badge"}},
    }
    facts = VerificationReport((), credential=credential).certified
    assert (facts["issued"], facts["expires"]) == ("2010-01-01", "2030-01-01")
    assert facts["issuer"] == "Example University"
