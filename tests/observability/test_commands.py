"""The two commands of a key-rotation day or a restore: republish_status_lists and check_credentials."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils.timezone import now

from badges.actions import award_badge, published_status_list, revoke_award
from badges.models import Award, StatusList


def give(cast, recipient, **values):
    return award_badge(
        badge_class=values.pop("badge_class", cast.badge_class),
        recipient_identity=recipient,
        acting_user=cast.aaron,
        **values,
    )


def run(name: str, *args) -> tuple[str, str]:
    """Run a command; return its output and its error output."""
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failing(name: str, *args) -> tuple[str, CommandError]:
    """Run a command that must end with exit status 1; return its output and the error."""
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(name, *args, stdout=out, stderr=io.StringIO())
    assert raised.value.returncode == 1
    return out.getvalue(), raised.value


def test_every_stored_credential_that_verifies_is_counted_per_form(cast):
    give(cast, "one@example.org")
    give(cast, "two@example.org")
    out, err = run("check_credentials")
    assert "data-integrity: 2 verified, 0 revoked, 0 expired, 0 failed" in out
    assert "vc-jwt: 2 verified, 0 revoked, 0 expired, 0 failed" in out
    assert "ob2-jws: 2 verified, 0 revoked, 0 expired, 0 failed" in out
    assert "Checked 2 awards in " in out and "awards/s" in out
    assert "FAILED" not in out and "one@example.org" not in out + err


def test_a_credential_tampered_with_in_the_database_is_reported_and_exits_1(cast):
    kept = give(cast, "kept@example.org")
    tampered = give(cast, "tampered@example.org")
    credential = tampered.ob3_credential
    credential["credentialSubject"]["achievement"]["name"] = "Master welder"
    header, payload, signature = tampered.ob2_jws.split(".")
    forged_signature = ("A" if signature[0] != "A" else "B") + signature[1:]
    Award.objects.filter(pk=tampered.pk).update(
        ob3_credential=credential, ob2_jws=f"{header}.{payload}.{forged_signature}"
    )
    out, error = failing("check_credentials")
    assert f"FAILED {tampered.uuid}: data-integrity proof; ob2-jws proof" in out
    assert str(kept.uuid) not in out
    assert "data-integrity: 1 verified, 0 revoked, 0 expired, 1 failed" in out
    assert "vc-jwt: 2 verified" in out  # the JWT form was not touched
    assert "1 failed." in out
    assert str(error) == "1 awards have credentials that fail."


def test_after_a_restore_the_stale_status_list_is_caught_and_republishing_mends_it(
    cast,
):
    """The restore drill: a list published before a revocation says the award is still valid."""
    give(cast, "stays@example.org")
    revoked = give(cast, "revoked@example.org")
    published_status_list(issuer=cast.welding)
    # The revocation's on-commit republication never runs here (as if lost in a restore).
    revoke_award(award=revoked, reason="Awarded by mistake", acting_user=cast.aaron)
    out, _error = failing("check_credentials")
    assert (
        f"FAILED {revoked.uuid}: data-integrity status:not_revoked; vc-jwt status:not_revoked"
        in out
    )
    out, _err = run("republish_status_lists")
    assert f"{cast.welding.uuid} (Welding school): 1 revoked" in out
    assert "Republished 1 status lists (1 revoked entries); 0 failed." in out
    out, _err = run("check_credentials")
    assert "data-integrity: 1 verified, 1 revoked, 0 expired, 0 failed" in out
    assert "ob2-jws: 1 verified, 1 revoked, 0 expired, 0 failed" in out


def test_an_expired_award_is_expired_not_failed(cast):
    give(
        cast,
        "expired@example.org",
        issued_on=now() - timedelta(days=400),
        expires_at=now() - timedelta(days=35),
    )
    out, _err = run("check_credentials")
    assert "data-integrity: 0 verified, 0 revoked, 1 expired, 0 failed" in out
    assert "ob2-jws: 0 verified, 0 revoked, 1 expired, 0 failed" in out


def test_issuer_and_limit_choose_what_is_checked(cast):
    from tests.factories import make_badge_class

    other = make_badge_class(issuer=cast.evil_issuer, acting_user=cast.mallory)
    for n in range(3):
        give(cast, f"welding{n}@example.org")
    give(cast, "evil@example.org", badge_class=other)
    out, _err = run("check_credentials", "--issuer", str(cast.evil_issuer.uuid))
    assert "Checked 1 awards" in out
    out, _err = run("check_credentials", "--limit", "2", "--batch-size", "1")
    assert "Checked 2 awards" in out and "data-integrity: 2 verified" in out


def test_republishing_covers_only_issuers_with_something_to_publish(cast):
    give(cast, "listed@example.org")
    out, _err = run("republish_status_lists")
    assert "Republished 1 status lists (0 revoked entries); 0 failed." in out
    assert StatusList.objects.get().issuer == cast.welding
    # No key was made for issuers without awards.
    assert not cast.electrics.signing_keys.exists()
    out, _err = run("republish_status_lists", "--issuer", str(cast.electrics.uuid))
    assert "Republished 1 status lists" in out


@pytest.mark.parametrize("command", ["republish_status_lists", "check_credentials"])
def test_a_bad_issuer_is_a_clear_error(cast, command):
    with pytest.raises(CommandError, match="must be an issuer's uuid, not 'acme'"):
        call_command(command, "--issuer", "acme")
    with pytest.raises(CommandError, match="No issuer has the uuid"):
        call_command(command, "--issuer", "6c1f1e0e-0000-4000-8000-000000000000")
