"""Share-link preview cards draw SVG badge images too (rasterised by badges.rasterise)."""

from __future__ import annotations

import io

from PIL import Image

from badges.actions import update_badge_class
from badges.designer.svg import Design, render
from tests.notifications.helpers import give
from wallet import actions, og_card

NAVY = (0x1D, 0x35, 0x57)


def designed_svg() -> bytes:
    design = Design(
        shape="circle",
        primary="#1d3557",
        accent="#e9c46a",
        text="#ffffff",
        icon="trophy",
        title="Metināšana, 2. līmenis",
    )
    return render(design, logo_png=None, description="Badge: Metināšana")


def colours_in(picture: Image.Image, box: tuple[int, int, int, int]) -> set:
    counts = picture.convert("RGB").crop(box).getcolors(maxcolors=1 << 20)
    return {colour for _count, colour in counts}


def test_a_shared_badge_with_an_svg_image_has_its_picture_on_the_card(cast, client):
    update_badge_class(
        badge_class=cast.badge_class, acting_user=cast.alice, image=designed_svg()
    )
    assert cast.badge_class.image.name.endswith(".svg")
    award = give(cast, recipient="carol@example.org")
    held = actions.accept_award(user=cast.carol, award=award)
    link = actions.share(user=cast.carol, credential=held)

    card = client.get(f"/share/{link.token}/card.png")

    assert card.status_code == 200 and card["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(card.content)) as picture:
        assert picture.size == (1200, 630)
        # The badge frame (50..450 × 90..490) holds the badge: its navy centre
        # and its gold ring, not only the frame's grey.
        badge = colours_in(picture, (50, 90, 450, 490))
        assert NAVY in badge
        assert picture.convert("RGB").getpixel((250, 290)) == NAVY
        assert len(badge) > 20  # drawn, with its anti-aliased edges and text


def test_a_collection_card_draws_svg_badges_and_skips_what_cannot_be_drawn():
    card = og_card.collection_card(
        title="Welding",
        subtitle="2 badges held by Līga",
        images=[designed_svg(), b"<svg/>", b"\xff\xfe not an image"],
    )
    with Image.open(io.BytesIO(card)) as picture:
        # The first tile (60..220 × 375..535) shows the badge; no second tile is drawn.
        assert NAVY in colours_in(picture, (60, 375, 220, 535))
        assert colours_in(picture, (240, 375, 400, 535)) == {(255, 255, 255)}
