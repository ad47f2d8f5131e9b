"""Stored images (badge, issuer logo, signature or seal) as small PNGs for the certificate.

Whatever is in storage is drawn only if it is safe to draw: images are checked
when they are uploaded (``issuers.images``), but rows written another way (the
admin, an import, an older release) may hold anything. A picture that is
missing, too large, broken, or would render as an enormous bitmap is left out
and logged; the certificate prints without it.
"""

from __future__ import annotations

import io
import logging
import math
import re
import xml.etree.ElementTree as ET

from PIL import Image

from credentials.baking import PNG_SIGNATURE

from .rasterise import RenderError, svg_to_png

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024  # more than any checked upload (issuers.images)
MAX_PIXELS = 40_000_000  # a PNG's declared size, checked before it is decoded
LONGEST_SIDE = 1000  # pixels of the PNG placed in the PDF (about 300 dpi at 85 mm)
SMALLEST_SIDE = 8
# CSS pixels per unit (SVG 1.1, 7.10 "Units").
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54}
_UNITS |= {"in": 96.0, "em": 16.0, "ex": 8.0}
_LENGTH = re.compile(r"^\s*([0-9.eE+-]+)\s*([a-z]*)\s*$")


class Unusable(ValueError):
    """The stored bytes are not a picture the certificate will draw."""


def stored_png(field_file, *, what: str) -> io.BytesIO | None:
    """Return the stored image as PNG bytes ready for fpdf, or None (logged) when it cannot be used."""
    from issuers.stored_images import read_image_if_there

    if not field_file:
        return None
    data = read_image_if_there(field_file)
    if data is None:
        logger.warning("Certificate printed without the %s: not in storage", what)
        return None
    try:
        return as_png(data)
    except Unusable as error:
        logger.warning("Certificate printed without the %s: %s", what, error)
        return None


def as_png(data: bytes) -> io.BytesIO:
    """Return ``data`` (PNG, SVG or another format Pillow reads) as an RGBA PNG at most LONGEST_SIDE wide and high.

    Raise Unusable for anything else.
    """
    if len(data) > MAX_BYTES:
        raise Unusable(f"{len(data)} bytes")
    if not data.startswith(PNG_SIGNATURE) and b"<svg" in data[:4096]:
        data = _render_svg(data)
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise Unusable(f"{image.width}×{image.height} pixels")
            image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
            picture = image.convert("RGBA")
    except Unusable:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise Unusable(f"not a readable image ({error})") from None
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def _render_svg(data: bytes) -> bytes:
    """Draw an SVG with its longest side LONGEST_SIDE pixels, refusing shapes that would not fit.

    resvg allocates the whole bitmap up front, and a failed allocation ends the
    process (it does not raise), so the size is worked out here first: a
    1×100000 viewBox drawn 800 pixels wide would need 256 GB.
    """
    width, height = _svg_size(data)
    scale = LONGEST_SIDE / max(width, height)
    if min(width, height) * scale < SMALLEST_SIDE:
        raise Unusable(f"an SVG of {width:g}×{height:g} is too thin to draw")
    try:
        return svg_to_png(data, width=max(1, round(width * scale)))
    except RenderError as error:
        raise Unusable(f"the SVG cannot be drawn ({error})") from None


def _svg_size(data: bytes) -> tuple[float, float]:
    """Return the SVG's intrinsic size in CSS pixels, as resvg works it out (width/height, else viewBox)."""
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.I):
        raise Unusable("an SVG with a DOCTYPE")
    try:
        root = ET.fromstring(data)  # noqa: S314 (no DTD is possible: refused above)
    except ET.ParseError as error:
        raise Unusable(f"the SVG is not well-formed ({error})") from None
    try:
        box = [
            float(n) for n in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if n
        ]
    except ValueError:
        box = []
    box_size = (box[2], box[3]) if len(box) == 4 else (100.0, 100.0)
    width = _length(root.get("width"))
    height = _length(root.get("height"))
    if width is None and height is None:
        width, height = box_size
    elif width is None:
        width = height * box_size[0] / box_size[1] if box_size[1] else None
    elif height is None:
        height = width * box_size[1] / box_size[0] if box_size[0] else None
    if not (width and height and math.isfinite(width) and math.isfinite(height)):
        raise Unusable("the SVG has no usable size")
    if width <= 0 or height <= 0:
        raise Unusable("the SVG has no usable size")
    return width, height


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    if not match or match.group(2) not in _UNITS:
        return None  # missing, a percentage, or nonsense: fall back to the viewBox
    try:
        return float(match.group(1)) * _UNITS[match.group(2)]
    except ValueError:
        return None
