"""Queue interface for issuers: thin tasks that fetch rows again and call one action."""

from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(self, invitation_id: int, secret: str) -> None:
    """E-mail an invitation link, unless the invitation was withdrawn or used meanwhile."""
    from .emails import send_invitation_email
    from .models import Invitation

    invitation = (
        Invitation.objects.select_related("institution", "issuer__institution")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        return
    send_invitation_email(invitation=invitation, secret=secret)


send_invitation_task = send_invitation
