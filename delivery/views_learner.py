"""The learner's "Add to a wallet" page: choose a kind of wallet, then scan or open the offer.

GET shows the two choices; POST (one per choice) makes a fresh offer through
``actions.make_offer`` and shows it once: the QR code, the link, the PIN for
an OpenID wallet, and when the offer expires. The PIN and the link are never
kept in clear, so the answer is not cached and reloading makes a new offer.
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import actions, oid4vci, vcapi
from .access import access_offerable_award
from .models import Offer, Protocol

CHOOSE_A_WALLET = gettext_noop("Choose the kind of wallet you use.")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def to_wallet(request: HttpRequest, award_id) -> HttpResponse:
    award = access_offerable_award(request.user, award_id)
    # Minutes, rounded up: an offer of 90 seconds says "2 minutes", never "1".
    context = {"award": award, "minutes": -(-settings.WALLET_OFFER_SECONDS // 60)}
    if request.method == "GET":
        return render(request, "delivery/to_wallet.html", context)
    protocol = request.POST.get("protocol", "")
    if protocol not in Protocol.values:
        context["error"] = _(CHOOSE_A_WALLET)
        return render(request, "delivery/to_wallet.html", context, status=400)
    try:
        offer, reference, tx_code = actions.make_offer(
            award=award, user=request.user, protocol=protocol
        )
    except ValidationError as exc:
        context["error"] = " ".join(exc.messages)
        return render(request, "delivery/to_wallet.html", context, status=400)
    link = offer_link(offer, reference)
    return render(
        request,
        "delivery/offer.html",
        {
            **context,
            "offer": offer,
            "link": link,
            "tx_code": tx_code,
            "qr": qr_svg(link),
        },
    )


def offer_link(offer: Offer, reference: str) -> str:
    """Return the link a wallet opens: ``openid-credential-offer://`` or ``dccrequest://``."""
    if offer.protocol == Protocol.OID4VCI:
        return oid4vci.offer_link(reference)
    return vcapi.deep_link(offer, reference)


def qr_svg(text: str) -> SafeString:
    """Return ``text`` as a QR code in inline SVG (error correction M, four-module quiet zone).

    The SVG has no size of its own (the stylesheet sizes it) and paints its own
    white background, so a dark theme or a transparent page cannot hide it.
    """
    code = segno.make(text, error="m")
    return mark_safe(  # noqa: S308 (segno's own SVG: no user markup in it)
        code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff")
    )
