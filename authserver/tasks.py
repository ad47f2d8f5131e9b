from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.utils.timezone import now


@shared_task
def clear_expired() -> int:
    """Delete expired tokens and codes (django-oauth-toolkit's own sweep) and old spent codes.

    Return how many spent-code records were deleted. Codes live at most
    OAUTH_CODE_SECONDS, so a day is long past any replay of one.
    """
    from oauth2_provider.models import clear_expired as clear_expired_tokens

    from .models import SpentCode

    clear_expired_tokens()
    deleted, _ = SpentCode.objects.filter(
        created_at__lt=now() - timedelta(days=1)
    ).delete()
    return deleted
