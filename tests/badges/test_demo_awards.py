"""Every demo award verifies: our verifier for every signed form, and 1EdTech's validator on the live server."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from badges.models import Award
from tests.obv import errors_of, run_validator
from verifier.awards import verify_award

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(live_server, settings):
    settings.PUBLIC_BASE_URL = live_server.url
    call_command("load_demo", force=True, verbosity=0)
    return Award.objects.select_related("badge_class", "issuer").order_by("pk")


def _status_lists_published(awards) -> bool:
    """True once every issuer's status list was published after its last revocation (the worker's job)."""
    from badges.models import StatusList

    for award in awards:
        if award.is_revoked:
            entry = StatusList.objects.filter(issuer=award.issuer).first()
            if entry is None or entry.published_at < award.revoked_at:
                return False
    return True


def test_every_demo_award_verifies_in_every_format(demo, client, task_queue):
    from badges.actions import publish_status_list

    awards = list(demo)
    task_queue.wait_for(lambda: _status_lists_published(awards))
    # A real worker signs with its own PUBLIC_BASE_URL, while this test serves the
    # live server's port; republish here so the lists name the same base URL.
    for issuer in {a.issuer for a in awards}:
        publish_status_list(issuer=issuer)
    assert len(awards) >= 15
    states = {a.state for a in awards}
    assert states == {"valid", "expired", "revoked"}
    for award in awards:
        result = verify_award(award)
        di = {c.name: c.status for c in result.ob3_data_integrity.checks}
        # Schema, proof and issuer key hold for every award; status and validity follow its state.
        assert di["schema"] == di["proof"] == di["issuer_key"] == "passed", (
            award,
            result.ob3_data_integrity.checks,
        )
        assert {c.name: c.status for c in result.ob3_jwt.checks}["proof"] == "passed"
        assert di["status"] == ("failed" if award.is_revoked else "passed")
        assert di["validity"] == ("failed" if award.is_expired else "passed")
        expected = 410 if award.is_revoked else 200
        assert (
            client.get(
                f"/public/assertions/{award.uuid}", HTTP_ACCEPT="application/ld+json"
            ).status_code
            == expected
        )
        assert (
            client.get(
                f"/public/credentials/{award.uuid}", HTTP_ACCEPT="application/ld+json"
            ).status_code
            == 200
        )


def test_1edtech_accepts_every_valid_demo_award(demo, live_server):
    for award in demo.valid():
        report = run_validator(f"{live_server.url}/public/assertions/{award.uuid}")
        assert errors_of(report) == [], (
            award.badge_class.name,
            report["report"]["messages"],
        )
        report = run_validator(award.ob2_jws)
        assert errors_of(report) == [], (
            award.badge_class.name,
            report["report"]["messages"],
        )
