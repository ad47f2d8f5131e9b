"""The badge designer: who may use it, what it draws, what it saves, and what it refuses."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from PIL import Image

from audit.models import AuditEvent
from badges.actions import archive_badge_class
from badges.designer import svg
from badges.designer.forms import (
    BAD_COLOUR,
    SUBTITLE_DOES_NOT_FIT,
    TITLE_DOES_NOT_FIT,
)
from badges.rasterise import svg_to_png
from issuers.actions import update_issuer
from issuers.images import check_badge_image
from issuers.stored_images import read_image
from tests.factories import PASSWORD, SVG_OK, png_bytes

LONG_LATVIAN = "Ēdināšanas higiēnas pamati: ķīmija, šūnas un žāvēšana"


def page_url(badge_class) -> str:
    return f"/staff/badge-classes/{badge_class.uuid}/design/"


def preview_url(badge_class) -> str:
    return f"/staff/badge-classes/{badge_class.uuid}/design/preview.svg"


def choices(**overrides) -> dict:
    values = {
        "shape": "shield",
        "primary": "#1d3557",
        "accent": "#e9c46a",
        "text": "#ffffff",
        "icon": "flame",
        "title": "Metināšana, 2. līmenis",
        "subtitle": "2026",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def sign_in(client, user) -> None:
    assert client.login(email=user.email, password=PASSWORD)


def checked(content: bytes):
    return check_badge_image(
        content,
        max_bytes=settings.BADGE_IMAGE_MAX_BYTES,
        max_side=settings.BADGE_IMAGE_MAX_SIDE,
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        return image.size


# --- Who may design ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["alice", "adam", "erin", "ivy"])
def test_it_opens_for_owners_administrators_and_editors(cast, client, name):
    sign_in(client, getattr(cast, name))
    response = client.get(page_url(cast.badge_class))
    assert response.status_code == 200
    assert b'id="designer-preview"' in response.content
    assert client.get(preview_url(cast.badge_class), choices()).status_code == 200


def test_it_refuses_an_awarder(cast, client):
    sign_in(client, cast.aaron)
    assert client.get(page_url(cast.badge_class)).status_code == 403
    assert client.get(preview_url(cast.badge_class), choices()).status_code == 403
    response = client.post(
        page_url(cast.badge_class), {**choices(), "action": "save", "image_alt": "x"}
    )
    assert response.status_code == 403
    cast.badge_class.refresh_from_db()
    assert cast.badge_class.image_design is None


def test_an_outsider_and_a_learner_get_the_same_404(cast, client):
    for user in (cast.mallory, cast.carol):
        sign_in(client, user)
        assert client.get(page_url(cast.badge_class)).status_code == 404
        assert client.get(preview_url(cast.badge_class), choices()).status_code == 404
        response = client.post(page_url(cast.badge_class), choices(action="png"))
        assert response.status_code == 404


def test_a_visitor_is_sent_to_sign_in(cast, client):
    response = client.get(page_url(cast.badge_class))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_archived_class_cannot_be_redesigned(cast, client):
    archive_badge_class(badge_class=cast.badge_class, acting_user=cast.alice)
    sign_in(client, cast.erin)
    response = client.get(page_url(cast.badge_class), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/{cast.badge_class.uuid}/")
    assert b"archived and can no longer be changed" in response.content


# --- What it draws -------------------------------------------------------------------


@pytest.mark.parametrize("shape", sorted(svg.SHAPES))
def test_every_shape_draws_a_long_latvian_title_that_passes_our_image_checks(
    cast, client, shape
):
    sign_in(client, cast.erin)
    response = client.get(
        preview_url(cast.badge_class),
        choices(shape=shape, title=LONG_LATVIAN, subtitle="B1 līmenis"),
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    text = checked(response.content).content.decode()
    for word in ("Ēdināšanas", "ķīmija,", "žāvēšana", "B1 līmenis"):
        assert word in text
    assert "<script" not in text and "http://" not in text.replace(
        "http://www.w3.org/", ""
    )
    assert png_size(svg_to_png(response.content, width=128)) == (128, 128)


def test_every_line_of_the_title_stays_inside_the_shape(cast):
    for shape in svg.SHAPES:
        design = svg.Design(
            shape=shape,
            primary="#000000",
            accent="#888888",
            text="#ffffff",
            icon="book",
            title=LONG_LATVIAN,
        )
        layout = svg.fit(design)
        assert 1 <= len(layout.title_lines) <= 3
        y = layout.top + layout.icon_size + svg.ICON_GAP
        for line in layout.title_lines:
            room = svg.room(shape, y, y + layout.line_height)
            assert svg.text_width(line, layout.title_size) <= room, (shape, line)
            y += layout.line_height


def test_the_issuers_png_logo_is_embedded_as_a_png_data_uri(cast, client):
    update_issuer(
        issuer=cast.welding, acting_user=cast.alice, image=png_bytes((400, 200), "red")
    )
    sign_in(client, cast.erin)
    response = client.get(preview_url(cast.badge_class), choices(logo="on"))
    assert response.status_code == 200
    text = checked(response.content).content.decode()
    assert 'href="data:image/png;base64,' in text
    # Drawn: red pixels where the logo sits, below the title.
    with Image.open(io.BytesIO(svg_to_png(response.content))) as image:
        reds = [
            image.getpixel((x, y))
            for x in range(200, 312, 8)
            for y in range(300, 480, 4)
        ]
    assert any(r > 200 and g < 60 and b < 60 for r, g, b, *_ in reds)


def test_an_svg_logo_is_rasterised_first(cast, client):
    update_issuer(issuer=cast.welding, acting_user=cast.alice, image=SVG_OK)
    sign_in(client, cast.erin)
    response = client.get(preview_url(cast.badge_class), choices(logo="on"))
    text = checked(response.content).content.decode()
    assert 'href="data:image/png;base64,' in text
    assert "data:image/svg" not in text


def test_the_logo_cannot_be_chosen_when_the_issuer_has_none(cast, client):
    sign_in(client, cast.erin)
    response = client.get(preview_url(cast.badge_class), choices(logo="on"))
    assert b"data:image/png" not in response.content
    page = client.get(page_url(cast.badge_class)).content.decode()
    assert "This issuer has no logo to add" in page


# --- Saving and reopening -------------------------------------------------------------


def test_saving_stores_the_svg_the_choices_and_the_alt_text(cast, client):
    sign_in(client, cast.erin)
    response = client.post(
        page_url(cast.badge_class),
        {
            **choices(shape="rosette", icon="trophy"),
            "image_alt": "Badge: Metināšana, Welding school",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/staff/badge-classes/{cast.badge_class.uuid}/"
    badge_class = type(cast.badge_class).objects.get(pk=cast.badge_class.pk)
    assert badge_class.image.name.endswith(".svg")
    assert f"badges/{badge_class.uuid}/image-" in badge_class.image.name
    stored = read_image(badge_class.image)
    assert checked(stored).content == stored  # stored as the checker re-serialises it
    assert "Metināšana, 2. līmenis".split()[0] in stored.decode()
    assert badge_class.image_alt == "Badge: Metināšana, Welding school"
    assert badge_class.image_design == {
        "version": 1,
        "shape": "rosette",
        "primary": "#1d3557",
        "accent": "#e9c46a",
        "text": "#ffffff",
        "icon": "trophy",
        "title": "Metināšana, 2. līmenis",
        "subtitle": "2026",
        "logo": False,
    }
    event = AuditEvent.objects.filter(
        action="badge_class.updated", target_id=str(badge_class.uuid)
    ).latest("id")
    assert event.actor == cast.erin
    assert event.data["designed"] is True
    assert event.data["image_alt"][1] == "Badge: Metināšana, Welding school"

    # Reopening the designer restores every choice.
    page = client.get(page_url(badge_class)).content.decode()
    assert _checked(page, "shape", "rosette")
    assert not _checked(page, "shape", "circle")
    assert _checked(page, "icon", "trophy")
    assert 'value="Metināšana, 2. līmenis"' in page
    assert 'value="2026"' in page
    assert "Badge: Metināšana, Welding school" in page


def _checked(page: str, name: str, value: str) -> bool:
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return " checked" in tag
    return False


def test_a_first_visit_suggests_the_class_title_and_an_alt_text(cast, client):
    sign_in(client, cast.erin)
    page = client.get(page_url(cast.badge_class)).content.decode()
    assert f'value="{cast.badge_class.name}"' in page
    assert f"Badge: {cast.badge_class.name}, Welding school" in page
    assert (
        'src="data:image/svg+xml;base64,' in page
    )  # the first preview, without a script


def test_the_alt_text_is_required_and_nothing_is_saved_without_it(cast, client):
    sign_in(client, cast.erin)
    before = cast.badge_class.image.name
    response = client.post(
        page_url(cast.badge_class),
        {**choices(), "image_alt": "   ", "action": "save"},
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    cast.badge_class.refresh_from_db()
    assert cast.badge_class.image.name == before
    assert cast.badge_class.image_design is None


def test_the_preview_button_draws_the_posted_choices_without_a_script(cast, client):
    sign_in(client, cast.erin)
    response = client.post(
        page_url(cast.badge_class), {**choices(), "image_alt": "x", "action": "preview"}
    )
    assert response.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in response.content.decode()
    cast.badge_class.refresh_from_db()
    assert cast.badge_class.image_design is None


def test_a_palette_button_without_a_script_sets_its_three_colours(cast, client):
    sign_in(client, cast.erin)
    response = client.post(
        page_url(cast.badge_class), {**choices(), "image_alt": "x", "palette": "forest"}
    )
    page = response.content.decode()
    primary, accent, text = svg.PALETTES["forest"][1]
    assert f'name="primary" value="{primary}"' in page
    assert f'name="accent" value="{accent}"' in page


def test_download_png_is_a_512_pixel_png_of_the_design(cast, client):
    sign_in(client, cast.erin)
    response = client.post(
        page_url(cast.badge_class), {**choices(), "image_alt": "", "action": "png"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    assert png_size(response.content) == (512, 512)
    cast.badge_class.refresh_from_db()
    assert cast.badge_class.image_design is None  # downloading saves nothing


# --- Bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"shape": "pentagram"}, "shape", "Select a valid choice."),
        ({"icon": "skull"}, "icon", "Select a valid choice."),
        ({"primary": "red"}, "primary", str(BAD_COLOUR)),
        ({"accent": "#12345g"}, "accent", str(BAD_COLOUR)),
        ({"text": "#1d3558"}, "text", "too alike (contrast 1.0:1"),
        ({"title": ""}, "title", "This field is required."),
        ({"title": "x" * 91}, "title", "at most 90 characters"),
        (
            {"shape": "rosette", "title": "Starptautiskāsprofesionālāsizglītības"},
            "title",
            str(TITLE_DOES_NOT_FIT),
        ),
        (
            {"shape": "rosette", "subtitle": "Ļoti ļoti gara apakšvirsraksta rinda"},
            "subtitle",
            str(SUBTITLE_DOES_NOT_FIT),
        ),
    ],
)
def test_bad_choices_get_a_clear_error_on_their_field(
    cast, client, overrides, field, message
):
    sign_in(client, cast.erin)
    response = client.get(preview_url(cast.badge_class), choices(**overrides))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert message in errors[field][0]
    page = client.post(
        page_url(cast.badge_class),
        {**choices(**overrides), "image_alt": "x", "action": "save"},
    )
    assert page.status_code == 400
    assert message.replace("'", "&#x27;") in page.content.decode()
    cast.badge_class.refresh_from_db()
    assert cast.badge_class.image_design is None
