from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostlinksConfig(AppConfig):
    name = "hostlinks"
    verbose_name = _("Connected hosts")
