"""Reading recipients CSVs as spreadsheets save them, and refusing what cannot be read. No database."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bulk import parsing
from bulk.export import escape_cell

RULES = parsing.Rules(
    badge_class_uuid="7d3c0f0e-0000-4000-8000-000000000001",
    has_result=False,
    today=date(2026, 1, 10),
)


def parse(text: str | bytes, rules: parsing.Rules = RULES) -> parsing.ParsedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parsing.parse_csv(data, rules=rules)


def file_error(text: str | bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse(text)
    return caught.value.error_dict["file"][0]


def errors(row: parsing.Row) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in row.errors]


# --- Encodings ------------------------------------------------------------------


def test_it_reads_utf8_and_keeps_latvian_diacritics():
    (row,) = parse("email,name\nanna@example.lv,Anna Bērziņa-Ūdre\n").rows
    assert row.values["name"] == "Anna Bērziņa-Ūdre"
    assert row.is_valid is True


def test_it_drops_excels_byte_order_mark():
    (row,) = parse("\ufeffemail;vārds\nanna@example.lv;Žanis Čakste\n").rows
    assert row.values == {
        **row.values,
        "email": "anna@example.lv",
        "name": "Žanis Čakste",
    }


def test_a_windows_1257_file_is_refused_naming_the_line_and_byte():
    data = "email;name\nanna@example.lv;Anna Bērziņa\n".encode("cp1257")
    error = file_error(data)
    assert error.code == "not_utf8"
    assert "line 2" in error.message
    assert "CSV UTF-8" in error.message
    offset = data.index("ē".encode("cp1257")) + 1
    assert f"byte {offset}" in error.message


def test_a_binary_file_is_refused():
    assert file_error(b"PK\x03\x04\x00\x00binary zip").code == "binary"


def test_an_empty_file_is_refused():
    assert file_error(b"  \n").code == "empty"


def test_a_file_over_50_mb_is_refused_before_it_is_read():
    class Huge(io.BytesIO):
        size = parsing.MAX_BYTES + 1

        def read(self, *args):  # pragma: no cover - must not be called
            raise AssertionError("read before the size check")

    with pytest.raises(ValidationError) as caught:
        parsing.read_upload(Huge())
    assert caught.value.error_dict["file"][0].code == "too_big"
    assert "limit is 50 MB" in caught.value.error_dict["file"][0].message


# --- Delimiters and quoting --------------------------------------------------------


def test_semicolons_are_sniffed_from_the_header():
    (row,) = parse("email;name;result\nanna@example.lv;Anna, the first;\n").rows
    assert row.values["name"] == "Anna, the first"


def test_blank_lines_before_the_header_do_not_hide_its_delimiter():
    rows = parse("\r\n\r\nemail;name\r\na@example.lv;Anna, the first\r\n").rows
    assert (rows[0].line, rows[0].values["name"]) == (4, "Anna, the first")


def test_excels_sep_line_is_honoured_and_line_numbers_still_match_the_file():
    rows = parse("sep=|\nemail|name\na@example.lv|A\nnot-an-email|B\n").rows
    assert [r.line for r in rows] == [3, 4]
    assert errors(rows[1]) == [("email", "invalid")]


def test_quoted_fields_keep_embedded_newlines_and_delimiters():
    rows = parse(
        'email,evidence_narrative\na@example.lv,"Welded, then\ninspected ""twice"""\nb@example.lv,x\n'
    ).rows
    assert rows[0].values["evidence_narrative"] == 'Welded, then\ninspected "twice"'
    assert [r.line for r in rows] == [2, 4]


# --- Excel quirks ------------------------------------------------------------------


def test_trailing_empty_columns_and_rows_are_ignored():
    parsed = parse("email;name;;;\r\na@example.lv;A;;;\r\n;;;;\r\n;;;;\r\n")
    assert len(parsed.rows) == 1
    assert parsed.rows[0].is_valid is True
    assert parsed.ignored_columns == []


def test_text_forced_cells_lose_the_formula_wrapper():
    (row,) = parse('email,external_id\na@example.lv,="00123"\n').rows
    assert row.values["external_id"] == "00123"


def test_whitespace_around_values_is_trimmed_and_email_is_lower_cased():
    (row,) = parse("  Email  , Name \n  Anna@Example.LV ,  Anna  \n").rows
    assert (row.values["email"], row.values["name"]) == ("anna@example.lv", "Anna")


@pytest.mark.parametrize(
    ("written", "expected"),
    [("2026-01-15", "2026-01-15"), ("15.01.2026", "2026-01-15"), ("15/01/2026", "2026-01-15"),
     ("46037", "2026-01-15"), ("2026-01-15T10:00:00+02:00", "2026-01-15")],
)  # fmt: skip
def test_dates_are_read_in_every_spreadsheet_form(written, expected):
    (row,) = parse(f"email,issued_on\na@example.lv,{written}\n").rows
    assert row.values["issued_on"] == expected


def test_unknown_columns_are_ignored_and_named():
    parsed = parse("email,department,name\na@example.lv,Welding,A\n")
    assert parsed.ignored_columns == ["department"]


def test_latvian_header_aliases_are_understood():
    (row,) = parse(
        "E-PASTS;Vārds;Izsniegts;Derīgs līdz;Rezultāts;Ārējais ID;Ceļš\na@example.lv;A;01.01.2026;01.01.2027;;L-1;prior_learning\n"
    ).rows
    assert row.values["route"] == "prior_learning"
    assert row.values["expires_at"] == "2027-01-01"
    assert row.values["external_id"] == "L-1"


# --- Wrong shapes --------------------------------------------------------------------


def test_a_file_without_an_email_column_lists_the_columns_found_and_expected():
    error = file_error("mail,name\na@example.lv,A\n")
    assert error.code == "no_email_column"
    assert "Columns found: “mail”, “name”" in error.message
    assert "Expected: email, name, issued_on" in error.message


def test_a_header_only_file_has_no_rows():
    assert file_error("email,name\n").code == "no_rows"


def test_a_repeated_column_is_refused():
    assert (
        file_error("email,e-pasts\na@example.lv,b@example.lv\n").code
        == "duplicate_column"
    )


def test_more_than_20000_rows_are_refused():
    text = "email\n" + "".join(
        f"r{i}@example.lv\n" for i in range(parsing.MAX_ROWS + 1)
    )
    error = file_error(text)
    assert error.code == "too_many_rows"
    assert "20,000" in error.message


def test_20000_rows_are_accepted():
    text = "email\n" + "".join(f"r{i}@example.lv\n" for i in range(parsing.MAX_ROWS))
    assert len(parse(text).rows) == parsing.MAX_ROWS


# --- Row rules ------------------------------------------------------------------------


def test_each_bad_row_reports_every_problem_by_column():
    rows = parse(
        "email,issued_on,expires_at,evidence_url,result,route\n"
        ",2026-02-30,,ftp://x,,\n"
        "a@example.lv,2026-03-01,2026-02-01,,A+,flying\n"
        "b@example.lv,2026-03-01,2026-04-01,https://e.example.lv/1,,Assessment only\n"
        "c@example.lv,a;b;c,,,,\n"
    ).rows
    assert errors(rows[0]) == [
        ("email", "required"),
        ("issued_on", "invalid_date"),
        ("evidence_url", "invalid"),
    ]
    assert errors(rows[1]) == [
        ("expires_at", "expires_before_issue"),
        ("result", "no_result_defined"),
        ("route", "invalid_choice"),
    ]
    assert rows[2].is_valid is True
    assert rows[2].values["route"] == "assessment_only"
    assert (
        rows[1].errors[0]["message"] == "The expiry date must be after the issue date."
    )


def test_an_expiry_without_an_issue_date_is_compared_with_today():
    rows = parse(
        "email,expires_at\na@example.lv,2026-01-10\nb@example.lv,2026-01-11\n"
    ).rows
    assert errors(rows[0]) == [("expires_at", "expires_before_issue")]
    assert rows[1].is_valid is True


def test_a_result_is_accepted_when_the_class_records_one():
    rules = parsing.Rules(
        badge_class_uuid=RULES.badge_class_uuid, has_result=True, today=RULES.today
    )
    (row,) = parse("email,result\na@example.lv,92\n", rules).rows
    assert row.is_valid is True


def test_extra_values_beyond_the_header_are_an_error():
    (row,) = parse("email,name\na@example.lv,Berzina,Anna\n").rows
    assert errors(row) == [("", "extra_values")]


def test_a_repeated_row_is_an_error_on_the_later_line_only():
    rows = parse("email,name\na@example.lv,A\nb@example.lv,B\nA@example.lv , A\n").rows
    assert [r.is_valid for r in rows] == [True, True, False]
    assert rows[2].errors[0]["message"] == "Line 2 already awards this recipient."


def test_the_same_external_id_for_the_same_person_is_a_duplicate_even_with_other_values():
    rows = parse(
        "email,external_id,name\na@example.lv,X1,A\na@example.lv,X1,Anna\nb@example.lv,X1,B\n"
    ).rows
    assert [r.is_valid for r in rows] == [True, False, True]


def test_names_are_kept_as_given_even_when_they_look_like_formulas():
    (row,) = parse('email,name\na@example.lv,=HYPERLINK("http://x")\n').rows
    assert row.values["name"] == '=HYPERLINK("http://x")'


# --- Keys and export ---------------------------------------------------------------------


def test_the_key_uses_class_email_and_external_id_when_there_is_one():
    first = parsing.row_key(
        "c1", {"email": "A@example.lv", "external_id": "7", "name": "A"}
    )
    assert first == parsing.row_key(
        "c1", {"email": "a@example.lv", "external_id": "7", "name": "Other"}
    )
    assert first != parsing.row_key("c2", {"email": "a@example.lv", "external_id": "7"})


def test_the_key_without_an_external_id_covers_the_whole_row():
    values = {"email": "a@example.lv", "external_id": "", "name": "A"}
    assert parsing.row_key("c1", values) != parsing.row_key(
        "c1", {**values, "name": "B"}
    )


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_exported_cells_that_start_a_formula_are_escaped(cell):
    assert escape_cell(cell) == "'" + cell


def test_exported_plain_cells_are_unchanged():
    assert escape_cell("Anna Bērziņa") == "Anna Bērziņa"
    assert escape_cell(None) == ""
