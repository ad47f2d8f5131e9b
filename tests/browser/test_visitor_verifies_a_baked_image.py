"""End to end: a visitor drops a baked badge image on /verify and reads the verdict."""

from __future__ import annotations

import pytest

from badges.actions import award_badge

pytestmark = pytest.mark.browser


def test_a_visitor_uploads_a_baked_image_and_sees_the_verdict(
    cast, page, tmp_path, client
):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="ines@example.org",
        acting_user=cast.aaron,
    )
    image = tmp_path / "badge.png"
    image.write_bytes(client.get(f"/public/credentials/{award.uuid}/image.png").content)

    page.goto("/verify")
    page.get_by_label("…or a file (baked PNG or SVG, JSON)").set_input_files(str(image))
    page.get_by_label("Check the recipient (optional): their e-mail address").fill(
        "ines@example.org"
    )
    page.get_by_role("button", name="Verify").click()

    page.get_by_text("This badge is genuine and in force.").wait_for()
    assert page.get_by_text("Recipient matches").is_visible()
    assert page.get_by_role("heading", name="What it certifies").is_visible()
    assert page.get_by_text("Weld fillet welds in position PB").is_visible()
    assert page.locator("table").first.get_by_text("passed").count() == 6
