"""``{{ check.name|check_label }}``: a verification check's name in plain, translated words."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# credentials.report.CHECK_NAMES, as a person reading the report would say them.
CHECK_LABELS = {
    "format": _("Readable credential"),
    "schema": _("Required contents"),
    "issuer_key": _("Issuer's signing key"),
    "proof": _("Signature"),
    "validity": _("Dates of validity"),
    "status": _("Revocation status"),
}


@register.filter
def check_label(name: str) -> str:
    return CHECK_LABELS.get(name, name)
