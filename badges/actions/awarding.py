"""Awarding, signing and revoking: the life of an ``Award``.

A single award is signed inside the request that makes it (OB 2.0 JWS, OB 3.0
Data Integrity proof and VC-JWT), so its credential is ready at once. Revoking
republishes the issuer's status list on commit, through a task.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record
from config import metrics
from credentials import did as did_lib
from credentials import hashing, ob2, ob3
from credentials.ob2 import sign
from credentials.ob3 import status_list
from issuers.models import Issuer, KeyAlgorithm
from issuers.signing import active_key, private_key_for, signer_for
from issuers.validation import field_error

from .. import facts
from ..award_rules import (  # noqa: F401  (the messages are re-exported)
    BAD_TELEPHONE,
    EXPIRES_BEFORE_ISSUE,
    NO_RESULT_DEFINED,
    check_expiry,
    check_result,
    check_web_url,
    clean_identity,
)
from ..choices import AwardRoute, RecipientType, Status
from ..models import Award, BadgeClass

NOT_AWARDABLE = gettext_noop(
    "Only published badge classes can be awarded; this one is %(status)s."
)
BAD_EVIDENCE = gettext_noop("Each piece of evidence needs a URL or a narrative.")
KEY_REUSED = gettext_noop(
    "This idempotency key has already been used to award this badge to another recipient."
)


def add_months(moment: datetime, months: int) -> datetime:
    """Return ``moment`` plus ``months`` calendar months (31 Jan + 1 month = 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _clean_identity(recipient_type: str, identity: str) -> str:
    try:
        return clean_identity(recipient_type, identity)
    except ValidationError as exc:
        raise ValidationError({"recipient_identity": exc.error_list}) from None


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
                check_web_url(entry["url"])
            except ValidationError as exc:
                raise ValidationError(
                    {f"evidence.{index}.url": exc.error_list}
                ) from None
        cleaned.append(entry)
    return cleaned


def awards_with_key(badge_class: BadgeClass, idempotency_key: str):
    """The award made with this key for this class (at most one), as a queryset."""
    # The non-empty filter lets SQLite use the partial unique index (it otherwise scans the class's awards).
    return Award.objects.exclude(idempotency_key="").filter(
        badge_class=badge_class, idempotency_key=idempotency_key
    )


def _award_with_key(badge_class: BadgeClass, idempotency_key: str) -> Award | None:
    return awards_with_key(badge_class, idempotency_key).first()


def _replayed(award: Award, recipient_type: str, identity: str) -> Award:
    """Return the award a repeated idempotency key made; raise ValidationError if it went to someone else.

    A client that reuses a key for another recipient would otherwise be told
    that recipient was awarded (IETF draft "The Idempotency-Key HTTP Header
    Field", section 2.7: a key reused with another payload is an error).
    """
    if (award.recipient_type, award.recipient_identity) != (recipient_type, identity):
        raise ValidationError(_(KEY_REUSED), code="idempotency_key_reused")
    return award


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
    idempotency_key: str = "",
    renewed_from: Award | None = None,
    sign: bool = True,
    notify: bool = True,
) -> Award:
    """Award ``badge_class`` to one recipient and, unless ``sign=False``, sign it at once.

    Expiry defaults to the class's validity period after the issue date. An
    ``idempotency_key`` already used for this badge class returns that award
    unchanged (a retried request or a re-uploaded row awards once); used for
    another recipient, it raises ValidationError (code ``idempotency_key_reused``).
    ``notify=False`` sends no award e-mail (the caller tells the learner itself).
    Raise ValidationError naming the field for a bad recipient, an archived
    or draft class, an expiry before the issue date or an undefined result.
    """
    identity = _clean_identity(recipient_type, recipient_identity)
    if idempotency_key:
        existing = _award_with_key(badge_class, idempotency_key)
        if existing is not None:
            return _replayed(existing, recipient_type, identity)
    if badge_class.status != Status.PUBLISHED:
        raise ValidationError(
            _(NOT_AWARDABLE) % {"status": badge_class.get_status_display()},
            code="not_awardable",
        )
    issued_on = issued_on or now()
    if expires_at is None and badge_class.validity_months:
        expires_at = add_months(issued_on, badge_class.validity_months)
    check_expiry(issued_on, expires_at)
    check_result(result, records_result=bool(badge_class.result_type))
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
        idempotency_key=idempotency_key,
        renewed_from=renewed_from,
        awarded_by=acting_user,
    )
    for _attempt in range(5):
        award.status_index = _draw_status_index(badge_class.issuer)
        # The related objects are in hand: skip the existence query per foreign key.
        award.full_clean(
            exclude=["badge_class", "issuer", "awarded_by", "renewed_from"],
            validate_unique=False,  # a random uuid; the status index is checked just above
            validate_constraints=False,
        )
        try:
            with transaction.atomic():
                award.save()
            break
        except IntegrityError:
            award.pk = None
            # Another request with the same idempotency key won the race: return its award.
            if idempotency_key and (
                winner := _award_with_key(badge_class, idempotency_key)
            ):
                return _replayed(winner, recipient_type, identity)
            # Otherwise another award took the same status index at the same moment: draw again.
    else:
        raise RuntimeError("Could not draw a free status list index.")
    # The audit log names the recipient by hash only, never the plain address.
    record("award.created", actor=acting_user, target=award, institution=badge_class.issuer.institution,
           issuer=badge_class.issuer, data={"badge_class": str(badge_class.uuid), "recipient": award.recipient_hash})  # fmt: skip
    metrics.count_award_on_commit()
    if notify:
        from notifications.actions import queue_award_email

        queue_award_email(award=award)  # the recipient's e-mail, sent once this commits
    if sign:
        sign_award(award=award)
    return award


class IssuerSigners:
    """An issuer's opened signing keys, for signing many awards with one key opening."""

    def __init__(self, issuer: Issuer) -> None:
        self.issuer = issuer
        rsa_key = active_key(issuer, KeyAlgorithm.RS256)
        ed_key = active_key(issuer, KeyAlgorithm.ED25519)
        self.rsa_signer = signer_for(rsa_key)
        self.rsa_key_url = facts.key_url(rsa_key)
        self.ed_private = private_key_for(ed_key)
        did = facts.issuer_did(issuer)
        self.verification_method = did_lib.verification_method_id(did, ed_key.kid)
        self.jwk_method = did_lib.jwk_method_id(did, ed_key.kid)
        # One proof time per batch: the canonical proof configuration is then computed once.
        self.created = now()

    def sign(self, award: Award, award_facts) -> dict:
        """Return the signed forms of one award, as Award field values."""
        assertion = ob2.assertion(
            award_facts, verification="signed", key_url=self.rsa_key_url
        )
        credential = self._data_integrity(self._unsigned(award_facts))
        jwt = self._vc_jwt(credential)
        with metrics.signing_time("ob2-jws"):
            jws = sign.sign_ob2(assertion, self.rsa_signer)
        return {
            "ob2_jws": jws,
            "ob3_credential": credential,
            "ob3_jwt": jwt,
            "signed_at": self.created,
        }

    def ob3_credential(self, award_facts) -> dict:
        """Return only the OB 3.0 credential with its Data Integrity proof (a wallet's copy)."""
        return self._data_integrity(self._unsigned(award_facts))

    def ob3_jwt(self, award_facts) -> str:
        """Return only the OB 3.0 VC-JWT (a wallet's copy); its ``vc`` claim has no embedded proof."""
        return self._vc_jwt(self._unsigned(award_facts))

    def _unsigned(self, award_facts) -> dict:
        return ob3.credential(award_facts, base_url=facts.base_url())

    def _data_integrity(self, unsigned: dict) -> dict:
        with metrics.signing_time("data-integrity"):
            return ob3.sign(
                unsigned,
                self.ed_private,
                verification_method=self.verification_method,
                created=self.created,
                base_url=facts.base_url(),
            )

    def _vc_jwt(self, credential: dict) -> str:
        with metrics.signing_time("vc-jwt"):
            return ob3.encode_jwt(credential, self.ed_private, kid=self.jwk_method)


@transaction.atomic
def sign_award(*, award: Award) -> Award:
    """Sign ``award`` in every format: OB 2.0 JWS (RS256), OB 3.0 Data Integrity and VC-JWT (Ed25519)."""
    sign_awards(awards=[award])
    award.refresh_from_db()
    return award


@transaction.atomic
def sign_awards(*, awards: Sequence[Award]) -> int:
    """Sign many awards, opening each issuer's keys and building each badge class's facts once.

    Return the number signed. Used by bulk awarding; ``sign_award`` is the one-award case.
    """
    signers: dict[int, IssuerSigners] = {}
    class_facts: dict[int, object] = {}
    signed = []
    for award in awards:
        if award.issuer_id not in signers:
            signers[award.issuer_id] = IssuerSigners(award.issuer)
        if award.badge_class_id not in class_facts:
            class_facts[award.badge_class_id] = facts.badge_class_facts(
                award.badge_class
            )
        values = signers[award.issuer_id].sign(
            award,
            facts.award_facts(award, badge_class=class_facts[award.badge_class_id]),
        )
        for name, value in values.items():
            setattr(award, name, value)
        signed.append(award)
    Award.objects.bulk_update(
        signed, ["ob2_jws", "ob3_credential", "ob3_jwt", "signed_at"], batch_size=200
    )
    return len(signed)


@transaction.atomic
def reissue_awards(*, awards: Sequence[Award], reasons: dict[int, list[str]]) -> int:
    """Sign ``awards`` again in every format, keeping each id, status entry and date.

    For credentials other verifiers reject (``badges.reissue``): the builders
    make the same credential from the same rows, now in a form those verifiers
    accept, and ``reissued_at`` tells the learner a fresh copy exists.
    ``reasons`` maps an award's pk to its departures, for the audit log.
    Return the number re-issued.
    """
    count = sign_awards(awards=awards)
    moment = now()
    Award.objects.filter(pk__in=[a.pk for a in awards]).update(reissued_at=moment)
    for award in awards:
        award.reissued_at = moment
        record(
            "award.reissued",
            actor=None,
            target=award,
            institution=award.issuer.institution,
            issuer=award.issuer,
            data={"reasons": reasons.get(award.pk, [])},
        )
    return count
