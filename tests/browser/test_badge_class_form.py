"""The badge class form in Chromium: steps, rows added and removed in the page, the language filter, phones."""

from __future__ import annotations

import pytest

from badges.actions.badge_classes import BADGE_CLASS_FIELDS
from tests.browser.test_accessibility import audit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ALT = "A blue shield with a welding torch"
# The alt text reaches the database once badges.actions takes it (BADGE_CLASS_FIELDS).
alt_is_stored = pytest.mark.skipif(
    "image_alt" not in BADGE_CLASS_FIELDS,
    reason="badges.actions does not take image_alt yet",
)


def sign_in(page, email: str = "erin@example.org") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def open_step(page, title: str) -> None:
    page.locator(".bf-nav").get_by_role("link", name=title).click()
    page.get_by_role("group", name=title).wait_for()


def new_rows(page, key: str):
    return page.locator(f"#formset-{key} [data-formset-row]:visible")


def test_rows_are_added_and_removed_with_the_buttons_and_kept_by_saving(cast, page):
    badge_class = cast.badge_class
    sign_in(page)
    page.goto(f"/staff/badge-classes/{badge_class.uuid}/edit/")
    page.get_by_label("Image description (alt text)").fill(ALT)
    page.get_by_role("button", name="Add a partner").click()
    new_rows(page, "partners").last.get_by_label("Name").fill("Riga Technical College")

    open_step(page, "Learning outcomes and alignments")
    before = new_rows(page, "learning_outcomes").count()
    add = page.get_by_role("button", name="Add a learning outcome")
    add.click()
    new_rows(page, "learning_outcomes").last.get_by_label("Learning outcome").fill(
        "Prepare the edges of a joint"
    )
    add.click()
    new_rows(page, "learning_outcomes").last.get_by_label("Learning outcome").fill(
        "Choose a filler wire"
    )
    assert new_rows(page, "learning_outcomes").count() == before + 2
    assert page.locator("#id_learning_outcomes-TOTAL_FORMS").input_value() == str(
        before + 2
    )
    page.get_by_role("button", name="Save badge class").click()
    page.get_by_text("Badge class saved.").wait_for()

    assert [o.text for o in badge_class.learning_outcomes.all()] == [
        "Weld fillet welds in position PB",
        "Inspect a weld visually",
        "Prepare the edges of a joint",
        "Choose a filler wire",
    ]
    assert [p.name for p in badge_class.partners.all()] == ["Riga Technical College"]

    page.goto(f"/staff/badge-classes/{badge_class.uuid}/edit/")
    page.get_by_label("Image description (alt text)").fill(ALT)
    open_step(page, "Learning outcomes and alignments")
    first = page.locator("#formset-learning_outcomes [data-formset-row]").first
    assert (
        first.get_by_label("Learning outcome").input_value()
        == "Weld fillet welds in position PB"
    )
    first.get_by_role("button", name="Remove this outcome").click()
    assert first.is_hidden()
    page.get_by_role("button", name="Save badge class").click()
    page.get_by_text("Badge class saved.").wait_for()
    assert [o.text for o in badge_class.learning_outcomes.all()] == [
        "Inspect a weld visually",
        "Prepare the edges of a joint",
        "Choose a filler wire",
    ]


def test_the_language_filter_finds_latvian_and_the_choice_is_saved(cast, page):
    badge_class = cast.badge_class
    sign_in(page)
    page.goto(f"/staff/badge-classes/{badge_class.uuid}/edit/")
    page.get_by_label("Image description (alt text)").fill(ALT)
    open_step(page, "Participation and language")
    options = page.locator(".lang-options li")
    total = options.count()
    assert total > 80
    page.get_by_label("Languages of instruction", exact=True).fill("latv")
    visible = page.locator(".lang-options li:visible")
    assert visible.count() == 1
    page.get_by_role("checkbox", name="Latvian").check()
    assert (
        page.locator("[data-lang-chips]")
        .get_by_role("button", name="Remove Latvian")
        .is_visible()
    )
    page.get_by_label("Languages of instruction", exact=True).fill("")
    assert options.count() == total and visible.count() == total
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("Badge class saved.").wait_for()
    # "Save and continue" reopens the form at the next step.
    page.get_by_role("group", name="Quality assurance").wait_for()
    badge_class.refresh_from_db()
    assert badge_class.languages_of_instruction == ["lv"]
    open_step(page, "Participation and language")
    assert options.first.inner_text().strip() == "Latvian"  # the chosen come first


def test_a_section_with_errors_is_marked_and_opened(cast, page):
    sign_in(page)
    page.goto(f"/staff/badge-classes/{cast.badge_class.uuid}/edit/")
    open_step(page, "Level and field of study")
    page.locator("#id_eqf_level").fill("9")
    page.get_by_role("button", name="Save badge class").click()
    page.get_by_text("The badge class was not saved.").wait_for()
    # Two sections have errors: the image has no alt text, the level is out of range.
    nav = page.locator(".bf-nav")
    assert nav.locator("a.has-errors").count() == 2
    assert nav.get_by_role(
        "link", name="Level and field of study (has errors)"
    ).is_visible()
    # The first of them is open, with its field's message.
    assert page.get_by_role("group", name="Title, description and image").is_visible()
    assert page.get_by_text("Describe the image in a few words").is_visible()
    open_step(page, "Level and field of study")
    assert page.get_by_text("EQF levels run from 1 to 8.").is_visible()
    assert page.get_by_role("group", name="Title, description and image").is_hidden()


def test_the_save_bar_stays_in_view_while_scrolling(cast, page):
    sign_in(page)
    page.set_viewport_size({"width": 1366, "height": 700})
    page.goto(f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/")
    page.mouse.wheel(0, 900)
    page.wait_for_function("window.scrollY > 400")
    box = page.get_by_role("button", name="Save badge class").bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 700


@pytest.mark.parametrize("width", [390, 1366])
def test_the_form_and_the_detail_page_fit_the_screen(cast, page, width):
    sign_in(page)
    page.set_viewport_size({"width": width, "height": 800})
    for path in (
        f"/staff/badge-classes/{cast.badge_class.uuid}/edit/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/edit/#participation",
        f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/",
    ):
        page.goto(path)
        page.wait_for_load_state()
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert widths[0] <= widths[1], (path, widths)


def test_the_form_and_the_detail_page_have_no_serious_accessibility_violations(
    cast, axe_page
):
    page = axe_page
    sign_in(page)
    for path, step in (
        (f"/staff/badge-classes/{cast.badge_class.uuid}/edit/", None),
        (
            f"/staff/badge-classes/{cast.badge_class.uuid}/edit/",
            "Participation and language",
        ),
        (f"/staff/badge-classes/{cast.badge_class.uuid}/", None),
    ):
        page.goto(path)
        if step:
            open_step(page, step)
        assert audit(page) == [], path


@alt_is_stored
def test_the_alt_text_is_kept_and_shown_with_the_image(cast, page):
    sign_in(page)
    page.goto(f"/staff/badge-classes/{cast.badge_class.uuid}/edit/")
    page.get_by_label("Image description (alt text)").fill(ALT)
    page.get_by_role("button", name="Save badge class").click()
    page.get_by_text("Badge class saved.").wait_for()
    assert page.get_by_role("img", name=ALT).first.is_visible()
