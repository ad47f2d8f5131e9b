"""The only way to fetch the applications a learner has connected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
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


def _connected(user) -> QuerySet[Application]:
    """Applications holding a live access token or refresh token of ``user`` (none for visitors)."""
    if not (user.is_authenticated and user.is_active):
        return Application.objects.none()
    live = Q(accesstoken__user=user, accesstoken__expires__gt=now()) | Q(
        refreshtoken__user=user, refreshtoken__revoked__isnull=True
    )
    return Application.objects.filter(live).distinct()


def connected_applications(user) -> list[Connection]:
    """The applications ``user`` has connected, with what they may do, most recently used first."""
    connections = []
    for application in _connected(user).select_related("profile"):
        tokens = list(application.accesstoken_set.filter(user=user).order_by("created"))
        first_refresh = (
            application.refreshtoken_set.filter(user=user)
            .order_by("created")
            .values_list("created", flat=True)
            .first()
        )
        started = [
            t for t in (tokens[0].created if tokens else None, first_refresh) if t
        ]
        # Access tokens outlive their expiry as rows (until cleartokens), so
        # their scopes still say what a live refresh token may ask for.
        scopes = sorted({s for t in tokens for s in t.scope.split()})
        connections.append(
            Connection(
                application,
                scopes,
                since=min(started) if started else now(),
                last_used=tokens[-1].created if tokens else None,
            )
        )
    connections.sort(key=lambda c: c.last_used or c.since, reverse=True)
    return connections


def access_connected(user, client_id: str) -> Application:
    """Return an application ``user`` has connected; else the same 404 as for any other."""
    application = _connected(user).filter(client_id=client_id).first()
    if application is None:
        raise Http404(NOT_FOUND)
    return application
