"""Read a recipients CSV as people save it from Excel, and check each row. No database.

The template columns (header names are case-insensitive; Latvian aliases work)::

    email;name;issued_on;expires_at;evidence_url;evidence_narrative;result;external_id;route
    anna.berzina@example.lv;Anna Bērziņa;15.01.2026;;https://lms.example.lv/p/1;;;LMS-1;course

File-level problems raise ``ValidationError`` on the ``file`` field with a
stable code; row problems are collected per row as ``{field, code, message}``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from badges.award_rules import check_expiry, check_result, check_web_url, clean_identity
from badges.choices import AwardRoute, RecipientType
from credentials.hashing import normalise_identity
from issuers.validation import field_error

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000

COLUMNS = (
    "email",
    "name",
    "issued_on",
    "expires_at",
    "evidence_url",
    "evidence_narrative",
    "result",
    "external_id",
    "route",
)
# Accepted header spellings, compared after ``_header_key`` (case, spaces and dashes folded).
ALIASES = {
    "email": ("email", "e-mail", "email address", "e-pasts", "epasts", "e-pasta adrese"),
    "name": ("name", "full name", "recipient name", "vārds", "vārds uzvārds", "vārds, uzvārds"),
    "issued_on": ("issued_on", "issued", "issue date", "izsniegts", "izsniegšanas datums"),
    "expires_at": ("expires_at", "expires", "expiry date", "derīgs līdz", "derīguma termiņš"),
    "evidence_url": ("evidence_url", "evidence", "pierādījums", "pierādījuma saite"),
    "evidence_narrative": ("evidence_narrative", "pierādījuma apraksts"),
    "result": ("result", "grade", "rezultāts", "vērtējums"),
    "external_id": ("external_id", "external id", "ārējais id", "ārējais identifikators"),
    "route": ("route", "ceļš"),
}  # fmt: skip

NOT_UTF8 = gettext_noop(
    "The file is not UTF-8 text (line %(line)s, byte %(byte)s). In Excel, use "
    "“Save as” → “CSV UTF-8 (Comma delimited)” and upload that file."
)
BINARY = gettext_noop(
    "This is not a CSV text file (it contains binary data). Upload a .csv file."
)
TOO_BIG = gettext_noop("The file is %(size)s MB; the limit is %(limit)s MB.")
EMPTY = gettext_noop("The file is empty.")
NO_EMAIL_COLUMN = gettext_noop(
    "The first line must name the columns, with an “email” column. "
    "Columns found: %(found)s. Expected: %(expected)s."
)
DUPLICATE_COLUMN = gettext_noop("The column “%(column)s” appears twice.")
NO_ROWS = gettext_noop("The file has a header line but no recipients.")
TOO_MANY_ROWS = gettext_noop(
    "The file has more than %(limit)s recipients; split it into smaller files."
)
BAD_CSV = gettext_noop("The file cannot be read as CSV (line %(line)s): %(error)s")

REQUIRED = gettext_noop("An e-mail address is required.")
BAD_EMAIL = gettext_noop("“%(value)s” is not a valid e-mail address.")
BAD_DATE = gettext_noop(
    "“%(value)s” is not a date; use YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY."
)
BAD_URL = gettext_noop("“%(value)s” is not a valid http(s) web address.")
BAD_ROUTE = gettext_noop("“%(value)s” is not a route; use one of %(choices)s.")
TOO_LONG = gettext_noop("At most %(limit)s characters.")
EXTRA_VALUES = gettext_noop(
    "This line has more values than there are columns (a stray delimiter?)."
)
DUPLICATE_ROW = gettext_noop("Line %(line)s already awards this recipient.")

_LIMITS = {"name": 200, "result": 100, "external_id": 200, "email": 320}
_TEXT_FORCED = re.compile(r'^="(.*)"$', re.DOTALL)
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Rules:
    """What a row is checked against: facts about the badge class, not the class itself."""

    badge_class_uuid: str
    has_result: bool
    today: date


@dataclass
class Row:
    """One data line: its raw cells, its normalised values, its errors and its key."""

    line: int
    raw: dict[str, str]
    values: dict[str, str] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    idempotency_key: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def error(self, name: str, message: str, code: str) -> None:
        self.errors.append({"field": name, "code": code, "message": message})


@dataclass
class ParsedFile:
    rows: list[Row]
    ignored_columns: list[str]
    sha256: str


# --- File level -----------------------------------------------------------------


def read_upload(upload) -> bytes:
    """Return the bytes of an uploaded file, refusing one over ``MAX_BYTES`` before reading it."""
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_BYTES:
        raise field_error(
            "file",
            _(TOO_BIG) % {"size": round(size / 2**20, 1), "limit": MAX_BYTES // 2**20},
            "too_big",
        )
    upload.seek(0)
    return upload.read()


def decode(data: bytes) -> str:
    """Return the text of a UTF-8 file (a BOM is dropped); raise for binary or other encodings."""
    if not data.strip():
        raise field_error("file", _(EMPTY), "empty")
    if b"\x00" in data:
        raise field_error("file", _(BINARY), "binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise field_error(
            "file", _(NOT_UTF8) % {"line": line, "byte": exc.start + 1}, "not_utf8"
        ) from None


def _header_key(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", name.strip().casefold())


_HEADER_LOOKUP = {
    _header_key(alias): column for column, names in ALIASES.items() for alias in names
}


def _delimiter(text: str) -> tuple[str, str, int]:
    """Return (delimiter, text without Excel's ``sep=`` line, number of lines dropped)."""
    first, _newline, rest = text.partition("\n")
    hint = re.fullmatch(r'"?sep=(.)"?', first.strip(), re.IGNORECASE)
    if hint:
        return hint.group(1), rest, 1
    # The header line (the first that is not blank) decides: Latvian Excel saves
    # ";" because "," is the decimal separator there.
    found = re.search(r"^[^\r\n]*\S[^\r\n]*", text, re.MULTILINE)
    header = found.group(0) if found else ""
    return (";" if header.count(";") > header.count(",") else ","), text, 0


def _clean(cell: str) -> str:
    cell = cell.strip()
    forced = _TEXT_FORCED.match(cell)  # Excel's ="00123" keeps leading zeros
    return forced.group(1).strip() if forced else cell


def parse_csv(data: bytes, *, rules: Rules) -> ParsedFile:
    """Return the checked rows of a recipients CSV; raise ValidationError for the file as a whole."""
    text = decode(data)
    delimiter, text, skipped_lines = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        while header is not None and not any(c.strip() for c in header):
            header = next(reader, None)
        if header is None:
            raise field_error("file", _(EMPTY), "empty")
        columns = _columns(header)
        raw_rows = []
        previous_end = reader.line_num
        for cells in reader:
            line = previous_end + 1 + skipped_lines
            previous_end = reader.line_num
            if not any(c.strip() for c in cells):
                continue  # Excel's trailing empty rows (";;;;")
            if len(raw_rows) >= MAX_ROWS:
                raise field_error(
                    "file",
                    _(TOO_MANY_ROWS) % {"limit": f"{MAX_ROWS:,}"},
                    "too_many_rows",
                )
            raw_rows.append((line, _row_cells(cells, columns)))
    except csv.Error as exc:
        raise field_error(
            "file",
            _(BAD_CSV) % {"line": reader.line_num + skipped_lines, "error": exc},
            "bad_csv",
        ) from None
    if not raw_rows:
        raise field_error("file", _(NO_ROWS), "no_rows")
    ignored = [
        h.strip()
        for h, c in zip(header, columns, strict=True)
        if c is None and h.strip()
    ]
    return ParsedFile(
        rows=check_rows(raw_rows, rules=rules),
        ignored_columns=ignored,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _columns(header: list[str]) -> list[str | None]:
    """Return the template column of each header cell (None: ignored); raise without ``email``."""
    columns: list[str | None] = []
    for name in header:
        column = _HEADER_LOOKUP.get(_header_key(_clean(name)))
        if column is not None and column in columns:
            raise field_error(
                "file",
                _(DUPLICATE_COLUMN) % {"column": name.strip()},
                "duplicate_column",
            )
        columns.append(column)
    if "email" not in columns:
        found = ", ".join(f"“{h.strip()}”" for h in header if h.strip()) or "—"
        raise field_error(
            "file",
            _(NO_EMAIL_COLUMN) % {"found": found, "expected": ", ".join(COLUMNS)},
            "no_email_column",
        )
    return columns


def _row_cells(cells: list[str], columns: list[str | None]) -> dict[str, str]:
    raw = {
        column: _clean(cell)
        for column, cell in zip(columns, cells, strict=False)
        if column
    }
    if any(cell.strip() for cell in cells[len(columns) :]):
        raw["__extra__"] = "1"
    return raw


# --- Row level ------------------------------------------------------------------


def parse_date(value: str) -> date | None:
    """Return the date in ``value`` (ISO, DD.MM.YYYY, DD/MM/YYYY or an Excel serial), or None."""
    value = value.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%Y."):
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a date only)
        except ValueError:
            pass
    try:  # an ISO date-time such as 2026-01-15T10:00:00Z: its date counts
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    if re.fullmatch(r"\d{5}", value) and 20000 <= int(value) <= 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    return None


def row_key(badge_class_uuid: str, values: dict[str, str]) -> str:
    """Return the row's idempotency key: SHA-256 of (class, e-mail, external id), else of the row."""
    if values.get("external_id"):
        material = [badge_class_uuid, values["email"].lower(), values["external_id"]]
    else:
        material = [badge_class_uuid, json.dumps(values, sort_keys=True)]
    return hashlib.sha256("\x1f".join(material).encode("utf-8")).hexdigest()


def check_rows(
    raw_rows: Iterable[tuple[int, dict[str, str]]], *, rules: Rules
) -> list[Row]:
    """Return one checked ``Row`` per (line, raw cells); a repeated row is an error on the later line."""
    rows, seen = [], {}
    for line, raw in raw_rows:
        row = check_row(line, raw, rules=rules)
        if row.is_valid:
            first = seen.setdefault(row.idempotency_key, line)
            if first != line:
                row.error("email", _(DUPLICATE_ROW) % {"line": first}, "duplicate")
        rows.append(row)
    return rows


def _record(row: Row, exc: ValidationError) -> None:
    """Add a rule's error (``award_rules``) to the row, under its field and code."""
    for name, errors in exc.error_dict.items():
        for error in errors:
            row.error(name, error.message, error.code)


def check_row(line: int, raw: dict[str, str], *, rules: Rules) -> Row:
    """Check one row by ``award_badge``'s rules, without writing anything."""
    row = Row(line=line, raw={k: v for k, v in raw.items() if k != "__extra__"})
    if raw.get("__extra__"):
        row.error("", _(EXTRA_VALUES), "extra_values")
    values = {column: raw.get(column, "").strip() for column in COLUMNS}
    for column, limit in _LIMITS.items():
        if len(values[column]) > limit:
            row.error(column, _(TOO_LONG) % {"limit": limit}, "max_length")
    email = normalise_identity(values["email"], recipient_type="email")
    if not email:
        row.error("email", _(REQUIRED), "required")
    else:
        try:
            clean_identity(RecipientType.EMAIL, email)
        except ValidationError:
            row.error("email", _(BAD_EMAIL) % {"value": values["email"]}, "invalid")
    values["email"] = email
    dates = {}
    for column in ("issued_on", "expires_at"):
        if values[column]:
            dates[column] = parse_date(values[column])
            if dates[column] is None:
                row.error(
                    column, _(BAD_DATE) % {"value": values[column]}, "invalid_date"
                )
            else:
                values[column] = dates[column].isoformat()
    # Without an issue date, award_badge issues today; a bad issue date is reported already.
    issued = dates.get("issued_on") if "issued_on" in dates else rules.today
    try:
        check_expiry(issued, dates.get("expires_at"))
    except ValidationError as exc:
        _record(row, exc)
    if values["evidence_url"]:
        try:
            check_web_url(values["evidence_url"])
        except ValidationError:
            row.error(
                "evidence_url",
                _(BAD_URL) % {"value": values["evidence_url"]},
                "invalid",
            )
    try:
        check_result(values["result"], records_result=rules.has_result)
    except ValidationError as exc:
        _record(row, exc)
    route = values["route"].casefold().replace(" ", "_").replace("-", "_")
    if route and route not in AwardRoute.values:
        row.error(
            "route",
            _(BAD_ROUTE)
            % {"value": values["route"], "choices": ", ".join(AwardRoute.values)},
            "invalid_choice",
        )
    values["route"] = route or AwardRoute.COURSE.value
    row.values = values
    row.idempotency_key = row_key(rules.badge_class_uuid, values)
    return row
