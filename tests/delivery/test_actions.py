"""The delivery actions: offers only for the holder, codes used once, PINs limited, nonces spent once."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.http import Http404
from django.utils.timezone import now

from audit.models import AuditEvent
from badges.actions import revoke_award
from delivery import actions, codes
from delivery.access import access_offerable_award
from delivery.errors import OAuthError
from delivery.models import Delivery, Format, Nonce, Offer, Protocol
from tests.factories import UserFactory
from tests.notifications.helpers import give


def offer_for(award, user, **kw):
    return actions.make_offer(award=award, user=user, protocol=Protocol.OID4VCI, **kw)


def test_it_offers_the_award_to_its_holder_and_keeps_only_digests(cast, held_award):
    offer, reference, tx_code = offer_for(held_award, cast.carol)
    assert len(tx_code) == 6 and tx_code.isdigit()
    assert offer.reference_digest == codes.digest(reference)
    code = codes.pre_authorized_code(reference)
    assert offer.code_digest == codes.digest(code)
    stored = Offer.objects.values().get(pk=offer.pk)
    assert reference not in str(stored) and code not in str(stored)
    assert tx_code not in stored["tx_code_digest"]
    assert AuditEvent.objects.filter(
        action="delivery.offer_created", target_id=str(offer.uuid)
    ).exists()


@pytest.mark.parametrize("who", ["mallory", "aaron", "alice"])
def test_it_offers_nothing_to_anyone_but_the_holder(cast, held_award, who):
    with pytest.raises(Http404):
        offer_for(held_award, getattr(cast, who))
    assert not Offer.objects.exists()


def test_it_refuses_a_revoked_award(cast, held_award):
    revoke_award(award=held_award, reason="Mistake", acting_user=cast.alice)
    held_award.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        offer_for(held_award, cast.carol)
    assert caught.value.code == "not_offerable"
    assert not Offer.objects.exists()


def test_a_vc_api_offer_has_a_challenge_and_no_pin(cast, held_award):
    offer, _reference, tx_code = actions.make_offer(
        award=held_award, user=cast.carol, protocol=Protocol.VC_API
    )
    assert tx_code == "" and len(offer.challenge) >= 32


def test_it_redeems_a_code_once(cast, held_award):
    offer, reference, tx_code = offer_for(held_award, cast.carol)
    code = codes.pre_authorized_code(reference)
    redeemed, token = actions.redeem_pre_authorized_code(code=code, tx_code=tx_code)
    assert redeemed.pk == offer.pk and redeemed.access_token_digest == codes.digest(
        token
    )
    with pytest.raises(OAuthError) as caught:
        actions.redeem_pre_authorized_code(code=code, tx_code=tx_code)
    assert caught.value.code == "invalid_grant"
    # The replay revokes the token the code gave.
    assert Offer.objects.get(pk=offer.pk).access_token_digest == ""


def test_wrong_pins_are_counted_and_spend_the_offer(cast, held_award, settings):
    settings.WALLET_TX_CODE_ATTEMPTS = 3
    _offer, reference, tx_code = offer_for(held_award, cast.carol)
    code = codes.pre_authorized_code(reference)
    wrong = f"{(int(tx_code) + 1) % 10**6:06d}"
    for _attempt in range(3):
        with pytest.raises(OAuthError) as caught:
            actions.redeem_pre_authorized_code(code=code, tx_code=wrong)
        assert caught.value.code == "invalid_grant"
    with pytest.raises(OAuthError, match="spent"):
        actions.redeem_pre_authorized_code(code=code, tx_code=tx_code)
    assert Offer.objects.get().tx_code_attempts == 3


def test_an_expired_offer_cannot_be_redeemed(cast, held_award):
    offer, reference, tx_code = offer_for(held_award, cast.carol)
    Offer.objects.filter(pk=offer.pk).update(expires_at=now() - timedelta(seconds=1))
    with pytest.raises(OAuthError, match="expired"):
        actions.redeem_pre_authorized_code(
            code=codes.pre_authorized_code(reference), tx_code=tx_code
        )


def test_a_nonce_is_spent_once_and_expires(db):
    nonce = actions.new_nonce()
    assert actions.consume_nonce(nonce) is True
    assert actions.consume_nonce(nonce) is False
    other = actions.new_nonce()
    Nonce.objects.filter(digest=codes.digest(other)).update(expires_at=now())
    assert actions.consume_nonce(other) is False
    assert actions.consume_nonce("never-issued") is False


def test_deliver_signs_a_copy_bound_to_the_holder(cast, held_award, holder):
    offer, reference, tx_code = offer_for(held_award, cast.carol)
    offer, _token = actions.redeem_pre_authorized_code(
        code=codes.pre_authorized_code(reference), tx_code=tx_code
    )
    delivery = actions.deliver(offer=offer, holder_id=holder.did_key, fmt=Format.LDP_VC)
    credential = delivery.credential
    assert credential["credentialSubject"]["id"] == holder.did_key
    assert credential["id"] == f"urn:uuid:{delivery.uuid}"
    assert (
        credential["credentialStatus"] == held_award.ob3_credential["credentialStatus"]
    )
    assert credential["proof"]
    held_award.refresh_from_db()
    assert "id" not in held_award.ob3_credential["credentialSubject"]
    with pytest.raises(OAuthError) as caught:
        actions.deliver(offer=offer, holder_id=holder.did_key, fmt=Format.LDP_VC)
    assert caught.value.code == "credential_request_denied"
    # The other format may still be collected once; then the token is spent.
    assert Offer.objects.get(pk=offer.pk).access_token_digest != ""
    jwt_copy = actions.deliver(
        offer=offer, holder_id=holder.did_key, fmt=Format.JWT_VC_JSON
    )
    assert jwt_copy.jwt.count(".") == 2 and jwt_copy.credential is None
    assert Offer.objects.get(pk=offer.pk).access_token_digest == ""
    assert Delivery.objects.count() == 2


def test_deliver_refuses_an_award_revoked_since_the_offer(cast, held_award, holder):
    offer, _reference, _tx = offer_for(held_award, cast.carol)
    revoke_award(award=held_award, reason="Mistake", acting_user=cast.alice)
    with pytest.raises(OAuthError) as caught:
        actions.deliver(offer=offer, holder_id=holder.did_key, fmt=Format.JWT_VC_JSON)
    assert caught.value.code == "credential_request_denied"
    assert not Delivery.objects.exists()


def test_an_award_to_another_learner_is_not_carols(cast):
    award = give(cast, recipient="someone@example.org")
    with pytest.raises(Http404):
        offer_for(award, cast.carol)


@pytest.mark.parametrize("who", ["mallory", "aaron", "alice", "visitor"])
def test_only_the_holder_reaches_the_award_to_offer(cast, held_award, who):
    assert access_offerable_award(cast.carol, held_award.uuid) == held_award
    user = AnonymousUser() if who == "visitor" else getattr(cast, who)
    with pytest.raises(Http404):
        access_offerable_award(user, held_award.uuid)


def test_a_revoked_award_is_not_offerable_even_to_its_holder(cast, held_award):
    revoke_award(award=held_award, reason="Mistake", acting_user=cast.alice)
    with pytest.raises(Http404):
        access_offerable_award(cast.carol, held_award.uuid)


def test_another_learner_gets_the_same_404(cast, held_award):
    other = UserFactory(email="dana@example.org")
    with pytest.raises(Http404):
        offer_for(held_award, other)


# Two wallets racing with one offer: the row locks and the unique constraint only show
# their worth under real concurrency, so these run on PostgreSQL only, with committed rows.
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent connections"
)


def race(work, *arguments):
    """Run ``work(argument)`` for each argument in its own thread at once; return outcomes."""
    barrier = threading.Barrier(len(arguments))
    outcomes = []

    def run(argument):
        try:
            barrier.wait()
            outcomes.append(work(argument))
        except OAuthError as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_one_code_redeemed_twice_at_once_gives_one_token(cast, held_award, monkeypatch):
    _offer, reference, tx_code = actions.make_offer(
        award=held_award, user=cast.carol, protocol=Protocol.OID4VCI
    )
    code = codes.pre_authorized_code(reference)
    # Widen the window between the check and the write, where the row lock must hold.
    new_token = codes.new_token
    monkeypatch.setattr(codes, "new_token", lambda: time.sleep(0.3) or new_token())
    outcomes = race(
        lambda _n: actions.redeem_pre_authorized_code(code=code, tx_code=tx_code), 1, 2
    )
    errors = [o for o in outcomes if isinstance(o, OAuthError)]
    assert len(errors) == 1 and errors[0].code == "invalid_grant"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_one_format_delivered_twice_at_once_gives_one_copy(cast, held_award, holder):
    offer, reference, tx_code = actions.make_offer(
        award=held_award, user=cast.carol, protocol=Protocol.OID4VCI
    )
    actions.redeem_pre_authorized_code(
        code=codes.pre_authorized_code(reference), tx_code=tx_code
    )
    outcomes = race(
        lambda _n: actions.deliver(
            offer=offer, holder_id=holder.did_key, fmt=Format.LDP_VC
        ),
        1,
        2,
    )
    errors = [o for o in outcomes if isinstance(o, OAuthError)]
    assert len(errors) == 1 and errors[0].code == "credential_request_denied"
    assert Delivery.objects.count() == 1
