"""Recipient identities hash as OB 2.0 IdentityHash values and match in constant time."""

from __future__ import annotations

import re

from credentials.hashing import hash_identity, identity_matches, new_salt

# The value 1EdTech's validator (openbadges 1.1.2, verifier.utils.identity_hash)
# computes for "alice@example.org" with the salt "deadsea".
ALICE = "sha256$c934fdacc6242be0277a284970416aa9bfa583241fb85094bc96c504ee0abd4e"


def test_it_hashes_like_the_1edtech_validator():
    assert hash_identity("alice@example.org", "deadsea") == ALICE


def test_it_normalises_email_addresses_before_hashing():
    assert hash_identity("  Alice@Example.ORG\n", "deadsea") == ALICE


def test_it_keeps_the_case_of_other_identity_types():
    upper = hash_identity("https://Example.org/Carol", "s", recipient_type="url")
    lower = hash_identity("https://example.org/carol", "s", recipient_type="url")
    assert upper != lower


def test_it_matches_the_right_candidate():
    assert identity_matches(ALICE, "deadsea", "alice@example.org") is True
    upper_hex = "sha256$" + ALICE.removeprefix("sha256$").upper()
    assert identity_matches(upper_hex, "deadsea", "Alice@example.org") is True


def test_it_does_not_match_a_wrong_candidate_or_salt():
    assert identity_matches(ALICE, "deadsea", "bob@example.org") is False
    assert identity_matches(ALICE, "other", "alice@example.org") is False


def test_it_does_not_match_other_hash_algorithms():
    assert identity_matches("md5$0123", "deadsea", "alice@example.org") is False
    assert identity_matches("alice@example.org", "", "alice@example.org") is False


def test_it_makes_fresh_random_salts():
    salts = {new_salt() for _ in range(20)}
    assert len(salts) == 20
    assert all(re.fullmatch(r"[0-9a-f]{32}", s) for s in salts)
