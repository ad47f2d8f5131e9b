"""Queue interface for e-mails to account holders: thin tasks that fetch rows again."""

from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_verification_email(self, address_id: int) -> None:
    """E-mail a verification link, unless the address was removed or verified meanwhile."""
    from .emails import send_verification_email as send
    from .models import EmailAddress

    address = EmailAddress.objects.select_related("user").filter(pk=address_id).first()
    if address is None or address.is_verified:
        return
    send(address=address)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset_email(self, user_id: int) -> None:
    """E-mail a password reset link, unless the account was closed meanwhile."""
    from .emails import send_password_reset_email as send
    from .models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    send(user=user)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_sign_up_notice(self, user_id: int, email: str) -> None:
    """Tell an address's owner that someone tried to sign up with it.

    Return quietly if the account was closed, or no longer holds the address.
    """
    from .emails import send_sign_up_notice_email as send
    from .models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    if (
        email != user.email.lower()
        and not user.email_addresses.filter(email=email).exists()
    ):
        return
    send(user=user, email=email)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_account_deleted_email(self, email: str, language: str) -> None:
    """Confirm a deletion to the former sign-in address (the account row is gone, so it comes as text)."""
    from .emails import send_account_deleted_email as send

    send(email=email, language=language)


@shared_task
def end_sessions(user_id: int) -> None:
    """End the stored sessions of a deleted account."""
    from .actions import end_sessions as end

    end(user_id=user_id)


send_verification_email_task = send_verification_email
send_password_reset_email_task = send_password_reset_email
send_sign_up_notice_task = send_sign_up_notice
send_account_deleted_email_task = send_account_deleted_email
end_sessions_task = end_sessions
