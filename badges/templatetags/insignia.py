"""Template helpers: localized text of translatable models, Markdown, labels."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from badges.choices import AssessmentType, ParticipationForm
from badges.markdown import render_markdown
from issuers.translations import LANGUAGE_NAMES

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """``{{ badge_class|tr:"name" }}``: the field in the active language, else the primary text."""
    return obj.localized(field, get_language())


@register.filter
def markdown(text: str):
    return render_markdown(text)


@register.filter
def language_name(code: str) -> str:
    from django.utils.translation import gettext

    return gettext(LANGUAGE_NAMES.get(code, code))


_CHOICE_LISTS = {
    "assessment": AssessmentType.choices,
    "participation": ParticipationForm.choices,
}


@register.filter
def choice_labels(values, kind: str) -> list[str]:
    """Labels for a list of stored choice values (``kind`` is "assessment" or "participation")."""
    labels = dict(_CHOICE_LISTS[kind])
    return [str(labels.get(v, v)) for v in values or ()]


@register.filter
def number(value) -> str:
    """A Decimal without trailing zeros: 150.0 → 150, 2.50 → 2.5."""
    if value is None:
        return ""
    text = format(value.normalize() if hasattr(value, "normalize") else value, "f")
    return text
