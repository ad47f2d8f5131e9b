from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuersConfig(AppConfig):
    name = "issuers"
    verbose_name = _("Institutions and issuers")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers system checks)
