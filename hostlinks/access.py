"""The only way to fetch a learner's connected hosts and pushes on their behalf."""

from __future__ import annotations

import json

from django.db.models import QuerySet
from django.http import Http404

from issuers.access import NOT_FOUND, parse_uuid
from wallet.access import held_credentials
from wallet.ob3_host import ob3_form

from .models import HostLink


def host_links(user) -> QuerySet[HostLink]:
    """The user's connections, by host name (none for a visitor)."""
    if not (user.is_authenticated and user.is_active):
        return HostLink.objects.none()
    return (
        HostLink.objects.filter(user=user).select_related("host").order_by("host__name")
    )


def access_link(user, link_id) -> HostLink:
    """Return one of the user's connections; else the same 404."""
    link = host_links(user).filter(uuid=parse_uuid(link_id)).first()
    if link is None:
        raise Http404(NOT_FOUND)
    return link


def pushable(user) -> list[tuple[object, bytes, str]]:
    """The user's credentials that have an OB 3.0 form: (held, body, content type) each.

    Awards made here go as their signed JSON-LD (``application/json``);
    imports as they arrived: JSON, or a VC-JWT as ``text/plain``. Open Badges
    2.0 imports have no OB 3.0 form and are left out.
    """
    found = []
    for held in held_credentials(user).order_by("-created_at", "-id"):
        if held.award_id:
            form = held.award.ob3_credential or None
        else:
            form = ob3_form(held)
        if isinstance(form, dict):
            found.append((held, json.dumps(form).encode(), "application/json"))
        elif isinstance(form, str):
            found.append((held, form.encode(), "text/plain"))
    return found
