"""A learner's credentials in the shapes of the Open Badges 3.0 API (served by ``hostapi``).

1EdTech's OB 3.0 specification defines a REST API through which wallets and
other platforms read and write a learner's credentials on a host like this
one. ``hostapi`` serves it at ``/ims/ob/v3p0/`` over OAuth 2.0 (``authserver``):

=====================================  ===============================================
OB 3.0 API operation                    here
=====================================  ===============================================
``GET  /ims/ob/v3p0/credentials``       ``hostapi.credentials.list_credentials``; the
                                        backpack export (``wallet:export``) is
                                        :func:`credentials_response`, all in one page
``POST /ims/ob/v3p0/credentials``       ``wallet.actions.upsert_credential``: the
                                        import's rules, kept byte for byte
``GET/PUT /ims/ob/v3p0/profile``        ``hostapi.profile`` (the account's name, e-mail)
``GET  /ims/ob/v3p0/discovery``         ``hostapi.discovery``
=====================================  ===============================================

:func:`ob3_form` reads an imported entry's stored bytes as the API gives them.
"""

from __future__ import annotations

from typing import Any

from credentials import jsontext
from credentials.errors import BakingError, DecodeError
from credentials.ob2.verification import looks_like_jws
from verifier import inputs

from .models import StoredCredential


def credentials_response(user) -> dict[str, Any]:
    """The GetOpenBadgeCredentialsResponse for every OB 3.0 credential the user holds.

    The backpack export's answer; the API's getCredentials gives the same in
    pages (``hostapi.credentials``, where the rules of what is listed live).
    """
    from hostapi.credentials import list_credentials  # hostapi builds on wallet

    return list_credentials(user, start=0, stop=None, since=None).body


def ob3_form(held: StoredCredential) -> dict | str | None:
    """The OB 3.0 credential an imported entry carries (JSON or VC-JWT), or None for OB 2.0."""
    if held.version != "Open Badges 3.0":
        return None
    data = bytes(held.received or b"")
    if inputs.looks_like_image(data):
        try:
            text, _kind = inputs.unbake_image(data)
        except (BakingError, ValueError):
            return None
    else:
        text = data.decode("utf-8-sig", "replace")
    text = text.strip()
    if looks_like_jws(text):
        return text
    try:
        document = jsontext.loads(text)
    except DecodeError:
        return None
    return document if isinstance(document, dict) else None
