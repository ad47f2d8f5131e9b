"""Every sentence the credential core can say reaches a Latvian reader in Latvian."""

from __future__ import annotations

import gettext as gettext_module
from pathlib import Path

from django.utils import translation

from verifier import core_messages
from verifier._core_msgids import MSGIDS

ROOT = Path(__file__).resolve().parents[2]


def test_the_msgid_list_is_generated_from_the_core_as_it_is_now():
    expected = core_messages.render_module(core_messages.extract())
    assert core_messages.MODULE.read_text(encoding="utf-8") == expected, (
        "Run `.venv/bin/python -m verifier.core_messages` and translate the new msgids."
    )


def test_every_core_message_has_a_latvian_translation_with_the_same_values():
    mo = ROOT / "locale" / "lv" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as compiled:
        catalog = gettext_module.GNUTranslations(compiled)._catalog
    untranslated = [m for m in MSGIDS if not catalog.get(m)]
    broken = [
        m
        for m in MSGIDS
        if m in catalog
        and sorted(core_messages._PLACEHOLDER.findall(catalog[m]))
        != sorted(core_messages._PLACEHOLDER.findall(m))
    ]
    assert len(MSGIDS) > 150
    assert untranslated == []
    assert broken == []


def test_a_message_and_the_messages_inside_it_are_translated():
    message = (
        "The status list https://x.example/list could not be fetched: "
        "The JSON is nested more than 100 levels deep."
    )
    with translation.override("lv"):
        shown = core_messages.translate(message)
    assert "https://x.example/list" in shown and "100" in shown
    assert "could not" not in shown and "nested" not in shown


def test_english_and_unknown_messages_are_shown_as_written():
    with translation.override("en"):
        assert core_messages.translate("The document has no proof.") == (
            "The document has no proof."
        )
    with translation.override("lv"):
        assert core_messages.translate("Something nobody wrote.") == (
            "Something nobody wrote."
        )
        assert core_messages.translate("The document has no proof.") != (
            "The document has no proof."
        )
