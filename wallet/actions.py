"""Every state change of the backpack: answering an award, claiming its address."""

from __future__ import annotations

from django.db import transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import EmailAddress, verified_addresses
from audit.log import record
from badges.models import Award
from issuers.validation import field_error

from .models import HoldingStatus, StoredCredential

ADDRESS_OF_ANOTHER_ACCOUNT = gettext_noop(
    "This address belongs to another account. Sign in to that account to accept the badge."
)
NOT_YOURS = gettext_noop("This badge was sent to an address that is not yours.")


@transaction.atomic
def claim_address(*, user, award: Award) -> EmailAddress:
    """Add the address ``award`` was sent to to the user's account, verified.

    Call only with an award named by a genuine claim link: the link reached
    that address, which proves it. An address the user already has becomes
    verified. Raise ValidationError on ``email`` if another account has it.
    """
    email = award.recipient_identity
    address = EmailAddress.objects.select_for_update().filter(email=email).first()
    if address is not None and address.user_id != user.pk:
        raise field_error("email", _(ADDRESS_OF_ANOTHER_ACCOUNT), "address_taken")
    if address is None:
        address = EmailAddress(user=user, email=email)
    if address.verified_at is None:
        address.verified_at = now()
        address.full_clean(validate_unique=False)
        address.save()
        # Audit data names the address by the award's hash, never in plain.
        record("email_address.verified", actor=user, target=user,
               data={"via": "claim_link", "award": str(award.uuid), "recipient": award.recipient_hash})  # fmt: skip
    return address


def _answer(*, user, award: Award, status: str) -> StoredCredential:
    if award.recipient_identity not in verified_addresses(user):
        raise field_error("award", _(NOT_YOURS), "not_yours")
    held, _created = StoredCredential.objects.select_for_update().get_or_create(
        user=user, award=award
    )
    if held.status != status:
        held.status = status
        held.full_clean(validate_constraints=False)
        held.save()
        record(f"stored_credential.{status}", actor=user, target=award, institution=award.issuer.institution,
               issuer=award.issuer, data={"recipient": award.recipient_hash})  # fmt: skip
    return held


@transaction.atomic
def accept_award(*, user, award: Award) -> StoredCredential:
    """Keep ``award`` in the user's backpack. Accepting a declined award is allowed."""
    return _answer(user=user, award=award, status=HoldingStatus.ACCEPTED)


@transaction.atomic
def decline_award(*, user, award: Award) -> StoredCredential:
    """Hide ``award`` from the user's backpack. It is not revoked, and can be accepted later."""
    return _answer(user=user, award=award, status=HoldingStatus.DECLINED)
