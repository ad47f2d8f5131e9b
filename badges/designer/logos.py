"""The issuer's logo, made small and raster for drawing into a badge.

``issuers.images`` lets an SVG badge carry pictures only as ``data:image/png``
or ``data:image/jpeg`` URIs, so an SVG logo is rasterised first (with
``badges.rasterise``, which draws no outside files) and a PNG logo is decoded
and re-encoded: either way the badge embeds a fresh PNG of at most 240 px,
with no metadata of the original file.
"""

from __future__ import annotations

import io

from django.core.cache import cache
from PIL import Image

from badges.rasterise import RenderError, svg_to_png
from issuers.stored_images import image_kind, read_image_if_there

SIDE = 240  # twice the logo's box in the badge: sharp on high-density screens
CACHE_SECONDS = 3600


def logo_png(issuer) -> bytes | None:
    """Return the issuer's logo as a small PNG, or None when it has none (or it cannot be read)."""
    if not issuer.image:
        return None
    # Stored names are content-addressed: one name is always the same picture.
    key = f"designer-logo:{issuer.image.name}"
    png = cache.get(key)
    if png is None:
        png = _shrink(read_image_if_there(issuer.image), image_kind(issuer.image.name))
        if png is None:
            return None
        cache.set(key, png, CACHE_SECONDS)
    return png


def _shrink(data: bytes | None, kind: str) -> bytes | None:
    if not data:
        return None
    try:
        if kind == "svg":
            data = svg_to_png(data, width=SIDE)
        with Image.open(io.BytesIO(data)) as image:
            picture = image.convert("RGBA")
    except (
        RenderError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ):
        return None
    picture.thumbnail((SIDE, SIDE))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()
