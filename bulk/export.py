"""CSV files we hand out: the template, an upload's failing rows, a badge class's awards.

Every cell that a spreadsheet would run as a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``, as
OWASP's "CSV Injection" page advises. Recipients' names stay as given in the
database: they are data, and only the exported file is a risk.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils.timezone import localdate

from badges import facts

from .models import BulkUpload, RowStatus
from .parsing import COLUMNS

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

TEMPLATE_EXAMPLE = [
    "anna.berzina@example.lv", "Anna Bērziņa", "2026-01-15", "", "https://lms.example.lv/portfolio/1",
    "", "", "LMS-1001", "course",
]  # fmt: skip

AWARD_COLUMNS = [
    "recipient_email", "recipient_name", "issued_on", "expires_at", "status", "revocation_reason",
    "assertion_url", "credential_url",
]  # fmt: skip


def escape_cell(value) -> str:
    """Return ``value`` as text a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(
    filename: str, header: list[str], rows: Iterable[Iterable]
) -> StreamingHttpResponse:
    """Stream a UTF-8 CSV (with a BOM, so Excel reads the diacritics) as a download."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([escape_cell(h) for h in header])
        for row in rows:
            yield writer.writerow([escape_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def template_rows() -> list[list[str]]:
    return [TEMPLATE_EXAMPLE]


def error_rows(upload: BulkUpload) -> Iterator[list[str]]:
    """Yield the rows that were not awarded (invalid at preview or failed when awarding), with their errors."""
    rows = upload.rows.filter(
        status__in=[RowStatus.INVALID, RowStatus.FAILED]
    ).order_by("line")
    for row in rows.iterator(chunk_size=1000):
        error = "; ".join(
            f"{e['field']}: {e['message']}" if e.get("field") else e["message"]
            for e in row.errors
        )
        yield [row.line, *(row.raw.get(column, "") for column in COLUMNS), error]


ERROR_COLUMNS = ["line", *COLUMNS, "error"]


def award_rows(awards) -> Iterator[list[str]]:
    for award in awards.iterator(chunk_size=1000):
        yield [
            award.recipient_identity,
            award.recipient_name,
            localdate(award.issued_on).isoformat(),
            localdate(award.expires_at).isoformat() if award.expires_at else "",
            award.state,
            award.revocation_reason,
            facts.assertion_url(award),
            facts.credential_url(award),
        ]


def filter_awards(awards, *, query: str, state: str):
    """Apply the Awards page's ``q`` and ``state`` filters (the page's own function)."""
    from badges.award_lists import filter_awards as page_filter

    return page_filter(awards, query=query, state=state)
