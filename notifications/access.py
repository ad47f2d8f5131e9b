"""The only way to fetch e-mail deliveries on behalf of a user."""

from __future__ import annotations

from django.http import Http404

from issuers.access import NOT_FOUND, issuer_role, parse_uuid, require_role
from issuers.models import Role

from .models import EmailDelivery


def access_delivery(user, delivery_id, *, role: str = Role.AWARDER) -> EmailDelivery:
    """Return the delivery if the user holds ``role`` (or stronger) for its issuer; same 404 otherwise."""
    delivery = (
        EmailDelivery.objects.select_related("issuer__institution", "award")
        .filter(uuid=parse_uuid(delivery_id))
        .first()
    )
    if delivery is None:
        raise Http404(NOT_FOUND)
    require_role(issuer_role(user, delivery.issuer), role)
    return delivery
