"""The only way to fetch badge classes on behalf of a user (or of the public)."""

from __future__ import annotations

from django.http import Http404

from issuers.access import NOT_FOUND, issuer_role, parse_uuid, require_role
from issuers.models import Role

from .models import Award, BadgeClass, BadgeRequest


def access_badge_class(user, badge_class_id, *, role: str = Role.AWARDER) -> BadgeClass:
    """Return the badge class if the user holds ``role`` (or stronger) for its issuer."""
    badge_class = (
        BadgeClass.objects.select_related("issuer__institution")
        .filter(uuid=parse_uuid(badge_class_id))
        .first()
    )
    if badge_class is None:
        raise Http404(NOT_FOUND)
    require_role(issuer_role(user, badge_class.issuer), role)
    return badge_class


def public_badge_class(badge_class_id) -> BadgeClass:
    """Return a badge class anyone may see: published or archived, never a draft."""
    badge_class = (
        BadgeClass.objects.public()
        .select_related("issuer__institution")
        .filter(uuid=parse_uuid(badge_class_id))
        .first()
    )
    if badge_class is None:
        raise Http404(NOT_FOUND)
    return badge_class


def public_award(award_id) -> Award:
    """Return an award for its public documents and pages (its id is the secret); 404 if none."""
    award = (
        Award.objects.select_related("badge_class__issuer__institution", "issuer")
        .filter(uuid=parse_uuid(award_id))
        .first()
    )
    if award is None:
        raise Http404(NOT_FOUND)
    return award


def access_award(user, award_id, *, role: str = Role.AWARDER) -> Award:
    """Return the award if the user holds ``role`` (or stronger) for its issuer; same 404 otherwise."""
    award = public_award(award_id)
    require_role(issuer_role(user, award.issuer), role)
    return award


def access_badge_request(user, request_id, *, role: str = Role.AWARDER) -> BadgeRequest:
    """Return a badge request if the user holds ``role`` (or stronger) for its issuer; same 404 otherwise."""
    badge_request = (
        BadgeRequest.objects.select_related(
            "badge_class", "issuer__institution", "user", "award"
        )
        .filter(uuid=parse_uuid(request_id))
        .first()
    )
    if badge_request is None:
        raise Http404(NOT_FOUND)
    require_role(issuer_role(user, badge_request.issuer), role)
    return badge_request


def access_own_badge_request(user, request_id) -> BadgeRequest:
    """Return a badge request the user made; any other (or none) is the same 404."""
    badge_request = (
        BadgeRequest.objects.select_related(
            "badge_class", "issuer__institution", "award"
        )
        .filter(uuid=parse_uuid(request_id))
        .first()
    )
    if badge_request is None:
        raise Http404(NOT_FOUND)
    if not user.is_authenticated:
        raise Http404(NOT_FOUND)
    if badge_request.user_id != user.pk:
        raise Http404(NOT_FOUND)
    return badge_request
