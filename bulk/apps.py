from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulkConfig(AppConfig):
    """Bulk awarding: many recipients at once, from a CSV file or a JSON batch."""

    name = "bulk"
    verbose_name = _("Bulk awarding")
