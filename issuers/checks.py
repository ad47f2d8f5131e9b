"""System checks for configuration the platform depends on."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def public_base_url_check(app_configs, **kwargs):
    errors = []
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    if parts.scheme != "https":
        errors.append(
            checks.Error(
                "PUBLIC_BASE_URL must use https:// in production.", id="insignia.E001"
            )
        )
    if (
        parts.hostname not in settings.ALLOWED_HOSTS
        and "*" not in settings.ALLOWED_HOSTS
    ):
        errors.append(
            checks.Error(
                "PUBLIC_BASE_URL's host must be in ALLOWED_HOSTS.", id="insignia.E002"
            )
        )
    if not settings.KEY_ENCRYPTION_SECRET:
        errors.append(
            checks.Error(
                "KEY_ENCRYPTION_SECRET is required: it seals issuers' signing keys.",
                id="insignia.E003",
            )
        )
    return errors
