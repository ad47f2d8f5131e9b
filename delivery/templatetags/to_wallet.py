"""Template tags that put wallet delivery on pages other apps own.

``{% load to_wallet %}`` then:
* ``{% wallet_panel award %}`` on the backpack entry: the "Add to a wallet"
  button (when the award can go to one) and the deliveries made so far;
* ``{% to_wallet_link award %}``: the absolute URL of the "Add to a wallet" page (e-mails);
* ``{% wallet_delivery_counts badge_class %}`` on the staff badge class page.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from badges.facts import base_url

from .. import staff
from ..access import offerable_awards
from ..models import Delivery

register = template.Library()


@register.inclusion_tag("delivery/_wallet_panel.html", takes_context=True)
def wallet_panel(context, award) -> dict:
    """The entry page's wallet section; ``award`` comes from the page's own access check."""
    user = context["request"].user
    deliveries = Delivery.objects.filter(award=award).defer("credential", "jwt")
    return {
        "award": award,
        "offerable": offerable_awards(user).filter(pk=award.pk).exists(),
        "deliveries": [
            (delivery.delivered_at, staff.kind_label(delivery.protocol))
            for delivery in deliveries
        ],
    }


@register.simple_tag
def to_wallet_link(award) -> str:
    return base_url() + reverse("to-wallet:choose", args=[award.uuid])


@register.inclusion_tag("delivery/_staff_counts.html")
def wallet_delivery_counts(badge_class) -> dict:
    return {"badge_class": badge_class, **staff.delivery_counts(badge_class)}
