"""Badge images for the demo, drawn with Pillow (PNG) or written as SVG text.

Images are deterministic on one machine (the same initials and colour give the
same bytes); the font is DejaVu Sans when installed, else Pillow's own.
"""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

SIZE = 400


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _shade(rgb: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    """Lighten (factor > 1) or darken (factor < 1) a colour."""
    if factor >= 1:
        return tuple(round(c + (255 - c) * (factor - 1)) for c in rgb)  # type: ignore[return-value]
    return tuple(round(c * factor) for c in rgb)  # type: ignore[return-value]


# A system font with Latvian and Icelandic letters when there is one; Pillow's own otherwise.
FONT_FILES = ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "LiberationSans-Bold.ttf")


@lru_cache(maxsize=1)
def _font_file() -> str | None:
    for name in FONT_FILES:
        try:
            ImageFont.truetype(name, 10)
        except OSError:
            continue
        return name
    return None


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = _font_file()
    return ImageFont.truetype(name, size) if name else ImageFont.load_default(size=size)


def _drawable(text: str) -> str:
    """Pillow's built-in font has no Latvian letters: fall back to plain ones (Ē → E) with it."""
    if _font_file():
        return text
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def _fit_font(draw: ImageDraw.ImageDraw, text: str, max_width: int, start: int):
    size = start
    while size > 20:
        font = _font(size)
        left, _top, right, _bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= max_width:
            return font
        size -= 8
    return _font(size)


def _shield(size: int, inset: int) -> list[tuple[float, float]]:
    top, bottom, left, right = inset, size - inset, inset, size - inset
    middle = size / 2
    return [
        (left, top),
        (right, top),
        (right, top + (bottom - top) * 0.55),
        (middle, bottom),
        (left, top + (bottom - top) * 0.55),
    ]


def badge_png(
    initials: str, colour: str, *, shape: str = "circle", caption: str = ""
) -> bytes:
    """A 400×400 PNG: a coloured circle or shield with a ring, the initials and an optional caption."""
    rgb = _rgb(colour)
    image = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    if shape == "shield":
        draw.polygon(_shield(SIZE, 12), fill=_shade(rgb, 0.7))
        draw.polygon(_shield(SIZE, 30), fill=rgb)
        draw.line(
            _shield(SIZE, 44) + [_shield(SIZE, 44)[0]], fill=_shade(rgb, 1.6), width=4
        )
        centre_y = SIZE * 0.40
    else:
        draw.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=_shade(rgb, 0.7))
        draw.ellipse((28, 28, SIZE - 28, SIZE - 28), fill=rgb)
        draw.ellipse((44, 44, SIZE - 44, SIZE - 44), outline=_shade(rgb, 1.6), width=4)
        centre_y = SIZE * 0.47
    initials, caption = _drawable(initials), _drawable(caption)
    font = _fit_font(draw, initials, 250, 140)
    draw.text((SIZE / 2, centre_y), initials, font=font, fill="white", anchor="mm")
    if caption:
        small = _fit_font(draw, caption, 170 if shape == "shield" else 220, 30)
        draw.text(
            (SIZE / 2, centre_y + 95),
            caption,
            font=small,
            fill=_shade(rgb, 1.8),
            anchor="mm",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def badge_svg(initials: str, colour: str, *, caption: str = "") -> bytes:
    """A small hexagonal SVG badge with the initials (no scripts, no external references)."""
    rgb = _rgb(colour)
    dark = _hex(_shade(rgb, 0.7))
    light = _hex(_shade(rgb, 1.6))
    caption_text = (
        f'<text x="200" y="285" text-anchor="middle" font-family="sans-serif" font-size="28" '
        f'fill="{light}">{escape(caption)}</text>'
        if caption
        else ""
    )
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">'
        f"<title>{escape(initials)}</title>"
        f'<polygon points="200,8 366,104 366,296 200,392 34,296 34,104" fill="{dark}"/>'
        f'<polygon points="200,30 347,115 347,285 200,370 53,285 53,115" fill="#{colour.lstrip("#")}"/>'
        f'<text x="200" y="225" text-anchor="middle" font-family="sans-serif" font-weight="bold" '
        f'font-size="110" fill="#ffffff">{escape(initials)}</text>'
        f"{caption_text}</svg>"
    )
    return svg.encode()


def badge_image(
    initials: str,
    colour: str,
    *,
    kind: str = "png",
    shape: str = "circle",
    caption: str = "",
) -> bytes:
    if kind == "svg":
        return badge_svg(initials, colour, caption=caption)
    return badge_png(initials, colour, shape=shape, caption=caption)
