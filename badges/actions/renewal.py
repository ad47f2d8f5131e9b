"""Renewing an award: re-issuing it to the same recipient with a new validity."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record
from issuers.validation import field_error

from ..models import Award
from .awarding import award_badge

CANNOT_RENEW_REVOKED = gettext_noop(
    "A revoked award cannot be renewed: award the badge again instead."
)


@transaction.atomic
def renew_award(
    *,
    award: Award,
    acting_user,
    issued_on: datetime | None = None,
    expires_at: datetime | None = None,
) -> Award:
    """Re-issue ``award`` to the same recipient with a new validity, and return the new award.

    The new award points back through ``renewed_from``; its expiry is the badge
    class's validity period after ``issued_on`` (default: now) unless
    ``expires_at`` is given. The old award stays as it was: it may still be
    revoked, or expire on its own. Each call makes a new renewal, so renewing
    twice makes two renewals (only when asked twice: the request is not
    deduplicated). Raise ValidationError on ``award`` for a revoked award, and
    whatever ``award_badge`` raises (e.g. for an archived badge class).
    """
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.is_revoked:
        raise field_error("award", _(CANNOT_RENEW_REVOKED), "award_revoked")
    renewal = award_badge(
        badge_class=award.badge_class,
        recipient_identity=award.recipient_identity,
        recipient_type=award.recipient_type,
        recipient_name=award.recipient_name,
        acting_user=acting_user,
        issued_on=issued_on,
        expires_at=expires_at,
        evidence=award.evidence,
        narrative=award.narrative,
        result=award.result,
        route=award.route,
        renewed_from=award,
    )
    record("award.renewed", actor=acting_user, target=renewal, institution=award.issuer.institution,
           issuer=award.issuer, data={"renewed_from": str(award.uuid), "recipient": award.recipient_hash,
                                      "expires_at": renewal.expires_at.isoformat() if renewal.expires_at else None})  # fmt: skip
    return renewal
