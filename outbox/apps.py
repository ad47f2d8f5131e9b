from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """The outbox: outbound work recorded in the transaction that causes it (see __init__)."""

    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the Celery signal handlers)
