"""The only way to fetch backpack entries on behalf of a learner."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import verified_addresses
from badges.choices import RecipientType
from badges.models import Award
from issuers.access import NOT_FOUND, parse_uuid


def held_awards(user) -> QuerySet[Award]:
    """Every award to one of the user's verified addresses, newest first (none for visitors)."""
    addresses = verified_addresses(user)
    return Award.objects.filter(
        recipient_type=RecipientType.EMAIL,
        recipient_identity__in=addresses,
    ).select_related("badge_class", "issuer__institution")


def access_held_award(user, award_id) -> Award:
    """Return the award if it went to one of the user's verified addresses; else the same 404."""
    award = held_awards(user).filter(uuid=parse_uuid(award_id)).first()
    if award is None:
        raise Http404(NOT_FOUND)
    return award
