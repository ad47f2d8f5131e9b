"""Claim links: a signed token that names one award and the address it was sent to.

The token carries the award's UUID and its salted ``recipient_hash``, not the
plain address, so links in server logs or browser history reveal nothing
private. A link proves that whoever opens it could read mail at that address::

    >>> token = claim_token(award)
    >>> read_claim_token(token) == award
    True

Tokens do not expire: a learner may open an old e-mail years later, and the
link grants nothing beyond what the address itself would.
"""

from __future__ import annotations

from django.core import signing
from django.utils.crypto import constant_time_compare

from badges.models import Award

CLAIM_SALT = "insignia.wallet.claim"


class BadClaimToken(Exception):
    """The token is forged, tampered with, or names an award that no longer matches."""


def claim_token(award: Award) -> str:
    """Return the signed claim token for ``award``."""
    return signing.dumps(
        {"award": str(award.uuid), "recipient": award.recipient_hash},
        salt=CLAIM_SALT,
        compress=True,
    )


def read_claim_token(token: str) -> Award:
    """Return the award the token names; raise BadClaimToken if it is not genuine."""
    try:
        payload = signing.loads(token, salt=CLAIM_SALT)
        award_id, recipient = str(payload["award"]), str(payload["recipient"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise BadClaimToken from None
    award = (
        Award.objects.select_related("badge_class", "issuer__institution")
        .filter(uuid=award_id)
        .first()
        if _is_uuid(award_id)
        else None
    )
    if award is None or not constant_time_compare(award.recipient_hash, recipient):
        raise BadClaimToken
    return award


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
