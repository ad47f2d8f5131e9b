"""wallet.actions.upsert_credential: the import's rules, the OB 3.0 equality rule, replacing in place."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from audit.models import AuditEvent
from badges.facts import assertion_url
from tests.hostapi.helpers import elsewhere, json_bytes, resigned, to_carol, to_mallory
from wallet import actions
from wallet.actions import ImportRefused
from wallet.models import Source, StoredCredential


def test_a_new_credential_is_stored_as_received_then_its_bytes_again_change_nothing(
    cast,
):
    award = elsewhere(cast)
    data = json_bytes(award)
    held, created = actions.upsert_credential(
        user=cast.carol, data=data, media_type="application/json"
    )
    assert created is True
    assert bytes(held.received) == data
    assert held.source == Source.API and held.valid is True
    again, created = actions.upsert_credential(
        user=cast.carol, data=data, media_type="application/vc+ld+json"
    )
    assert (again.pk, created) == (held.pk, False)
    assert StoredCredential.objects.filter(user=cast.carol).count() == 1
    assert AuditEvent.objects.filter(action="stored_credential.upserted").count() == 1


def test_a_newer_equal_credential_replaces_the_held_one_in_place_and_an_older_is_refused(
    cast,
):
    award = elsewhere(cast)
    oldest = json.dumps(resigned(award, later=-timedelta(days=2))).encode()
    first, _ = actions.upsert_credential(
        user=cast.carol, data=oldest, media_type="application/json"
    )
    newer = json_bytes(award)
    held, created = actions.upsert_credential(
        user=cast.carol, data=newer, media_type="application/json"
    )
    assert (held.pk, held.uuid, created) == (first.pk, first.uuid, False)
    held.refresh_from_db()
    assert bytes(held.received) == newer
    older = json.dumps(resigned(award, later=-timedelta(days=1))).encode()
    with pytest.raises(ImportRefused) as refused:
        actions.upsert_credential(
            user=cast.carol, data=older, media_type="application/json"
        )
    assert refused.value.code == "older"
    held.refresh_from_db()
    assert bytes(held.received) == newer
    assert StoredCredential.objects.filter(user=cast.carol).count() == 1


def test_the_compact_jws_form_is_taken_as_text(cast, client):
    award = elsewhere(cast)
    token = client.get(f"/public/credentials/{award.uuid}.jwt").content
    held, created = actions.upsert_credential(
        user=cast.carol, data=token, media_type="text/plain"
    )
    assert created and bytes(held.received) == token
    assert held.received_type == "application/vc+jwt"


def test_an_award_made_here_and_held_is_not_stored_twice(cast):
    award = to_carol(cast)
    accepted = actions.accept_award(user=cast.carol, award=award)
    held, created = actions.upsert_credential(
        user=cast.carol, data=json_bytes(award), media_type="application/json"
    )
    assert (held.pk, created) == (accepted.pk, False)
    assert StoredCredential.objects.filter(user=cast.carol).count() == 1


@pytest.mark.parametrize(
    ("media_type", "body", "code"),
    [
        ("application/json", b"not json", "wrong_form"),
        ("application/json", b"[1, 2]", "wrong_form"),
        ("text/plain", b"{}", "wrong_form"),
        ("text/plain", b"a.b.c", "unreadable"),
        ("application/json", b'{"id": "urn:x"}', "unreadable"),
    ],
)
def test_what_is_not_a_credential_is_refused_and_nothing_is_stored(
    cast, media_type, body, code
):
    with pytest.raises(ImportRefused) as refused:
        actions.upsert_credential(user=cast.carol, data=body, media_type=media_type)
    assert refused.value.code == code
    assert not StoredCredential.objects.exists()


def test_a_tampered_or_foreign_credential_is_refused(cast):
    tampered = elsewhere(cast).ob3_credential | {"name": "Something else"}
    with pytest.raises(ImportRefused) as refused:
        actions.upsert_credential(
            user=cast.carol,
            data=json.dumps(tampered).encode(),
            media_type="application/json",
        )
    assert refused.value.code == "not_authentic"
    with pytest.raises(ImportRefused) as refused:
        actions.upsert_credential(
            user=cast.carol,
            data=json_bytes(to_mallory(cast)),
            media_type="application/json",
        )
    assert refused.value.code == "not_yours"
    assert not StoredCredential.objects.exists()


def test_the_same_id_from_another_issuer_is_a_duplicate_and_nothing_changes(cast):
    award = elsewhere(cast)
    held, _ = actions.upsert_credential(
        user=cast.carol, data=json_bytes(award), media_type="application/json"
    )
    other = resigned(award, later=timedelta(0), issuer=cast.evil_issuer)
    with pytest.raises(ImportRefused) as refused:
        actions.upsert_credential(
            user=cast.carol,
            data=json.dumps(other).encode(),
            media_type="application/json",
        )
    assert refused.value.code == "duplicate"
    held.refresh_from_db()
    assert bytes(held.received) == json_bytes(award)


def test_an_award_held_in_its_ob2_form_is_a_duplicate(cast, settings):
    settings.IMPORT_RATE_LIMIT = 1000
    award = elsewhere(cast)
    actions.import_credential(user=cast.carol, url=assertion_url(award))
    with pytest.raises(ImportRefused) as refused:
        actions.upsert_credential(
            user=cast.carol, data=json_bytes(award), media_type="application/json"
        )
    assert refused.value.code == "duplicate"
    assert StoredCredential.objects.filter(user=cast.carol).count() == 1
