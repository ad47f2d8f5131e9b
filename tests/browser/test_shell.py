"""The site shell on a phone and on a laptop: the menu button, pages that fit the screen, axe-core.

At 390 px the main links sit behind a menu button (``aria-expanded``,
``aria-controls``) that opens and closes them; at 1366 px there is no button
and the links show in the bar. The home page and a staff institution page
never scroll sideways at 390 px, and axe-core finds no serious or critical
violation on them at either width.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import test_accessibility
from tests.browser.test_accessibility import audit, sign_in

pytestmark = pytest.mark.browser

# A page that ignores the CSP, since axe-core is injected as an inline script
# (tests/browser/test_content_security_policy.py checks the pages under it).
page = test_accessibility.page

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
LAPTOP = {"width": 1366, "height": 768}
# SHELL_SCREENSHOTS=/some/dir keeps a screenshot of each page checked (for a person to look at).
SCREENSHOTS = os.environ.get("SHELL_SCREENSHOTS")


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def keep(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def menu(page):
    return page.locator("header.site .menu-button")


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


def test_on_a_phone_the_menu_button_opens_and_closes_the_links(cast, page):
    page.set_viewport_size(PHONE)
    sign_in(page, "alice@example.org")
    page.goto("/")
    button = menu(page)
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "site-menu"
    assert not main_nav(page).is_visible()
    assert not main_nav(page).get_by_role("link", name="Institutions").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert main_nav(page).is_visible()
    assert page.locator("#language-switch").is_visible()
    assert page.get_by_role("button", name="Sign out").is_visible()
    keep(page, "phone-menu-open")
    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert not main_nav(page).is_visible()
    # Escape closes it too, and gives the focus back to the button.
    button.click()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('menu-button')")
    # The links work: staff reach their institutions, everyone the verifier.
    button.click()
    main_nav(page).get_by_role("link", name="Institutions").click()
    page.wait_for_load_state()
    assert page.url.endswith("/staff/?all=1")
    assert cast.acme.name in page.content()
    menu(page).click()
    main_nav(page).get_by_role("link", name="Verify a badge").click()
    page.wait_for_load_state()
    assert page.url.endswith("/verify")
    assert not main_nav(page).is_visible()  # a new page starts with the menu closed


def test_on_a_laptop_the_links_show_without_a_button(cast, page):
    for size in (LAPTOP, TABLET):
        page.set_viewport_size(size)
        sign_in(page, "alice@example.org")
        page.goto("/")
        assert not menu(page).is_visible()
        nav = main_nav(page)
        assert nav.is_visible()
        for name in ("Backpack", "Verify a badge", "Institutions", "API tokens"):
            assert nav.get_by_role("link", name=name).is_visible()
        assert page.locator("#language-switch").is_visible()
        # The bar keeps its rows: brand and account on one line, the links on at most one more.
        header = page.locator("header.site .bar").bounding_box()
        assert header["height"] < 130
        assert fits_the_screen(page)
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_load_state()


def test_without_javascript_the_links_show_on_a_phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.set_viewport_size(PHONE)
        page.goto("/")
        assert not menu(page).is_visible()
        assert main_nav(page).get_by_role("link", name="Verify a badge").is_visible()
        assert page.get_by_role("link", name="Sign in").first.is_visible()
        assert fits_the_screen(page)
    finally:
        context.close()


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390", "1366"])
def test_the_home_and_institution_pages_fit_and_pass_axe(cast, page, size):
    page.set_viewport_size(size)
    page.goto("/")
    assert fits_the_screen(page), "the home page scrolls sideways"
    assert audit(page) == []
    keep(page, f"home-{size['width']}")
    sign_in(page, "alice@example.org")
    for path, name in (
        ("/", "home-staff"),
        ("/staff/?all=1", "dashboard"),
        (f"/staff/institutions/{cast.acme.uuid}/", "institution"),
        (f"/staff/institutions/{cast.acme.uuid}/edit/", "institution-form"),
        ("/no-such-page/", "not-found"),
    ):
        page.goto(path)
        assert fits_the_screen(page), f"{path} scrolls sideways"
        if size == PHONE:
            menu(page).click()
            assert fits_the_screen(page), f"{path} scrolls sideways with the menu open"
        assert audit(page) == [], path
        keep(page, f"{name}-{size['width']}")


def test_a_signed_in_learner_is_shown_the_way_to_the_backpack(cast, page):
    page.set_viewport_size(PHONE)
    sign_in(page, "carol@example.org")
    page.goto("/")
    link = page.locator("main").get_by_role("link", name="Open your backpack").first
    assert link.is_visible()
    assert page.locator("main").get_by_text("Go to your institutions").count() == 0
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/wallet/")
