"""Badge requests (enrolment): a learner asks, staff approve (award) or deny, the learner hears back.

A request leaves ``pending`` through a conditional UPDATE that must change
exactly one row, so two approvals of one request (a double click, two staff
members, a retried API call) award once: the second finds nothing to claim.
The award also carries the idempotency key ``request:<uuid>``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import verified_addresses
from audit.log import record
from issuers.validation import field_error

from .. import facts
from ..award_rules import check_web_url
from ..choices import Status
from ..models import Award, BadgeClass, BadgeRequest, BadgeRequestStatus
from .awarding import award_badge

__all__ = [
    "ADDRESS_NOT_VERIFIED",
    "ADDRESS_GONE",
    "ALREADY_AWARDED",
    "ALREADY_REQUESTED",
    "DENIAL_REASON_REQUIRED",
    "NOT_PENDING",
    "REQUESTS_CLOSED",
    "UNKNOWN_DECISION",
    "approve_badge_request",
    "decide_badge_requests",
    "deny_badge_request",
    "request_badge",
    "send_badge_request_decision_email",
    "withdraw_badge_request",
]

REQUESTS_CLOSED = gettext_noop("This badge cannot be requested.")
ADDRESS_NOT_VERIFIED = gettext_noop(
    "Choose one of your verified e-mail addresses: the badge is awarded to it."
)
ALREADY_REQUESTED = gettext_noop(
    "You have asked for this badge already; your request is waiting for a decision."
)
ALREADY_AWARDED = gettext_noop("You hold this badge already.")
NOT_PENDING = gettext_noop("This request is %(status)s: it can no longer change.")
DENIAL_REASON_REQUIRED = gettext_noop("Give the learner a reason for the denial.")
ADDRESS_GONE = gettext_noop(
    "The learner no longer holds a verified %(email)s; deny the request instead."
)
UNKNOWN_DECISION = gettext_noop("Choose approve or deny.")
DECISIONS = ("approve", "deny")


def _audit(action: str, badge_request: BadgeRequest, actor, **data) -> None:
    record(
        action,
        actor=actor,
        target=badge_request,
        institution=badge_request.issuer.institution,
        issuer=badge_request.issuer,
        data={"badge_class": str(badge_request.badge_class.uuid), **data},
    )


def _not_pending(badge_request: BadgeRequest) -> ValidationError:
    return ValidationError(
        _(NOT_PENDING) % {"status": badge_request.get_status_display().lower()},
        code="not_pending",
    )


def _queue_decision_email(badge_request: BadgeRequest) -> None:
    from outbox.actions import enqueue

    from ..tasks import send_badge_request_decision_task

    enqueue(send_badge_request_decision_task, badge_request.pk)


@transaction.atomic
def request_badge(
    *,
    badge_class: BadgeClass,
    user,
    email: str,
    message: str = "",
    evidence_url: str = "",
    evidence_narrative: str = "",
) -> BadgeRequest:
    """Ask for ``badge_class`` to be awarded to ``email``, one of the user's verified addresses.

    Raise ValidationError when the class is not published or takes no
    requests, on ``email`` when it is not a verified address of the user, and
    when the user has a pending request for it or holds a valid award of it.
    """
    if badge_class.status != Status.PUBLISHED or not badge_class.allows_requests:
        raise ValidationError(_(REQUESTS_CLOSED), code="requests_closed")
    email = email.strip().lower()
    addresses = verified_addresses(user)
    if email not in addresses:
        raise field_error("email", _(ADDRESS_NOT_VERIFIED), "address_not_verified")
    if (
        BadgeRequest.objects.pending()
        .filter(badge_class=badge_class, user=user)
        .exists()
    ):
        raise ValidationError(_(ALREADY_REQUESTED), code="already_requested")
    if (
        Award.objects.valid()
        .filter(badge_class=badge_class, recipient_identity__in=addresses)
        .exists()
    ):
        raise ValidationError(_(ALREADY_AWARDED), code="already_awarded")
    evidence_url = evidence_url.strip()
    if evidence_url:
        try:
            check_web_url(evidence_url)
        except ValidationError as exc:
            raise ValidationError({"evidence_url": exc.error_list}) from None
    badge_request = BadgeRequest(
        badge_class=badge_class,
        issuer=badge_class.issuer,
        user=user,
        email=email,
        message=message.strip(),
        evidence_url=evidence_url,
        evidence_narrative=evidence_narrative.strip(),
    )
    badge_request.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            badge_request.save()
    except IntegrityError:  # a second request at the same moment
        raise ValidationError(_(ALREADY_REQUESTED), code="already_requested") from None
    _audit("badge_request.created", badge_request, user)
    return badge_request


def _claim(badge_request: BadgeRequest, status: str, **values) -> bool:
    """Move a pending request to ``status``; return False if it was not pending any more."""
    claimed = BadgeRequest.objects.filter(
        pk=badge_request.pk, status=BadgeRequestStatus.PENDING
    ).update(status=status, decided_at=now(), **values)
    badge_request.refresh_from_db()
    return claimed == 1


@transaction.atomic
def withdraw_badge_request(*, badge_request: BadgeRequest, acting_user) -> BadgeRequest:
    """Withdraw the learner's own pending request. Withdrawing twice is harmless.

    Raise ValidationError when it was approved or denied meanwhile.
    """
    if not _claim(badge_request, BadgeRequestStatus.WITHDRAWN, decided_by=acting_user):
        if badge_request.status == BadgeRequestStatus.WITHDRAWN:
            return badge_request
        raise _not_pending(badge_request)
    _audit("badge_request.withdrawn", badge_request, acting_user)
    return badge_request


_DECISION_FIELDS = ("status", "decided_at", "decided_by_id", "decision_reason")


def _award(badge_request: BadgeRequest, acting_user) -> Award:
    """Award the requested badge to the chosen address, with the learner's evidence."""
    if badge_request.email not in verified_addresses(badge_request.user):
        raise ValidationError(
            _(ADDRESS_GONE) % {"email": badge_request.email}, code="address_gone"
        )
    evidence = []
    if badge_request.evidence_url or badge_request.evidence_narrative:
        evidence.append(
            {
                "url": badge_request.evidence_url,
                "narrative": badge_request.evidence_narrative,
            }
        )
    return award_badge(
        badge_class=badge_request.badge_class,
        recipient_identity=badge_request.email,
        recipient_name=badge_request.user.full_name,
        evidence=evidence,
        acting_user=acting_user,
        idempotency_key=f"request:{badge_request.uuid}",
        # The learner asked for it and holds the address: the decision e-mail is the one message.
        notify=False,
    )


@transaction.atomic
def approve_badge_request(
    *, badge_request: BadgeRequest, acting_user, reason: str = ""
) -> BadgeRequest:
    """Approve a pending request: award the badge to the chosen address and tell the learner.

    Approving an approved request returns it unchanged (it awards once).
    Raise ValidationError when it was denied or withdrawn, when the learner no
    longer holds the address verified, or whatever ``award_badge`` raises
    (an archived class, say); then nothing changes.
    """
    before = {name: getattr(badge_request, name) for name in _DECISION_FIELDS}
    if not _claim(
        badge_request,
        BadgeRequestStatus.APPROVED,
        decided_by=acting_user,
        decision_reason=reason.strip(),
    ):
        if badge_request.status == BadgeRequestStatus.APPROVED:
            return badge_request
        raise _not_pending(badge_request)
    try:
        award = _award(badge_request, acting_user)
    except ValidationError:
        # The transaction undoes the claim; the caller's copy must not keep it either.
        for name, value in before.items():
            setattr(badge_request, name, value)
        raise
    BadgeRequest.objects.filter(pk=badge_request.pk).update(award=award)
    badge_request.award = award
    _audit("badge_request.approved", badge_request, acting_user, award=str(award.uuid))
    _queue_decision_email(badge_request)
    return badge_request


@transaction.atomic
def deny_badge_request(
    *, badge_request: BadgeRequest, acting_user, reason: str
) -> BadgeRequest:
    """Deny a pending request with a reason the learner reads. Denying twice is harmless.

    Raise ValidationError on ``reason`` when it is empty, and when the request
    was approved or withdrawn.
    """
    reason = reason.strip()
    if not reason:
        raise field_error("reason", _(DENIAL_REASON_REQUIRED), "reason_required")
    if not _claim(
        badge_request,
        BadgeRequestStatus.DENIED,
        decided_by=acting_user,
        decision_reason=reason,
    ):
        if badge_request.status == BadgeRequestStatus.DENIED:
            return badge_request
        raise _not_pending(badge_request)
    _audit("badge_request.denied", badge_request, acting_user)
    _queue_decision_email(badge_request)
    return badge_request


@transaction.atomic
def decide_badge_requests(
    *,
    badge_requests: Sequence[BadgeRequest],
    decision: str,
    reason: str,
    acting_user,
) -> list[BadgeRequest]:
    """Approve or deny many requests with one reason: all of them, or none.

    Raise ValidationError naming ``requests.<index>`` for the first request
    that cannot take the decision (and ``reason`` for a denial without one).
    """
    if decision not in DECISIONS:
        raise field_error("decision", _(UNKNOWN_DECISION), "invalid_choice")
    if decision == "deny" and not reason.strip():
        raise field_error("reason", _(DENIAL_REASON_REQUIRED), "reason_required")
    decide = approve_badge_request if decision == "approve" else deny_badge_request
    decided = []
    for index, badge_request in enumerate(badge_requests):
        try:
            decided.append(
                decide(
                    badge_request=badge_request, acting_user=acting_user, reason=reason
                )
            )
        except ValidationError as exc:
            raise ValidationError({f"requests.{index}": _flat(exc)}) from None
    return decided


def _flat(exc: ValidationError) -> list[ValidationError]:
    """Return the errors of ``exc`` as one list, field names dropped, codes kept."""
    errors = (
        [e for field_errors in exc.error_dict.values() for e in field_errors]
        if hasattr(exc, "error_dict")
        else exc.error_list
    )
    return [ValidationError(m, code=e.code) for e in errors for m in e.messages]


def send_badge_request_decision_email(*, badge_request: BadgeRequest) -> None:
    """E-mail the learner the decision on their request, at the address they chose."""
    from django.conf import settings

    from accounts.emails import language_of, send_templated

    send_templated(
        to=badge_request.email,
        template="badges/requests/emails/decision",
        context={
            "badge_request": badge_request,
            "approved": badge_request.status == BadgeRequestStatus.APPROVED,
            "award_url": facts.assertion_url(badge_request.award)
            if badge_request.award_id
            else "",
            "requests_url": settings.PUBLIC_BASE_URL + reverse("accounts:requests"),
        },
        language=language_of(badge_request.user),
    )
