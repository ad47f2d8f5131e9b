"""The badge designer in Chromium: the live preview follows the choices, the page fits a phone, axe finds nothing serious."""

from __future__ import annotations

import pytest

from badges.models import BadgeClass
from tests.browser.test_accessibility import audit, sign_in

pytestmark = pytest.mark.browser


def preview_source(page) -> str:
    return page.locator("#designer-preview").get_attribute("src")


def test_changing_the_shape_updates_the_preview_and_saving_keeps_it(cast, page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, "erin@example.org")
    page.goto(f"/staff/badge-classes/{cast.badge_class.uuid}/design/")
    first = preview_source(page)
    assert first.startswith("data:image/svg+xml;base64,")  # drawn by the page itself

    page.get_by_text("Hexagon", exact=True).click()
    page.wait_for_function(
        "() => document.getElementById('designer-preview').src.startsWith('data:image/svg+xml;charset=utf-8,')"
    )
    assert "M256%2016%20L464%20136" in preview_source(page)  # the hexagon's outline

    # A palette button fills in its colours; the preview follows.
    page.get_by_role("button", name="Forest").click()
    assert page.locator("#id_primary").input_value() == "#1b4332"
    page.wait_for_function(
        "() => document.getElementById('designer-preview').src.includes('%231b4332')"
    )

    # A title too long for the shape is explained at once.
    page.locator("#id_title").fill("Starptautiskāsprofesionālāsizglītības " * 2)
    page.locator("#designer-status").get_by_text("does not fit this shape").wait_for()
    page.locator("#id_title").fill("Metināšana, 2. līmenis")
    page.wait_for_function(
        "() => document.getElementById('designer-status').textContent === ''"
    )

    page.get_by_role("button", name="Save image").click()
    page.get_by_text("Badge image saved.").wait_for()
    badge_class = BadgeClass.objects.get(pk=cast.badge_class.pk)
    assert badge_class.image_design["shape"] == "hexagon"
    assert badge_class.image_design["primary"] == "#1b4332"
    assert badge_class.image.name.endswith(".svg")
    assert not [e for e in errors if "Content Security Policy" in e], errors


@pytest.mark.parametrize("width", [390, 1366])
def test_the_designer_fits_the_screen_with_no_serious_accessibility_violation(
    cast, axe_page, width
):
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "erin@example.org")
    page.goto(f"/staff/badge-classes/{cast.badge_class.uuid}/design/")
    page.locator("#designer-preview").wait_for()
    sizes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1], sizes
    assert audit(page) == []
