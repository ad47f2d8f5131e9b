"""Hosted public documents: content negotiation, OB 2.0 and OB 3.0 JSON, keys, DID, status, baked images."""

from __future__ import annotations

import json

import pytest

from badges.actions import award_badge, revoke_award
from credentials import baking
from issuers.actions import rotate_signing_key
from issuers.models import KeyAlgorithm

JSON = {"HTTP_ACCEPT": "application/ld+json"}
HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture
def award(cast):
    return award_badge(
        badge_class=cast.badge_class,
        recipient_identity="zelma@example.org",
        recipient_name="Zelma Ozola",
        acting_user=cast.aaron,
    )


def test_browsers_get_html_and_machines_get_json_ld(client, award):
    page = client.get(f"/public/assertions/{award.uuid}", **HTML)
    assert page["Content-Type"].startswith("text/html")
    assert "Verify this badge" in page.content.decode()
    assert (
        "zelma@example.org" not in page.content.decode()
        and "Zelma" not in page.content.decode()
    )
    document = client.get(f"/public/assertions/{award.uuid}", **JSON)
    assert document["Content-Type"] == "application/ld+json"
    assert document["Access-Control-Allow-Origin"] == "*"
    body = document.json()
    assert body["@context"] == "https://w3id.org/openbadges/v2"
    assert body["verification"] == {"type": "HostedBadge"}
    assert body["recipient"]["identity"] == award.recipient_hash
    assert (
        client.get(f"/public/assertions/{award.uuid}?format=json", **HTML).json()["id"]
        == body["id"]
    )


def test_the_name_shows_only_when_the_learner_made_it_public(client, award):
    type(award).objects.filter(pk=award.pk).update(show_name_publicly=True)
    assert (
        "Zelma Ozola"
        in client.get(f"/public/assertions/{award.uuid}", **HTML).content.decode()
    )


def test_a_revoked_assertion_answers_410_with_the_reason(client, cast, award):
    revoke_award(award=award, reason="Issued in error", acting_user=cast.alice)
    response = client.get(f"/public/assertions/{award.uuid}", **JSON)
    assert response.status_code == 410
    assert (
        response.json()["revoked"] is True
        and response.json()["revocationReason"] == "Issued in error"
    )
    revocations = client.get(
        f"/public/issuers/{cast.welding.uuid}/revocations", **JSON
    ).json()
    assert revocations["revokedAssertions"] == [
        {"id": response.json()["id"], "revocationReason": "Issued in error"}
    ]
    assert (
        "Revoked"
        in client.get(f"/public/assertions/{award.uuid}", **HTML).content.decode()
    )


@pytest.mark.parametrize(
    "path",
    [
        "/public/assertions/{}",
        "/public/credentials/{}",
        "/public/badges/{}",
        "/public/issuers/{}",
    ],
)
@pytest.mark.parametrize(
    "bad", ["nope", "00000000-0000-0000-0000-000000000000", "1' OR 1=1"]
)
def test_unknown_ids_answer_404_in_the_negotiated_format(client, db, path, bad):
    as_json = client.get(path.format(bad), **JSON)
    assert as_json.status_code == 404 and as_json.json()["code"] == "not_found"
    assert client.get(path.format(bad), **HTML).status_code == 404


def test_the_issuer_profile_lists_keys_and_revocation_list(client, cast, award):
    profile = client.get(f"/public/issuers/{cast.welding.uuid}", **JSON).json()
    assert profile["type"] == "Issuer"
    assert profile["revocationList"].endswith(
        f"/public/issuers/{cast.welding.uuid}/revocations"
    )
    key_url = (
        profile["publicKey"][0]
        if isinstance(profile["publicKey"], list)
        else profile["publicKey"]
    )
    key = client.get(key_url.split("8000", 1)[1], **JSON).json()
    assert key["type"] == "CryptographicKey" and key["owner"] == profile["id"]
    assert key["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")


def test_the_badge_class_json_carries_the_eu_extension(client, cast):
    document = client.get(f"/public/badges/{cast.badge_class.uuid}", **JSON).json()
    extension = document["extensions:EuMicroCredentialExtension"]
    assert extension["eqfLevel"] == 4
    assert extension["@context"].endswith("/public/contexts/eu-microcredential/v1")
    context = client.get("/public/contexts/eu-microcredential/v1").json()
    assert "eqfLevel" in context["@context"]


def test_the_credential_comes_as_json_ld_or_vc_jwt(client, award):
    document = client.get(f"/public/credentials/{award.uuid}", **JSON)
    assert document.json()["proof"]["type"] == "DataIntegrityProof"
    jwt = client.get(
        f"/public/credentials/{award.uuid}", HTTP_ACCEPT="application/vc+jwt"
    )
    assert (
        jwt["Content-Type"] == "application/vc+jwt"
        and jwt.content.decode() == award.ob3_jwt
    )
    download = client.get(f"/public/credentials/{award.uuid}.jwt")
    assert "attachment" in download["Content-Disposition"]


def test_did_document_and_jwks_keep_retired_keys_after_rotation(client, cast, award):
    rotate_signing_key(
        issuer=cast.welding, algorithm=KeyAlgorithm.ED25519, acting_user=cast.alice
    )
    did = client.get(f"/issuers/{cast.welding.uuid}/did.json").json()
    assert did["id"].startswith("did:web:") and did["id"].endswith(
        f":issuers:{cast.welding.uuid}"
    )
    assert {m["type"] for m in did["verificationMethod"]} == {"Multikey", "JsonWebKey"}
    assert len(did["assertionMethod"]) == 4 and len(did["authentication"]) == 2
    assert award.ob3_credential["proof"]["verificationMethod"] in did["assertionMethod"]
    assert (
        len(client.get(f"/public/issuers/{cast.welding.uuid}/jwks.json").json()["keys"])
        == 2
    )
    from verifier.awards import verify_award

    assert (
        verify_award(award).valid is True
    )  # signed with the retired key, still verifies


@pytest.mark.worker
def test_the_status_list_flips_when_an_award_is_revoked(client, task_queue):
    """Revoking republishes the status list through the task queue (a real worker in CI's second pass)."""
    from badges.models import StatusList
    from credentials.ob3.status_list import is_set
    from tests.factories import make_cast

    cast = make_cast()
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="z@example.org",
        acting_user=cast.aaron,
    )

    def bit() -> bool:
        document = client.get(f"/public/issuers/{cast.welding.uuid}/status-list").json()
        assert document["type"] == [
            "VerifiableCredential",
            "BitstringStatusListCredential",
        ]
        return is_set(document["credentialSubject"]["encodedList"], award.status_index)

    assert bit() is False
    published = StatusList.objects.get(issuer=cast.welding).published_at
    revoke_award(award=award, reason="Fraud", acting_user=cast.alice)
    task_queue.wait_for(
        lambda: StatusList.objects.get(issuer=cast.welding).published_at > published
    )
    assert bit() is True


@pytest.mark.parametrize(
    ("path", "unbake"),
    [
        ("image.png", lambda b: baking.unbake_png(b)),
        ("signed.png", lambda b: baking.unbake_png(b)),
        ("image.svg", lambda b: baking.unbake_svg(b)),
        ("signed.svg", lambda b: baking.unbake_svg(b)),
    ],
)
def test_baked_ob2_images_carry_the_assertion(client, award, path, unbake):
    response = client.get(f"/public/assertions/{award.uuid}/{path}")
    assert response.status_code == 200
    carried = unbake(response.content)
    assert carried == (
        award.ob2_jws
        if path.startswith("signed")
        else f"http://127.0.0.1:8000/public/assertions/{award.uuid}"
    )


def test_baked_ob3_images_carry_the_signed_credential(client, award):
    png = client.get(f"/public/credentials/{award.uuid}/image.png").content
    assert (
        json.loads(baking.unbake_png(png, keyword=baking.OB3_PNG_KEYWORD))
        == award.ob3_credential
    )
    svg = client.get(f"/public/credentials/{award.uuid}/image.svg").content
    assert json.loads(baking.unbake_svg_credential(svg)) == award.ob3_credential


@pytest.mark.worker
def test_the_verify_page_reports_every_check(client, task_queue):
    from badges.models import StatusList
    from tests.factories import make_cast

    cast = make_cast()
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="z@example.org",
        acting_user=cast.aaron,
    )
    report = client.get(
        f"/public/assertions/{award.uuid}/verify?format=json", **JSON
    ).json()
    assert report["valid"] is True
    assert {c["name"] for c in report["ob3_data_integrity"]} >= {
        "format",
        "schema",
        "proof",
        "issuer_key",
        "status",
        "validity",
    }
    published = StatusList.objects.get(issuer=cast.welding).published_at
    revoke_award(award=award, reason="Fraud", acting_user=cast.alice)
    task_queue.wait_for(
        lambda: StatusList.objects.get(issuer=cast.welding).published_at > published
    )
    report = client.get(
        f"/public/assertions/{award.uuid}/verify?format=json", **JSON
    ).json()
    assert report["valid"] is False
    assert [
        c["status"] for c in report["ob3_data_integrity"] if c["name"] == "status"
    ] == ["failed"]
    assert (
        "Verification"
        in client.get(
            f"/public/assertions/{award.uuid}/verify", **HTML
        ).content.decode()
    )
