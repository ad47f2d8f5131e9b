"""The badge class form: alt text with every image, rows added by the page, the language picker, steps."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from badges.actions.badge_classes import BADGE_CLASS_FIELDS
from badges.forms import IMAGE_ALT_REQUIRED
from badges.models import BadgeClass
from tests.badges.test_badge_class_pages import form_data
from tests.factories import png_bytes

alt_is_stored = pytest.mark.skipif(
    "image_alt" not in BADGE_CLASS_FIELDS,
    reason="badges.actions does not take image_alt yet (BADGE_CLASS_FIELDS)",
)


def new_url(cast) -> str:
    return f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/"


def upload():
    return SimpleUploadedFile("badge.png", png_bytes(), content_type="image/png")


def test_an_image_without_alt_text_is_refused_with_a_clear_message(cast, client):
    client.force_login(cast.erin)
    response = client.post(new_url(cast), form_data(image=upload(), image_alt="  "))
    assert response.status_code == 200
    assert response.context["form"].errors["image_alt"] == [str(IMAGE_ALT_REQUIRED)]
    page = response.content.decode()
    assert "The badge class was not saved." in page
    assert 'class="has-errors"' in page  # the section is marked in the navigation
    assert not BadgeClass.objects.filter(name="First aid at work").exists()


def test_no_image_needs_no_alt_text(cast, client):
    client.force_login(cast.erin)
    response = client.post(new_url(cast), form_data(image_alt=""))
    assert response.status_code == 302
    assert BadgeClass.objects.filter(name="First aid at work").exists()


def test_a_class_that_has_an_image_needs_alt_text_when_edited(cast, client):
    client.force_login(cast.erin)
    badge_class = cast.badge_class
    assert badge_class.image and not badge_class.image_alt
    url = f"/staff/badge-classes/{badge_class.uuid}/edit/"
    response = client.post(url, form_data(name=badge_class.name, image_alt=""))
    assert response.status_code == 200
    assert response.context["form"].errors["image_alt"] == [str(IMAGE_ALT_REQUIRED)]
    page = client.get(url).content.decode()
    assert "It has no description yet: add one below." in page
    assert f'alt="{badge_class.name}"' in page  # the name stands in until then


@alt_is_stored
def test_the_alt_text_is_kept_and_shown_with_the_current_image(cast, client):
    client.force_login(cast.erin)
    badge_class = cast.badge_class
    url = f"/staff/badge-classes/{badge_class.uuid}/edit/"
    response = client.post(
        url, form_data(name=badge_class.name, image_alt="A blue welding shield")
    )
    assert response.status_code == 302
    badge_class.refresh_from_db()
    assert badge_class.image_alt == "A blue welding shield"
    page = client.get(url).content.decode()
    assert 'alt="A blue welding shield"' in page
    assert "Its description: “A blue welding shield”." in page


def test_rows_added_in_the_page_are_saved_in_order(cast, client):
    """The page's "Add" button clones the empty row and raises TOTAL_FORMS."""
    client.force_login(cast.erin)
    data = form_data(
        **{
            "learning_outcomes-TOTAL_FORMS": "4",
            "learning_outcomes-2-text": "Put the casualty in the recovery position",
            "learning_outcomes-3-text": "Call the emergency number",
            "partners-TOTAL_FORMS": "2",
            "partners-1-name": "Red Cross Latvia",
            "partners-1-role": "assessor",
        }
    )
    response = client.post(new_url(cast), data)
    assert response.status_code == 302
    badge_class = BadgeClass.objects.get(name="First aid at work")
    assert [o.text for o in badge_class.learning_outcomes.all()] == [
        "Perform CPR on an adult",
        "Use an AED",
        "Put the casualty in the recovery position",
        "Call the emergency number",
    ]
    assert [(p.name, p.role) for p in badge_class.partners.all()] == [
        ("Red Cross Latvia", "assessor")
    ]


def test_a_row_ticked_for_deletion_is_dropped_even_if_it_is_invalid(cast, client):
    client.force_login(cast.erin)
    data = form_data(
        **{
            "learning_outcomes-TOTAL_FORMS": "3",
            "learning_outcomes-1-text": "A row taken out again",
            "learning_outcomes-1-url": "::not a url",
            "learning_outcomes-1-DELETE": "on",
            "learning_outcomes-2-text": "Use an AED",
        }
    )
    response = client.post(new_url(cast), data)
    assert response.status_code == 302
    badge_class = BadgeClass.objects.get(name="First aid at work")
    assert [o.text for o in badge_class.learning_outcomes.all()] == [
        "Perform CPR on an adult",
        "Use an AED",
    ]


def test_languages_of_instruction_are_checkboxes_under_a_filter(cast, client):
    client.force_login(cast.erin)
    response = client.post(
        new_url(cast), form_data(languages_of_instruction=["lv", "en"])
    )
    assert response.status_code == 302
    badge_class = BadgeClass.objects.get(name="First aid at work")
    assert sorted(badge_class.languages_of_instruction) == ["en", "lv"]
    page = client.get(f"/staff/badge-classes/{badge_class.uuid}/edit/")
    html = page.content.decode()
    assert '<select name="languages_of_instruction"' not in html
    assert 'type="checkbox" name="languages_of_instruction" value="lv"' in html
    # The label names the filter box; the chosen languages are listed first.
    assert '<label for="id_languages_of_instruction_filter">' in html
    options = page.context["form"]["languages_of_instruction"].subwidgets
    assert len(options) > 80
    listed = html.split('id="id_languages_of_instruction_list"')[1]
    first_two = [listed.index('value="en"'), listed.index('value="lv"')]
    assert max(first_two) < listed.index('value="de"')


def test_an_unknown_language_is_refused(cast, client):
    client.force_login(cast.erin)
    response = client.post(new_url(cast), form_data(languages_of_instruction=["zz"]))
    assert response.status_code == 200
    assert response.context["form"].errors["languages_of_instruction"]


def test_save_and_continue_reopens_the_form_at_the_next_section(cast, client):
    client.force_login(cast.erin)
    response = client.post(new_url(cast), form_data(next_section="outcomes"))
    badge_class = BadgeClass.objects.get(name="First aid at work")
    assert (
        response["Location"]
        == f"/staff/badge-classes/{badge_class.uuid}/edit/#outcomes"
    )
    response = client.post(new_url(cast), form_data(name="Other", next_section="x"))
    other = BadgeClass.objects.get(name="Other")
    assert response["Location"] == f"/staff/badge-classes/{other.uuid}/"


def test_each_list_is_edited_in_its_section_with_an_empty_row_template(cast, client):
    client.force_login(cast.erin)
    html = client.get(new_url(cast)).content.decode()
    for key in ("learning_outcomes", "alignments", "partners", "stack_targets"):
        assert f'id="formset-{key}" data-formset="{key}"' in html
        assert f'name="{key}-__prefix__-DELETE"' in html  # the row the page clones
    identity = html.split('id="identity"')[1].split('id="outcomes"')[0]
    assert 'id="formset-partners"' in identity
