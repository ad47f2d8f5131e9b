from django.apps import AppConfig


class IssuersConfig(AppConfig):
    name = "issuers"
    verbose_name = "Institutions and issuers"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers system checks)
