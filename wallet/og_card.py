"""The preview picture of a share link: a 1200 × 630 PNG that social sites show.

LinkedIn, Facebook, X and chat apps take ``og:image`` as a raster image and
ignore SVG, while many badge images are SVG. So a shared badge or collection
gets a card of its own, drawn with Pillow in DejaVu Sans (the certificate's
font, which covers Latvian): the badge image (an SVG one drawn as PNG first,
by ``badges.rasterise``), the title, the issuer, and who holds it::

    card = badge_card(title="Food Hygiene Passport", issuer="Riga TU",
                      holder="Līga Vītola", image=png_bytes_or_None)
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from badges.rasterise import RenderError, svg_to_png
from credentials.baking import PNG_SIGNATURE

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent.parent / "badges" / "fonts"
INK, MUTED, BRAND, SOFT = "#1b1f24", "#4f5b66", "#0b5cad", "#f4f6f8"


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _lines(draw, text: str, font, width: int, most: int) -> list[str]:
    """Wrap ``text`` to ``width`` pixels in at most ``most`` lines, ending in … if cut."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and draw.textlength(last + " …", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + " …"
    return lines


def _picture(data: bytes | None, side: int) -> Image.Image | None:
    """The badge image scaled to fit ``side`` pixels: a PNG Pillow decodes, or an SVG resvg draws.

    The SVGs given here were checked and re-serialised by ``issuers.images``
    when they were stored (a badge class image, an imported credential's
    display image); resvg draws them without fetching anything.
    """
    if not data:
        return None
    if not data.startswith(PNG_SIGNATURE):
        try:
            data = svg_to_png(data, width=side)
        except (RenderError, UnicodeDecodeError):  # rasterise decodes before it draws
            return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGBA")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    if picture.getbbox() is None:
        return None  # nothing drawn (an empty SVG): no empty frame on the card
    picture.thumbnail((side, side))
    return picture


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    card = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, HEIGHT - 70, WIDTH, HEIGHT), fill=BRAND)
    draw.text(
        (60, HEIGHT - 35),
        "Insignia · Open Badges",
        font=_font(26, bold=True),
        fill="white",
        anchor="lm",
    )
    return card, draw


def _png(card: Image.Image) -> bytes:
    out = io.BytesIO()
    card.save(out, format="PNG")  # optimize=True: 2 % smaller, twice as slow
    return out.getvalue()


def _text_block(
    draw, left: int, title: str, lines: list[str], *, title_lines: int = 3
) -> None:
    width = WIDTH - left - 60
    title_font = _font(54, bold=True)
    title_lines = _lines(draw, title, title_font, width, title_lines)
    y = 90
    for line in title_lines:
        draw.text((left, y), line, font=title_font, fill=INK)
        y += 66
    y += 24
    body = _font(32)
    for text in lines:
        for line in _lines(draw, text, body, width, 2):
            draw.text((left, y), line, font=body, fill=MUTED)
            y += 42
        y += 8


def badge_card(*, title: str, issuer: str, holder: str, image: bytes | None) -> bytes:
    card, draw = _canvas()
    picture = _picture(image, 380)
    left = 60
    if picture is not None:
        draw.rounded_rectangle((50, 90, 450, 490), radius=24, fill=SOFT)
        card.paste(
            picture,
            (250 - picture.width // 2, 290 - picture.height // 2),
            picture,
        )
        left = 500
    _text_block(draw, left, title, [issuer, holder])
    return _png(card)


def collection_card(*, title: str, subtitle: str, images: list[bytes | None]) -> bytes:
    card, draw = _canvas()
    _text_block(draw, 60, title, [subtitle], title_lines=2)
    pictures = [p for p in (_picture(i, 150) for i in images) if p is not None][:6]
    for n, picture in enumerate(pictures):
        x, y = 60 + n * 180, 375
        draw.rounded_rectangle((x, y, x + 160, y + 160), radius=16, fill=SOFT)
        card.paste(
            picture,
            (x + 80 - picture.width // 2, y + 80 - picture.height // 2),
            picture,
        )
    return _png(card)
