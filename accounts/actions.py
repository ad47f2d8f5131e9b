"""Account state changes: creating accounts and personal API tokens."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record
from issuers.validation import field_error

from .models import ApiToken, EmailAddress, User

EMAIL_TAKEN = gettext_noop(
    "An account with this e-mail address exists already: sign in instead."
)


@transaction.atomic
def create_account(
    *, email: str, full_name: str, password: str, email_verified: bool = False
) -> User:
    """Create an account whose sign-in address is ``email``.

    ``email_verified`` is True only when the caller has proven the address
    (an invitation or claim link that reached it); otherwise it must be
    verified before awards to it appear in the account.
    """
    email = email.strip().lower()
    if (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email=email).exists()
    ):
        raise field_error("email", _(EMAIL_TAKEN), "email_taken")
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name.strip()
    )
    EmailAddress.objects.create(
        user=user, email=email, verified_at=now() if email_verified else None
    )
    record(
        "account.created",
        actor=user,
        target=user,
        data={"email_verified": email_verified},
    )
    return user


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is shown once and never stored."""
    secret = ApiToken.PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name.strip(), hint=secret[:8], digest=ApiToken.digest_of(secret)
    )
    token.full_clean()
    token.save()
    record("api_token.created", actor=user, target=token, data={"name": token.name})
    return token, secret


@transaction.atomic
def revoke_api_token(*, token: ApiToken, acting_user: User) -> None:
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=now())
        record("api_token.revoked", actor=acting_user, target=token)
