"""Issuer logos and badge-class images in storage: their names, writing and reading them.

Names are content-addressed::

    issuers/<issuer uuid>/logo-<digest>.png
    badges/<badge class uuid>/image-<digest>.svg

where ``<digest>`` is the first 32 hex digits (128 bits) of the SHA-256 of
the stored bytes. A changed image is a new object under a new name, so a
name always means the same bytes: the digest is a strong ETag that answers a
conditional GET without asking the storage, the same image uploaded twice is
stored once, and a replica or cache can never mix old bytes with a new name.

Every read and write goes through the storage API (``config.storage`` picks
local disk or an S3 bucket), never through paths on disk.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from config.storage import StorageUnavailable, describe_error, read_stored

logger = logging.getLogger(__name__)

DIGEST_CHARS = 32
_CONTENT_NAME = re.compile(
    rf"^(?P<stem>[a-z]+)-(?P<digest>[0-9a-f]{{{DIGEST_CHARS}}})\.(?P<extension>png|svg)$"
)
STORAGE_DOWN = _("The image could not be stored just now. Please try again shortly.")


def digest_of(content: bytes) -> str:
    """The first ``DIGEST_CHARS`` hex digits of the SHA-256 of ``content``: names and ETags use it."""
    return hashlib.sha256(content).hexdigest()[:DIGEST_CHARS]


def content_name(stem: str, content: bytes, extension: str) -> str:
    """Return ``<stem>-<digest>.<extension>``, the file name ``upload_path`` keeps."""
    return f"{stem}-{digest_of(content)}.{extension}"


def upload_path(folder: str, owner: uuid.UUID, filename: str) -> str:
    """Return where an uploaded image of ``owner`` is stored (a FileField's ``upload_to``).

    A content name (from ``content_name``) is kept as it is; any other file
    name (an upload through the admin, say) gets a random one, as before.
    """
    if _CONTENT_NAME.match(filename):
        return f"{folder}/{owner}/{filename}"
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"{folder}/{owner}/image-{uuid.uuid4().hex[:8]}.{extension}"


def content_digest(name: str) -> str | None:
    """Return the digest in a content-addressed stored name, or None for an older name."""
    match = _CONTENT_NAME.match(name.rsplit("/", 1)[-1])
    return match.group("digest") if match else None


def store(field_file, content: bytes, *, stem: str, extension: str) -> None:
    """Point ``field_file`` at ``content`` in storage, writing it unless it is already there.

    The image it replaces is deleted from storage once the transaction
    commits (nothing else refers to it: credentials carry the app's stable
    image URLs, and each stored name belongs to one issuer or badge class).
    Raise ValidationError on ``image`` when the storage cannot be reached,
    so the form or API says so instead of failing with a 500.
    """
    old = field_file.name
    filename = content_name(stem, content, extension)
    name = field_file.field.generate_filename(field_file.instance, filename)
    storage = field_file.storage
    try:
        if storage.exists(name):
            field_file.name = name
        else:
            field_file.save(filename, ContentFile(content), save=False)
    except Exception as exc:  # noqa: BLE001 (botocore, OSError: the storage is not answering)
        logger.warning("Storing %s failed: %s", name, describe_error(exc))
        raise ValidationError(
            {"image": ValidationError(STORAGE_DOWN, code="storage_unavailable")}
        ) from None
    if old and old != field_file.name:
        transaction.on_commit(partial(_discard, storage, old), robust=True)


def _discard(storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception as exc:  # noqa: BLE001 (an orphaned object costs little; log and go on)
        logger.warning(
            "Deleting the replaced image %s failed: %s", name, describe_error(exc)
        )


def read_image(field_file) -> bytes:
    """Return a stored image's bytes.

    Raise FileNotFoundError when it is missing, StorageUnavailable when the
    storage cannot be asked (see ``config.storage.read_stored``).
    """
    if not field_file:
        raise FileNotFoundError("no image")
    return read_stored(field_file)


def read_image_if_there(field_file) -> bytes | None:
    """Return a stored image's bytes, or None when there is none, it is missing, or storage is away.

    For pictures that a page can do without (a certificate, a share card).
    """
    try:
        return read_image(field_file)
    except (FileNotFoundError, StorageUnavailable):
        return None


def image_kind(name: str) -> str:
    """Return "svg" or "png", from a stored name's checked extension."""
    return "svg" if name.endswith(".svg") else "png"
