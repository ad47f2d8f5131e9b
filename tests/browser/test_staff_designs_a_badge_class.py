"""End to end: a staff member signs in, designs a badge class with outcomes and an image, and sees it in public."""

from __future__ import annotations

import pytest

from badges.models import BadgeClass
from tests.factories import PASSWORD, png_bytes

pytestmark = pytest.mark.browser


def test_an_editor_creates_a_badge_class_and_sees_its_public_page(
    cast, page, tmp_path, browser, live_server
):
    image = tmp_path / "badge.png"
    image.write_bytes(png_bytes((256, 256), "darkgreen"))

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("erin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Acme Vocational").wait_for()

    page.get_by_role("link", name="Welding school").click()
    page.get_by_role("link", name="New badge class").click()
    page.locator("#id_name").fill("Pipe welding, level 2")
    page.locator("#id_description").fill(
        "TIG welding of steel pipes in fixed positions."
    )
    page.get_by_label("Image (PNG or SVG)").set_input_files(str(image))
    page.get_by_label("Image description (alt text)").fill(
        "A green roundel with a pipe and a TIG torch"
    )
    # The form is in steps: one section at a time, chosen in the section list.
    sections = page.get_by_role("navigation", name="Sections of the form")
    sections.get_by_role("link", name="Learning outcomes and alignments").click()
    page.locator("#id_learning_outcomes-0-text").fill(
        "Weld a pipe joint in position H-L045"
    )
    page.get_by_role("button", name="Add a learning outcome").click()
    page.locator("#id_learning_outcomes-1-text").fill("Test a weld with dye penetrant")
    sections.get_by_role("link", name="Criteria and assessment").click()
    page.locator("#id_criteria_narrative").fill(
        "Pass a **practical test** observed by an independent assessor."
    )
    page.get_by_label("Practical demonstration").check()
    sections.get_by_role("link", name="Level and field of study").click()
    page.locator("#id_eqf_level").fill("4")
    sections.get_by_role("link", name="Workload").click()
    page.locator("#id_workload_hours").fill("80")
    page.get_by_role("button", name="Save badge class").click()

    page.get_by_role("heading", name="EU micro-credential completeness").wait_for()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published. The public page is live.").wait_for()
    badge_class = BadgeClass.objects.get(name="Pipe welding, level 2")
    assert badge_class.status == "published"

    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto(f"/public/badges/{badge_class.uuid}")
    visitor.get_by_role("heading", name="Pipe welding, level 2").wait_for()
    assert visitor.get_by_text("Weld a pipe joint in position H-L045").is_visible()
    assert visitor.get_by_text("Not a full qualification").first.is_visible()
    assert visitor.locator("strong", has_text="practical test").is_visible()
    width = visitor.locator("img.badge").evaluate(
        "img => img.complete ? img.naturalWidth : 0"
    )
    assert width == 256
    visitor.context.close()
