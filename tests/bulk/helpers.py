"""Building recipients files for the bulk tests."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile


def recipients_csv(
    count: int, *, start: int = 0, bad: set[int] = frozenset(), delimiter: str = ";"
) -> bytes:
    """Return a CSV of ``count`` recipients, with a bad e-mail address on the (0-based) rows in ``bad``."""
    lines = [delimiter.join(["e-pasts", "vārds", "izsniegts", "external_id"])]
    for i in range(start, start + count):
        email = f"not-an-address-{i}" if i - start in bad else f"learner{i}@example.lv"
        lines.append(
            delimiter.join([email, f"Līga Bērziņa {i}", "15.01.2026", f"LMS-{i}"])
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def upload_file(data: bytes, name: str = "learners.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")
