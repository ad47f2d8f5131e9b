"""Check uploaded badge and issuer images: PNG or SVG, within size and pixel limits, SVGs made safe.

PNGs are decoded by Pillow (with its decompression-bomb guard) before they are
accepted. SVGs are parsed without a DTD, refused when they carry scripts,
event handlers or external references, and re-serialised from an allow-list
of elements and attributes so nothing unexpected survives.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from credentials.baking import PNG_SIGNATURE

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

NOT_AN_IMAGE = _("Upload a PNG or SVG image.")
TOO_LARGE = _("The image is %(size)s KB; the limit is %(limit)s KB.")
TOO_MANY_PIXELS = _(
    "The image is %(width)d×%(height)d pixels; the limit is %(limit)d on each side."
)
TOO_SMALL = _("The image is %(width)d×%(height)d pixels; badges need at least 90×90.")
BROKEN_PNG = _("The PNG file is damaged and cannot be read.")
BROKEN_SVG = _("The SVG file is not well-formed XML: %(error)s")
SVG_DOCTYPE = _("SVG files with a DOCTYPE or entity declarations are not accepted.")
SVG_NOT_SVG = _("The file is XML but not an SVG image.")
SVG_SCRIPT = _("The SVG contains a script (<%(tag)s>); remove it and upload again.")
SVG_HANDLER = _(
    "The SVG contains an event handler attribute (%(attr)s); remove it and upload again."
)
SVG_EXTERNAL = _(
    "The SVG refers to an external resource (%(ref)s); embed it or remove it."
)

_ALLOWED_ELEMENTS = {
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "metadata",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "filter",
    "feGaussianBlur",
    "feOffset",
    "feBlend",
    "feColorMatrix",
    "feMerge",
    "feMergeNode",
    "feFlood",
    "feComposite",
    "feDropShadow",
    "image",
    "style",
    "marker",
}
_SCRIPT_ELEMENTS = {
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
}
_URL_IN_CSS = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]+)", re.I)
_IMPORT_IN_CSS = re.compile(r"@import", re.I)


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    extension: str  # "png" or "svg"
    width: int | None
    height: int | None


def check_badge_image(data: bytes, *, max_bytes: int, max_side: int) -> CheckedImage:
    """Return the image to store (SVGs re-serialised), or raise ValidationError with a precise message."""
    if len(data) > max_bytes:
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"size": len(data) // 1024, "limit": max_bytes // 1024},
        )
    if data.startswith(PNG_SIGNATURE):
        return _check_png(data, max_side=max_side)
    head = data[:512].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        return _check_svg(data)
    raise ValidationError(NOT_AN_IMAGE, code="invalid_image_type")


def _check_png(data: bytes, *, max_side: int) -> CheckedImage:
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width > max_side or height > max_side:
                raise ValidationError(
                    TOO_MANY_PIXELS,
                    code="too_many_pixels",
                    params={"width": width, "height": height, "limit": max_side},
                )
            image.load()  # decode fully: truncated or corrupt data fails here
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ):
        raise ValidationError(BROKEN_PNG, code="broken_image") from None
    if width < 90 or height < 90:
        raise ValidationError(
            TOO_SMALL, code="too_small", params={"width": width, "height": height}
        )
    return CheckedImage(content=data, extension="png", width=width, height=height)


def _local_name(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _check_reference(value: str) -> None:
    value = value.strip()
    if (
        value.startswith("#")
        or value.startswith("data:image/png")
        or value.startswith("data:image/jpeg")
    ):
        return
    raise ValidationError(
        SVG_EXTERNAL, code="svg_external_reference", params={"ref": value[:80]}
    )


def _check_css(text: str) -> None:
    if _IMPORT_IN_CSS.search(text):
        raise ValidationError(
            SVG_EXTERNAL, code="svg_external_reference", params={"ref": "@import"}
        )
    for ref in _URL_IN_CSS.findall(text):
        _check_reference(ref)


def _check_svg(data: bytes) -> CheckedImage:
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.I):
        raise ValidationError(SVG_DOCTYPE, code="svg_doctype")
    try:
        root = ET.fromstring(data)  # noqa: S314 (no DTD is possible: refused above)
    except ET.ParseError as exc:
        raise ValidationError(
            BROKEN_SVG, code="broken_image", params={"error": str(exc)}
        ) from None
    namespace, name = _local_name(root.tag)
    if name != "svg" or namespace not in (SVG_NS, ""):
        raise ValidationError(SVG_NOT_SVG, code="invalid_image_type")
    for element in list(root.iter()):
        _check_svg_element(element)
    _prune(root)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    content = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return CheckedImage(content=content, extension="svg", width=None, height=None)


def _check_svg_element(element: ET.Element) -> None:
    _, name = _local_name(element.tag) if isinstance(element.tag, str) else ("", "")
    if name in _SCRIPT_ELEMENTS:
        raise ValidationError(SVG_SCRIPT, code="svg_script", params={"tag": name})
    if name == "style" and element.text:
        _check_css(element.text)
    for attr, value in element.attrib.items():
        _, attr_name = _local_name(attr)
        if attr_name.lower().startswith("on"):
            raise ValidationError(
                SVG_HANDLER, code="svg_event_handler", params={"attr": attr_name}
            )
        if attr_name == "href":
            if value.strip().lower().startswith("javascript:"):
                raise ValidationError(
                    SVG_SCRIPT, code="svg_script", params={"tag": "javascript:"}
                )
            _check_reference(value)
        elif attr_name == "style" or "url(" in value:
            _check_css(value)


def _prune(parent: ET.Element) -> None:
    """Drop elements outside the SVG allow-list (editor metadata such as sodipodi:namedview)."""
    for child in list(parent):
        namespace, name = _local_name(child.tag)
        if namespace not in (SVG_NS, "") or name not in _ALLOWED_ELEMENTS:
            parent.remove(child)
        else:
            _prune(child)
