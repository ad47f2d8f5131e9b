"""The only way to fetch account objects on behalf of a user: someone else's are not found."""

from __future__ import annotations

from django.http import Http404

from issuers.access import NOT_FOUND

from .models import EmailAddress


def access_email_address(user, address_id) -> EmailAddress:
    """Return one of ``user``'s own e-mail addresses; raise Http404 for any other id."""
    if not (user.is_authenticated and user.is_active):
        raise Http404(NOT_FOUND)
    try:
        address_id = int(address_id)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    address = (
        EmailAddress.objects.select_related("user")
        .filter(pk=address_id, user=user)
        .first()
    )
    if address is None:
        raise Http404(NOT_FOUND)
    return address
