"""One helper for the field errors actions raise, so every error keeps its stable code."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def field_error(field: str, message, code: str, **params) -> ValidationError:
    """Return ``ValidationError({field: message})`` that keeps ``code`` (a dict alone would drop it)."""
    return ValidationError(
        {field: ValidationError(message, code=code, params=params or None)}
    )
