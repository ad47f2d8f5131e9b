"""Badge requests: the learner's request form and list, and the staff queue."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import verified_addresses
from issuers.access import NOT_FOUND, access_issuer
from issuers.forms import apply_errors
from issuers.models import Role

from .. import actions
from ..access import access_badge_request, access_own_badge_request, public_badge_class
from ..choices import Status
from ..models import BadgeRequest, BadgeRequestStatus


class BadgeRequestForm(forms.Form):
    email = forms.ChoiceField(
        label=gettext_lazy("Award it to"),
        help_text=gettext_lazy("One of your verified e-mail addresses."),
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the issuer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_url = forms.URLField(
        label=gettext_lazy("Evidence URL"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("A portfolio, a certificate, a project: optional."),
    )
    evidence_narrative = forms.CharField(
        label=gettext_lazy("Evidence"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What you did to earn it: optional."),
    )

    def __init__(self, *args, addresses: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].choices = [(a, a) for a in addresses]


# --- Learners ----------------------------------------------------------------


@login_required
def badge_request_create(request: HttpRequest, badge_class_id) -> HttpResponse:
    """Ask for a badge class that takes requests, to one of the learner's verified addresses."""
    badge_class = public_badge_class(badge_class_id)
    addresses = verified_addresses(request.user)
    form = BadgeRequestForm(request.POST or None, addresses=addresses)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_badge(
                badge_class=badge_class, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Request sent. You will hear from the issuer by e-mail.")
            )
            return redirect("accounts:requests")
    pending = (
        BadgeRequest.objects.pending()
        .filter(badge_class=badge_class, user=request.user)
        .first()
    )
    return render(
        request,
        "badges/requests/request_form.html",
        {
            "badge_class": badge_class,
            "form": form,
            "addresses": addresses,
            "pending": pending,
            "open": badge_class.status == Status.PUBLISHED
            and badge_class.allows_requests,
        },
    )


@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    badge_requests = BadgeRequest.objects.filter(user=request.user).select_related(
        "badge_class", "issuer", "award"
    )
    return render(
        request,
        "badges/requests/my_requests.html",
        {"badge_requests": badge_requests},
    )


@login_required
@require_POST
def my_request_withdraw(request: HttpRequest, request_id) -> HttpResponse:
    badge_request = access_own_badge_request(request.user, request_id)
    try:
        actions.withdraw_badge_request(
            badge_request=badge_request, acting_user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Request withdrawn."))
    return redirect("accounts:requests")


# --- Staff -------------------------------------------------------------------


@login_required
def request_queue(request: HttpRequest, issuer_id) -> HttpResponse:
    """The issuer's pending requests, oldest first, and the latest decisions."""
    issuer = access_issuer(request.user, issuer_id, role=Role.AWARDER)
    requests = issuer.badge_requests.select_related("badge_class", "user", "award")
    return render(
        request,
        "badges/requests/queue.html",
        {
            "issuer": issuer,
            "pending": requests.pending().order_by("created_at", "id"),
            "decided": requests.exclude(status=BadgeRequestStatus.PENDING).order_by(
                "-decided_at"
            )[:50],
        },
    )


def _decide(request: HttpRequest, badge_requests, decision: str) -> None:
    try:
        decided = actions.decide_badge_requests(
            badge_requests=badge_requests,
            decision=decision,
            reason=request.POST.get("reason", ""),
            acting_user=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = (
            _("Approved %(count)s request(s); the badges are awarded.")
            if decision == "approve"
            else _("Denied %(count)s request(s).")
        )
        messages.success(request, text % {"count": len(decided)})


@login_required
@require_POST
def request_queue_decide(request: HttpRequest, issuer_id) -> HttpResponse:
    """Approve or deny the ticked requests with one reason."""
    issuer = access_issuer(request.user, issuer_id, role=Role.AWARDER)
    badge_requests = [
        access_badge_request(request.user, request_id)
        for request_id in request.POST.getlist("requests")
    ]
    if any(r.issuer_id != issuer.pk for r in badge_requests):
        raise Http404(NOT_FOUND)
    if not badge_requests:
        messages.error(request, _("Tick the requests to decide first."))
    else:
        _decide(request, badge_requests, request.POST.get("decision", ""))
    return redirect("badges:badge-request-queue", issuer.uuid)


@login_required
@require_POST
def badge_request_decide(
    request: HttpRequest, request_id, decision: str
) -> HttpResponse:
    """Approve or deny one request (the row buttons of the queue)."""
    badge_request = access_badge_request(request.user, request_id)
    _decide(request, [badge_request], decision)
    return redirect("badges:badge-request-queue", badge_request.issuer.uuid)
