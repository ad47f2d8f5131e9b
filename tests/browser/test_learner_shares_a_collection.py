"""End to end: a learner claims an award, makes a collection, shares it; a visitor verifies it."""

from __future__ import annotations

import pytest

from badges.actions import award_badge
from badges.facts import base_url
from wallet.models import ShareLink
from wallet.tokens import claim_token

pytestmark = pytest.mark.browser


def test_claim_collect_share_and_a_visitor_verifies(cast, page, browser, live_server):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="lena@example.org",
        recipient_name="Lena Ozola",
        acting_user=cast.aaron,
        notify=False,  # the link below is the one the award e-mail carries
    )
    name = cast.badge_class.name

    # The learner opens the claim link from the award e-mail and makes an account.
    page.goto(f"/wallet/claim/{claim_token(award)}")
    page.get_by_label("Full name").fill("Lena Ozola")
    page.locator("#id_password1").fill("a long learner passphrase 2026")
    page.locator("#id_password2").fill("a long learner passphrase 2026")
    page.get_by_role("button", name="Create account and see the badge").click()
    page.get_by_role("heading", name=name, level=1).wait_for()

    # The badge is pending until accepted; then it can go into a collection.
    page.get_by_role("button", name="Accept").click()
    page.get_by_text("Accepted. The badge is in your backpack.").wait_for()
    page.get_by_role("link", name="Make a new collection").click()
    page.get_by_label("Name").fill("Job application")
    page.get_by_role("button", name="Create collection").click()
    page.get_by_role("heading", name="Job application").wait_for()
    page.get_by_label("Add a badge").select_option(
        label=f"{name} — {cast.welding.name}"
    )
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_role("link", name=name).wait_for()

    # Private until shared; sharing shows the link to copy.
    assert page.get_by_text("This collection is private.").is_visible()
    page.get_by_role("button", name="Make a share link").click()
    link_text = page.locator("#share-link").inner_text().strip()
    link = ShareLink.objects.get(collection__name="Job application")
    assert link_text == f"{base_url()}/share/{link.token}"

    # A logged-out visitor (a fresh browser context) opens the link and verifies.
    visitor = browser.new_context(base_url=live_server.url, locale="en-GB")
    try:
        other = visitor.new_page()
        other.set_default_timeout(15_000)
        other.goto(f"/share/{link.token}")
        other.get_by_role("heading", name="Job application").wait_for()
        assert other.get_by_text("Badges held by Lena Ozola").is_visible()
        assert other.locator('meta[property="og:title"]').get_attribute("content") == (
            "Job application"
        )
        other.get_by_role("link", name=name, exact=True).click()
        other.get_by_role("heading", name=name, level=1).wait_for()
        assert other.get_by_text("Lena Ozola").first.is_visible()
        other.get_by_role("link", name="Verify this badge").click()
        other.get_by_text("Signed by the issuer, not revoked, not expired.").wait_for()
        assert other.get_by_role("status").filter(has_text="Verified").is_visible()
        assert other.get_by_role("link", name="Sign out").count() == 0
    finally:
        visitor.close()

    # The learner stops sharing; the visitor's link now says it was withdrawn.
    page.get_by_role("button", name="Stop sharing").click()
    page.get_by_text("The link is withdrawn").wait_for()
    visitor = browser.new_context(base_url=live_server.url, locale="en-GB")
    try:
        other = visitor.new_page()
        response = other.goto(f"/share/{link.token}")
        assert response.status == 410
        assert other.get_by_role("heading", name="This link was withdrawn").is_visible()
    finally:
        visitor.close()
