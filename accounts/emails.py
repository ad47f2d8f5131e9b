"""E-mails to account holders, rendered from templates in their language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import EmailAddress, User
from .tokens import VERIFICATION_MAX_AGE, make_verification_token


def language_of(user: User) -> str:
    return user.language if user.language in ("en", "lv") else "en"


def send_templated(*, to: str, template: str, context: dict, language: str) -> None:
    """Send ``<template>_subject.txt``, ``.txt`` and ``.html`` rendered in ``language`` to ``to``."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, settings.DEFAULT_FROM_EMAIL, [to]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def send_verification_email(*, address: EmailAddress) -> None:
    link = settings.PUBLIC_BASE_URL + reverse(
        "accounts:verify-email", args=[make_verification_token(address)]
    )
    send_templated(
        to=address.email,
        template="accounts/emails/verify_email",
        context={
            "user": address.user,
            "address": address,
            "link": link,
            "days": VERIFICATION_MAX_AGE.days,
        },
        language=language_of(address.user),
    )


def send_password_reset_email(*, user: User) -> None:
    link = settings.PUBLIC_BASE_URL + reverse(
        "accounts:password-reset-confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    send_templated(
        to=user.email,
        template="accounts/emails/password_reset",
        context={"user": user, "link": link},
        language=language_of(user),
    )


def send_sign_up_notice_email(*, user: User, email: str) -> None:
    """Tell ``email`` (an address of ``user``) that someone tried to sign up with it."""
    base = settings.PUBLIC_BASE_URL
    send_templated(
        to=email,
        template="accounts/emails/sign_up_attempt",
        context={
            "user": user,
            "email": email,
            "sign_in_link": base + reverse("accounts:login"),
            "reset_link": base + reverse("accounts:password-reset"),
        },
        language=language_of(user),
    )


def send_account_deleted_email(*, email: str, language: str) -> None:
    """Confirm to a deleted account's former sign-in address that the account is gone."""
    send_templated(
        to=email,
        template="accounts/emails/account_deleted",
        context={
            "email": email,
            "signup_link": settings.PUBLIC_BASE_URL + reverse("accounts:signup"),
        },
        language=language,
    )
