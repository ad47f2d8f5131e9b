"""Validators shared by the badge models (the migrations name them as ``badges.models.*``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from issuers.translations import validate_language

NOT_NEGATIVE = MinValueValidator(0, message=_("Enter zero or a positive number."))


@deconstructible(path="badges.models.ChoiceListValidator")
class ChoiceListValidator:
    """Validate a JSON list of distinct values taken from ``choices``."""

    def __init__(self, allowed) -> None:
        self.allowed = (
            sorted(value for value, *_label in allowed)
            if allowed and isinstance(allowed[0], tuple)
            else sorted(allowed)
        )

    def __call__(self, values) -> None:
        if not isinstance(values, list):
            raise ValidationError(_("Give a list."), code="invalid")
        unknown = [v for v in values if v not in self.allowed]
        if unknown:
            raise ValidationError(
                _("Unknown value(s): %(values)s."),
                code="invalid_choice",
                params={"values": ", ".join(map(str, unknown))},
            )
        if len(set(values)) != len(values):
            raise ValidationError(_("Each value may appear once."), code="duplicate")

    def __eq__(self, other) -> bool:
        return isinstance(other, ChoiceListValidator) and self.allowed == other.allowed


def _validate_languages(values) -> None:
    if not isinstance(values, list):
        raise ValidationError(_("Give a list of language codes."), code="invalid")
    for code in values:
        validate_language(code)


def _validate_tags(values) -> None:
    if not isinstance(values, list) or not all(
        isinstance(v, str) and 0 < len(v) <= 60 for v in values
    ):
        raise ValidationError(
            _("Tags are a list of words of at most 60 characters."), code="invalid"
        )
