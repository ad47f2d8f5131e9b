"""The backpack lists awards to the learner's verified addresses; the learner accepts or declines them."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils.timezone import now

from audit.models import AuditEvent
from badges.actions import revoke_award
from badges.choices import RecipientType
from tests.factories import EmailAddressFactory, make_badge_class
from tests.notifications.helpers import give
from wallet.actions import accept_award, decline_award, import_credential
from wallet.models import HoldingStatus, StoredCredential


def test_the_backpack_lists_awards_to_verified_addresses_only(cast, client):
    shown = give(cast, recipient="carol@example.org")
    EmailAddressFactory(
        user=cast.carol, email="carol.old@example.org", verified_at=None
    )
    hidden = give(
        cast,
        recipient="carol.old@example.org",
        badge_class=make_badge_class(
            issuer=cast.welding, acting_user=cast.alice, name="Hygiene passport"
        ),
    )
    client.force_login(cast.carol)
    page = client.get("/wallet/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/wallet/awards/{shown.uuid}/" in html
    assert f"/wallet/awards/{hidden.uuid}/" not in html
    assert client.get(f"/wallet/awards/{hidden.uuid}/").status_code == 404
    # Verifying the address later brings its awards in: the backpack is a query.
    from accounts.models import EmailAddress

    EmailAddress.objects.filter(email="carol.old@example.org").update(verified_at=now())
    html = client.get("/wallet/").content.decode()
    assert f"/wallet/awards/{hidden.uuid}/" in html


def test_the_backpack_marks_expired_and_revoked_awards(cast, client):
    expired = give(
        cast,
        recipient="carol@example.org",
        issued_on=now() - timedelta(days=400),
        expires_at=now() - timedelta(days=1),
    )
    revoked = give(cast, recipient="carol@example.org")
    revoke_award(award=revoked, reason="Mistake", acting_user=cast.aaron)
    client.force_login(cast.carol)
    html = client.get("/wallet/").content.decode()
    assert '<span class="pill archived">expired</span>' in html
    assert '<span class="pill archived">revoked</span>' in html
    entry = client.get(f"/wallet/awards/{expired.uuid}/").content.decode()
    assert '<span class="pill archived">expired</span>' in entry


def test_the_learner_accepts_an_award(cast, client):
    award = give(cast, recipient="carol@example.org")
    client.force_login(cast.carol)
    assert "pending" in client.get(f"/wallet/awards/{award.uuid}/").content.decode()
    response = client.post(f"/wallet/awards/{award.uuid}/accept/")
    assert response.status_code == 302
    held = StoredCredential.objects.get(user=cast.carol, award=award)
    assert held.status == HoldingStatus.ACCEPTED
    assert AuditEvent.objects.filter(
        action="stored_credential.accepted", actor=cast.carol
    ).exists()
    assert "accepted" in client.get("/wallet/").content.decode()


def test_declining_hides_the_award_without_revoking_it_and_can_be_undone(cast, client):
    award = give(cast, recipient="carol@example.org")
    client.force_login(cast.carol)
    response = client.post(f"/wallet/awards/{award.uuid}/decline/")
    assert response.status_code == 302 and response["Location"] == "/wallet/"
    html = client.get("/wallet/").content.decode()
    assert f"/wallet/awards/{award.uuid}/" not in html
    assert "Show 1 declined badge" in html
    assert (
        f"/wallet/awards/{award.uuid}/"
        in client.get("/wallet/?declined=1").content.decode()
    )
    award.refresh_from_db()
    assert award.is_revoked is False
    assert AuditEvent.objects.filter(action="stored_credential.declined").exists()
    client.post(f"/wallet/awards/{award.uuid}/accept/")
    assert StoredCredential.objects.get(award=award).status == HoldingStatus.ACCEPTED
    assert f"/wallet/awards/{award.uuid}/" in client.get("/wallet/").content.decode()


def test_nobody_else_sees_or_answers_a_learner_s_award(cast, client):
    award = give(cast, recipient="carol@example.org")
    for person in (cast.mallory, cast.aaron):
        client.force_login(person)
        assert client.get(f"/wallet/awards/{award.uuid}/").status_code == 404
        assert client.post(f"/wallet/awards/{award.uuid}/accept/").status_code == 404
        assert client.post(f"/wallet/awards/{award.uuid}/decline/").status_code == 404
        assert (
            f"/wallet/awards/{award.uuid}/"
            not in client.get("/wallet/").content.decode()
        )
    assert not StoredCredential.objects.exists()


def test_the_backpack_needs_a_sign_in(client):
    response = client.get("/wallet/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signed_in_users_see_a_backpack_link(cast, client):
    client.force_login(cast.carol)
    assert 'href="/wallet/"' in client.get("/wallet/").content.decode()


# --- The grid and its filter -------------------------------------------------------------

TILE = re.compile(r'<li class="tile"( hidden)?[^>]*>.*?href="([^"]+)"', re.S)


def tiles(html: str) -> list[str]:
    """The links of the tiles a visitor sees, in page order (hidden ones left out)."""
    return [href for hidden, href in TILE.findall(html) if not hidden]


def entry_url(award) -> str:
    return f"/wallet/awards/{award.uuid}/"


@pytest.fixture
def shelf(cast):
    """Carol's backpack: accepted (new, old, expired, revoked), pending, declined, imported."""
    wiring = make_badge_class(
        issuer=cast.electrics, acting_user=cast.alice, name="Wiring basics"
    )
    old = give(
        cast, recipient="carol@example.org", issued_on=now() - timedelta(days=30)
    )
    new = give(cast, recipient="carol@example.org", badge_class=wiring)
    expired = give(
        cast,
        recipient="carol@example.org",
        issued_on=now() - timedelta(days=400),
        expires_at=now() - timedelta(days=1),
    )
    revoked = give(
        cast, recipient="carol@example.org", issued_on=now() - timedelta(days=9)
    )
    for award in (old, new, expired, revoked):
        accept_award(user=cast.carol, award=award)
    revoke_award(award=revoked, reason="Mistake", acting_user=cast.aaron)
    pending = give(
        cast, recipient="carol@example.org", issued_on=now() - timedelta(days=2)
    )
    declined = give(cast, recipient="carol@example.org")
    decline_award(user=cast.carol, award=declined)
    elsewhere = give(
        cast,
        recipient_type=RecipientType.URL,
        recipient="https://carol.example.org/",
        issued_on=now() - timedelta(days=5),
    )
    baked = Client().get(f"/public/credentials/{elsewhere.uuid}/image.png").content
    imported = import_credential(user=cast.carol, data=baked)
    return SimpleNamespace(
        old=old,
        new=new,
        expired=expired,
        revoked=revoked,
        pending=pending,
        declined=declined,
        imported=imported,
    )


def backpack_of(client, cast, query: str = "") -> str:
    client.force_login(cast.carol)
    response = client.get(f"/wallet/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_backpack_is_a_grid_of_pictures_newest_first_pending_on_top(
    cast, client, shelf
):
    html = backpack_of(client, cast)
    assert tiles(html) == [
        entry_url(shelf.pending),  # waiting for an answer: first, in its own section
        entry_url(shelf.new),
        f"/wallet/imported/{shelf.imported.uuid}/",
        entry_url(shelf.revoked),
        entry_url(shelf.old),
        entry_url(shelf.expired),
    ]
    pending = html[
        html.index('id="backpack-pending"') : html.index('id="backpack-badges"')
    ]
    assert f'action="/wallet/awards/{shelf.pending.uuid}/accept/"' in pending
    assert f'action="/wallet/awards/{shelf.pending.uuid}/decline/"' in pending
    image = f'src="/public/badges/{cast.badge_class.uuid}/image"'
    assert html.count(image) == 4  # every award of that class, pending included
    assert f'src="/public/badges/{shelf.new.badge_class.uuid}/image"' in html
    assert f'src="/wallet/imported/{shelf.imported.uuid}/image"' in html
    assert f'alt="{cast.badge_class.name}"' in html  # no description given: its name
    assert "Showing" in html and "6</span> of 6 badges" in html


def test_a_badge_s_description_is_its_picture_s_alt_text(cast, client, shelf):
    cast.badge_class.image_alt = "A welding torch on a blue shield"
    cast.badge_class.save(update_fields=["image_alt"])
    html = backpack_of(client, cast)
    assert 'alt="A welding torch on a blue shield"' in html
    entry = client.get(entry_url(shelf.old)).content.decode()
    assert 'alt="A welding torch on a blue shield"' in entry


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("pending", ["pending"]),
        ("accepted", ["new", "revoked", "old", "expired"]),
        ("imported", ["imported"]),
        ("expired", ["expired"]),
        ("revoked", ["revoked"]),
        ("declined", ["declined"]),
    ],
)
def test_the_state_filter_keeps_one_kind(cast, client, shelf, state, expected):
    html = backpack_of(client, cast, f"?state={state}")
    urls = {
        name: (
            f"/wallet/imported/{held.uuid}/" if name == "imported" else entry_url(held)
        )
        for name, held in vars(shelf).items()
    }
    assert tiles(html) == [urls[name] for name in expected]
    assert f'<option value="{state}" selected>' in html


def test_an_unknown_state_shows_everything(cast, client, shelf):
    assert len(tiles(backpack_of(client, cast, "?state=everything"))) == 6


def test_the_search_matches_words_of_the_title_or_the_issuer_in_any_case(
    cast, client, shelf
):
    html = backpack_of(client, cast, "?q=WIRING")
    assert tiles(html) == [entry_url(shelf.new)]
    assert 'value="WIRING"' in html and "1</span> of 6 badges" in html
    # Every word must match, in the title or in the issuer's name.
    assert tiles(backpack_of(client, cast, "?q=electrics+basics")) == [
        entry_url(shelf.new)
    ]
    assert tiles(backpack_of(client, cast, "?q=electrics+fillet")) == []
    # The other badges are on the page, hidden, for the search as you type.
    assert f'href="{entry_url(shelf.old)}"' in html
    # Search and state together.
    assert tiles(backpack_of(client, cast, "?q=wiring&state=pending")) == []


def test_a_search_that_finds_nothing_says_so_and_offers_everything(cast, client, shelf):
    html = backpack_of(client, cast, "?q=astronomy")
    assert tiles(html) == []
    start = html.index('id="backpack-none"')
    assert "hidden" not in html[start : html.index(">", start)]
    assert "No badge matches this search." in html
    assert 'href="/wallet/">Show all your badges' in html
    assert 'id="backpack-pending"' in html and 'backpack-pending" hidden' in html


def test_an_empty_backpack_says_how_badges_arrive(cast, client):
    html = backpack_of(client, cast)
    assert "Your backpack is empty for now" in html
    assert 'href="/accounts/emails/"' in html
    assert 'href="/wallet/import/"' in html
    assert "backpack-filter" not in html
