"""Account state changes: accounts, e-mail addresses, passwords, personal API tokens.

E-mails (verification links, password resets) are sent by tasks queued once
the transaction commits. Audit events name an account by its own uuid and an
e-mail address by its SHA-256 digest, never the plain address.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record
from audit.models import AuditEvent
from issuers.validation import field_error
from outbox.actions import enqueue

from ..models import ApiToken, EmailAddress, User, email_digest

EMAIL_TAKEN = gettext_noop(
    "An account with this e-mail address exists already: sign in instead."
)
ADDRESS_TAKEN = gettext_noop(
    "Another account has verified this address already. If it is yours, sign in to that account."
)
ADDRESS_ALREADY_YOURS = gettext_noop("This address is in your account already.")
ADDRESS_VERIFIED = gettext_noop("This address is verified already.")
SIGN_IN_ADDRESS = gettext_noop(
    "This is the address you sign in with, so it cannot be removed."
)
WRONG_PASSWORD = gettext_noop("This is not your current password.")
LAST_OWNER_OF = gettext_noop(
    "You are the last owner of %(names)s. Make someone else owner there first, "
    "then delete your account."
)

# One notice per address in this time, however often someone tries to sign up with it.
SIGN_UP_NOTICE_INTERVAL = timedelta(minutes=15)


def _normalise(email: str) -> str:
    return email.strip().lower()


def _queue_verification(address: EmailAddress) -> None:
    from ..tasks import send_verification_email_task

    enqueue(send_verification_email_task, address.pk)


def _release_unproven(email: str, *, actor: User | None) -> None:
    """Remove ``email`` from an account that added it but never verified it.

    An unproven claim must not block the address's real owner. A verified
    address, or another account's sign-in address, is left alone (the caller
    then refuses).
    """
    existing = EmailAddress.objects.select_related("user").filter(email=email).first()
    if existing is None or existing.is_verified or existing.user.email == email:
        return
    record(
        "email_address.released",
        actor=actor,
        target=existing.user,
        data={"email_sha256": email_digest(email)},
    )
    existing.delete()


@transaction.atomic
def create_account(
    *, email: str, full_name: str, password: str, email_verified: bool = False
) -> User:
    """Create an account whose sign-in address is ``email``.

    ``email_verified`` is True only when the caller has proven the address
    (an invitation or claim link that reached it); otherwise it must be
    verified before awards to it appear in the account.
    """
    email = _normalise(email)
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
def sign_up(
    *, email: str, full_name: str, password: str, language: str = "en"
) -> User | None:
    """Create a learner's account with an unverified address and e-mail it a verification link.

    ``language`` (the page's) is kept for the account's e-mails. When the
    address belongs to an account already, change nothing, e-mail that address
    a notice (with links to sign in and to reset the password) and return
    None. Callers answer both cases alike, so sign-up does not tell who has an
    account here.
    """
    email = _normalise(email)
    _release_unproven(email, actor=None)
    owner = _owner_of(email)
    if owner is not None:
        # Hash the password anyway: a sign-up for a taken address takes as long as a real one.
        make_password(password)
        _notify_sign_up_attempt(owner=owner, email=email)
        return None
    user = create_account(email=email, full_name=full_name, password=password)
    if language in dict(settings.LANGUAGES) and language != user.language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
    _queue_verification(user.email_addresses.get())
    return user


def _owner_of(email: str) -> User | None:
    """Return the account that signs in with ``email`` or holds it (verified), or None."""
    owner = User.objects.filter(email__iexact=email).first()
    if owner is None:
        address = (
            EmailAddress.objects.select_related("user").filter(email=email).first()
        )
        owner = address.user if address is not None else None
    return owner


def _notify_sign_up_attempt(*, owner: User, email: str) -> None:
    """Tell ``email``'s owner that someone tried to sign up with it, at most once an interval."""
    from ..tasks import send_sign_up_notice_task

    digest = email_digest(email)
    recently = AuditEvent.objects.filter(
        action="account.sign_up_attempted",
        target_id=str(owner.uuid),
        data__email_sha256=digest,
        created_at__gte=now() - SIGN_UP_NOTICE_INTERVAL,
    ).exists()
    if recently or not owner.is_active:
        return
    record(
        "account.sign_up_attempted",
        actor=None,
        target=owner,
        data={"email_sha256": digest},
    )
    enqueue(send_sign_up_notice_task, owner.pk, email, sealed=True)


def _refuse_if_taken(email: str, *, user: User, existing: EmailAddress | None) -> None:
    """Raise on ``email`` when another account has it verified, or signs in with it."""
    if (
        existing is not None
        and existing.user_id != user.pk
        and (existing.is_verified or existing.user.email == existing.email)
    ):
        raise field_error("email", _(ADDRESS_TAKEN), "address_taken")
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise field_error("email", _(ADDRESS_TAKEN), "address_taken")


@transaction.atomic
def add_proven_address(
    *, user: User, email: str, proof: dict[str, str]
) -> EmailAddress:
    """Add ``email`` to ``user`` as verified, without a verification e-mail.

    Call only with proof that the user reads that mailbox (a claim link that
    reached it); ``proof`` goes into the audit event. Ownership rules are those
    of ``add_email_address``: an unproven claim by another account is taken
    over, an address verified elsewhere (or another account's sign-in address)
    is refused. An address the user has already becomes verified.
    """
    email = _normalise(email)
    existing = (
        EmailAddress.objects.select_for_update()
        .select_related("user")
        .filter(email=email)
        .first()
    )
    if existing is not None and existing.user_id == user.pk:
        if not existing.is_verified:
            EmailAddress.objects.filter(pk=existing.pk).update(verified_at=now())
            existing.refresh_from_db()
            record("email_address.verified", actor=user, target=user,
                   data={"email_sha256": email_digest(email), **proof})  # fmt: skip
        return existing
    _refuse_if_taken(email, user=user, existing=existing)
    _release_unproven(email, actor=user)
    address = EmailAddress.objects.create(user=user, email=email, verified_at=now())
    record("email_address.verified", actor=user, target=user,
           data={"email_sha256": email_digest(email), "added": True, **proof})  # fmt: skip
    return address


@transaction.atomic
def add_email_address(*, user: User, email: str) -> EmailAddress:
    """Add an unverified address to ``user`` and e-mail it a verification link.

    An address another account has only added, never verified, is taken over
    (an unproven claim must not block its real owner), unless it is that
    account's sign-in address. Raise ValidationError on ``email`` when the
    address is this account's already or is verified (or signed in with) elsewhere.
    """
    email = _normalise(email)
    existing = EmailAddress.objects.select_related("user").filter(email=email).first()
    if existing is not None and existing.user_id == user.pk:
        raise field_error("email", _(ADDRESS_ALREADY_YOURS), "address_yours")
    _refuse_if_taken(email, user=user, existing=existing)
    _release_unproven(email, actor=user)
    address = EmailAddress(user=user, email=email)
    address.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            address.save()
    except IntegrityError:  # another request added the same address at the same moment
        raise field_error("email", _(ADDRESS_TAKEN), "address_taken") from None
    record(
        "email_address.added",
        actor=user,
        target=user,
        data={"email_sha256": email_digest(email)},
    )
    _queue_verification(address)
    return address


@transaction.atomic
def resend_verification(*, address: EmailAddress, acting_user: User) -> None:
    """E-mail a fresh verification link to an unverified address.

    Raise ValidationError when the address is verified already.
    """
    if address.is_verified:
        raise field_error("email", _(ADDRESS_VERIFIED), "verified_already")
    record(
        "email_address.verification_resent",
        actor=acting_user,
        target=address.user,
        data={"email_sha256": email_digest(address.email)},
    )
    _queue_verification(address)


@transaction.atomic
def verify_email_address(*, address: EmailAddress) -> bool:
    """Mark ``address`` verified; return False if it was verified already (the link is idempotent).

    The caller has checked the signed token: whoever holds it read the mailbox.
    """
    updated = EmailAddress.objects.filter(pk=address.pk, verified_at=None).update(
        verified_at=now()
    )
    if updated != 1:
        return False
    address.refresh_from_db()
    record(
        "email_address.verified",
        actor=None,
        target=address.user,
        data={"email_sha256": email_digest(address.email)},
    )
    return True


@transaction.atomic
def remove_email_address(*, address: EmailAddress, acting_user: User) -> None:
    """Remove an address from its account. Raise ValidationError for the sign-in address."""
    if address.email == address.user.email.lower():
        raise field_error("email", _(SIGN_IN_ADDRESS), "sign_in_address")
    record(
        "email_address.removed",
        actor=acting_user,
        target=address.user,
        data={
            "email_sha256": email_digest(address.email),
            "was_verified": address.is_verified,
        },
    )
    address.delete()


@transaction.atomic
def request_password_reset(*, user: User) -> None:
    """E-mail ``user`` a password reset link (made by the task, so no secret enters the queue)."""
    from ..tasks import send_password_reset_email_task

    record("account.password_reset_requested", actor=None, target=user)
    enqueue(send_password_reset_email_task, user.pk)


@transaction.atomic
def reset_password(*, user: User, password: str) -> User:
    """Set a new password from a reset link, and count the sign-in address as verified.

    The reset link was e-mailed to the sign-in address, so following it proves
    the address, as an invitation link does.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    verified = EmailAddress.objects.filter(
        user=user, email=user.email.lower(), verified_at=None
    ).update(verified_at=now())
    record(
        "account.password_reset",
        actor=user,
        target=user,
        data={"address_verified": bool(verified)},
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


@transaction.atomic
def change_name(*, user: User, name: str, client_id: str = "") -> bool:
    """Set ``user``'s full name to ``name``; return whether it changed.

    ``client_id`` names the OB 3.0 API application that asked (putProfile);
    the audit event records it, never the names themselves.
    """
    if user.full_name == name:
        return False
    user.full_name = User._meta.get_field("full_name").clean(name, user)
    user.save(update_fields=["full_name"])
    record(
        "account.name_changed",
        actor=user,
        target=user,
        data={"via": "ob3_api" if client_id else "site", "client_id": client_id},
    )
    return True
