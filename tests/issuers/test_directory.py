"""The public directory: /issuers/ and /badges/ list only issuers that opted in."""

from __future__ import annotations

import pytest

from badges.actions import archive_badge_class
from issuers import actions as issuer_actions
from issuers.models import Issuer
from tests.factories import make_badge_class


def _list(*issuers: Issuer) -> None:
    Issuer.objects.filter(pk__in=[i.pk for i in issuers]).update(
        listed_in_directory=True
    )


def _page(client, path: str, **query) -> str:
    response = client.get(path, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def listed(cast):
    """Welding (one published class) and Electrics (a published and a draft class) are listed; Evil is not."""
    _list(cast.welding, cast.electrics)
    make_badge_class(
        issuer=cast.electrics,
        acting_user=cast.alice,
        name="Wiring a house",
        description="Domestic installations to the national standard.",
        eqf_level=3,
        languages_of_instruction=["lv"],
    )
    make_badge_class(
        issuer=cast.electrics,
        acting_user=cast.alice,
        publish=False,
        name="Draft: high voltage",
    )
    make_badge_class(
        issuer=cast.evil_issuer, acting_user=cast.mallory, name="Evil welding"
    )
    return cast


def test_the_issuers_page_lists_issuers_that_opted_in(listed, client):
    page = _page(client, "/issuers/")
    assert "Welding school" in page and "Electrics" in page
    assert "Acme Vocational" in page and "LV" in page
    assert "Evil badges" not in page and "Evil Corp" not in page
    assert '<meta name="description"' in page
    assert "1 published badge<" in page  # the draft is not counted


def test_opting_out_hides_the_issuer_and_its_badges(listed, client):
    issuer_actions.update_certificate_settings(
        issuer=listed.electrics, acting_user=listed.alice, listed_in_directory=False
    )
    assert "Electrics" not in _page(client, "/issuers/")
    badges = _page(client, "/badges/")
    assert "Wiring a house" not in badges
    assert "MIG/MAG welding, fillet welds" in badges
    assert "Wiring a house" not in _page(
        client, "/badges/", issuer=str(listed.electrics.uuid)
    )


def test_archived_issuers_are_hidden(listed, client):
    issuer_actions.archive_issuer(issuer=listed.electrics, acting_user=listed.alice)
    assert "Electrics" not in _page(client, "/issuers/")
    assert "Wiring a house" not in _page(client, "/badges/")


def test_the_badges_page_shows_published_classes_of_listed_issuers_as_tiles(
    listed, client
):
    page = _page(client, "/badges/")
    assert '<ul class="tiles">' in page
    assert "MIG/MAG welding, fillet welds" in page and "Wiring a house" in page
    assert "Draft: high voltage" not in page
    assert "Evil welding" not in page
    assert f'href="/public/badges/{listed.badge_class.uuid}"' in page
    assert '<meta name="description"' in page


def test_archived_classes_are_not_listed(listed, client):
    archive_badge_class(badge_class=listed.badge_class, acting_user=listed.alice)
    assert "MIG/MAG welding" not in _page(client, "/badges/")


def test_searching_badges_by_text_level_language_and_issuer(listed, client):
    assert "Wiring a house" not in _page(client, "/badges/", q="weld")
    assert "MIG/MAG" in _page(client, "/badges/", q="weld")
    assert "MIG/MAG" in _page(
        client, "/badges/", q="acme fillet"
    )  # every word, any field
    by_level = _page(client, "/badges/", eqf="3")
    assert "Wiring a house" in by_level and "MIG/MAG" not in by_level
    by_language = _page(client, "/badges/", language="lv")
    assert "Wiring a house" in by_language and "MIG/MAG" not in by_language
    by_issuer = _page(client, "/badges/", issuer=str(listed.welding.uuid))
    assert "MIG/MAG" in by_issuer and "Wiring a house" not in by_issuer
    # An unlisted issuer's badges are not found by naming it, nor by searching for them.
    assert "Evil welding" not in _page(
        client, "/badges/", issuer=str(listed.evil_issuer.uuid)
    )
    assert "Evil welding" not in _page(client, "/badges/", q="evil")
    assert "Evil" not in _page(client, "/issuers/", q="evil")


def test_searching_issuers(listed, client):
    page = _page(client, "/issuers/", q="weld")
    assert "Welding school" in page and "Electrics" not in page
    assert "No issuer matches" in _page(client, "/issuers/", q="nothing like it")


def test_both_lists_are_paged(cast, client):
    _list(cast.welding)
    for number in range(30):
        make_badge_class(
            issuer=cast.welding, acting_user=cast.alice, name=f"Skill {number:02d}"
        )
    first = _page(client, "/badges/", q="skill")
    assert "Skill 00" in first and "Skill 23" in first and "Skill 24" not in first
    second = _page(client, "/badges/", q="skill", page="2")
    assert "Skill 24" in second and "Skill 29" in second and "Skill 00" not in second
    assert "page=2" in first and "q=skill" in first  # the pager keeps the search
    for number in range(30):
        _list(
            issuer_actions.create_issuer(
                institution=cast.acme,
                acting_user=cast.alice,
                name=f"Unit {number:02d}",
                url="https://acme.example.org/unit",
                email="unit@acme.example.org",
                country="LV",
            )
        )
    issuers = _page(client, "/issuers/", q="unit")
    assert "Unit 23" in issuers and "Unit 24" not in issuers
    assert "Unit 24" in _page(client, "/issuers/", q="unit", page="2")
