"""Shared helpers: award to a fresh address, send queued e-mails in-process, read messages."""

from __future__ import annotations

import re

from badges.actions import award_badge
from notifications.models import DeliveryStatus, EmailDelivery
from notifications.tasks import send_delivery_task

LEARNER = "dana.learner@example.org"


def give(cast, recipient=LEARNER, **values):
    return award_badge(
        badge_class=values.pop("badge_class", cast.badge_class),
        recipient_identity=recipient,
        recipient_name=values.pop("recipient_name", "Dana Learner"),
        acting_user=cast.aaron,
        **values,
    )


def send_queued() -> None:
    """Run the send task in this process for every queued delivery (both passes).

    Tests on the ``db`` fixture never commit, so their on-commit callbacks
    are captured, not run; this stands in for the queue.
    """
    for pk in EmailDelivery.objects.filter(status=DeliveryStatus.QUEUED).values_list(
        "pk", flat=True
    ):
        send_delivery_task.apply(args=[pk])


def text_of(message) -> str:
    if hasattr(message, "body"):  # Django's EmailMessage (in-process)
        return message.body
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    if hasattr(message, "alternatives"):
        return message.alternatives[0][0]
    return message.get_body(preferencelist=("html",)).get_content()


def recipients_of(message) -> list[str]:
    return list(message.to) if hasattr(message, "body") else [message["To"]]


def subject_of(message) -> str:
    return str(message.subject if hasattr(message, "body") else message["Subject"])


def claim_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/wallet/claim/\S+)", text_of(message))
    assert match is not None, text_of(message)
    return match.group(1)
