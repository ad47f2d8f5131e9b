"""The picture shown for an imported credential, taking no risk the import did not.

Only images that pass the project's checks are kept: a PNG that Pillow
decodes, or an SVG as ``issuers.images`` re-serialises it (no scripts, no
external references). A credential's image given by URL is fetched through
the safe client (``verifier.fetching``), like everything else from elsewhere.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from PIL import Image, UnidentifiedImageError

from credentials.report import VerificationReport
from issuers.access import NOT_FOUND
from issuers.images import check_badge_image
from verifier import inputs

PNG_TYPE, SVG_TYPE = "image/png", "image/svg+xml"
# Stored bytes came from elsewhere: a browser must never run or sniff them.
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
_DATA_URI = re.compile(
    r"^data:(?P<type>[\w.+-]+/[\w.+-]+)?(?P<params>(;[^,;]*)*),(?P<data>.*)$", re.S
)


def display_image(data: bytes, verdict: VerificationReport) -> tuple[bytes | None, str]:
    """Return an image to show and its type, or (None, ""), taking no risk the import did not.

    A baked PNG or SVG is its own image (a PNG decoded by Pillow first, an SVG
    checked and re-serialised by ``issuers.images``). Otherwise the image the
    credential names is used when it is a ``data:`` URI or can be fetched
    through the safe client, and passes the same checks.
    """
    if inputs.looks_like_image(data):
        checked = _checked_image(data, max_bytes=inputs.MAX_UPLOAD_BYTES)
        if checked[0] is not None:
            return checked
    reference = _image_reference(verdict)
    if reference.startswith("data:"):
        return _checked_image(
            _data_uri_bytes(reference), max_bytes=settings.BADGE_IMAGE_MAX_BYTES
        )
    if reference.startswith(("https://", "http://")):
        try:
            fetched = inputs.fetch_document(reference)
        except Exception:  # noqa: BLE001 (any failure means "no image"; the badge is imported anyway)
            return None, ""
        return _checked_image(fetched, max_bytes=settings.BADGE_IMAGE_MAX_BYTES)
    return None, ""


def _image_reference(verdict: VerificationReport) -> str:
    credential = verdict.credential or {}
    if "credentialSubject" in credential:
        subject = credential.get("credentialSubject")
        achievement = subject.get("achievement") if isinstance(subject, dict) else None
        candidates = [
            achievement.get("image") if isinstance(achievement, dict) else None,
            credential.get("image"),
        ]
    else:
        badge = verdict.documents.get("badge") or {}
        candidates = [badge.get("image"), credential.get("image")]
    for candidate in candidates:
        reference = candidate.get("id") if isinstance(candidate, dict) else candidate
        if isinstance(reference, str) and reference.strip():
            return reference.strip()
    return ""


def _data_uri_bytes(uri: str) -> bytes:
    match = _DATA_URI.match(uri)
    if match is None:
        return b""
    if ";base64" in match.group("params").lower():
        try:
            return base64.b64decode(match.group("data"), validate=False)
        except (binascii.Error, ValueError):
            return b""
    return unquote_to_bytes(match.group("data"))


def _checked_image(data: bytes, *, max_bytes: int) -> tuple[bytes | None, str]:
    """Return a PNG that Pillow decodes, or an SVG as ``issuers.images`` re-serialises it."""
    if not data or len(data) > max_bytes:
        return None, ""
    if data.startswith(inputs.PNG_SIGNATURE):
        return (data, PNG_TYPE) if _decodes(data) else (None, "")
    try:
        checked = check_badge_image(
            data, max_bytes=max_bytes, max_side=settings.BADGE_IMAGE_MAX_SIDE
        )
    except ValidationError:
        return None, ""
    if checked.extension != "svg":
        return None, ""
    return checked.content, SVG_TYPE


def _decodes(png: bytes) -> bool:
    # Decoded here rather than by check_badge_image: a small badge (under 90
    # pixels) is fine to show, only not to publish as a badge class image.
    try:
        with Image.open(io.BytesIO(png)) as image:
            if image.format != "PNG" or max(image.size) > settings.BADGE_IMAGE_MAX_SIDE:
                return False
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ):
        return False
    return True


def image_response(held) -> HttpResponse:
    """Serve an imported credential's display image, locked down; 404 when it has none."""
    if not held.image:
        raise Http404(NOT_FOUND)
    response = HttpResponse(bytes(held.image), content_type=held.image_type)
    response["Content-Security-Policy"] = IMAGE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response
