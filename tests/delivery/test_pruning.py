"""Expired nonces and offers are swept daily; what they delivered stays."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils.timezone import now

from delivery import actions
from delivery.models import Delivery, Format, Nonce, Offer, Protocol
from delivery.tasks import prune_expired

pytestmark = pytest.mark.django_db


def test_the_daily_sweep_deletes_expired_nonces_and_old_offers_only(
    cast, held_award, holder
):
    def offer(protocol):
        return actions.make_offer(award=held_award, user=cast.carol, protocol=protocol)[
            0
        ]

    actions.new_nonce()
    Nonce.objects.update(expires_at=now() - timedelta(seconds=1))
    actions.new_nonce()  # still valid
    fresh, old, recent = (
        offer(Protocol.OID4VCI),
        offer(Protocol.VC_API),
        offer(Protocol.OID4VCI),
    )
    copy = actions.deliver(offer=old, holder_id=holder.did_jwk, fmt=Format.LDP_VC)
    Offer.objects.filter(pk=old.pk).update(expires_at=now() - timedelta(days=2))
    Offer.objects.filter(pk=recent.pk).update(expires_at=now() - timedelta(hours=2))

    assert prune_expired() == 2  # one nonce, one offer

    assert (
        Nonce.objects.filter(expires_at__gt=now()).count() == Nonce.objects.count() == 1
    )
    assert set(Offer.objects.values_list("pk", flat=True)) == {fresh.pk, recent.pk}
    kept = Delivery.objects.get(pk=copy.pk)
    assert kept.offer is None and kept.credential


def test_the_sweep_is_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["prune-wallet-offers"]
    assert entry["task"] == "delivery.tasks.prune_expired"
