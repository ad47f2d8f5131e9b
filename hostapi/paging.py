"""getCredentials' paging (OB 3.0 §6 "Paging"): ``limit``, ``offset``, ``since``; the headers.

``limit`` is a positive integer (at most ``MAX_LIMIT``; without it, every
credential is one page), ``offset`` a non-negative integer, ``since`` an
RFC 3339 date-time with a time zone. Anything else is a 400
``invalid_query_parameter``. The answer carries ``X-Total-Count`` (the total
is always known here) and a ``Link`` header with ``first`` and ``last``,
``next`` while the page is not the last and ``prev`` while the offset is
above zero, each link keeping the request's ``limit`` and ``since``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.utils.dateparse import parse_datetime

from .errors import INVALID_QUERY_PARAMETER, ApiError

MAX_LIMIT = 1000
_DIGITS = re.compile(r"[0-9]{1,9}")
_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)
KNOWN = ("limit", "offset", "since")


@dataclass(frozen=True)
class Page:
    limit: int | None
    offset: int
    since: datetime | None
    since_text: str = ""

    def window(self, total: int) -> tuple[int, int]:
        """Return the slice ``(start, stop)`` of this page in ``total`` results."""
        stop = total if self.limit is None else min(total, self.offset + self.limit)
        return min(self.offset, total), stop


def read_page(query) -> Page:
    """Return the page a request's query string asks for; raise ``ApiError`` for a bad one."""
    for name in KNOWN:
        if len(query.getlist(name)) > 1:
            _refuse(f"'{name}' is given more than once.")
    limit = _integer(query, "limit", minimum=1)
    if limit is not None and limit > MAX_LIMIT:
        _refuse(f"'limit' is at most {MAX_LIMIT}.")
    offset = _integer(query, "offset", minimum=0) or 0
    since_text = query.get("since")
    since = None
    if since_text is not None:
        try:
            since = (
                parse_datetime(since_text) if _RFC3339.fullmatch(since_text) else None
            )
        except ValueError:
            since = None
        if since is None:
            _refuse("'since' must be an RFC 3339 date-time with a time zone.")
    return Page(limit, offset, since, since_text or "")


def _integer(query, name: str, *, minimum: int) -> int | None:
    value = query.get(name)
    if value is None:
        return None
    if not _DIGITS.fullmatch(value) or int(value) < minimum:
        _refuse(
            f"'{name}' must be an integer of at least {minimum}, not {value[:40]!r}."
        )
    return int(value)


def _refuse(description: str) -> None:
    raise ApiError(400, INVALID_QUERY_PARAMETER, description)


def headers(page: Page, total: int, url: str) -> dict[str, str]:
    """Return ``X-Total-Count`` and ``Link`` for ``page`` of ``total`` results at ``url``."""
    size = page.limit or max(total, 1)
    last = max(0, (total - 1) // size * size) if total else 0
    links = []
    if page.offset + size < total:
        links.append((page.offset + size, "next"))
    links.append((last, "last"))
    links.append((0, "first"))
    if page.offset > 0:
        links.append((max(0, page.offset - size), "prev"))
    return {
        "X-Total-Count": str(total),
        "Link": ", ".join(
            f'<{_link(url, page, offset)}>; rel="{rel}"' for offset, rel in links
        ),
    }


def _link(url: str, page: Page, offset: int) -> str:
    query = {}
    if page.limit is not None:
        query["limit"] = page.limit
    query["offset"] = offset
    if page.since_text:
        query["since"] = page.since_text
    return f"{url}?{urlencode(query)}"
