"""1EdTech's Open Badges 2.0 validator against our own server: the Django app on a live 127.0.0.1 port.

The validator (openbadges 1.1.2, in .venv-obv) fetches every URL itself, so
PUBLIC_BASE_URL points at the live server for these tests. Where the
validator disagrees with the spec, the tests follow the spec and say so
(see also tests/credentials/test_ob2_validator.py).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils.timezone import now

from badges.actions import award_badge, revoke_award
from tests.obv import VALIDATOR_VERSION, errors_of, run_validator

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def served(live_server, settings):
    from tests.factories import make_cast

    settings.PUBLIC_BASE_URL = live_server.url
    cast = make_cast()
    valid = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="Learner@Example.org",
        acting_user=cast.aaron,
    )
    return cast, valid


def _download(live_server, path: str, target):
    import urllib.request

    with urllib.request.urlopen(live_server.url + path) as response:  # noqa: S310 (the local live server)
        target.write_bytes(response.read())
    return target


def _assert_valid(report: dict) -> None:
    assert errors_of(report) == [], report["report"]["messages"]
    assert report["report"]["valid"] is True


def test_a_hosted_assertion_url_validates(served, live_server):
    _cast, award = served
    report = run_validator(f"{live_server.url}/public/assertions/{award.uuid}")
    _assert_valid(report)
    assert report["report"]["openBadgesVersion"] == "2.0"
    assert VALIDATOR_VERSION == "1.1.2"


def test_the_signed_jws_validates_and_the_recipient_matches(served):
    _cast, award = served
    report = run_validator(
        award.ob2_jws, recipient_profile={"email": "learner@example.org"}
    )
    _assert_valid(report)
    assert report["input"]["input_type"] == "jws"


@pytest.mark.parametrize("path", ["image.png", "signed.png", "signed.svg"])
def test_baked_images_validate(served, live_server, tmp_path, path):
    _cast, award = served
    image = _download(
        live_server, f"/public/assertions/{award.uuid}/{path}", tmp_path / path
    )
    _assert_valid(run_validator(image))


def test_the_hosted_baked_svg_carries_a_url_that_validates(
    served, live_server, tmp_path
):
    """Validator 1.1.2's bakery returns a hosted SVG's URL as bytes, which its input detection refuses.

    Our SVG follows the spec (``verify`` = the assertion URL); the test checks
    the bakery finds that URL and that the URL validates.
    """
    from tests.obv import unbake_with_validator

    _cast, award = served
    image = _download(
        live_server,
        f"/public/assertions/{award.uuid}/image.svg",
        tmp_path / "hosted.svg",
    )
    url = f"{live_server.url}/public/assertions/{award.uuid}"
    assert unbake_with_validator(image) == {"bytes": url}
    _assert_valid(run_validator(url))


def test_an_expired_award_is_reported_expired(served, live_server):
    cast, _award = served
    expired = award_badge(
        badge_class=cast.badge_class, recipient_identity="old@example.org", acting_user=cast.aaron,
        issued_on=now() - timedelta(days=800), expires_at=now() - timedelta(days=70),
    )  # fmt: skip
    report = run_validator(f"{live_server.url}/public/assertions/{expired.uuid}")
    assert report["report"]["valid"] is False
    assert any("expired on" in e for e in errors_of(report))


def test_a_revoked_signed_award_is_reported_revoked(served):
    """Validator 1.1.2 misses a RevocationList with exactly one entry (JSON-LD compaction turns the array
    into an object), so two awards are revoked here; the list we serve is right either way."""
    cast, award = served
    other = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="x@example.org",
        acting_user=cast.aaron,
    )
    revoke_award(award=other, reason="Duplicate", acting_user=cast.alice)
    revoke_award(award=award, reason="Assessment irregularity", acting_user=cast.alice)
    report = run_validator(award.ob2_jws)
    assert report["report"]["valid"] is False
    assert any(
        "has been revoked" in e and "Assessment irregularity" in e
        for e in errors_of(report)
    )


def test_a_revoked_hosted_award_answers_as_the_spec_says(served, live_server):
    """410 with ``revoked: true`` and the reason; validator 1.1.2 reads both but does not act on them."""
    cast, award = served
    revoke_award(award=award, reason="Withdrawn", acting_user=cast.alice)
    report = run_validator(f"{live_server.url}/public/assertions/{award.uuid}")
    node = next(n for n in report["graph"] if n.get("id", "").endswith(str(award.uuid)))
    assert node["revoked"] is True and node["revocationReason"] == "Withdrawn"


def test_a_tampered_jws_fails(served):
    cast, award = served
    other = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="y@example.org",
        acting_user=cast.aaron,
    )
    header, _payload, signature = award.ob2_jws.split(".")
    tampered = f"{header}.{other.ob2_jws.split('.')[1]}.{signature}"
    report = run_validator(tampered)
    assert report["report"]["valid"] is False
    assert any("failed verification" in e for e in errors_of(report))
