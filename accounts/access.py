"""The only way to fetch account objects on behalf of a user: someone else's are not found."""

from __future__ import annotations

from django.http import Http404

from issuers.access import NOT_FOUND, parse_uuid

from .models import ApiToken, EmailAddress


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


def api_token_for_secret(secret: str) -> ApiToken | None:
    """Return the live API token whose secret this is (found by its digest), or None."""
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(digest=ApiToken.digest_of(secret))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token


def access_api_token(user, token_id) -> ApiToken:
    """Return one of ``user``'s own API tokens; raise Http404 for any other id."""
    if not (user.is_authenticated and user.is_active):
        raise Http404(NOT_FOUND)
    token = ApiToken.objects.filter(uuid=parse_uuid(token_id), user=user).first()
    if token is None:
        raise Http404(NOT_FOUND)
    return token
