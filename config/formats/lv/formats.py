"""Latvian: Django's own formats, with a no-break space between thousands."""

from django.conf.locale.lv.formats import *  # noqa: F403

THOUSAND_SEPARATOR = "\u00a0"
NUMBER_GROUPING = 3
