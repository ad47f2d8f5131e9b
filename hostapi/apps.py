from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostapiConfig(AppConfig):
    name = "hostapi"
    verbose_name = _("Open Badges 3.0 API")
