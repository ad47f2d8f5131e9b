"""SVG badge images as PNG, with resvg (Rust, no system libraries): for certificates,
share-link preview cards and the designer's PNG copy.

Only the SVG's own content is drawn: no system fonts (DejaVu Sans, shipped in
``badges/fonts``, is the only typeface, so renderings are the same on every machine)
and no outside files. Images are checked and sanitised before they are stored
(``issuers.images``); this module trusts what it is given to that extent only.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import resvg_py

FONTS = Path(__file__).resolve().parent / "fonts"
_NOWHERE = tempfile.mkdtemp(
    prefix="insignia-resvg-"
)  # relative hrefs resolve to an empty folder


class RenderError(ValueError):
    """The SVG could not be drawn."""


def svg_to_png(svg: bytes | str, *, width: int | None = None) -> bytes:
    """Draw ``svg`` as a PNG, ``width`` pixels wide (height in proportion) or at its own size."""
    try:
        text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
        return bytes(
            resvg_py.svg_to_bytes(
                svg_string=text,
                width=width,
                skip_system_fonts=True,
                font_dirs=[str(FONTS)],
                font_family="DejaVu Sans",
                sans_serif_family="DejaVu Sans",
                resources_dir=_NOWHERE,
            )
        )
    except (ValueError, UnicodeDecodeError) as error:
        raise RenderError(str(error)) from error
