from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications: e-mails to learners and staff, with a record of every delivery."""

    name = "notifications"
    verbose_name = _("Notifications")
