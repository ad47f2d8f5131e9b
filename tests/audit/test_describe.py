"""audit.describe: every event code the code base writes reads as a sentence, without plain addresses."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from audit.describe import KNOWN_CODES, actor_name, describe, mask_email
from audit.log import record
from audit.models import AuditEvent
from badges.actions import award_badge, revoke_award

ROOT = Path(__file__).resolve().parents[2]
# Codes built at run time: f"stored_credential.{status}" (accepted, declined) and f"hostlink.push_{status}".
DYNAMIC = {
    "stored_credential.accepted",
    "stored_credential.declined",
    "hostlink.push_delivered",
    "hostlink.push_failed",
}
EMAIL = re.compile(r"[\w.+-]{2,}@[\w-]+\.[\w.]+")


def codes_in_the_code_base() -> set[str]:
    """Every literal first argument of a ``record(...)`` or ``_audit(...)`` call outside the tests."""
    codes = set()
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).parts
        if (
            relative[0] in {".venv", "tests", "node_modules"}
            or "migrations" in relative
        ):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name in {"record", "_audit"} and isinstance(first, ast.Constant):
                codes.add(first.value)
    return codes


def test_every_code_written_anywhere_has_its_own_sentence():
    written = codes_in_the_code_base() | DYNAMIC
    assert len(written) > 60
    assert written - KNOWN_CODES == set()


def test_a_masked_address_keeps_the_first_letter_and_the_domain():
    assert mask_email("jane.doe@example.com") == "j***@example.com"
    assert mask_email("not an address") == "***"
    assert actor_name(None) == "Insignia (automatic)"


@pytest.mark.django_db
def test_a_revocation_names_the_actor_the_badge_and_a_masked_recipient(cast):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="jane@example.com",
        acting_user=cast.aaron,
    )
    revoke_award(award=award, reason="Duplicate", acting_user=cast.adam)
    entry = describe(AuditEvent.objects.filter(action="award.revoked"))[0]
    text = re.sub(r"<[^>]+>", "", str(entry.sentence))
    assert (
        text
        == "Adam revoked the award of “MIG/MAG welding, fillet welds” to j***@example.com"
    )
    assert (
        f'href="/staff/badge-classes/{cast.badge_class.uuid}/awards/?highlight={award.uuid}"'
        in entry.sentence
    )
    assert entry.actor == "Adam"


@pytest.mark.django_db
def test_the_recipient_is_named_when_the_award_has_a_name(cast):
    award_badge(
        badge_class=cast.badge_class,
        recipient_identity="anna@example.com",
        recipient_name="Anna Bērziņa",
        acting_user=cast.aaron,
    )
    entry = describe(AuditEvent.objects.filter(action="award.created"))[0]
    assert "to <a" in entry.sentence and "Anna Bērziņa</a>" in entry.sentence
    assert "anna@" not in entry.sentence


@pytest.mark.django_db
def test_every_known_code_reads_as_a_sentence_without_a_plain_address(cast):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="learner.one@example.com",
        acting_user=cast.aaron,
    )
    targets = [award, cast.badge_class, cast.welding, cast.acme, cast.carol]
    data = {
        "recipient": award.recipient_hash,
        "role": "admin",
        "email_sha256": "0" * 64,
        "reason": "A reason",
        "language": "lv",
        "algorithm": "Ed25519",
    }
    for index, code in enumerate(sorted(KNOWN_CODES)):
        record(
            code,
            actor=cast.adam if index % 2 else None,
            target=targets[index % len(targets)],
            data=data,
        )
    events = AuditEvent.objects.filter(action__in=KNOWN_CODES).select_related("actor")
    entries = describe(events)
    assert {e.event.action for e in entries} == KNOWN_CODES
    for entry in entries:
        text = re.sub(r"<[^>]+>", "", str(entry.sentence))
        assert text.strip() and entry.event.action not in text, entry.event.action
        assert not EMAIL.search(text.replace("***@", "")), (entry.event.action, text)
        assert award.recipient_hash not in text
        assert "%(" not in text, (entry.event.action, text)


@pytest.mark.django_db
def test_an_unknown_code_falls_back_to_a_readable_sentence_and_system_events_name_insignia(
    cast,
):
    record("badge_class.polished_twice", actor=None, target=cast.badge_class)
    entry = describe(AuditEvent.objects.filter(action="badge_class.polished_twice"))[0]
    text = re.sub(r"<[^>]+>", "", str(entry.sentence))
    assert text == "Insignia (automatic): polished twice (Badge classes)"
    assert f"/staff/badge-classes/{cast.badge_class.uuid}/" in entry.sentence
