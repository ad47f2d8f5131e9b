"""What staff see of wallet deliveries: one award's delivery log, and a badge class's counts.

Both read through objects the staff access rules already gave (``access_award``
with the awards page's role; the badge class page's own fetch): nothing here
decides who may see what.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from badges.access import access_award
from badges.models import Award, BadgeClass
from issuers.models import Role

from .models import Delivery, Protocol

# The learner's words for each kind of wallet (the protocol's own name is for staff and logs).
KIND_LABELS = {
    Protocol.OID4VCI: _("OpenID wallet"),
    Protocol.VC_API: _("Learner Credential Wallet"),
}


def kind_label(protocol: str) -> str:
    return str(KIND_LABELS.get(protocol, protocol))


def short_did(did: str, *, head: int = 20, tail: int = 6) -> str:
    """Return ``did`` cut in the middle (``did:key:z6MkhaXgBZD…2doK``) when longer than a line allows."""
    if len(did) <= head + tail + 1:
        return did
    return f"{did[:head]}…{did[-tail:]}"


def delivery_counts(badge_class: BadgeClass) -> dict:
    """Return how many awards of ``badge_class`` went to a wallet: in all, and per kind of wallet.

    Each award is one learner's badge, counted once however many copies it sent.
    """
    deliveries = Delivery.objects.filter(award__badge_class=badge_class)
    per_kind = dict(
        deliveries.values_list("protocol").annotate(n=Count("award", distinct=True))
    )
    return {
        "total": deliveries.aggregate(n=Count("award", distinct=True))["n"],
        "kinds": [
            (kind_label(protocol), per_kind[protocol])
            for protocol in Protocol.values
            if per_kind.get(protocol)
        ],
    }


def log_rows(award: Award) -> list[dict]:
    """Return ``award``'s deliveries, newest first, as the staff log shows them."""
    return [
        {
            "delivered_at": delivery.delivered_at,
            "kind": kind_label(delivery.protocol),
            "format": delivery.get_format_display(),
            "holder": delivery.holder_id,
            "holder_short": short_did(delivery.holder_id),
        }
        for delivery in award.deliveries.defer("credential", "jwt")
    ]


@login_required
def award_deliveries(request: HttpRequest, award_id) -> HttpResponse:
    """The delivery log of one award: when, to which kind of wallet, in which format, to which DID."""
    award = access_award(request.user, award_id, role=Role.AWARDER)
    return render(
        request,
        "delivery/staff_award.html",
        {"award": award, "badge_class": award.badge_class, "rows": log_rows(award)},
    )
