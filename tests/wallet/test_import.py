"""Importing a badge from elsewhere: verified before it is stored, kept byte for byte, re-checked on demand.

Credentials made by other software come from the same places as the external
verifier tests: OB 3.0 signed by Digital Bazaar's vc and by jose
(``tests/js/sign-external.mjs``), OB 2.0 hosted and signed by another host on
127.0.0.1 (``tests/obv/site.py``). The fetch client reaches 127.0.0.1 only
because these tests allow-list it.
"""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from audit.models import AuditEvent
from badges.actions import award_badge, revoke_award
from badges.choices import RecipientType
from badges.facts import assertion_url, credential_url
from credentials import baking, ob2
from credentials.ob2.sign import sign_ob2
from tests.factories import EmailAddressFactory, png_bytes
from tests.obv.facts import assertion_url as site_assertion_url
from tests.obv.site import FIXTURES
from tests.verifier.test_verifier_external import signed_elsewhere
from verifier import inputs
from wallet.actions import ImportRefused, import_credential, recheck_credential
from wallet.models import HoldingStatus, Source, StoredCredential

PORTFOLIO = "https://carol.example.org/"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.IMPORT_RATE_LIMIT = 10_000  # the rate-limit test sets its own


@pytest.fixture
def ours(cast):
    """An award made here to a web address of carol's: importable, recipient not confirmed."""
    return award_badge(
        badge_class=cast.badge_class,
        recipient_type=RecipientType.URL,
        recipient_identity=PORTFOLIO,
        acting_user=cast.aaron,
        notify=False,
    )


def refused(code: str, **given) -> ImportRefused:
    before = StoredCredential.objects.count()
    with pytest.raises(ImportRefused) as caught:
        import_credential(**given)
    assert caught.value.code == code, caught.value.messages
    assert StoredCredential.objects.count() == before
    return caught.value


def statuses(held: StoredCredential) -> dict:
    return {c["name"]: c["status"] for c in held.report["checks"]}


def served(site, url: str) -> bytes:
    """The bytes the local OB 2.0 host answers for ``url``."""
    _cast, server, _signer = site
    return server.documents[urlsplit(url).path][2]


# --- Imports that succeed -----------------------------------------------------------------------


def test_it_imports_our_own_award_by_its_public_url(cast, ours):
    url = assertion_url(ours)
    held = import_credential(user=cast.carol, url=url)
    assert bytes(held.received) == inputs.fetch_document(url)
    assert (held.source, held.source_url, held.status) == (
        Source.URL,
        url,
        HoldingStatus.ACCEPTED,
    )
    assert held.award is None and held.credential_id == url
    assert held.version == "Open Badges 2.0" and held.report["format"] == "ob2-hosted"
    assert held.valid is True and held.state == "valid" and held.checked_at is not None
    assert held.report["recipient_matches"] is None  # a web address: not confirmed
    assert (
        held.facts["name"] == cast.badge_class.name
        and held.title == cast.badge_class.name
    )
    assert held.image_type == "image/png" and bytes(held.image).startswith(
        inputs.PNG_SIGNATURE
    )
    event = AuditEvent.objects.get(
        action="stored_credential.imported", actor=cast.carol
    )
    assert (
        event.target_id == str(held.uuid)
        and event.data["sha256"] == held.received_sha256
    )
    assert event.data["recipient"] == "not_confirmed" and "@" not in json.dumps(
        event.data
    )


def test_it_imports_an_ob2_assertion_hosted_elsewhere_by_url(site, allow_local, cast):
    hosted = site[0].hosted
    held = import_credential(user=cast.carol, url=hosted.id)
    assert bytes(held.received) == served(site, hosted.id)
    assert held.valid is True and held.report["recipient_matches"] is True
    assert held.facts["issuer"] == hosted.badge_class.issuer.name
    assert bytes(held.image) == (FIXTURES / "badge.png").read_bytes()


@pytest.mark.parametrize(
    ("path", "version", "image_type"),
    [
        ("assertions/{}/image.png", "Open Badges 2.0", "image/png"),
        ("assertions/{}/signed.png", "Open Badges 2.0", "image/png"),
        ("assertions/{}/image.svg", "Open Badges 2.0", "image/svg+xml"),
        ("credentials/{}/image.png", "Open Badges 3.0", "image/png"),
        ("credentials/{}/image.svg", "Open Badges 3.0", "image/svg+xml"),
    ],
)
def test_it_imports_a_baked_image_and_shows_it(
    client, cast, ours, path, version, image_type
):
    image = client.get("/public/" + path.format(ours.uuid)).content
    name = "my badge." + path.rsplit(".", 1)[1]
    held = import_credential(
        user=cast.carol, data=image, filename=f"C:\\Downloads\\{name}"
    )
    assert bytes(held.received) == image
    assert (held.source, held.received_name, held.received_type) == (
        Source.FILE,
        name,
        image_type,
    )
    assert held.version == version and held.valid is True
    assert held.image_type == image_type
    if image_type == "image/png":
        assert (
            bytes(held.image) == image
        )  # the baked PNG itself, decoded by Pillow first
    else:
        assert b"<script" not in bytes(held.image) and b"openbadges" not in bytes(
            held.image
        )


def test_it_imports_a_baked_png_from_elsewhere(site, allow_local, cast):
    hosted = site[0].hosted
    baked = baking.bake_png(
        (FIXTURES / "badge.png").read_bytes(),
        json.dumps(ob2.assertion(hosted, verification="hosted")),
        keyword=baking.OB2_PNG_KEYWORD,
    )
    held = import_credential(user=cast.carol, data=baked, filename="badge.png")
    assert bytes(held.received) == baked and held.report["recipient_matches"] is True


def test_it_imports_a_pasted_ob3_credential_signed_by_digital_bazaar(
    site, allow_local, cast
):
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    out = signed_elsewhere(site)
    text = json.dumps(out["dataIntegrity"], indent=2) + "\n"
    held = import_credential(user=cast.carol, text=text)
    assert bytes(held.received) == text.encode("utf-8")
    assert held.source == Source.TEXT and held.received_type == "application/ld+json"
    assert (
        held.version == "Open Badges 3.0" and held.report["format"] == "data-integrity"
    )
    assert held.valid is True and held.report["recipient_matches"] is True
    assert held.credential_id == out["dataIntegrity"]["id"]
    assert held.facts["issuer"] == "Another Training Centre"
    assert held.image is None and held.image_type == ""


def test_it_imports_a_pasted_vc_jwt_signed_by_jose(site, allow_local, cast):
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    out = signed_elsewhere(site)
    held = import_credential(user=cast.carol, text=out["jwt"])
    assert bytes(held.received) == out["jwt"].encode()
    assert held.report["format"] == "vc-jwt" and held.valid is True
    assert (
        held.received_type == "application/vc+jwt" and held.received_name == "badge.jwt"
    )


def test_it_imports_a_pasted_ob2_signed_assertion(site, allow_local, cast):
    site_cast, _server, signer = site
    jws = sign_ob2(
        ob2.assertion(
            site_cast.hosted, verification="signed", key_url=site_cast.key_url
        ),
        signer,
    )
    held = import_credential(user=cast.carol, text=jws)
    assert bytes(held.received) == jws.encode()
    assert held.report["format"] == "ob2-signed" and held.valid is True
    assert held.received_type == "application/jose"


def test_an_expired_badge_is_stored_and_marked_expired(site, allow_local, cast):
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    past = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = signed_elsewhere(site, valid_until=past)
    held = import_credential(user=cast.carol, text=json.dumps(out["dataIntegrity"]))
    assert held.valid is False and held.state == "expired"
    assert (
        statuses(held)["validity"] == "failed" and statuses(held)["proof"] == "passed"
    )
    old = import_credential(user=cast.carol, url=site[0].expired.id)
    assert old.state == "expired"


# --- Refusals -----------------------------------------------------------------------------------


def test_a_tampered_badge_is_refused_with_the_failed_check(site, allow_local, cast):
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    tampered = copy.deepcopy(signed_elsewhere(site)["dataIntegrity"])
    tampered["credentialSubject"]["achievement"]["name"] = "Crane operator"
    error = refused("not_authentic", user=cast.carol, text=json.dumps(tampered))
    assert "it has been altered" in error.messages[0]
    assert error.verdict.check("proof").status == "failed"


def test_a_revoked_badge_is_refused(site, allow_local, cast):
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    revoked = signed_elsewhere(site, revoked={94567})
    for text in (json.dumps(revoked["dataIntegrity"]), revoked["jwt"]):
        error = refused("revoked", user=cast.carol, text=text)
        assert "The issuer has revoked this badge" in error.messages[0]
        assert error.verdict.check("status").code == "revoked"
    error = refused("revoked", user=cast.carol, url=site[0].revoked.id)
    assert "Issued to the wrong learner." in error.messages[0]
    assert error.verdict.check("status").code == "revoked"


def test_a_badge_whose_status_cannot_be_read_is_refused_as_unknown(
    site, allow_local, cast
):
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    out = signed_elsewhere(site)
    site[1].documents.pop(
        urlsplit(out["dataIntegrity"]["credentialStatus"]["statusListCredential"]).path
    )
    error = refused(
        "status_unknown", user=cast.carol, text=json.dumps(out["dataIntegrity"])
    )
    assert "could not be checked" in error.messages[0]
    assert error.verdict.check("status").code == "status_unavailable"


def test_a_suspended_badge_is_refused_as_not_in_force(cast, ours, monkeypatch):
    """Bitstring Status List suspension: not revoked, but not in force either."""
    from credentials.ob3.verification import FAILED, SUSPENDED, Check
    from wallet.actions import imports

    genuine = imports.verify_received

    def suspended(data):
        verdict = genuine(data)
        checks = tuple(
            Check("status", FAILED, "The credential is suspended.", SUSPENDED)
            if c.name == "status"
            else c
            for c in verdict.checks
        )
        return replace(verdict, checks=checks)

    monkeypatch.setattr(imports, "verify_received", suspended)
    error = refused("not_in_force", user=cast.carol, url=assertion_url(ours))
    assert "This badge is not in force" in error.messages[0]


def test_someone_elses_badge_is_refused(site, allow_local, cast):
    out = signed_elsewhere(site)  # to driver@example.org, not an address of carol's
    error = refused("not_yours", user=cast.carol, text=json.dumps(out["dataIntegrity"]))
    assert "not one of your verified addresses" in error.messages[0]
    refused("not_yours", user=cast.mallory, url=site[0].hosted.id)
    # An address the learner has added but not verified does not count.
    EmailAddressFactory(user=cast.carol, email="driver@example.org", verified_at=None)
    refused("not_yours", user=cast.carol, text=out["jwt"])


def test_a_duplicate_is_refused_and_names_the_entry_already_held(
    site, allow_local, cast, ours
):
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    out = signed_elsewhere(site)
    first = import_credential(user=cast.carol, text=json.dumps(out["dataIntegrity"]))
    same_bytes = refused(
        "duplicate", user=cast.carol, text=json.dumps(out["dataIntegrity"])
    )
    assert (
        same_bytes.existing == first and "“Forklift safety”" in same_bytes.messages[0]
    )
    same_id = refused(
        "duplicate", user=cast.carol, text=out["jwt"]
    )  # the same credential as a VC-JWT
    assert same_id.existing == first
    # An award made here, by its OB 2.0 link and then its OB 3.0 link.
    held = import_credential(user=cast.carol, url=assertion_url(ours))
    assert (
        refused("duplicate", user=cast.carol, url=credential_url(ours)).existing == held
    )
    # Another learner may hold the same badge.
    assert (
        import_credential(user=cast.alice, url=assertion_url(ours)).user == cast.alice
    )


def test_an_award_made_here_and_already_in_the_backpack_is_refused(cast):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="carol@example.org",
        acting_user=cast.aaron,
    )
    error = refused("awarded_here", user=cast.carol, url=assertion_url(award))
    assert error.award == award and "awarded on this site" in error.messages[0]


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"text": "not a badge"}, "unreadable"),
        ({"text": "{}"}, "unreadable"),
        ({"data": png_bytes(), "filename": "photo.png"}, "unreadable"),
        ({"data": b"\x00\x01binary", "filename": "x.bin"}, "unreadable"),
        ({"data": b"https://example.org/badge", "filename": "link.txt"}, "unreadable"),
        ({"text": "   \n"}, "nothing_given"),
        ({"url": "ftp://example.org/badge"}, "bad_link"),
    ],
    ids=[
        "words",
        "empty-json",
        "plain-png",
        "binary",
        "a-link-in-a-file",
        "blank",
        "ftp-link",
    ],
)
def test_garbage_is_refused_with_a_reason(cast, given, code):
    error = refused(code, user=cast.carol, **given)
    assert error.messages[0] and error.messages[0] != "%(reason)s"


def test_an_oversized_file_is_refused(cast, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_UPLOAD_BYTES", 2**20)
    error = refused("too_large", user=cast.carol, data=b"{" + b" " * 2**20 + b"}")
    assert error.messages == ["The file is larger than 1 MB."]


def test_a_failure_while_writing_leaves_no_row(cast, ours, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr("wallet.actions.imports.record", broken)
    with pytest.raises(RuntimeError):
        import_credential(user=cast.carol, url=assertion_url(ours))
    assert not StoredCredential.objects.filter(user=cast.carol).exists()


# --- Checking again -----------------------------------------------------------------------------


def test_a_recheck_sees_our_award_revoked_after_import(cast, ours):
    held = import_credential(user=cast.carol, url=assertion_url(ours))
    received, first_check = bytes(held.received), held.checked_at
    revoke_award(award=ours, reason="Awarded by mistake", acting_user=cast.alice)
    held = recheck_credential(user=cast.carol, held=held)
    assert held.valid is False and held.state == "revoked"
    assert (
        "Awarded by mistake"
        in [c for c in held.report["checks"] if c["name"] == "status"][0]["message"]
    )
    assert held.checked_at > first_check
    held.refresh_from_db()
    assert bytes(held.received) == received and held.state == "revoked"
    assert AuditEvent.objects.filter(
        action="stored_credential.rechecked", target_id=str(held.uuid)
    ).exists()


def test_a_recheck_sees_an_external_hosted_assertion_revoked_after_import(
    site, allow_local, cast
):
    site_cast, server, _signer = site
    facts = replace(
        site_cast.hosted,
        id=site_assertion_url(site_cast.base_url, f"later-{uuid.uuid4()}"),
    )
    server.put_json(facts.id, ob2.assertion(facts, verification="hosted"))
    held = import_credential(user=cast.carol, url=facts.id)
    received = bytes(held.received)
    assert recheck_credential(user=cast.carol, held=held).state == "valid"
    revoked = replace(facts, revoked=True, revocation_reason="Certificate withdrawn.")
    server.put_json(facts.id, ob2.assertion(revoked, verification="hosted"), status=410)
    held = recheck_credential(user=cast.carol, held=held)
    assert held.state == "revoked" and held.valid is False
    assert [c["code"] for c in held.report["checks"] if c["name"] == "status"] == [
        "revoked"
    ]
    assert bytes(held.received) == received


def test_a_recheck_that_cannot_reach_the_status_list_shows_invalid_not_revoked(
    site, allow_local, cast
):
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    out = signed_elsewhere(site)
    held = import_credential(user=cast.carol, text=json.dumps(out["dataIntegrity"]))
    assert held.state == "valid"
    site[1].documents.pop(
        urlsplit(out["dataIntegrity"]["credentialStatus"]["statusListCredential"]).path
    )

    held = recheck_credential(user=cast.carol, held=held)

    status = [c for c in held.report["checks"] if c["name"] == "status"][0]
    assert (status["status"], status["code"]) == ("failed", "status_unavailable")
    assert "could not be fetched" in status["message"]
    assert held.valid is False and held.state == "invalid"
    held.refresh_from_db()
    assert held.state == "invalid"


@pytest.mark.parametrize(
    ("message", "state"),
    [
        ("The credential has been revoked (revocation bit 7 is set).", "revoked"),
        ("Revoked by the issuer: Fraud.", "revoked"),
        ("The status list https://x.example/s could not be fetched: 503", "invalid"),
    ],
)
def test_a_report_stored_before_checks_had_codes_is_read_by_its_message(
    cast, ours, message, state
):
    held = import_credential(user=cast.carol, url=assertion_url(ours))
    held.report = {
        "checks": [
            {"name": "proof", "status": "passed", "message": "ok"},
            {"name": "status", "status": "failed", "message": message},
        ]
    }
    assert held.state == state


def test_only_the_learner_who_imported_a_badge_can_recheck_or_remove_it(cast, ours):
    from django.core.exceptions import ValidationError

    from wallet.actions import remove_imported

    held = import_credential(user=cast.carol, url=assertion_url(ours))
    with pytest.raises(ValidationError):
        recheck_credential(user=cast.mallory, held=held)
    with pytest.raises(ValidationError):
        remove_imported(user=cast.mallory, held=held)
    assert StoredCredential.objects.filter(pk=held.pk).exists()
