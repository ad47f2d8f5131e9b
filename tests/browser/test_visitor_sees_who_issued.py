"""End to end: a visitor verifies a badge and reads, at the top, whether it is genuine and who issued it.

Chromium shows the banner on a laptop and on a phone-sized screen without
sideways scrolling, axe-core finds no serious violation on the report
pages, and the page breaks no rule of the Content-Security-Policy.
"""

from __future__ import annotations

import json

import pytest

from badges.actions import award_badge
from tests.browser.test_accessibility import audit
from tests.verifier.test_issuer_trust import forged  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def audited(browser, live_server):
    """A second page for axe-core, which is injected as an inline script: it ignores the CSP."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def fits_the_screen(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def paste(page, credential: dict):
    page.goto("/verify")
    page.get_by_label("…or paste the credential (JSON or JWT)").fill(
        json.dumps(credential)
    )
    page.get_by_role("button", name="Verify").click()
    banner = page.locator(".verdict-banner")
    banner.wait_for()
    return banner


def test_a_forged_badge_says_at_the_top_that_its_issuer_is_not_confirmed(
    page,
    audited,
    forged,  # noqa: F811
):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)  # fmt: skip
    banner = paste(page, forged["dataIntegrity"])
    assert banner.get_attribute("data-state") == "issuer_unconfirmed"
    assert page.get_by_role("heading", name="Issuer not confirmed").is_visible()
    assert banner.get_by_text("Self-asserted: anyone can create this key").is_visible()
    assert banner.get_by_text("Rīgas Tehniskā universitāte").first.is_visible()
    assert page.locator("table.checks").get_by_text("passed").count() >= 5
    page.set_viewport_size(PHONE)
    assert fits_the_screen(page)
    assert banner.get_by_text("Self-asserted: anyone can create this key").is_visible()
    assert violations == []
    paste(audited, forged["dataIntegrity"])
    assert audit(audited) == []


def test_our_own_baked_badge_is_verified_with_its_picture_and_issuer(
    cast, audited, tmp_path, client
):
    page = audited
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="ines@example.org",
        acting_user=cast.aaron,
    )
    image = tmp_path / "badge.png"
    image.write_bytes(client.get(f"/public/credentials/{award.uuid}/image.png").content)
    page.set_viewport_size(PHONE)
    page.goto("/verify")
    page.get_by_label("…or a file (baked PNG or SVG, JSON)").set_input_files(str(image))
    page.get_by_role("button", name="Verify").click()
    banner = page.locator(".verdict-banner")
    banner.wait_for()
    assert banner.get_attribute("data-state") == "verified"
    assert banner.get_by_text("An issuer of this platform").is_visible()
    assert banner.get_by_text(cast.welding.name).first.is_visible()
    picture = banner.get_by_role("img")
    assert picture.is_visible()
    # Visible comes before loaded: wait (10 s at most) for the picture's bytes to arrive and decode.
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0",
        arg=picture.element_handle(),
        timeout=10_000,
    )
    assert fits_the_screen(page)
    assert audit(page) == []
