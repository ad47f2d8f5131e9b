"""Badge images from templates: a shape, three colours, an icon, a title, a subtitle, the issuer's logo.

The one source of truth for the designer: the page's live preview, the saved
image and the PNG download are all drawn here. ``render`` returns an SVG of
512 × 512 that passes ``issuers.images`` unchanged in meaning: only shapes,
text and (for the logo) one ``<image>`` with a ``data:image/png`` URI, no
scripts, no style sheets, no outside references::

    design = Design(shape="shield", primary="#1d3557", accent="#e9c46a",
                    text="#ffffff", icon="flame", title="Metināšana, 2. līmenis",
                    subtitle="2026", logo=False)
    svg = render(design, logo_png=None, description="Badge: …")

Text is set in DejaVu Sans Bold, the typeface ``badges.rasterise`` draws
with, and measured with the same font file; each line also carries its
measured ``textLength``, so a viewer with another font still keeps it inside
the shape.
"""

from __future__ import annotations

import base64
import io
import math
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from itertools import combinations, pairwise
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFont

from .icons import icon_elements

SIZE = 512
CENTRE = SIZE // 2
FONT_FILE = Path(__file__).resolve().parents[1] / "fonts" / "DejaVuSans-Bold.ttf"
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
# Largest first; below 20 px (of 512) a title is not legible on a badge shown small.
TITLE_SIZES = range(56, 19, -2)
TITLE_MAX_LINES = 3
SUBTITLE_SIZES = range(26, 17, -2)
LOGO_BOX = (112, 60)  # the logo fits in this box (width, height), on a white plate

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"


class DoesNotFit(ValueError):
    """The text cannot be fitted into the shape; ``field`` names which."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


@dataclass(frozen=True)
class Shape:
    label: str
    outline: str  # a path in the 512 × 512 box
    centre_y: float  # the inner copies scale about (256, centre_y)
    top: int  # the content (icon, title, subtitle, logo) stays between top and bottom
    bottom: int
    behind: str = ""  # drawn before the outline in the accent colour (ribbon tails)


def _star(points: int, outer: float, inner: float, cy: float) -> str:
    """A closed path alternating between two radii: a seal's scalloped edge."""
    corners = []
    for n in range(points * 2):
        radius = outer if n % 2 == 0 else inner
        angle = math.pi * n / points - math.pi / 2
        corners.append(
            f"{CENTRE + radius * math.cos(angle):.1f} {cy + radius * math.sin(angle):.1f}"
        )
    return "M" + " L".join(corners) + " Z"


def _circle(r: float, cy: float = CENTRE) -> str:
    return f"M{CENTRE - r} {cy} A{r} {r} 0 1 0 {CENTRE + r} {cy} A{r} {r} 0 1 0 {CENTRE - r} {cy} Z"


SHAPES: dict[str, Shape] = {
    "circle": Shape(_("Circle"), _circle(240), CENTRE, 80, 432),
    "shield": Shape(
        _("Shield"),
        "M256 24 L456 84 V232 C456 356 372 436 256 490 C140 436 56 356 56 232 V84 Z",
        250,
        72,
        430,
    ),
    "hexagon": Shape(
        _("Hexagon"),
        "M256 16 L464 136 V376 L256 496 L48 376 V136 Z",
        CENTRE,
        84,
        428,
    ),
    "rosette": Shape(
        _("Rosette with ribbons"),
        _star(30, 196, 180, 208),
        208,
        50,
        366,
        behind="M150 300 L104 492 L164 460 L196 504 L238 340 Z "
        "M362 300 L408 492 L348 460 L316 504 L274 340 Z",
    ),
    "square": Shape(
        _("Rounded square"),
        "M112 32 H400 A80 80 0 0 1 480 112 V400 A80 80 0 0 1 400 480 H112 "
        "A80 80 0 0 1 32 400 V112 A80 80 0 0 1 112 32 Z",
        CENTRE,
        72,
        440,
    ),
    "seal": Shape(_("Seal"), _star(36, 244, 226, CENTRE), CENTRE, 84, 428),
}

# (primary, accent, text): every preset has at least 4.5:1 between text and primary.
PALETTES: dict[str, tuple[str, tuple[str, str, str]]] = {
    "navy": (_("Navy and gold"), ("#1d3557", "#e9c46a", "#ffffff")),
    "forest": (_("Forest"), ("#1b4332", "#95d5b2", "#ffffff")),
    "burgundy": (_("Burgundy"), ("#7b2d26", "#f2cc8f", "#ffffff")),
    "teal": (_("Teal"), ("#005f69", "#83c5be", "#ffffff")),
    "plum": (_("Plum"), ("#4a1a7a", "#c77dff", "#ffffff")),
    "slate": (_("Slate"), ("#343a40", "#ced4da", "#ffffff")),
    "sunrise": (_("Sunrise"), ("#f4a261", "#9c3d1b", "#1b1f24")),
    "paper": (_("Paper and blue"), ("#f1faee", "#457b9d", "#1d3557")),
}
DEFAULT_PALETTE = "navy"


@dataclass(frozen=True)
class Design:
    shape: str
    primary: str
    accent: str
    text: str
    icon: str  # "" for none
    title: str
    subtitle: str = ""
    logo: bool = False

    def as_json(self) -> dict:
        """The choices as ``BadgeClass.image_design`` keeps them (``version`` for later changes)."""
        return {"version": 1, **asdict(self)}


# --- Measuring and fitting text ------------------------------------------------


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), size)


@lru_cache(maxsize=4096)
def text_width(text: str, size: int) -> float:
    """The advance width of ``text`` in DejaVu Sans Bold at ``size`` px."""
    return _font(size).getlength(text)


INNER = 0.84  # the thin inner line; content keeps inside it
PADDING = 14  # between a line of text and that inner line
MAX_LINE = 400  # wider lines read badly even where the shape has room
ICON_GAP, SUBTITLE_GAP, LOGO_GAP = 16, 14, 18
SUBTITLE_SLOT = 32
LOGO_SLOT = LOGO_BOX[1] + 12


@cache
def _half_widths(name: str) -> tuple[int, ...]:
    """For each pixel row, how far the shape's inner line is from the centre line (0 outside).

    Measured by drawing the inner outline once (resvg), so any shape,
    curved or not, gets exact widths.
    """
    from badges.rasterise import svg_to_png

    shape = SHAPES[name]
    mask = (
        f'<svg xmlns="{_SVG_NS}" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">'
        f'<path d="{shape.outline}" fill="#000" transform="{_scaled(INNER, shape.centre_y)}"/></svg>'
    )
    with Image.open(io.BytesIO(svg_to_png(mask))) as image:
        alpha = image.getchannel("A")
    pixels = alpha.load()
    halves = []
    for y in range(SIZE):
        half = 0
        while (
            half < CENTRE
            and pixels[CENTRE + half, y] > 127
            and pixels[CENTRE - 1 - half, y] > 127
        ):
            half += 1
        halves.append(half)
    return tuple(halves)


def room(name: str, top: float, bottom: float) -> float:
    """The widest a line may be between rows ``top`` and ``bottom`` of the shape."""
    halves = _half_widths(name)
    rows = halves[max(0, math.floor(top)) : min(SIZE, math.ceil(bottom)) + 1]
    return min(2 * (min(rows, default=0) - PADDING), MAX_LINE)


def _split(words: list[str], count: int, size: int, widths: list[float]):
    """The split of ``words`` into ``count`` lines that fits ``widths`` best; None if none fits."""
    best, best_ratio = None, math.inf
    for cuts in combinations(range(1, len(words)), count - 1):
        bounds = (0, *cuts, len(words))
        lines = [" ".join(words[a:b]) for a, b in pairwise(bounds)]
        ratio = max(
            text_width(line, size) / width if width > 0 else math.inf
            for line, width in zip(lines, widths, strict=True)
        )
        if ratio < best_ratio:
            best, best_ratio = lines, ratio
    return best if best_ratio <= 1 else None


@dataclass(frozen=True)
class Layout:
    title_size: int
    title_lines: tuple[str, ...]
    subtitle_size: int
    icon_size: int
    top: float  # where the icon (or the first line) begins

    @property
    def line_height(self) -> float:
        return self.title_size * 1.18


def _block_height(
    lines: int, size: int, icon: int, subtitle: bool, logo: bool
) -> float:
    height = lines * size * 1.18
    if icon:
        height += icon + ICON_GAP
    if subtitle:
        height += SUBTITLE_GAP + SUBTITLE_SLOT
    if logo:
        height += LOGO_GAP + LOGO_SLOT
    return height


def _try(design: Design, size: int, icon: int, count: int) -> Layout | None:
    """The layout at this size, icon and line count, centred or nudged up to 36 px; None if none fits."""
    shape = SHAPES[design.shape]
    height = _block_height(count, size, icon, bool(design.subtitle), design.logo)
    slack = shape.bottom - shape.top - height
    if slack < 0:
        return None
    words = design.title.split()
    if max(text_width(word, size) for word in words) > MAX_LINE:
        return None
    for nudge in (0, -12, 12, -24, 24, -36, 36):
        if abs(nudge) > slack / 2:
            continue
        layout = _placed(
            design, words, size, icon, count, shape.top + slack / 2 + nudge
        )
        if layout is not None:
            return layout
    return None


def _placed(
    design: Design, words: list[str], size: int, icon: int, count: int, top: float
) -> Layout | None:
    y = top + (icon + ICON_GAP if icon else 0)
    line_height = size * 1.18
    widths = [
        room(design.shape, y + n * line_height, y + (n + 1) * line_height)
        for n in range(count)
    ]
    # Lines together are at least the title less its breaking spaces wide.
    spaces = (count - 1) * text_width(" ", size)
    if text_width(" ".join(words), size) - spaces > sum(widths):
        return None
    lines = _split(words, count, size, widths)
    if lines is None:
        return None
    subtitle_size = 0
    if design.subtitle:
        y += count * line_height + SUBTITLE_GAP
        width = room(design.shape, y, y + SUBTITLE_SLOT)
        subtitle_size = next(
            (s for s in SUBTITLE_SIZES if text_width(design.subtitle, s) <= width), 0
        )
        if not subtitle_size:
            return None
    return Layout(size, tuple(lines), subtitle_size, icon, top)


def fit(design: Design) -> Layout:
    """Return the best layout that fits the shape, or raise DoesNotFit("title"/"subtitle").

    The title takes one to three lines, 56 px down to 20 px, each line as
    wide as the shape allows at its height; the icon shrinks from 96 px to
    64 px before the title goes below 30 px. Of the largest fits on one,
    two and three lines, each extra line must buy more than 5 px of type.
    """
    words = design.title.split()
    icons = (96, 80, 64) if design.icon else (0,)
    best, best_score = None, -math.inf
    for count in range(1, min(TITLE_MAX_LINES, len(words)) + 1):
        layout = _largest(design, icons, count)
        if layout is not None and layout.title_size - 5 * count > best_score:
            best, best_score = layout, layout.title_size - 5 * count
    if best is not None:
        return best
    if design.subtitle and fit(Design(**{**asdict(design), "subtitle": ""})):
        raise DoesNotFit("subtitle")
    raise DoesNotFit("title")


def _largest(design: Design, icons: tuple[int, ...], count: int) -> Layout | None:
    for size in TITLE_SIZES:
        for icon in icons:
            if icon != icons[0] and size >= 30:
                break
            layout = _try(design, size, icon, count)
            if layout is not None:
                return layout
    return None


# --- Colours -----------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- Drawing -------------------------------------------------------------------------


def _el(parent: ET.Element, tag: str, **attributes) -> ET.Element:
    attrs = {k.rstrip("_").replace("_", "-"): str(v) for k, v in attributes.items()}
    return ET.SubElement(parent, f"{{{_SVG_NS}}}{tag}", attrs)


def _scaled(factor: float, cy: float) -> str:
    return f"translate({CENTRE} {cy}) scale({factor}) translate({-CENTRE} {-cy})"


def _text(parent: ET.Element, text: str, *, y: float, size: int, fill: str) -> None:
    element = _el(
        parent,
        "text",
        x=CENTRE,
        y=f"{y:.1f}",
        text_anchor="middle",
        font_family=FONT_FAMILY,
        font_weight="bold",
        font_size=size,
        fill=fill,
        textLength=f"{text_width(text, size):.1f}",
        lengthAdjust="spacingAndGlyphs",
    )
    element.text = text


def _icon(parent: ET.Element, name: str, *, top: float, size: int, colour: str) -> None:
    scale = size / 24
    group = _el(
        parent,
        "g",
        transform=f"translate({CENTRE - size / 2:.1f} {top:.1f}) scale({scale:.3f})",
        fill="none",
        stroke=colour,
        stroke_width="1.75",
        stroke_linecap="round",
        stroke_linejoin="round",
    )
    for tag, attributes in icon_elements(name):
        ET.SubElement(group, f"{{{_SVG_NS}}}{tag}", dict(attributes))


def _frame(x: float, y: float, width: float, height: float) -> dict[str, str]:
    return {
        "x": f"{x:.1f}",
        "y": f"{y:.1f}",
        "width": f"{width:.1f}",
        "height": f"{height:.1f}",
    }


def _logo(parent: ET.Element, png: bytes, *, top: float) -> None:
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    box_w, box_h = LOGO_BOX
    scale = min(box_w / width, box_h / height)
    w, h = width * scale, height * scale
    plate = _frame(CENTRE - w / 2 - 8, top - 6, w + 16, h + 12)
    _el(parent, "rect", **plate, rx="8", fill="#ffffff")
    encoded = base64.b64encode(png).decode("ascii")
    frame = _frame(CENTRE - w / 2, top, w, h)
    image = _el(parent, "image", **frame, preserveAspectRatio="xMidYMid meet")
    image.set(f"{{{_XLINK_NS}}}href", f"data:image/png;base64,{encoded}")


def render(design: Design, *, logo_png: bytes | None, description: str) -> bytes:
    """Return the badge as SVG bytes (UTF-8). Raise DoesNotFit when the text is too long.

    ``logo_png`` is drawn only when ``design.logo`` is set; pass a small PNG
    (``logos.logo_png`` makes one from the issuer's logo).
    """
    shape = SHAPES[design.shape]
    show_logo = design.logo and logo_png is not None
    layout = fit(Design(**{**asdict(design), "logo": show_logo}))
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", _XLINK_NS)
    root = ET.Element(
        f"{{{_SVG_NS}}}svg",
        {"width": str(SIZE), "height": str(SIZE), "viewBox": f"0 0 {SIZE} {SIZE}"},
    )
    root.set("role", "img")
    _el(root, "title").text = description
    if shape.behind:
        _el(root, "path", d=shape.behind, fill=design.accent)
    _el(root, "path", d=shape.outline, fill=design.accent)
    _el(
        root,
        "path",
        d=shape.outline,
        fill=design.primary,
        transform=_scaled(0.9, shape.centre_y),
    )
    _el(
        root,
        "path",
        d=shape.outline,
        fill="none",
        stroke=design.text,
        stroke_opacity="0.35",
        stroke_width="3",
        transform=_scaled(0.84, shape.centre_y),
    )
    y = layout.top
    if layout.icon_size:
        _icon(root, design.icon, top=y, size=layout.icon_size, colour=design.text)
        y += layout.icon_size + ICON_GAP
    for line in layout.title_lines:
        # A line box of line_height, its capitals centred in it (cap height ≈ 0.73 em).
        baseline = y + (layout.line_height + layout.title_size * 0.73) / 2
        _text(root, line, y=baseline, size=layout.title_size, fill=design.text)
        y += layout.line_height
    if design.subtitle:
        y += SUBTITLE_GAP
        size = layout.subtitle_size
        baseline = y + (SUBTITLE_SLOT + size * 0.73) / 2
        _text(root, design.subtitle, y=baseline, size=size, fill=design.text)
        y += SUBTITLE_SLOT
    if show_logo:
        _logo(root, logo_png, top=y + LOGO_GAP + 6)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- Small pictures for the page's choices -----------------------------------------


def _small(viewbox: str) -> ET.Element:
    ET.register_namespace("", _SVG_NS)
    return ET.Element(
        f"{{{_SVG_NS}}}svg",
        {"width": "64", "height": "64", "viewBox": viewbox},
    )


def shape_thumbnail(name: str, primary: str, accent: str, text: str) -> bytes:
    """The bare shape in the given colours, 64 px: the picture of a shape choice."""
    shape = SHAPES[name]
    root = _small(f"0 0 {SIZE} {SIZE}")
    if shape.behind:
        _el(root, "path", d=shape.behind, fill=accent)
    _el(root, "path", d=shape.outline, fill=accent)
    _el(
        root,
        "path",
        d=shape.outline,
        fill=primary,
        transform=_scaled(0.9, shape.centre_y),
    )
    _el(
        root,
        "path",
        d=shape.outline,
        fill="none",
        stroke=text,
        stroke_opacity="0.5",
        stroke_width="8",
        transform=_scaled(INNER, shape.centre_y),
    )
    return ET.tostring(root, encoding="utf-8")


def palette_swatch(primary: str, accent: str, text: str) -> bytes:
    """A palette as three rings (border, background, text): the picture on a palette button."""
    root = _small("0 0 48 48")
    root.set("width", "24")
    root.set("height", "24")
    _el(root, "circle", cx=24, cy=24, r=23, fill=accent)
    _el(root, "circle", cx=24, cy=24, r=17, fill=primary)
    _el(root, "circle", cx=24, cy=24, r=6, fill=text)
    return ET.tostring(root, encoding="utf-8")
