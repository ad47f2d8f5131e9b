"""The learner's pages for connected hosts: thin, each calling one action."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config.ratelimit import hit

from . import actions
from .access import access_link, host_links, pushable
from .client import RemoteError

PENDING = "hostlinks.pending"


def _too_many(request: HttpRequest) -> str:
    """Connections and pulls fetch from elsewhere: they count against the learner's import limit."""
    wait = hit(
        request,
        "hostlinks",
        limit=settings.IMPORT_RATE_LIMIT,
        who=f"user-{request.user.pk}",
    )
    return (
        _("Too many requests: try again in %(s)d seconds.") % {"s": wait}
        if wait
        else ""
    )


@login_required
def hosts(request: HttpRequest, *, address: str = "", error: str = "") -> HttpResponse:
    """The learner's connected hosts and the form to connect one more."""
    return render(
        request,
        "hostlinks/hosts.html",
        {"links": host_links(request.user), "address": address, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_POST
def connect(request: HttpRequest) -> HttpResponse:
    address = request.POST.get("address", "")[:2000]
    if busy := _too_many(request):
        return hosts(request, address=address, error=busy)
    try:
        url, pending = actions.begin_connect(user=request.user, address=address)
    except (ValidationError, RemoteError) as exc:
        reason = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        return hosts(request, address=address, error=reason)
    request.session[PENDING] = pending.as_session()
    return redirect(url)


@login_required
def callback(request: HttpRequest) -> HttpResponse:
    """Where the host sends the learner back, with a code (or an error) and our state."""
    try:
        link = actions.finish_connect(
            user=request.user,
            pending=request.session.pop(PENDING, None),
            state=request.GET.get("state", ""),
            code=request.GET.get("code", ""),
            error=request.GET.get("error_description") or request.GET.get("error", ""),
        )
    except RemoteError as exc:
        messages.error(request, str(exc))
        return redirect("hostlinks:hosts")
    messages.success(request, _("Connected to %(host)s.") % {"host": link.host.name})
    return redirect("hostlinks:host", link_id=link.uuid)


@login_required
def host(request: HttpRequest, link_id: str) -> HttpResponse:
    """One connection: the profile there, the last pull, the pushes, and the forms."""
    link = access_link(request.user, link_id)
    profile, profile_error = None, ""
    try:
        profile = actions.remote_profile(user=request.user, link=link)
    except RemoteError as exc:
        profile_error = str(exc)
    return render(
        request,
        "hostlinks/host.html",
        {
            "link": link,
            "profile": profile,
            "profile_error": profile_error,
            "pushable": [held for held, _body, _type in pushable(request.user)],
            "pushes": link.pushes.select_related("held")[:50],
        },
    )


@login_required
@require_POST
def pull(request: HttpRequest, link_id: str) -> HttpResponse:
    link = access_link(request.user, link_id)
    if busy := _too_many(request):
        messages.error(request, busy)
        return redirect("hostlinks:host", link_id=link.uuid)
    summary = actions.pull(user=request.user, link=link)
    if summary["error"]:
        messages.error(request, summary["error"])
    else:
        messages.success(
            request,
            _(
                "%(imported)d imported, %(duplicates)d already in your backpack, %(refused)d refused."
            )
            % {**summary, "refused": len(summary["refused"])},
        )
    return redirect("hostlinks:host", link_id=link.uuid)


@login_required
@require_POST
def push(request: HttpRequest, link_id: str) -> HttpResponse:
    link = access_link(request.user, link_id)
    pushes = actions.push(
        user=request.user, link=link, held_ids=request.POST.getlist("held")
    )
    if pushes:
        words = ngettext(
            "%(n)d badge on its way.", "%(n)d badges on their way.", len(pushes)
        )
        messages.success(request, words % {"n": len(pushes)})
    else:
        messages.error(request, _("Choose at least one badge to send."))
    return redirect("hostlinks:host", link_id=link.uuid)


@login_required
@require_POST
def disconnect(request: HttpRequest, link_id: str) -> HttpResponse:
    link = access_link(request.user, link_id)
    name = link.host.name
    actions.disconnect(user=request.user, link=link)
    messages.success(request, _("Disconnected from %(host)s.") % {"host": name})
    return redirect("hostlinks:hosts")
