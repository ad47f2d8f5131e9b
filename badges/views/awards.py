"""Staff pages for a badge class's awards: award one, list, revoke one or many."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config.paging import paginate
from issuers.forms import apply_errors
from issuers.models import Role

from .. import actions, award_lists
from ..access import access_award, access_badge_class
from ..award_forms import AwardForm, RevokeForm


@login_required
def badge_class_awards(request: HttpRequest, badge_class_id) -> HttpResponse:
    """Award the badge class to one recipient, and list its awards, 50 a page, with search and filters."""
    badge_class = access_badge_class(request.user, badge_class_id, role=Role.AWARDER)
    form = AwardForm(request.POST or None, badge_class=badge_class)
    if request.method == "POST" and form.is_valid():
        try:
            award = actions.award_badge(
                badge_class=badge_class,
                acting_user=request.user,
                **form.action_values(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Awarded. The signed credentials are ready."))
            return redirect(f"{request.path}?highlight={award.uuid}")
    query = request.GET.get("q", "").strip()
    state = request.GET.get("state", "")
    state = state if state in award_lists.STATE_VALUES else ""
    awards = award_lists.filter_awards(
        badge_class.awards.all(), query=query, state=state
    )
    return render(
        request,
        "badges/badge_class_awards.html",
        {
            "badge_class": badge_class,
            "form": form,
            "page_obj": paginate(request, awards),
            "query": query,
            "state": state,
            "states": award_lists.STATES,
            "can_award": badge_class.status == "published",
            "revoke_form": RevokeForm(),
        },
    )


@login_required
@require_POST
def award_revoke(request: HttpRequest, award_id) -> HttpResponse:
    award = access_award(request.user, award_id, role=Role.AWARDER)
    form = RevokeForm(request.POST)
    if form.is_valid():
        actions.revoke_award(
            award=award, reason=form.cleaned_data["reason"], acting_user=request.user
        )
        messages.success(request, _("Revoked. Verifiers now see the reason."))
    else:
        messages.error(request, _("Give a reason for the revocation."))
    return redirect("badges:badge-class-awards", award.badge_class.uuid)


@login_required
@require_POST
def award_revoke_many(request: HttpRequest, badge_class_id) -> HttpResponse:
    """Revoke the awards ticked on the awards page, with one reason."""
    badge_class = access_badge_class(request.user, badge_class_id, role=Role.AWARDER)
    form = RevokeForm(request.POST)
    chosen = request.POST.getlist("awards")
    awards = list(
        badge_class.awards.filter(uuid__in=[c for c in chosen if _is_uuid(c)])
    )
    if not awards:
        messages.error(request, _("Tick the awards to revoke."))
    elif not form.is_valid():
        messages.error(request, _("Give a reason for the revocation."))
    else:
        count = actions.revoke_awards(
            awards=awards, reason=form.cleaned_data["reason"], acting_user=request.user
        )
        messages.success(
            request,
            ngettext("%(n)d award revoked.", "%(n)d awards revoked.", count)
            % {"n": count},
        )
    return redirect("badges:badge-class-awards", badge_class.uuid)


def _is_uuid(value: str) -> bool:
    from issuers.access import parse_uuid

    try:
        parse_uuid(value)
    except Http404:
        return False
    return True
