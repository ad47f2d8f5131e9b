"""verify_ob2(): a failed status check says why in a code, revoked or status_unavailable.

The issuer's documents are served from a dict, as ``fetch_json`` would
fetch them; a URL missing from it cannot be fetched.
"""

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from credentials import ob2
from credentials.keys import LocalSigner, public_key_pem
from credentials.ob2.sign import sign_ob2
from credentials.ob2.verification import verify_ob2
from credentials.ob3.verification import (
    FAILED,
    PASSED,
    REVOKED,
    STATUS_UNAVAILABLE,
)
from tests.obv.facts import make_cast

BASE_URL = "https://badges.example.edu"
NOW = datetime(2026, 6, 1, tzinfo=UTC)
SIGNER = LocalSigner(
    serialization.load_pem_private_key(
        (Path(__file__).parent / "keys" / "ob2-rsa-2048.pem").read_bytes(), None
    )
)


@pytest.fixture
def cast():
    return make_cast(BASE_URL)


@pytest.fixture
def served(cast):
    """The issuer's documents by URL: profile, badge class, key and RevocationList."""
    return {
        cast.issuer.id: ob2.issuer_profile(cast.issuer),
        cast.badge.id: ob2.badge_class(cast.badge, base_url=BASE_URL),
        cast.key_url: ob2.cryptographic_key(
            cast.key_url, cast.issuer.id, public_key_pem(SIGNER.public_key)
        ),
        cast.issuer.revocation_list_url: ob2.revocation_list(
            cast.issuer.revocation_list_url,
            cast.issuer.id,
            [(cast.revoked.id, cast.revoked.revocation_reason)],
        ),
    }


def check(value, served):
    def fetch_json(url):
        if url not in served:
            raise LookupError(f"{url} answered 503.")
        return served[url]

    return verify_ob2(value, now=NOW, fetch_json=fetch_json)


def signed(cast, award):
    return sign_ob2(
        ob2.assertion(award, verification="signed", key_url=cast.key_url), SIGNER
    )


def test_a_hosted_assertion_marked_revoked_fails_status_as_revoked(cast, served):
    given = ob2.assertion(cast.hosted, verification="hosted")
    revoked = replace(cast.hosted, revoked=True, revocation_reason="Withdrawn.")
    served[cast.hosted.id] = ob2.assertion(revoked, verification="hosted")

    report = check(given, served)

    assert report.check("proof").status == PASSED
    status = report.check("status")
    assert (status.status, status.code) == (FAILED, REVOKED)
    assert status.message == "Revoked by the issuer: Withdrawn."


def test_a_bare_revocation_notice_at_the_hosted_url_is_read_as_revoked(cast, served):
    """A revoked hosted assertion may answer 410 Gone with only {"revoked": true}."""
    served[cast.hosted.id] = {"revoked": True}

    report = check(ob2.assertion(cast.hosted, verification="hosted"), served)

    assert report.check("proof").status == FAILED
    assert report.check("status").code == REVOKED
    assert report.check("status").message == "Revoked by the issuer: no reason given."


def test_a_signed_assertion_on_the_revocation_list_fails_status_as_revoked(
    cast, served
):
    report = check(signed(cast, replace(cast.revoked, revoked=False)), served)

    assert report.check("proof").status == PASSED
    status = report.check("status")
    assert (status.status, status.code) == (FAILED, REVOKED)
    assert status.message == "Revoked by the issuer: Issued to the wrong learner."


def test_an_unreachable_revocation_list_fails_status_as_unavailable(cast, served):
    del served[cast.issuer.revocation_list_url]

    report = check(signed(cast, cast.signed), served)

    assert report.check("proof").status == PASSED
    status = report.check("status")
    assert (status.status, status.code) == (FAILED, STATUS_UNAVAILABLE)
    assert "could not be fetched" in status.message


def test_a_signed_assertion_not_on_the_list_passes_without_a_code(cast, served):
    report = check(signed(cast, cast.signed), served)

    assert report.valid is True, report.checks
    assert {c.code for c in report.checks} == {""}


def test_an_unreachable_hosted_assertion_does_not_pass_as_not_revoked(cast, served):
    """Without the hosted copy, nothing says whether the issuer revoked it."""
    given = ob2.assertion(cast.hosted, verification="hosted")
    served.pop(cast.hosted.id, None)

    report = check(given, served)

    assert report.check("proof").status == FAILED
    status = report.check("status")
    assert (status.status, status.code) == (FAILED, STATUS_UNAVAILABLE)
    assert "hosted assertion could not be fetched" in status.message


def test_a_hosted_assertion_served_unrevoked_passes_status(cast, served):
    given = ob2.assertion(cast.hosted, verification="hosted")
    served[cast.hosted.id] = given

    report = check(given, served)

    assert report.valid is True, report.checks
