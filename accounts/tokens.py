"""Signed e-mail verification links (django.core.signing, no table).

A token carries the address row's id and a digest of the address, signed
with ``SECRET_KEY`` under its own salt and dated, so it is good for
``VERIFICATION_MAX_AGE`` only and only for the address it was made for::

    >>> token = make_verification_token(address)
    >>> check_verification_token(token)   # -> the EmailAddress
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

from .models import EmailAddress, email_digest

SALT = "accounts.email-verification"
VERIFICATION_MAX_AGE = timedelta(days=3)


class InvalidToken(Exception):
    """The link is tampered with, made for another address, or for one that is gone."""


class ExpiredToken(InvalidToken):
    """The link was genuine but is older than ``VERIFICATION_MAX_AGE``."""


def make_verification_token(address: EmailAddress) -> str:
    return signing.dumps(
        {"a": address.pk, "h": email_digest(address.email)[:32]}, salt=SALT
    )


def check_verification_token(token: str) -> EmailAddress:
    """Return the address the token was made for; raise ExpiredToken or InvalidToken."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=VERIFICATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except signing.BadSignature:
        raise InvalidToken from None
    address = (
        EmailAddress.objects.select_related("user").filter(pk=payload.get("a")).first()
    )
    if address is None or email_digest(address.email)[:32] != payload.get("h"):
        raise InvalidToken
    return address
