"""The only way to fetch an award a learner may send to a wallet, and an offer by its secrets."""

from __future__ import annotations

from django.http import Http404
from django.utils.timezone import now

from badges.models import Award
from issuers.access import NOT_FOUND, parse_uuid
from wallet.access import held_awards

from . import codes
from .errors import OAuthError
from .models import Offer, Protocol


def offerable_awards(user):
    """The user's awards that can go to a wallet: held, neither revoked nor expired, signed."""
    return held_awards(user).valid().filter(ob3_credential__isnull=False)


def access_offerable_award(user, award_id) -> Award:
    """Return the user's award if it can go to a wallet; else the same 404 (not yours, revoked, unknown)."""
    award = offerable_awards(user).filter(uuid=parse_uuid(award_id)).first()
    if award is None:
        raise Http404(NOT_FOUND)
    return award


def access_open_offer(reference: str, *, protocol: str) -> Offer:
    """Return the open (unredeemed, unexpired) offer with this URL reference; else Http404."""
    offer = (
        Offer.objects.open()
        .filter(reference_digest=codes.digest(reference), protocol=protocol)
        .select_related("award")
        .first()
    )
    if offer is None:
        raise Http404(NOT_FOUND)
    return offer


def access_offer_by_token(access_token: str) -> Offer:
    """Return the OID4VCI offer an unexpired access token was issued for.

    Raise OAuthError ``invalid_token`` (RFC 6750 section 3.1, status 401) for a
    missing, unknown, spent or expired token.
    """
    if not access_token:
        raise OAuthError("invalid_token", "An access token is required.", 401)
    offer = (
        Offer.objects.filter(
            access_token_digest=codes.digest(access_token),
            protocol=Protocol.OID4VCI,
        )
        .select_related("award__issuer", "award__badge_class")
        .first()
    )
    if offer is None:
        raise OAuthError(
            "invalid_token", "The access token is not known or was used.", 401
        )
    if offer.access_expires_at <= now():
        raise OAuthError("invalid_token", "The access token has expired.", 401)
    return offer
