from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerifierConfig(AppConfig):
    name = "verifier"
    verbose_name = _("Verifier")
