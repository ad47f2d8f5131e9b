"""Answering an award in the backpack (accept, decline) and claiming the address it went to."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.actions import add_proven_address
from accounts.models import EmailAddress, verified_addresses
from audit.log import record
from badges.models import Award
from issuers.validation import field_error

from ..models import HoldingStatus, StoredCredential

ADDRESS_OF_ANOTHER_ACCOUNT = gettext_noop(
    "This address belongs to another account. Sign in to that account to accept the badge."
)
NOT_YOURS = gettext_noop("This badge was sent to an address that is not yours.")


@transaction.atomic
def claim_address(*, user, award: Award) -> EmailAddress:
    """Add the address ``award`` was sent to to the user's account, verified.

    Call only with an award named by a genuine claim link: the link reached
    that address, which proves it. The ownership rules are the accounts app's
    (``add_proven_address``); audit data names the award, never the address.
    """
    try:
        return add_proven_address(user=user, email=award.recipient_identity,
                                  proof={"via": "claim_link", "award": str(award.uuid), "recipient": award.recipient_hash})  # fmt: skip
    except ValidationError as exc:
        if [e.code for e in exc.error_dict.get("email", [])] == ["address_taken"]:
            raise field_error(
                "email", _(ADDRESS_OF_ANOTHER_ACCOUNT), "address_taken"
            ) from None
        raise


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
