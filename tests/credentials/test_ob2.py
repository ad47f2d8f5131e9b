"""The OB 2.0 builders turn the sample facts into exactly the documents in fixtures/ob2/."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from credentials import ob2
from credentials.keys import public_key_pem
from credentials.types import Recipient
from tests.obv.facts import make_cast

FIXTURES = Path(__file__).parent / "fixtures" / "ob2"
KEYS = Path(__file__).parent / "keys"
BASE = "https://badges.example.edu"
CAST = make_cast(BASE)


def _public_pem() -> str:
    key = serialization.load_pem_private_key(
        (KEYS / "ob2-rsa-2048.pem").read_bytes(), None
    )
    return public_key_pem(key)


CASES: dict[str, Callable[[], dict[str, Any]]] = {
    "issuer.json": lambda: ob2.issuer_profile(CAST.issuer),
    "badge-class.json": lambda: ob2.badge_class(CAST.badge, base_url=BASE),
    "assertion-hosted.json": lambda: ob2.assertion(CAST.hosted, verification="hosted"),
    "assertion-signed.json": lambda: ob2.assertion(
        CAST.signed, verification="signed", key_url=CAST.key_url
    ),
    "assertion-revoked.json": lambda: ob2.assertion(
        CAST.revoked, verification="hosted"
    ),
    "assertion-expired.json": lambda: ob2.assertion(
        CAST.expired, verification="hosted"
    ),
    "cryptographic-key.json": lambda: ob2.cryptographic_key(
        CAST.key_url, CAST.issuer.id, _public_pem()
    ),
    "revocation-list.json": lambda: ob2.revocation_list(
        CAST.issuer.revocation_list_url,
        CAST.issuer.id,
        [(CAST.revoked.id, CAST.revoked.revocation_reason)],
    ),
    "extension-context.json": lambda: ob2.extension_context_document(BASE),
    "extension-schema.json": lambda: ob2.extension_schema(),
}


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_it_builds_the_fixture_document(fixture):
    expected = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    assert CASES[fixture]() == expected


def test_it_keeps_learning_outcomes_only_in_the_extension():
    document = ob2.badge_class(CAST.badge, base_url=BASE)
    extension = document.pop(ob2.EXTENSION_PROPERTY)
    assert [o["outcomeText"] for o in extension["learningOutcomes"]] == [
        o.text for o in CAST.badge.learning_outcomes
    ]
    assert "Schedule and run" not in json.dumps(document)


def test_it_leaves_out_unstated_optional_properties():
    badge = replace(CAST.badge, criteria_narrative="", tags=(), alignments=())
    document = ob2.badge_class(badge, base_url=BASE)
    assert document["criteria"] == {"id": badge.criteria_url}
    assert "tags" not in document
    assert "alignment" not in document
    award = replace(CAST.hosted, expires=None, evidence=(), narrative="", image_url="")
    assert set(ob2.assertion(award, verification="hosted")) == {
        "@context",
        "type",
        "id",
        "recipient",
        "badge",
        "issuedOn",
        "verification",
    }


def test_it_writes_dates_in_utc_with_a_z():
    issued = datetime(2026, 3, 2, 11, 30, tzinfo=timezone(timedelta(hours=2)))
    document = ob2.assertion(
        replace(CAST.hosted, issued_on=issued), verification="hosted"
    )
    assert document["issuedOn"] == "2026-03-02T09:30:00Z"


def test_it_refuses_naive_dates():
    award = replace(CAST.hosted, issued_on=datetime(2026, 3, 2, 9, 30))
    with pytest.raises(ValueError, match="timezone"):
        ob2.assertion(award, verification="hosted")


def test_it_needs_a_key_url_for_signed_assertions():
    with pytest.raises(ValueError, match="key_url"):
        ob2.assertion(CAST.signed, verification="signed")


def test_it_refuses_an_unknown_verification_type():
    with pytest.raises(ValueError, match="hosted"):
        ob2.assertion(CAST.hosted, verification="blockchain")  # type: ignore[arg-type]


def test_it_writes_a_plain_identity_without_salt():
    recipient = Recipient(
        type="url", identity="https://carol.example.org/", hashed=False
    )
    document = ob2.assertion(
        replace(CAST.hosted, recipient=recipient), verification="hosted"
    )
    assert document["recipient"] == {
        "type": "url",
        "hashed": False,
        "identity": "https://carol.example.org/",
    }


def test_it_refuses_a_hashed_recipient_without_an_identity_hash():
    recipient = Recipient(type="email", identity="carol@example.org", salt="x")
    with pytest.raises(ValueError, match="IdentityHash"):
        ob2.assertion(replace(CAST.hosted, recipient=recipient), verification="hosted")


def test_it_omits_the_issuer_keys_and_revocation_list_when_there_are_none():
    issuer = replace(CAST.issuer, public_key_urls=(), revocation_list_url="")
    document = ob2.issuer_profile(issuer)
    assert "publicKey" not in document
    assert "revocationList" not in document
