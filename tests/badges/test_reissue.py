"""Re-issuing what other verifiers reject: found, signed again with the same id, entry and dates, shown to the learner."""

from __future__ import annotations

import base64
import copy
import json
from io import StringIO

import pytest
from django.core.management import call_command

from audit.models import AuditEvent
from badges.models import Award
from badges.reissue import CANONICALISATION, VC_JWT_MAPPING, departures
from tests.factories import make_badge_class
from tests.notifications.helpers import give
from verifier.awards import verify_award
from wallet import actions as wallet_actions

FOUR_OUTCOMES = [
    {"text": "Set up a MIG welder safely"},
    {"text": "Weld fillet welds in position PB"},
    {"text": "Weld butt welds in position PA"},
    {"text": "Inspect a weld visually"},
]


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def as_signed_before(award: Award) -> Award:
    """Store ``award``'s forms as the builders made them before issue 18.

    Learning outcomes, partners and addresses were anonymous nodes, and the
    VC-JWT carried sub = jti and the Data Integrity proof in ``vc``. The
    signatures no longer match what is stored; the re-issue must not care.
    """
    credential = copy.deepcopy(award.ob3_credential)
    eu = credential["credentialSubject"]["achievement"]["euMicroCredential"]
    for outcome in eu["learningOutcomes"]:
        outcome.pop("id", None)
    header, _claims, signature = award.ob3_jwt.split(".")
    claims = {"iss": credential["issuer"]["id"], "jti": credential["id"],
              "sub": credential["id"], "vc": credential}  # fmt: skip
    Award.objects.filter(pk=award.pk).update(
        ob3_credential=credential, ob3_jwt=".".join([header, _b64(claims), signature])
    )
    award.refresh_from_db()
    return award


@pytest.fixture
def welding(cast):
    return make_badge_class(
        issuer=cast.welding,
        acting_user=cast.alice,
        name="MIG/MAG welding",
        learning_outcomes=FOUR_OUTCOMES,
    )


@pytest.fixture
def affected(cast, welding):
    return as_signed_before(
        give(cast, recipient="carol@example.org", badge_class=welding)
    )


def reissue(*args) -> str:
    out = StringIO()
    call_command("reissue_credentials", *args, stdout=out)
    return out.getvalue()


def test_a_credential_signed_now_needs_nothing(cast, welding):
    award = give(cast, badge_class=welding)
    assert departures(award) == []


def test_the_old_forms_are_found_with_their_reasons(affected):
    assert departures(affected) == [CANONICALISATION, VC_JWT_MAPPING]


def test_a_dry_run_counts_and_changes_nothing(affected):
    before = (affected.ob3_credential, affected.ob3_jwt)
    output = reissue("--dry-run")
    assert (
        "1 exceeded the canonicalisation limit, 1 used the old VC-JWT mapping" in output
    )
    assert "1 would be re-issued (dry run)" in output
    affected.refresh_from_db()
    assert (affected.ob3_credential, affected.ob3_jwt) == before
    assert affected.reissued_at is None


def test_reissuing_keeps_id_status_entry_and_dates(cast, welding, affected):
    clean = give(cast, badge_class=welding)
    clean_forms = (clean.ob3_credential, clean.ob3_jwt)
    old = affected.ob3_credential
    assert verify_award(affected).valid is False

    output = reissue()

    assert "Checked 2 awards" in output and "re-issued 1." in output
    affected.refresh_from_db()
    new = affected.ob3_credential
    for key in ("id", "validFrom", "validUntil", "credentialStatus", "issuer"):
        assert new.get(key) == old.get(key), key
    assert departures(affected) == []
    assert verify_award(affected).valid is True
    assert affected.reissued_at is not None
    clean.refresh_from_db()
    assert (clean.ob3_credential, clean.ob3_jwt) == clean_forms
    assert clean.reissued_at is None
    event = AuditEvent.objects.get(action="award.reissued")
    assert event.data == {"reasons": [CANONICALISATION, VC_JWT_MAPPING]}


def test_running_it_again_reissues_nothing(affected):
    reissue()
    assert "re-issued 0." in reissue()
    assert AuditEvent.objects.filter(action="award.reissued").count() == 1


def test_a_revoked_award_is_reissued_and_still_verifies_as_revoked(cast, affected):
    from badges.actions import revoke_award

    revoke_award(award=affected, reason="Issued in error", acting_user=cast.alice)
    reissue()
    affected.refresh_from_db()
    report = verify_award(affected)
    assert report.ob3_data_integrity.check("proof").status == "passed"
    assert report.ob3_data_integrity.check("status").code == "revoked"


def test_the_learner_sees_that_a_fresh_copy_is_available(cast, client, affected):
    wallet_actions.accept_award(user=cast.carol, award=affected)
    client.force_login(cast.carol)
    assert (
        "fresh-copy"
        not in client.get(f"/wallet/awards/{affected.uuid}/").content.decode()
    )
    reissue()
    entry = client.get(f"/wallet/awards/{affected.uuid}/").content.decode()
    assert 'id="fresh-copy"' in entry and "download it again" in entry
    assert "fresh copy" in client.get("/wallet/").content.decode()
