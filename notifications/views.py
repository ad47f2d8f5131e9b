"""Staff pages: failed e-mails per issuer with "send again", and renewing an award.

Renewal lives here, next to the expiry notices that prompt it, so the
badges app's views stay untouched; it calls ``badges.actions.renew_award``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from badges.access import access_award
from badges.actions import renew_award
from issuers.access import access_issuer
from issuers.models import Role

from . import actions
from .access import access_delivery
from .models import EmailDelivery


@login_required
def issuer_deliveries(request: HttpRequest, issuer_id) -> HttpResponse:
    """List the issuer's e-mails that could not be delivered, newest first."""
    issuer = access_issuer(request.user, issuer_id, role=Role.AWARDER)
    deliveries = (
        EmailDelivery.objects.failed()
        .filter(issuer=issuer)
        .select_related("award__badge_class")
    )
    return render(
        request,
        "notifications/issuer_deliveries.html",
        {"issuer": issuer, "deliveries": deliveries},
    )


@login_required
@require_POST
def delivery_resend(request: HttpRequest, delivery_id) -> HttpResponse:
    delivery = access_delivery(request.user, delivery_id, role=Role.AWARDER)
    actions.resend_delivery(delivery=delivery, acting_user=request.user)
    messages.success(request, _("Queued again."))
    return redirect("notifications:issuer-deliveries", delivery.issuer.uuid)


@login_required
@require_POST
def award_renew(request: HttpRequest, award_id) -> HttpResponse:
    """Renew an award from the staff list, with the badge class's validity period."""
    award = access_award(request.user, award_id, role=Role.AWARDER)
    awards_page = reverse("badges:badge-class-awards", args=[award.badge_class.uuid])
    try:
        renewal = renew_award(award=award, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(awards_page)
    messages.success(request, _("Renewed. The learner is told by e-mail."))
    return redirect(f"{awards_page}?highlight={renewal.uuid}")
