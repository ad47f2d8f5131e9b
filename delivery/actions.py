"""The one write path of wallet delivery: offers, code redemption, nonces, signed deliveries.

1. ``make_offer``: the learner asks to send an award to a wallet; the offer's
   reference (and PIN) are returned once and kept as digests.
2. ``redeem_pre_authorized_code``: the wallet exchanges the code (and PIN) for
   an access token at the token endpoint (OID4VCI 1.0 section 6).
3. ``new_nonce`` / ``consume_nonce``: the ``c_nonce`` a key proof must carry
   (section 7), spent once.
4. ``deliver``: a copy of the award bound to the wallet's DID is signed and
   stored (section 8; or at the end of a VC-API exchange).
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record
from badges import facts
from badges.actions.awarding import IssuerSigners
from badges.models import Award
from issuers.access import NOT_FOUND
from wallet.access import held_awards

from . import codes
from .access import offerable_awards
from .errors import OAuthError
from .models import Delivery, Format, Nonce, Offer, Protocol

NOT_OFFERABLE = gettext_noop(
    "Only a valid, signed award can go to a wallet; this one is %(state)s."
)

CODE_UNKNOWN = "The pre-authorized code is not known."
CODE_USED = "The pre-authorized code has already been used."
CODE_EXPIRED = "The offer has expired."
CODE_SPENT = "Too many wrong transaction codes: the offer is spent."
TX_CODE_MISSING = "This offer needs its transaction code (tx_code)."
TX_CODE_UNEXPECTED = "This offer has no transaction code; do not send tx_code."
TX_CODE_WRONG = "The transaction code is wrong."
AWARD_GONE = "The award can no longer be delivered (revoked, expired or not held)."
ALREADY_DELIVERED = "This offer has already delivered its credential in this format."


@transaction.atomic
def make_offer(
    *, award: Award, user, protocol: str, with_tx_code: bool = True
) -> tuple[Offer, str, str]:
    """Offer ``award`` to a wallet for its holder ``user``; return (offer, reference, tx_code).

    The reference (the secret part of the offer URL) and the PIN are returned
    once and stored as digests; ``tx_code`` is "" without a PIN, and always for
    a VC-API offer, which carries a random single-use ``challenge`` instead.
    Raise Http404 unless ``user`` holds the award (as ``access`` does), and
    ValidationError (code ``not_offerable``) for a revoked, expired or unsigned award.
    """
    if not held_awards(user).filter(pk=award.pk).exists():
        raise Http404(NOT_FOUND)
    if not offerable_awards(user).filter(pk=award.pk).exists():
        state = award.state if award.state != "valid" else "unsigned"
        raise ValidationError(_(NOT_OFFERABLE) % {"state": state}, code="not_offerable")
    if protocol not in Protocol.values:
        raise ValueError(f"Unknown protocol {protocol!r}.")
    reference = codes.new_token()
    code = codes.pre_authorized_code(reference)
    tx_code = ""
    if with_tx_code and protocol == Protocol.OID4VCI:
        tx_code = codes.new_tx_code()
    offer = Offer(
        award=award,
        user=user,
        protocol=protocol,
        reference_digest=codes.digest(reference),
        code_digest=codes.digest(code),
        tx_code_digest=codes.tx_code_digest(code, tx_code) if tx_code else "",
        expires_at=now() + timedelta(seconds=settings.WALLET_OFFER_SECONDS),
        challenge=codes.new_token() if protocol == Protocol.VC_API else "",
    )
    offer.full_clean(exclude=["award", "user"], validate_unique=False)
    offer.save()
    record("delivery.offer_created", actor=user, target=offer, institution=award.issuer.institution,
           issuer=award.issuer, data={"award": str(award.uuid), "protocol": protocol, "tx_code": bool(tx_code)})  # fmt: skip
    return offer, reference, tx_code


def redeem_pre_authorized_code(*, code: str, tx_code: str | None) -> tuple[Offer, str]:
    """Exchange a pre-authorized code (and PIN) for an access token; return (offer, token).

    The code is single use and expires with its offer. After
    ``WALLET_TX_CODE_ATTEMPTS`` wrong PINs the offer is spent. Raise OAuthError
    with the code OID4VCI 1.0 section 6.3 names: ``invalid_grant`` for an
    unknown, used, expired or spent code and a wrong PIN, ``invalid_request``
    for a PIN missing or sent when none is set. A wrong PIN's count is kept
    although the request fails.
    """
    with transaction.atomic():
        outcome = _redeem(code or "", tx_code)
    if isinstance(outcome, OAuthError):
        raise outcome
    return outcome


def _redeem(code: str, tx_code: str | None) -> tuple[Offer, str] | OAuthError:
    offer = (
        Offer.objects.select_for_update()
        .filter(code_digest=codes.digest(code), protocol=Protocol.OID4VCI)
        .select_related("award__issuer")
        .first()
    )
    if offer is None:
        return OAuthError("invalid_grant", CODE_UNKNOWN)
    moment = now()
    if offer.redeemed_at is not None:
        # RFC 6749 section 4.1.2: a code used twice revokes what it gave, if not yet collected.
        if offer.access_token_digest:
            Offer.objects.filter(pk=offer.pk).update(access_token_digest="")
        _audit_refused(offer, "replayed")
        return OAuthError("invalid_grant", CODE_USED)
    if offer.expires_at <= moment:
        return OAuthError("invalid_grant", CODE_EXPIRED)
    if offer.tx_code_attempts >= settings.WALLET_TX_CODE_ATTEMPTS:
        return OAuthError("invalid_grant", CODE_SPENT)
    if offer.has_tx_code and not tx_code:
        return OAuthError("invalid_request", TX_CODE_MISSING)
    if not offer.has_tx_code and tx_code:
        return OAuthError("invalid_request", TX_CODE_UNEXPECTED)
    if offer.has_tx_code and not codes.same(
        codes.tx_code_digest(code, tx_code), offer.tx_code_digest
    ):
        offer.tx_code_attempts += 1
        Offer.objects.filter(pk=offer.pk).update(
            tx_code_attempts=offer.tx_code_attempts
        )
        _audit_refused(offer, "wrong_tx_code")
        if offer.tx_code_attempts >= settings.WALLET_TX_CODE_ATTEMPTS:
            return OAuthError("invalid_grant", CODE_SPENT)
        return OAuthError("invalid_grant", TX_CODE_WRONG)
    access_token = codes.new_token()
    offer.redeemed_at = moment
    offer.access_token_digest = codes.digest(access_token)
    offer.access_expires_at = moment + timedelta(
        seconds=settings.OID4VCI_ACCESS_TOKEN_SECONDS
    )
    offer.save(
        update_fields=["redeemed_at", "access_token_digest", "access_expires_at"]
    )
    record("delivery.code_redeemed", actor=None, target=offer, institution=offer.award.issuer.institution,
           issuer=offer.award.issuer, data={"award": str(offer.award.uuid)})  # fmt: skip
    return offer, access_token


def _audit_refused(offer: Offer, reason: str) -> None:
    record("delivery.code_refused", actor=None, target=offer, institution=offer.award.issuer.institution,
           issuer=offer.award.issuer, data={"reason": reason, "attempts": offer.tx_code_attempts})  # fmt: skip


def new_nonce() -> str:
    """Return a fresh ``c_nonce`` (OID4VCI 1.0 section 7), valid ``OID4VCI_NONCE_SECONDS``."""
    nonce = codes.new_token()
    Nonce.objects.create(
        digest=codes.digest(nonce),
        expires_at=now() + timedelta(seconds=settings.OID4VCI_NONCE_SECONDS),
    )
    return nonce


def consume_nonce(nonce: str) -> bool:
    """Spend ``nonce``; return True if it was issued here, unexpired and not used before."""
    if not isinstance(nonce, str) or not nonce:
        return False
    moment = now()
    # One conditional UPDATE: of two requests with the same nonce, exactly one wins.
    spent = Nonce.objects.filter(
        digest=codes.digest(nonce), used_at__isnull=True, expires_at__gt=moment
    ).update(used_at=moment)
    return spent == 1


def prune_expired() -> int:
    """Delete expired nonces and offers expired more than a day ago; return how many rows.

    An old offer's digests open nothing any more; the copies it delivered
    stay (their ``offer`` becomes null) and the audit log keeps the story.
    """
    moment = now()
    nonces = Nonce.objects.filter(expires_at__lte=moment).delete()[0]
    offers = Offer.objects.filter(expires_at__lte=moment - timedelta(days=1)).delete()
    return nonces + offers[0]


@transaction.atomic
def deliver(*, offer: Offer, holder_id: str, fmt: str) -> Delivery:
    """Sign a copy of the offer's award bound to ``holder_id`` in ``fmt``, store it, spend the offer.

    The copy has ``credentialSubject.id`` = ``holder_id``, id
    ``urn:uuid:<delivery uuid>`` and the award's status entry. An offer gives
    at most one copy per format; once every format is delivered its access
    token is spent, and a VC-API offer is marked redeemed. Raise OAuthError
    ``credential_request_denied`` if the award was revoked, expired or left
    its holder since the offer, or this format was already delivered.
    """
    if fmt not in Format.values:
        raise ValueError(f"Unknown format {fmt!r}.")
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    delivered = set(
        Delivery.objects.filter(offer=offer).values_list("format", flat=True)
    )
    if fmt in delivered:
        raise OAuthError("credential_request_denied", ALREADY_DELIVERED)
    award = (
        offerable_awards(offer.user)
        .select_related("issuer__institution", "badge_class")
        .filter(pk=offer.award_id)
        .first()
    )
    if award is None:
        raise OAuthError("credential_request_denied", AWARD_GONE)
    delivery = Delivery(
        uuid=uuid.uuid4(),
        award=award,
        offer=offer,
        protocol=offer.protocol,
        format=fmt,
        holder_id=holder_id,
    )
    bound = dataclasses.replace(
        facts.award_facts(award),
        subject_did=holder_id,
        credential_id=delivery.credential_id,
    )
    # Only the asked-for form is signed (not the OB 2.0 assertion nor the other format).
    signers = IssuerSigners(award.issuer)
    if fmt == Format.LDP_VC:
        delivery.credential = signers.ob3_credential(bound)
    else:
        delivery.jwt = signers.ob3_jwt(bound)
    delivery.delivered_at = now()
    delivery.full_clean(exclude=["award", "offer"], validate_unique=False)
    delivery.save()
    if delivered | {fmt} == set(Format.values):
        offer.access_token_digest = ""  # nothing is left to collect with it
    offer.redeemed_at = offer.redeemed_at or delivery.delivered_at
    offer.save(update_fields=["access_token_digest", "redeemed_at"])
    record("delivery.credential_delivered", actor=offer.user, target=delivery, institution=award.issuer.institution,
           issuer=award.issuer, data={"award": str(award.uuid), "protocol": offer.protocol, "format": fmt,
                                      "holder": holder_id})  # fmt: skip
    return delivery
