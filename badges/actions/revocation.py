"""Revoking awards, one or many, and republishing the issuer's status list.

The OB 2.0 RevocationList is built from the table on each request, so it is
current at once; the OB 3.0 Bitstring Status List is republished by one task
per issuer once the revocation commits.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record
from credentials import did as did_lib
from credentials import ob3
from credentials.ob3 import status_list
from issuers.models import Issuer, KeyAlgorithm
from issuers.signing import active_key, private_key_for
from issuers.validation import field_error

from .. import facts
from ..models import Award, StatusList

REASON_REQUIRED = gettext_noop(
    "Say why the badge is revoked: verifiers see the reason."
)


def _clean_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise field_error("reason", _(REASON_REQUIRED), "required")
    return reason[:500]


def _queue_status_lists(issuer_ids) -> None:
    from outbox.actions import enqueue

    from ..tasks import publish_status_list_task

    for issuer_id in sorted(set(issuer_ids)):
        enqueue(publish_status_list_task, issuer_id)


@transaction.atomic
def revoke_award(*, award: Award, reason: str, acting_user) -> Award:
    """Revoke ``award`` with a reason shown to verifiers. Revoking twice changes nothing."""
    revoke_awards(awards=[award], reason=reason, acting_user=acting_user)
    award.refresh_from_db()
    return award


@transaction.atomic
def revoke_awards(*, awards: Sequence[Award], reason: str, acting_user) -> int:
    """Revoke many awards with one reason; return how many were newly revoked.

    Each award is claimed with a conditional UPDATE, so one revoked twice (or
    by two people at once) is revoked once, with the first reason.
    """
    reason = _clean_reason(reason)
    revoked_at = now()
    newly = []
    # Rows are locked in id order: two batches that share awards, given in
    # different orders, would otherwise each hold a row the other waits for
    # (PostgreSQL ends one of them with "deadlock detected").
    for award in sorted(awards, key=lambda a: a.pk):
        if Award.objects.filter(pk=award.pk, revoked_at__isnull=True).update(
            revoked_at=revoked_at, revocation_reason=reason
        ):
            newly.append(award)
            record("award.revoked", actor=acting_user, target=award, institution=award.issuer.institution,
                   issuer=award.issuer, data={"reason": reason})  # fmt: skip
    _queue_status_lists(a.issuer_id for a in newly)
    return len(newly)


def published_status_list(*, issuer: Issuer) -> StatusList:
    """Return the issuer's status list as published, publishing it first if it never was.

    Readers (the public URL, an award's own verification) call this rather
    than publishing, so a list is signed again only when a revocation asks.
    """
    entry = StatusList.objects.filter(issuer=issuer).first()
    return entry or publish_status_list(issuer=issuer)


@transaction.atomic
def publish_status_list(*, issuer: Issuer) -> StatusList:
    """Rebuild, sign and store the issuer's Bitstring Status List credential."""
    Issuer.objects.select_for_update().filter(
        pk=issuer.pk
    ).first()  # one publisher at a time
    ed_key = active_key(issuer, KeyAlgorithm.ED25519)
    issuer_did = facts.issuer_did(issuer)
    revoked = (
        Award.objects.filter(issuer=issuer)
        .revoked()
        .values_list("status_index", flat=True)
    )
    published_at = now()
    document = ob3.sign(
        status_list.status_list_credential(
            list_url=facts.status_list_url(issuer),
            issuer_did=issuer_did,
            revoked_indexes=list(revoked),
            valid_from=published_at,
        ),
        private_key_for(ed_key),
        verification_method=did_lib.verification_method_id(issuer_did, ed_key.kid),
        created=published_at,
        base_url=facts.base_url(),
    )
    entry, _created = StatusList.objects.update_or_create(
        issuer=issuer, defaults={"document": document, "published_at": published_at}
    )
    return entry
