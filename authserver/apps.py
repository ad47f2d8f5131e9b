from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthserverConfig(AppConfig):
    name = "authserver"
    verbose_name = _("Connected applications")
