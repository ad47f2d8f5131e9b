"""Recipient identity hashing for Open Badges 2.0 (IdentityObject, IdentityHash).

OB 2.0 "IdentityObject" carries a recipient's identity either in plain text or
as an IdentityHash: "A hash string preceded by a dollar sign ($) and the
algorithm used to generate the hash", computed over the identity followed by
the ``salt``. Only SHA-256 is produced here (MD5 is legacy). For example,
``alice@example.org`` with the salt ``deadsea``::

    >>> hash_identity("alice@example.org", "deadsea")
    'sha256$c934fdacc6242be0277a284970416aa9bfa583241fb85094bc96c504ee0abd4e'

    "recipient": {
      "type": "email", "hashed": true, "salt": "deadsea",
      "identity":
        "sha256$c934fdacc6242be0277a284970416aa9bfa583241fb85094bc96c504ee0abd4e"
    }

Normalisation: the spec hashes "the identity" without saying how to
normalise it, and 1EdTech's validator hashes whatever the verifier supplies,
byte for byte. E-mail addresses are compared case-insensitively in practice,
so this module strips and lower-cases an e-mail address before hashing (and
before comparing a candidate); other identity types are only stripped. A
verifier that hashes a mixed-case address itself will not match, which is
why the platform always hashes the normalised form.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["hash_identity", "identity_matches", "new_salt", "normalise_identity"]

_PREFIX = "sha256$"


def normalise_identity(plain: str, *, recipient_type: str = "email") -> str:
    """Return ``plain`` as it is hashed: stripped, and lower-cased for e-mail."""
    value = plain.strip()
    return value.lower() if recipient_type == "email" else value


def hash_identity(plain: str, salt: str, *, recipient_type: str = "email") -> str:
    """Return the OB 2.0 IdentityHash ``"sha256$" + hex(sha256(identity + salt))``."""
    value = normalise_identity(plain, recipient_type=recipient_type)
    return _PREFIX + hashlib.sha256((value + salt).encode("utf-8")).hexdigest()


def identity_matches(
    hashed: str, salt: str, candidate: str, *, recipient_type: str = "email"
) -> bool:
    """Return whether ``candidate`` hashes to ``hashed`` with ``salt`` (constant time).

    The hex digest is compared case-insensitively (the validator lower-cases
    it too); an unknown algorithm prefix never matches.
    """
    if not hashed.lower().startswith(_PREFIX):
        return False
    expected = hash_identity(candidate, salt, recipient_type=recipient_type)
    return hmac.compare_digest(expected.encode("ascii"), hashed.lower().encode("utf-8"))


def new_salt() -> str:
    """Return a fresh random salt (32 hex characters, 128 bits)."""
    return secrets.token_hex(16)
