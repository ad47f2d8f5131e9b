"""The rules an award's fields follow, one function each.

``award_badge`` applies them as it awards, and the bulk preview checks every
CSV row by the same functions before anything is awarded, so a row the
preview accepts is a row ``award_badge`` accepts. Each function returns the
cleaned value or ``None`` and raises ``ValidationError`` (with a code) when
the rule is broken; callers that word their own messages (the preview quotes
the cell) keep the code.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from credentials import hashing
from issuers.validation import field_error

from .choices import RecipientType

EXPIRES_BEFORE_ISSUE = gettext_noop("The expiry date must be after the issue date.")
NO_RESULT_DEFINED = gettext_noop("This badge class records no result.")
BAD_TELEPHONE = gettext_noop(
    "Enter a telephone number in international form, e.g. +37120000000."
)

_TELEPHONE = re.compile(r"^\+[1-9][0-9]{6,14}$")
_WEB_URL = URLValidator(schemes=["http", "https"])


def clean_identity(recipient_type: str, identity: str) -> str:
    """Return the recipient's identity normalised; raise ValidationError unless it is well formed."""
    identity = hashing.normalise_identity(identity, recipient_type=recipient_type)
    if recipient_type == RecipientType.EMAIL:
        EmailValidator()(identity)
    elif recipient_type == RecipientType.URL:
        _WEB_URL(identity)
    elif recipient_type == RecipientType.TELEPHONE:
        identity = re.sub(r"[ ()\-]", "", identity)
        if not _TELEPHONE.match(identity):
            raise ValidationError(_(BAD_TELEPHONE), code="invalid")
    else:
        raise ValidationError(
            _("Choose e-mail, URL or telephone."), code="invalid_choice"
        )
    return identity


def check_web_url(url: str) -> None:
    """Raise ValidationError unless ``url`` is an http(s) URL (evidence, portfolios)."""
    _WEB_URL(url)


def check_expiry(issued: date | None, expires: date | None) -> None:
    """Raise ValidationError on ``expires_at`` unless the award expires after it is issued.

    Works on dates (the CSV preview) and datetimes (an award) alike.
    """
    if issued is not None and expires is not None and expires <= issued:
        raise field_error("expires_at", _(EXPIRES_BEFORE_ISSUE), "expires_before_issue")


def check_result(result: str, *, records_result: bool) -> None:
    """Raise ValidationError on ``result`` when one is given for a class that records none."""
    if result and not records_result:
        raise field_error("result", _(NO_RESULT_DEFINED), "no_result_defined")
