"""Queue interface for badges: thin tasks that fetch rows again and call one action."""

from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def publish_status_list(self, issuer_id: int) -> None:
    """Republish an issuer's status list (after a revocation)."""
    from issuers.models import Issuer

    from .actions import publish_status_list as publish

    issuer = Issuer.objects.filter(pk=issuer_id).first()
    if issuer is None:
        return
    publish(issuer=issuer)


# The name it had in accounts.tasks, so messages queued before the move still run.
@shared_task(
    bind=True,
    name="accounts.tasks.send_badge_request_decision",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_badge_request_decision(self, badge_request_id: int) -> None:
    """Tell a learner that their badge request was approved or denied."""
    from .actions.requests import send_badge_request_decision_email
    from .models import BadgeRequest, BadgeRequestStatus

    badge_request = (
        BadgeRequest.objects.select_related("badge_class", "issuer", "user", "award")
        .filter(pk=badge_request_id)
        .first()
    )
    if badge_request is None or badge_request.status not in (
        BadgeRequestStatus.APPROVED,
        BadgeRequestStatus.DENIED,
    ):
        return
    if badge_request.user_id is None:  # the learner deleted their account meanwhile
        return
    send_badge_request_decision_email(badge_request=badge_request)


publish_status_list_task = publish_status_list
send_badge_request_decision_task = send_badge_request_decision
