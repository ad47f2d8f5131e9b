"""Awarding, signing and revoking: the life of an ``Award``.

A single award is signed inside the request that makes it (OB 2.0 JWS, OB 3.0
Data Integrity proof and VC-JWT), so its credential is ready at once. Revoking
republishes the issuer's status list on commit, through a task.
"""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record
from badges.credentials import did as did_lib
from badges.credentials import hashing, ob2, ob3, signing, status_list
from issuers.models import Issuer, KeyAlgorithm
from issuers.signing import active_key, signer_for
from issuers.validation import field_error

from .. import facts
from ..choices import AwardRoute, RecipientType, Status
from ..models import Award, BadgeClass, StatusList

NOT_AWARDABLE = gettext_noop(
    "Only published badge classes can be awarded; this one is %(status)s."
)
EXPIRES_BEFORE_ISSUE = gettext_noop("The expiry date must be after the issue date.")
NO_RESULT_DEFINED = gettext_noop("This badge class records no result.")
BAD_TELEPHONE = gettext_noop(
    "Enter a telephone number in international form, e.g. +37120000000."
)
BAD_EVIDENCE = gettext_noop("Each piece of evidence needs a URL or a narrative.")

_TELEPHONE = re.compile(r"^\+[1-9][0-9]{6,14}$")


def add_months(moment: datetime, months: int) -> datetime:
    """Return ``moment`` plus ``months`` calendar months (31 Jan + 1 month = 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _clean_identity(recipient_type: str, identity: str) -> str:
    identity = hashing.normalise_identity(identity, recipient_type=recipient_type)
    try:
        if recipient_type == RecipientType.EMAIL:
            EmailValidator()(identity)
        elif recipient_type == RecipientType.URL:
            URLValidator(schemes=["http", "https"])(identity)
        elif recipient_type == RecipientType.TELEPHONE:
            identity = re.sub(r"[ ()\-]", "", identity)
            if not _TELEPHONE.match(identity):
                raise ValidationError(_(BAD_TELEPHONE), code="invalid")
        else:
            raise ValidationError(
                _("Choose e-mail, URL or telephone."), code="invalid_choice"
            )
    except ValidationError as exc:
        raise ValidationError({"recipient_identity": exc.error_list}) from None
    return identity


def _clean_evidence(evidence: Sequence[dict]) -> list[dict]:
    cleaned = []
    for index, item in enumerate(evidence):
        entry = {
            k: str(item.get(k, "")).strip()
            for k in ("url", "narrative", "name")
            if item.get(k)
        }
        if not entry.get("url") and not entry.get("narrative"):
            raise field_error(f"evidence.{index}", _(BAD_EVIDENCE), "invalid")
        if entry.get("url"):
            try:
                URLValidator(schemes=["http", "https"])(entry["url"])
            except ValidationError as exc:
                raise ValidationError(
                    {f"evidence.{index}.url": exc.error_list}
                ) from None
        cleaned.append(entry)
    return cleaned


def _draw_status_index(issuer: Issuer) -> int:
    """Return a random unused index in the issuer's status list (herd privacy: no issue order)."""
    rng = random.SystemRandom()
    for _attempt in range(64):
        index = rng.randrange(status_list.MIN_SIZE)
        if not Award.objects.filter(issuer=issuer, status_index=index).exists():
            return index
    raise RuntimeError("The status list is nearly full; it needs to grow.")


@transaction.atomic
def award_badge(
    *,
    badge_class: BadgeClass,
    recipient_identity: str,
    acting_user,
    recipient_type: str = RecipientType.EMAIL,
    recipient_name: str = "",
    issued_on: datetime | None = None,
    expires_at: datetime | None = None,
    evidence: Sequence[dict] = (),
    narrative: str = "",
    result: str = "",
    route: str = AwardRoute.COURSE,
    sign: bool = True,
) -> Award:
    """Award ``badge_class`` to one recipient and, unless ``sign=False``, sign it at once.

    Expiry defaults to the class's validity period after the issue date.
    Raise ValidationError naming the field for a bad recipient, an archived
    or draft class, an expiry before the issue date or an undefined result.
    """
    if badge_class.status != Status.PUBLISHED:
        raise ValidationError(
            _(NOT_AWARDABLE) % {"status": badge_class.get_status_display()},
            code="not_awardable",
        )
    identity = _clean_identity(recipient_type, recipient_identity)
    issued_on = issued_on or now()
    if expires_at is None and badge_class.validity_months:
        expires_at = add_months(issued_on, badge_class.validity_months)
    if expires_at is not None and expires_at <= issued_on:
        raise field_error("expires_at", _(EXPIRES_BEFORE_ISSUE), "expires_before_issue")
    if result and not badge_class.result_type:
        raise field_error("result", _(NO_RESULT_DEFINED), "no_result_defined")
    salt = hashing.new_salt()
    award = Award(
        badge_class=badge_class,
        issuer=badge_class.issuer,
        recipient_type=recipient_type,
        recipient_identity=identity,
        recipient_salt=salt,
        recipient_hash=hashing.hash_identity(
            identity, salt, recipient_type=recipient_type
        ),
        recipient_name=recipient_name.strip(),
        issued_on=issued_on,
        expires_at=expires_at,
        evidence=_clean_evidence(evidence),
        narrative=narrative,
        result=result,
        route=route,
        awarded_by=acting_user,
    )
    for _attempt in range(5):
        award.status_index = _draw_status_index(badge_class.issuer)
        award.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                award.save()
            break
        except IntegrityError:  # another award took the same index at the same moment
            award.pk = None
    else:
        raise RuntimeError("Could not draw a free status list index.")
    # The audit log names the recipient by hash only, never the plain address.
    record("award.created", actor=acting_user, target=award, institution=badge_class.issuer.institution,
           issuer=badge_class.issuer, data={"badge_class": str(badge_class.uuid), "recipient": award.recipient_hash})  # fmt: skip
    if sign:
        sign_award(award=award)
    return award


@transaction.atomic
def sign_award(*, award: Award) -> Award:
    """Sign ``award`` in every format: OB 2.0 JWS (RS256), OB 3.0 Data Integrity and VC-JWT (Ed25519)."""
    issuer = award.issuer
    rsa_key = active_key(issuer, KeyAlgorithm.RS256)
    ed_key = active_key(issuer, KeyAlgorithm.ED25519)
    award_facts = facts.award_facts(award)

    assertion = ob2.assertion(
        award_facts, verification="signed", key_url=facts.key_url(rsa_key)
    )
    ob2_jws = signing.sign_ob2(assertion, signer_for(rsa_key))

    issuer_did = facts.issuer_did(issuer)
    ed_private = _private_key(ed_key)
    credential = ob3.sign(
        ob3.credential(award_facts, base_url=facts.base_url()),
        ed_private,
        verification_method=did_lib.verification_method_id(issuer_did, ed_key.kid),
        created=now(),
        base_url=facts.base_url(),
    )
    jwt = ob3.encode_jwt(
        credential, ed_private, kid=did_lib.jwk_method_id(issuer_did, ed_key.kid)
    )
    Award.objects.filter(pk=award.pk).update(
        ob2_jws=ob2_jws, ob3_credential=credential, ob3_jwt=jwt, signed_at=now()
    )
    award.refresh_from_db()
    return award


def _private_key(signing_key):
    from badges.credentials import keys
    from issuers.signing import key_encryption_key

    return keys.open_private_key(signing_key.sealed_private_key, key_encryption_key())


@transaction.atomic
def revoke_award(*, award: Award, reason: str, acting_user) -> Award:
    """Revoke ``award`` with a reason shown to verifiers. Revoking twice changes nothing.

    The OB 2.0 revocation list is built from the table on each request; the
    OB 3.0 status list is republished by a task once this commits.
    """
    reason = reason.strip()
    if not reason:
        raise field_error(
            "reason",
            _("Say why the badge is revoked: verifiers see the reason."),
            "required",
        )
    claimed = Award.objects.filter(pk=award.pk, revoked_at__isnull=True).update(
        revoked_at=now(), revocation_reason=reason[:500]
    )
    award.refresh_from_db()
    if claimed:
        record("award.revoked", actor=acting_user, target=award, institution=award.issuer.institution,
               issuer=award.issuer, data={"reason": award.revocation_reason})  # fmt: skip
        from ..tasks import publish_status_list_task

        issuer_id = award.issuer_id
        transaction.on_commit(lambda: publish_status_list_task.delay(issuer_id))
    return award


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
        _private_key(ed_key),
        verification_method=did_lib.verification_method_id(issuer_did, ed_key.kid),
        created=published_at,
        base_url=facts.base_url(),
    )
    entry, _created = StatusList.objects.update_or_create(
        issuer=issuer, defaults={"document": document, "published_at": published_at}
    )
    return entry
