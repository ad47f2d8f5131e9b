"""Translatable text without a migration per language.

A translatable model stores its text in the primary language (``language``)
in ordinary fields, and every other language in ``translations``::

    {"lv": {"name": "Metināšana", "description": "..."}, "de": {...}}
"""

from __future__ import annotations

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Language codes we accept: Django's list of languages with a name (ISO 639-1
# and a few regional variants), which covers every EU official language.
LANGUAGE_NAMES: dict[str, str] = {
    code: info["name"]
    for code, info in LANG_INFO.items()
    if "name" in info and "-" not in code
}
# Names shown in the visitor's language: Django's own catalogue translates them.
LANGUAGE_CHOICES = [
    (code, _(name))
    for code, name in sorted(LANGUAGE_NAMES.items(), key=lambda item: item[1])
]

UNKNOWN_LANGUAGE = _(
    "“%(code)s” is not a known language code (use ISO 639-1, e.g. en, lv)."
)


def validate_language(code: str) -> None:
    if code not in LANGUAGE_NAMES:
        raise ValidationError(
            UNKNOWN_LANGUAGE, code="unknown_language", params={"code": code}
        )


def validate_languages(codes) -> None:
    if not isinstance(codes, list):
        raise ValidationError(_("Give a list of language codes."), code="invalid")
    for code in codes:
        validate_language(code)


class Translatable(models.Model):
    """Abstract: a primary ``language`` plus ``translations`` of TRANSLATABLE_FIELDS."""

    TRANSLATABLE_FIELDS: tuple[str, ...] = ()

    language = models.CharField(
        _("primary language"),
        max_length=8,
        default="en",
        validators=[validate_language],
    )
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        self.translations = clean_translations(
            self.translations,
            fields=self.TRANSLATABLE_FIELDS,
            primary=self.language,
            model=self,
        )

    def localized(self, field: str, language: str | None = None) -> str:
        """Return ``field`` in ``language`` (default: the active one), else the primary text."""
        language = (language or get_language() or self.language).split("-")[0]
        if language != self.language:
            text = (self.translations or {}).get(language, {}).get(field)
            if text:
                return text
        return getattr(self, field)

    def translation_languages(self) -> list[str]:
        return sorted(self.translations or {})


def _error(message, error_code: str, **params) -> ValidationError:
    return ValidationError(
        {
            "translations": ValidationError(
                message, code=error_code, params=params or None
            )
        }
    )


def clean_translations(
    value, *, fields: tuple[str, ...], primary: str, model=None
) -> dict:
    """Validate and normalise a translations mapping; drop empty texts and languages."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise _error(_("Translations must be an object keyed by language."), "invalid")
    cleaned: dict[str, dict[str, str]] = {}
    for code, texts in value.items():
        if code not in LANGUAGE_NAMES:
            raise _error(UNKNOWN_LANGUAGE, "unknown_language", code=code)
        if code == primary:
            raise _error(
                _("The primary language (%(code)s) is not a translation."),
                "primary_language",
                code=code,
            )
        if not isinstance(texts, dict):
            raise _error(_("Each language maps field names to texts."), "invalid")
        kept = {}
        for field, text in texts.items():
            if field not in fields:
                raise _error(
                    _("“%(field)s” cannot be translated."),
                    "not_translatable",
                    field=field,
                )
            if not isinstance(text, str):
                raise _error(_("Translated texts must be strings."), "invalid")
            max_length = (
                model._meta.get_field(field).max_length if model is not None else None
            )
            if max_length and len(text) > max_length:
                raise _error(
                    _("The %(lang)s “%(field)s” is longer than %(max)d characters."),
                    "max_length",
                    lang=code,
                    field=field,
                    max=max_length,
                )
            if text.strip():
                kept[field] = text.strip()
        if kept:
            cleaned[code] = kept
    return cleaned
