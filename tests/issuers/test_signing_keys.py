"""An issuer's first signing keys, made on its first award, even when two first awards come at once."""

from __future__ import annotations

from unittest import mock

from audit.models import AuditEvent
from issuers import signing
from issuers.models import KeyAlgorithm, SigningKey


def test_the_first_award_creates_one_active_key_per_algorithm(cast):
    first = signing.active_key(cast.welding, KeyAlgorithm.ED25519)
    assert signing.active_key(cast.welding, KeyAlgorithm.ED25519) == first
    assert SigningKey.objects.active().filter(issuer=cast.welding).count() == 1


def test_the_loser_of_a_race_to_create_the_first_key_signs_with_the_winners(cast):
    """Both find no key; the second insert breaks the one-active-key rule and reads the first one's key."""
    winner = signing.active_key(cast.welding, KeyAlgorithm.RS256)
    # The race: the look-up before creating misses the winner's key once.
    with mock.patch.object(signing, "_active", side_effect=[None, winner]):
        loser = signing.active_key(cast.welding, KeyAlgorithm.RS256)
    assert loser == winner
    assert (
        SigningKey.objects.active()
        .filter(issuer=cast.welding, algorithm=KeyAlgorithm.RS256)
        .count()
        == 1
    )
    assert AuditEvent.objects.filter(action="signing_key.created").count() == 1
