"""A learner's credentials in the shapes of the Open Badges 3.0 API: the place for the host API.

1EdTech's OB 3.0 specification defines a REST API through which wallets and
other platforms read and write a learner's credentials on a host like this one.
Issue 6 leaves the API itself out; this module is where it starts, and what it
needs already exists:

=====================================  ===============================================
OB 3.0 API operation                    here
=====================================  ===============================================
``GET  /ims/ob/v3p0/credentials``       :func:`credentials_response` (also the backpack
                                        export, ``wallet:export``)
``POST /ims/ob/v3p0/credentials``       ``wallet.actions.import_credential(data=...)``:
                                        verified first, kept byte for byte
``GET/PUT /ims/ob/v3p0/profile``        the account (``accounts``), not yet mapped
``GET  /ims/ob/v3p0/discovery``         not yet: the ServiceDescriptionDocument
=====================================  ===============================================

Still to build: OAuth 2.0 authorization code grant with PKCE and dynamic
client registration (RFC 7591), the four scopes
(``https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly``,
``credential.upsert``, ``profile.readonly``, ``profile.update``), paging with
``Link`` and ``X-Total-Count`` headers, and the views, mounted at
``/ims/ob/v3p0/`` from ``config/urls.py`` (the prefix is kept free for them).
"""

from __future__ import annotations

from typing import Any

from credentials import jsontext
from credentials.errors import BakingError, DecodeError
from credentials.ob2.verification import looks_like_jws
from verifier import inputs

from .access import held_credentials
from .models import StoredCredential


def credentials_response(user) -> dict[str, Any]:
    """The GetOpenBadgeCredentialsResponse for every OB 3.0 credential the user holds.

    Awards made here appear as their signed JSON-LD credential (Data Integrity
    proof); imported credentials as received: JSON in ``credential``, a VC-JWT in
    ``compactJwsString``. Open Badges 2.0 imports have no OB 3.0 form and are
    left out (their original bytes stay downloadable one by one).
    """
    credentials: list[dict] = []
    jwts: list[str] = []
    for held in held_credentials(user).order_by("created_at", "id"):
        if held.award_id:
            if held.award.ob3_credential:
                credentials.append(held.award.ob3_credential)
            continue
        form = ob3_form(held)
        if isinstance(form, dict):
            credentials.append(form)
        elif isinstance(form, str):
            jwts.append(form)
    return {"credential": credentials, "compactJwsString": jwts}


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
