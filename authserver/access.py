"""The only way to fetch the applications a learner has connected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Q
from django.http import Http404
from django.utils.timezone import now
from oauth2_provider.models import Application

from issuers.access import NOT_FOUND


@dataclass(frozen=True)
class Connection:
    application: Application
    scopes: list[str]
    since: datetime
    last_used: datetime | None


def connected_applications(user) -> list[Connection]:
    """Applications holding a live access or refresh token of ``user``, most recent first."""
    if not (user.is_authenticated and user.is_active):
        return []
    live = Q(accesstoken__user=user, accesstoken__expires__gt=now()) | Q(
        refreshtoken__user=user, refreshtoken__revoked__isnull=True
    )
    applications = (
        Application.objects.filter(live)
        .distinct()
        .select_related("profile")
        .annotate(last=Max("accesstoken__created", filter=Q(accesstoken__user=user)))
    )
    connections = []
    for application in applications:
        tokens = application.accesstoken_set.filter(user=user).order_by("created")
        refresh = application.refreshtoken_set.filter(user=user).order_by("created")
        first = [t.created for t in (tokens.first(), refresh.first()) if t is not None]
        # Access tokens outlive their expiry as rows (until cleartokens), so
        # their scopes still say what a live refresh token may ask for.
        scopes = sorted({s for t in tokens for s in t.scope.split()})
        connections.append(
            Connection(
                application, scopes, min(first) if first else now(), application.last
            )
        )
    connections.sort(key=lambda c: c.last_used or c.since, reverse=True)
    return connections


def access_connected(user, client_id: str) -> Application:
    """Return an application ``user`` has connected; else the same 404 as for any other."""
    for connection in connected_applications(user):
        if connection.application.client_id == client_id:
            return connection.application
    raise Http404(NOT_FOUND)
