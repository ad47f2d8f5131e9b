"""E-mails about staff: rendered from templates in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Invitation


def send_invitation_email(*, invitation: Invitation, secret: str) -> None:
    from .actions import mark_invitation_sent

    language = (
        invitation.scope_institution.language
        if invitation.scope_institution.language in ("en", "lv")
        else "en"
    )
    link = settings.PUBLIC_BASE_URL + reverse(
        "issuers:invitation-accept", args=[secret]
    )
    with translation.override(language):
        context = {"invitation": invitation, "link": link, "scope": invitation.scope}
        subject = render_to_string(
            "issuers/emails/invitation_subject.txt", context
        ).strip()
        text = render_to_string("issuers/emails/invitation.txt", context)
        html = render_to_string("issuers/emails/invitation.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [invitation.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
    mark_invitation_sent(invitation=invitation)
