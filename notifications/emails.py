"""E-mails about awards, rendered from templates in the issuer's institution language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from badges.models import Award

from .models import DeliveryKind, EmailDelivery

TEMPLATES = {
    DeliveryKind.AWARD_ISSUED: "award_issued",
    DeliveryKind.RENEWAL: "award_issued",
    DeliveryKind.EXPIRY_WARNING: "expiry_warning",
    DeliveryKind.EXPIRY_DIGEST: "expiry_digest",
}


def _language(delivery: EmailDelivery) -> str:
    """Latvian when the issuer's institution works in Latvian, else English."""
    return "lv" if delivery.issuer.institution.language == "lv" else "en"


def _link(name: str, *args) -> str:
    return settings.PUBLIC_BASE_URL + reverse(name, args=args)


def _award_context(delivery: EmailDelivery) -> dict:
    from wallet.tokens import claim_token

    award = delivery.award
    return {
        "award": award,
        "badge_class": award.badge_class,
        "issuer": delivery.issuer,
        "renewal": delivery.kind == DeliveryKind.RENEWAL,
        "claim_link": _link("wallet:claim", claim_token(award)),
        "award_link": _link("public:assertion", award.uuid),
    }


def digest_awards(delivery: EmailDelivery):
    """Return the awards an expiry digest lists: the issuer's warnings of the digest's day."""
    return (
        Award.objects.filter(
            issuer=delivery.issuer,
            email_deliveries__kind=DeliveryKind.EXPIRY_WARNING,
            email_deliveries__period=delivery.period,
        )
        .select_related("badge_class")
        .order_by("expires_at", "id")
    )


def _digest_context(delivery: EmailDelivery) -> dict:
    awards = list(digest_awards(delivery))
    return {
        "issuer": delivery.issuer,
        "awards": awards,
        "rows": [
            (award, _link("badges:badge-class-awards", award.badge_class.uuid))
            for award in awards
        ],
        "deliveries_link": _link(
            "notifications:issuer-deliveries", delivery.issuer.uuid
        ),
    }


def build_message(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """Return the e-mail for ``delivery``, ready to send."""
    language = _language(delivery)
    name = TEMPLATES[delivery.kind]
    with translation.override(language):
        context = (
            _digest_context(delivery)
            if delivery.kind == DeliveryKind.EXPIRY_DIGEST
            else _award_context(delivery)
        )
        subject = render_to_string(
            f"notifications/emails/{name}_subject.txt", context
        ).strip()
        text = render_to_string(f"notifications/emails/{name}.txt", context)
        html = render_to_string(f"notifications/emails/{name}.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()),
        text,
        settings.DEFAULT_FROM_EMAIL,
        [delivery.recipient],
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message
