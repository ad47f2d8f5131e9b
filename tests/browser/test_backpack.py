"""The learner's pages in Chromium, on a 390 px phone and a 1366 px laptop.

The backpack shows each badge's picture; no learner, claim or share page
scrolls sideways; axe-core finds nothing serious; the Copy button puts the
share link on the clipboard; the search hides badges as the learner types.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils.timezone import now

from badges.actions import award_badge
from badges.choices import RecipientType
from badges.facts import base_url
from tests.browser.test_accessibility import audit, sign_in
from wallet import actions
from wallet.models import ShareLink
from wallet.tokens import claim_token

pytestmark = pytest.mark.browser

PHONE, LAPTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}

# What sticks out past the right edge, to say which element made the page scroll.
WIDE = """() => {
  const limit = window.innerWidth;
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: limit,
    wide: [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > limit + 1)
      .slice(0, 5)
      .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)),
  };
}"""


def give(cast, **values):
    return award_badge(
        badge_class=values.pop("badge_class", cast.badge_class),
        recipient_identity=values.pop("recipient_identity", "carol@example.org"),
        recipient_name="Carol Learner",
        acting_user=cast.aaron,
        notify=False,
        **values,
    )


@pytest.fixture
def backpack(cast):
    """Carol holds an accepted and shared badge, an expired one, an import; one award waits."""
    held = actions.accept_award(user=cast.carol, award=give(cast))
    actions.accept_award(
        user=cast.carol,
        award=give(
            cast,
            issued_on=now() - timedelta(days=400),
            expires_at=now() - timedelta(days=1),
        ),
    )
    pending = give(cast)
    elsewhere = give(
        cast,
        recipient_type=RecipientType.URL,
        recipient_identity="https://carol.example.org/",
    )
    baked = Client().get(f"/public/credentials/{elsewhere.uuid}/image.png").content
    imported = actions.import_credential(user=cast.carol, data=baked)
    collection = actions.create_collection(user=cast.carol, name="Job application")
    actions.add_to_collection(user=cast.carol, collection=collection, held=held)
    actions.add_to_collection(user=cast.carol, collection=collection, held=imported)
    return {
        "held": held,
        "pending": pending,
        "imported": imported,
        "collection": collection,
        "badge_link": actions.share(user=cast.carol, credential=held),
        "collection_link": actions.share(user=cast.carol, collection=collection),
        "withdrawn": actions.revoke_share(
            user=cast.carol,
            link=actions.share(user=cast.carol, credential=imported),
        ),
        "unclaimed": give(cast, recipient_identity="carol.new@example.org"),
    }


@pytest.fixture(params=[PHONE, LAPTOP], ids=["390px", "1366px"])
def screen(request, browser, live_server):
    """A page at each width; the CSP is bypassed so that axe-core can be injected."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport=request.param,
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_fits(page, path: str) -> None:
    width = page.evaluate(WIDE)
    assert width["scrollWidth"] <= width["innerWidth"], (path, width)


def test_the_learner_s_pages_show_pictures_and_fit_the_screen(cast, backpack, screen):
    page = screen
    sign_in(page, "carol@example.org")
    page.goto("/wallet/")
    tiles = page.locator("li.tile:visible")
    assert tiles.count() == 4  # the pending award, two accepted, one import
    pending = page.locator("#backpack-pending li.tile")
    assert pending.count() == 1 and pending.get_by_role("button", name="Accept").count()
    images = page.locator("li.tile img")
    assert images.count() == 4
    for index in range(4):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        image.wait_for(state="visible")
        assert page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        box = image.bounding_box()
        assert box["width"] >= 80, box  # a picture, not an icon
    assert audit(page) == [], "/wallet/"
    assert_fits(page, "/wallet/")

    held, imported = backpack["held"], backpack["imported"]
    token, collection_token = (
        backpack["badge_link"].token,
        backpack["collection_link"].token,
    )
    for path in (
        f"/wallet/awards/{held.award.uuid}/",
        f"/wallet/awards/{backpack['pending'].uuid}/",
        f"/wallet/imported/{imported.uuid}/",
        "/wallet/collections/",
        f"/wallet/collections/{backpack['collection'].uuid}/",
        "/wallet/import/",
        f"/wallet/claim/{claim_token(backpack['unclaimed'])}",
        "/wallet/claim/not-a-token",
        f"/share/{token}",
        f"/share/{collection_token}",
        f"/share/{collection_token}/{imported.uuid}",
        f"/share/{collection_token}/{imported.uuid}/verify",
        f"/share/{backpack['withdrawn'].token}",
        f"/public/assertions/{held.award.uuid}",
        f"/public/badges/{cast.badge_class.uuid}",
        f"/public/issuers/{cast.welding.uuid}",
    ):
        page.goto(path)
        assert_fits(page, path)
        assert audit(page) == [], path
    # The badge's own page shows its picture large.
    page.goto(f"/wallet/awards/{held.award.uuid}/")
    assert page.locator(".hero img.badge").bounding_box()["width"] >= 150


def test_a_visitor_s_claim_page_shows_the_badge(cast, backpack, screen):
    page = screen
    page.goto(f"/wallet/claim/{claim_token(backpack['unclaimed'])}")
    image = page.locator(".claim-badge img")
    image.wait_for()
    assert page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert_fits(page, "claim")
    assert audit(page) == [], "claim"


@pytest.fixture
def clipboard_page(browser, live_server):
    """The site's own Content-Security-Policy applies: backpack.js runs as served."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport=PHONE
    )
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_copy_button_puts_the_share_link_on_the_clipboard(cast, clipboard_page):
    page = clipboard_page
    award = give(cast)
    actions.accept_award(user=cast.carol, award=award)
    sign_in(page, "carol@example.org")
    page.goto(f"/wallet/awards/{award.uuid}/")
    page.get_by_role("button", name="Share this badge").click()
    page.get_by_text("Shared. Anyone with the link").wait_for()
    link = ShareLink.objects.get(credential__award=award, revoked_at=None)
    expected = f"{base_url()}/share/{link.token}"
    assert page.get_by_label("Share link").input_value() == expected
    page.evaluate("() => navigator.clipboard.writeText('something else')")
    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Link copied to the clipboard.").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == expected


def test_the_search_hides_badges_as_the_learner_types(cast, clipboard_page):
    from tests.factories import make_badge_class

    page = clipboard_page
    give(cast)
    give(
        cast,
        badge_class=make_badge_class(
            issuer=cast.electrics, acting_user=cast.alice, name="Wiring basics"
        ),
    )
    sign_in(page, "carol@example.org")
    page.goto("/wallet/")
    assert page.locator("li.tile:visible").count() == 2
    page.get_by_label("Search by title or issuer").fill("electr wiring")
    assert page.locator("li.tile:visible").count() == 1
    assert page.locator("li.tile:visible").get_by_text("Wiring basics").is_visible()
    assert page.locator("#backpack-shown").inner_text() == "1"
    page.get_by_label("Search by title or issuer").fill("nothing like it")
    page.get_by_text("No badge matches this search.").wait_for()
    assert page.locator("li.tile:visible").count() == 0
    # The address keeps the words: reloading shows the same (server-side) result.
    assert "q=nothing+like+it" in page.url
    page.reload()
    assert page.locator("li.tile:visible").count() == 0
