"""The only way to fetch backpack entries on behalf of a learner."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import verified_addresses
from badges.choices import RecipientType
from badges.models import Award
from issuers.access import NOT_FOUND, parse_uuid

from .models import Collection, HoldingStatus, StoredCredential


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


def _is_learner(user) -> bool:
    """True for a signed-in, active account (a visitor holds nothing)."""
    return bool(user.is_authenticated and user.is_active)


def held_credentials(user):
    """The user's accepted awards (still to a verified address) and imported credentials."""
    if not _is_learner(user):
        return StoredCredential.objects.none()
    return StoredCredential.objects.filter(
        Q(award__isnull=True)
        | Q(award__recipient_identity__in=verified_addresses(user)),
        user=user,
        status=HoldingStatus.ACCEPTED,
    ).select_related("award__badge_class", "award__issuer__institution")


def access_held(user, held_id):
    """Return a credential the user holds (accepted or imported); else the same 404."""
    held = held_credentials(user).filter(uuid=parse_uuid(held_id)).first()
    if held is None:
        raise Http404(NOT_FOUND)
    return held


def access_collection(user, collection_id):
    """Return one of the user's collections; else the same 404."""
    if not _is_learner(user):
        raise Http404(NOT_FOUND)
    collection = Collection.objects.filter(
        user=user, uuid=parse_uuid(collection_id)
    ).first()
    if collection is None:
        raise Http404(NOT_FOUND)
    return collection


def access_imported(user, held_id):
    """Return a credential the user imported from elsewhere; else the same 404."""
    if not _is_learner(user):
        raise Http404(NOT_FOUND)
    held = StoredCredential.objects.filter(
        user_id=user.pk,
        award__isnull=True,
        uuid=parse_uuid(held_id),
    ).first()
    if held is None:
        raise Http404(NOT_FOUND)
    return held
