"""Dates as credentials write them: XML Schema dateTime in UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["xsd_datetime"]


def xsd_datetime(moment: datetime) -> str:
    """Return ``moment`` as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC; raise ``ValueError`` if naive.

    The year always has four digits (``0475-01-01T00:00:00Z``), as XML Schema
    and RFC 3339 require; ``strftime("%Y")`` does not pad years before 1000
    on every platform, and such a date could not be read back.
    """
    if moment.tzinfo is None:
        raise ValueError("Datetimes must be timezone-aware.")
    utc = moment.astimezone(UTC).replace(microsecond=0, tzinfo=None)
    return f"{utc.isoformat(timespec='seconds')}Z"
