"""Filters of the dashboard templates."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(value: int | None) -> str:
    """A whole percentage in the page's language ("45%", "45 %"), or a dash for none."""
    if value is None:
        return "—"
    return _("%(number)s%%") % {"number": number_format(value)}


@register.filter
def count(value: int) -> str:
    """A count with the page's thousands separator (10 000)."""
    return number_format(value, force_grouping=True)
