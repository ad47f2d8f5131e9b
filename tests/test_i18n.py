"""The Latvian catalogue is complete, compiled, used, and pluralises correctly.

* every entry of ``locale/lv/LC_MESSAGES/django.po`` is translated, none is
  fuzzy, and translations keep the placeholders and HTML tags of the source;
* the committed ``django.mo`` holds exactly the catalogue of the ``.po``
  (compared entry by entry, not byte by byte or by mtime);
* re-extracting the strings (makemessages on a copy of the tree) finds none
  that the catalogue leaves untranslated;
* every template with visible text loads the ``i18n`` library;
* pages render in Latvian when the visitor picks Latvian;
* the Latvian plural rule picks form 0 for 1, 21, 31…, form 1 for other
  non-zero numbers and form 2 for zero.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
PO_PATH = LOCALE_DIR / "lv" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
TEMPLATES_DIR = ROOT / "templates"

LATVIAN_PLURAL_FORMS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
# n -> index of the plural form Latvian uses for it.
LATVIAN_PLURAL_CASES = {
    0: 2,
    1: 0,
    2: 1,
    5: 1,
    10: 1,
    11: 1,
    12: 1,
    21: 0,
    31: 0,
    101: 0,
    111: 1,
    1001: 0,
}


@pytest.fixture(autouse=True, scope="module")
def _gettext():
    """The catalogue checks need GNU gettext (scripts/ensure-system-packages installs it)."""
    if shutil.which("msgfmt") is None or shutil.which("xgettext") is None:
        pytest.fail(
            "GNU gettext is missing: run scripts/ensure-system-packages (make test does)."
        )


# --- A tiny PO reader ---------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def _unquote(quoted: str) -> str:
    assert quoted.startswith('"') and quoted.endswith('"'), quoted
    return re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], quoted[1:-1])


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def parse_po(path: Path) -> list[Entry]:
    """Return the entries of a PO file, the header (msgid "") included."""
    entries: list[Entry] = []
    entry: Entry | None = None
    current: tuple[str, int] | None = None  # (keyword, plural index)
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):  # blank, or obsolete entry
            if line.startswith("#~") or (entry and entry.msgstr):
                entry, current = None, None
            continue
        if line.startswith("#"):
            if entry is not None and entry.msgstr:
                entry, current = None, None
            if line.startswith("#,"):
                if entry is None:
                    entry = Entry(line=number)
                    entries.append(entry)
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, quoted = match.groups()
            if entry is None or (keyword in ("msgctxt", "msgid") and entry.msgstr):
                entry = Entry(line=number)
                entries.append(entry)
            value = _unquote(quoted)
            if keyword == "msgctxt":
                entry.msgctxt, current = value, ("msgctxt", 0)
            elif keyword == "msgid":
                entry.msgid, entry.line, current = value, number, ("msgid", 0)
            elif keyword == "msgid_plural":
                entry.msgid_plural, current = value, ("msgid_plural", 0)
            else:
                position = int(index) if index is not None else 0
                entry.msgstr[position] = value
                current = ("msgstr", position)
            continue
        assert line.startswith('"') and entry and current, f"{path}:{number}: {raw!r}"
        value = _unquote(line)
        keyword, position = current
        if keyword == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif keyword == "msgid":
            entry.msgid += value
        elif keyword == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        else:
            entry.msgstr[position] += value
    return entries


def _header(entries: list[Entry]) -> dict[str, str]:
    header = next(e for e in entries if e.msgid == "" and e.msgctxt is None)
    fields = {}
    for line in header.msgstr[0].splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return fields


def _messages(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if not (e.msgid == "" and e.msgctxt is None)]


def po_catalog(entries: list[Entry]) -> dict:
    """The catalogue as msgfmt compiles it and ``gettext`` stores it, no header.

    Like msgfmt, leave out fuzzy entries and entries not (fully) translated.
    """
    catalog: dict = {}
    for entry in _messages(entries):
        if "fuzzy" in entry.flags or not all(entry.msgstr.values()):
            continue
        if entry.msgid_plural is None:
            catalog[entry.key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                catalog[(entry.key, index)] = text
    return catalog


def mo_catalog(path: Path) -> tuple[dict, gettext.GNUTranslations]:
    with path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    catalog = dict(translations._catalog)  # noqa: SLF001  (no public accessor)
    catalog.pop("", None)
    return catalog, translations


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run makemessages --locale lv"
    return parse_po(PO_PATH)


# --- (a) complete, not fuzzy, well-formed -------------------------------------


def test_po_header_is_latvian_utf8(entries):
    header = _header(entries)
    assert header["Language"] == "lv"
    assert header["Plural-Forms"] == LATVIAN_PLURAL_FORMS
    assert header["Content-Type"].lower() == "text/plain; charset=utf-8"


def test_every_entry_is_translated_and_none_is_fuzzy(entries):
    messages = _messages(entries)
    assert messages, "the catalogue is empty"
    fuzzy = [str(e) for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    untranslated = []
    for entry in messages:
        expected = range(3) if entry.msgid_plural is not None else range(1)
        if sorted(entry.msgstr) != list(expected) or not all(entry.msgstr.values()):
            untranslated.append(str(entry))
    assert not untranslated, f"untranslated entries: {untranslated}"


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{\{\s*\w+\s*\}\}")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def test_translations_keep_placeholders_and_markup(entries):
    problems = []
    for entry in _messages(entries):
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        wanted = set(_PLACEHOLDER.findall("".join(sources)))
        tags = sorted(_TAG.findall(entry.msgid))
        for index, text in entry.msgstr.items():
            if set(_PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"{entry} form {index}: placeholders differ")
            if sorted(_TAG.findall(text)) != tags:
                problems.append(f"{entry} form {index}: HTML tags differ")
    assert not problems, "\n".join(problems)


def test_msgfmt_check_passes(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "x.mo"), PO_PATH],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    assert "untranslated" not in result.stderr, result.stderr


# --- (b) the compiled catalogue matches the source ----------------------------


def test_mo_is_up_to_date_with_po(entries):
    assert MO_PATH.exists(), f"{MO_PATH} is missing: run compilemessages --locale lv"
    expected = po_catalog(entries)
    compiled, translations = mo_catalog(MO_PATH)
    stale = sorted(
        repr(key) for key in expected.keys() | compiled.keys()
        if expected.get(key) != compiled.get(key)
    )  # fmt: skip
    assert not stale, (
        "django.mo differs from django.po (run compilemessages --locale lv) for: "
        + ", ".join(stale[:20])
    )
    assert translations.info()["plural-forms"] == LATVIAN_PLURAL_FORMS


def test_mo_matches_a_fresh_msgfmt_build(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), PO_PATH], check=True)
    assert mo_catalog(MO_PATH)[0] == mo_catalog(fresh)[0]


# --- (c) every marked string in the code is in the catalogue -----------------

_NOT_SOURCE = (
    ".git",
    ".venv*",
    "node_modules",
    "media",
    "static",
    "tests",
    "*.sqlite3*",
)


def test_makemessages_finds_nothing_untranslated(tmp_path):
    """Re-extract the strings from a copy of the tree: all must be translated."""
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(*_NOT_SOURCE, "__pycache__", ".*cache*"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale=lv",
            "--ignore=.venv*",
            "--ignore=node_modules",
            "--ignore=tests/*",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted = parse_po(copy / PO_PATH.relative_to(ROOT))
    missing = [
        str(e)
        for e in _messages(extracted)
        if "fuzzy" in e.flags or not all(e.msgstr.values())
    ]
    assert not missing, (
        "strings marked in the code but not translated in django.po (run "
        "makemessages --locale lv, translate, compilemessages): " + ", ".join(missing)
    )


# --- (c') templates with visible text load i18n --------------------------------

_NON_TEXT = [
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"\{%.*?%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),
    re.compile(r"<[^>]*>", re.S),
    re.compile(r"&[#\w]+;"),
]


def _visible_text(source: str) -> str:
    for pattern in _NON_TEXT:
        source = pattern.sub(" ", source)
    return source


def _template_files() -> list[Path]:
    return sorted(
        path
        for path in TEMPLATES_DIR.rglob("*")
        if path.suffix in {".html", ".txt"} and path.is_file()
    )


def test_templates_with_visible_text_load_i18n():
    offenders = []
    for path in _template_files():
        source = path.read_text(encoding="utf-8")
        if re.search(r"[^\W\d_]", _visible_text(source)) and not re.search(
            r"\{%\s*load\s[^%]*\bi18n\b", source
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert _template_files(), "no templates found"
    assert not offenders, f"templates with text but no {{% load i18n %}}: {offenders}"


# --- (d) pages come out in Latvian --------------------------------------------


@pytest.mark.parametrize("url", ["/", "/accounts/login/"])
def test_pages_render_in_latvian_from_the_language_cookie(client, db, url):
    client.cookies["django_language"] = "lv"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="lv">' in html
    assert "Pieslēgties" in html  # "Sign in"
    assert "Sign in" not in html


def test_pages_render_in_latvian_from_accept_language(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="lv")
    assert "Pieslēgties" in response.content.decode()


def test_english_stays_the_default(client, db):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html


# --- (e) the Latvian plural rule ----------------------------------------------


def test_compiled_plural_rule_is_latvian():
    _, translations = mo_catalog(MO_PATH)
    picked = {n: translations.plural(n) for n in LATVIAN_PLURAL_CASES}
    assert picked == LATVIAN_PLURAL_CASES


def _plural_entry(entries, msgid: str) -> Entry:
    matches = [e for e in entries if e.msgid == msgid and e.msgid_plural]
    assert matches, f"plural entry {msgid!r} not in the catalogue"
    return matches[0]


def test_ngettext_picks_latvian_forms(entries):
    entry = _plural_entry(entries, "%(counter)s issuer")
    assert len(set(entry.msgstr.values())) == 3, "Latvian needs three distinct forms"
    with translation.override("lv"):
        for n, form in LATVIAN_PLURAL_CASES.items():
            text = translation.ngettext(entry.msgid, entry.msgid_plural, n)
            assert text == entry.msgstr[form], n
            assert text % {"counter": n} == entry.msgstr[form] % {"counter": n}


def test_templates_pluralise_in_latvian(entries):
    entry = _plural_entry(entries, "%(counter)s issuer")
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n trimmed %}"
        "{{ counter }} issuer{% plural %}{{ counter }} issuers"
        "{% endblocktranslate %}"
    )
    with translation.override("lv"):
        for n in (1, 21, 2, 0):
            rendered = template.render(Context({"n": n}))
            form = LATVIAN_PLURAL_CASES[n]
            assert rendered == entry.msgstr[form] % {"counter": n}
