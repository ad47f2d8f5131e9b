"""The learner's credentials as getCredentials gives them: which, in what order, in what form.

Held here means what the backpack holds (``wallet.access.held_credentials``):
accepted awards made here, as their signed OB 3.0 JSON-LD credential (Data
Integrity proof), and Open Badges 3.0 imports as received, JSON in
``credential`` and a VC-JWT in ``compactJwsString``. Open Badges 2.0 imports
have no OB 3.0 form and are left out. The order is the order they reached the
backpack (oldest first), so paging is stable while credentials are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime

from credentials.errors import DecodeError
from credentials.jws import unverified_claims
from wallet.access import held_credentials
from wallet.actions.upserts import credential_of
from wallet.models import StoredCredential
from wallet.ob3_host import ob3_form

OB3 = "Open Badges 3.0"


def ob3_held(user) -> QuerySet[StoredCredential]:
    """The user's held credentials that have an OB 3.0 form, oldest first."""
    return (
        held_credentials(user)
        .filter(
            Q(award__isnull=False, award__ob3_credential__isnull=False)
            | Q(award__isnull=True, version=OB3)
        )
        .order_by("created_at", "id")
    )


def form_of(held: StoredCredential) -> dict[str, Any] | str | None:
    """The credential as the API gives it: a JSON-LD document or a compact JWS."""
    if held.award_id:
        return held.award.ob3_credential or None
    return ob3_form(held)


@dataclass(frozen=True)
class Listing:
    total: int
    body: dict[str, list]


def list_credentials(
    user, *, start: int, stop: int | None, since: datetime | None
) -> Listing:
    """Return the GetOpenBadgeCredentialsResponse for rows ``start:stop`` and the total.

    ``since`` keeps only credentials issued after it: an award by its issue
    time, an import by its ``validFrom`` (or VC 1.1 ``issuanceDate``, or a
    VC-JWT's ``nbf``).
    """
    rows = ob3_held(user)
    if since is None:
        total = rows.count()
        page = list(rows[start:stop] if stop is not None else rows[start:])
        forms = [form_of(held) for held in page]
    else:
        kept = []
        for held in rows.iterator(chunk_size=200):
            form = form_of(held)
            issued = _issued(held, form)
            if issued is not None and issued > since:
                kept.append(form)
        total = len(kept)
        forms = kept[start:stop] if stop is not None else kept[start:]
    return Listing(total, shape(forms))


def shape(forms) -> dict[str, list]:
    """Return the response body for credential forms: JSON in one list, JWS in the other."""
    return {
        "credential": [f for f in forms if isinstance(f, dict)],
        "compactJwsString": [f for f in forms if isinstance(f, str)],
    }


def _issued(held: StoredCredential, form) -> datetime | None:
    if held.award_id:
        return held.award.issued_on
    credential = credential_of(form) or {}
    value = credential.get("validFrom") or credential.get("issuanceDate")
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None and isinstance(form, str):
        moment = _nbf(form)
    return moment if moment is None or moment.tzinfo else None


def _nbf(token: str) -> datetime | None:
    try:
        nbf = unverified_claims(token).get("nbf")
    except DecodeError:  # stored bytes were verified; an odd one is left out
        return None
    return datetime.fromtimestamp(nbf, UTC) if isinstance(nbf, int | float) else None
