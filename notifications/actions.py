"""Every state change of e-mail deliveries: queueing, sending, failing, sending again.

Each e-mail is first an ``EmailDelivery`` row, written in the caller's
transaction; the send task is queued only once that transaction commits.
Logs and audit events name the award's ``recipient_hash``, never the address.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils.timezone import now

from audit.log import record
from badges.choices import RecipientType
from badges.models import Award
from issuers.models import Issuer, Membership

from .models import DeliveryKind, DeliveryStatus, EmailDelivery

logger = logging.getLogger(__name__)

# Awards expiring within this many days get a warning.
WARN_DAYS = 30


def _queue_send(delivery: EmailDelivery) -> None:
    from outbox.actions import enqueue

    from .tasks import send_delivery_task

    enqueue(send_delivery_task, delivery.pk)


def _recipient_ref(delivery: EmailDelivery) -> str:
    """How logs and audit events name the recipient: the award's hash, or the staff digest."""
    return delivery.award.recipient_hash if delivery.award_id else "staff"


@transaction.atomic
def _create_once(**values) -> EmailDelivery | None:
    """Create a delivery and queue it; return None if its unique twin exists already."""
    delivery = EmailDelivery(**values)
    # Related rows are in hand and the uuid is random: skip their existence and uniqueness queries
    # (the database's constraints still hold; this runs once per award, thousands of times in bulk).
    delivery.full_clean(
        exclude=["issuer", "award"],
        validate_unique=False,
        validate_constraints=False,
    )
    try:
        with transaction.atomic():
            delivery.save()
    except IntegrityError:  # sent once already, or another run got there first
        return None
    _queue_send(delivery)
    return delivery


def queue_award_email(*, award: Award) -> EmailDelivery | None:
    """Queue the e-mail that tells the recipient about a new (or renewed) award.

    Return the delivery, or None when the recipient is not an e-mail address
    or the e-mail was queued before. Called by ``award_badge``.
    """
    if award.recipient_type != RecipientType.EMAIL:
        return None
    kind = DeliveryKind.RENEWAL if award.renewed_from_id else DeliveryKind.AWARD_ISSUED
    return _create_once(
        kind=kind,
        issuer=award.issuer,
        award=award,
        recipient=award.recipient_identity,
    )


def send_delivery(*, delivery: EmailDelivery) -> bool:
    """Send the e-mail of ``delivery`` and mark it sent; return False if there was nothing to do.

    The attempt is counted first, in its own transaction, so failed tries stay
    counted. The row is then locked while sending, so two workers never send
    the same e-mail; one already sent is left alone. E-mail about a revoked
    award is not sent. Raise whatever the e-mail backend raises (the task retries).
    """
    from .emails import build_message

    delivery = (
        EmailDelivery.objects.select_related(
            "issuer__institution", "award__badge_class", "award__issuer"
        )
        .filter(pk=delivery.pk)
        .exclude(status=DeliveryStatus.SENT)
        .first()
    )
    if delivery is None or (delivery.award_id and delivery.award.is_revoked):
        return False
    EmailDelivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
    with transaction.atomic():
        claimed = list(
            EmailDelivery.objects.select_for_update()
            .filter(pk=delivery.pk)
            .exclude(status=DeliveryStatus.SENT)
            .values_list("pk", flat=True)
        )
        if not claimed:
            return False  # another worker sent it meanwhile
        build_message(delivery).send()
        EmailDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SENT, sent_at=now(), last_error=""
        )
    logger.info(
        "Sent %s e-mail %s (recipient %s)",
        delivery.kind,
        delivery.uuid,
        _recipient_ref(delivery),
    )
    return True


def _scrub(error: str, address: str) -> str:
    """Return the error text without the recipient's address (SMTP errors often quote it)."""
    return re.sub(re.escape(address), "<recipient>", error, flags=re.IGNORECASE)[:500]


@transaction.atomic
def mark_delivery_failed(*, delivery: EmailDelivery, error: str) -> EmailDelivery:
    """Record that ``delivery`` could not be sent after every retry, with the last error."""
    error = _scrub(error, delivery.recipient)
    EmailDelivery.objects.filter(pk=delivery.pk).exclude(
        status=DeliveryStatus.SENT
    ).update(status=DeliveryStatus.FAILED, last_error=error)
    delivery.refresh_from_db()
    record("email_delivery.failed", actor=None, target=delivery,
           institution=delivery.issuer.institution, issuer=delivery.issuer,
           data={"kind": delivery.kind, "recipient": _recipient_ref(delivery), "error": error})  # fmt: skip
    logger.warning(
        "E-mail %s (%s, recipient %s) failed: %s",
        delivery.uuid,
        delivery.kind,
        _recipient_ref(delivery),
        error,
    )
    return delivery


@transaction.atomic
def resend_delivery(*, delivery: EmailDelivery, acting_user) -> EmailDelivery:
    """Queue a failed delivery again ("send again"). One already sent or queued is left alone."""
    if EmailDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.FAILED
    ).update(status=DeliveryStatus.QUEUED):
        record("email_delivery.resent", actor=acting_user, target=delivery,
               institution=delivery.issuer.institution, issuer=delivery.issuer,
               data={"kind": delivery.kind, "recipient": _recipient_ref(delivery)})  # fmt: skip
        _queue_send(delivery)
    delivery.refresh_from_db()
    return delivery


def expiring_awards(at: datetime):
    """Awards to e-mail addresses that expire within ``WARN_DAYS`` of ``at`` and need a warning.

    Revoked awards, awards already warned and awards renewed meanwhile (by a
    renewal that is not revoked) are left out.
    """
    warned = EmailDelivery.objects.filter(
        award=OuterRef("pk"), kind=DeliveryKind.EXPIRY_WARNING
    )
    renewed = Award.objects.filter(renewed_from=OuterRef("pk"), revoked_at__isnull=True)
    return (
        Award.objects.not_revoked()
        .filter(
            recipient_type=RecipientType.EMAIL,
            expires_at__gt=at,
            expires_at__lte=at + timedelta(days=WARN_DAYS),
        )
        .exclude(Exists(warned))
        .exclude(Exists(renewed))
        .select_related("issuer__institution")
    )


def issuer_staff_addresses(issuer: Issuer) -> list[str]:
    """Return the addresses of everyone who may award for ``issuer`` (awarders and above)."""
    return sorted(
        set(
            Membership.objects.filter(
                Q(issuer=issuer) | Q(institution_id=issuer.institution_id),
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
    )


def warn_expiring_awards(*, at: datetime | None = None) -> dict[str, int]:
    """Warn learners of awards expiring within 30 days, and send each issuer's staff a digest.

    1. Each expiring award gets one warning, ever (a unique delivery per award).
    2. Each issuer with warnings today sends each staff member one digest
       listing them, once per day (a unique delivery per issuer, person and day).
    Running twice on the same day sends nothing new. Return the counts queued.
    """
    at = at or now()
    today = at.date()
    warnings = 0
    issuers: dict[int, Issuer] = {}
    for award in expiring_awards(at).iterator():
        if _create_once(
            kind=DeliveryKind.EXPIRY_WARNING,
            issuer=award.issuer,
            award=award,
            recipient=award.recipient_identity,
            period=today,
        ):
            warnings += 1
            issuers[award.issuer_id] = award.issuer
    # An issuer whose warnings of today were made by an earlier run still gets its digest.
    for issuer in Issuer.objects.filter(
        email_deliveries__kind=DeliveryKind.EXPIRY_WARNING,
        email_deliveries__period=today,
    ).distinct():
        issuers.setdefault(issuer.pk, issuer)
    digests = 0
    for issuer in issuers.values():
        for address in issuer_staff_addresses(issuer):
            if _create_once(
                kind=DeliveryKind.EXPIRY_DIGEST,
                issuer=issuer,
                recipient=address,
                period=today,
            ):
                digests += 1
    logger.info("Expiry run %s: %d warnings, %d digests", today, warnings, digests)
    return {"warnings": warnings, "digests": digests}
