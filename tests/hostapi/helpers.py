"""Credentials for the OB 3.0 API tests: made by our own issuing, signed again when a test needs a variant."""

from __future__ import annotations

import copy
import json
from datetime import timedelta

from badges import facts
from badges.actions import award_badge
from badges.actions.awarding import IssuerSigners
from badges.choices import RecipientType
from credentials import ob3
from credentials.ob3.build import format_datetime
from tests.notifications.helpers import give

API = "/ims/ob/v3p0"


def elsewhere(cast, web: str = "https://carol.example.org/me"):
    """An award to a web address: not held here, so it can be brought in as an import."""
    return award_badge(
        badge_class=cast.badge_class,
        recipient_type=RecipientType.URL,
        recipient_identity=web,
        acting_user=cast.aaron,
        notify=False,
    )


def to_carol(cast):
    """An award to carol's verified address (held by her once she accepts it)."""
    return give(cast, recipient="carol@example.org")


def to_mallory(cast):
    return give(cast, recipient="mallory@example.org")


def json_bytes(award) -> bytes:
    return json.dumps(award.ob3_credential).encode()


def resigned(award, *, later: timedelta = timedelta(days=1), **changes) -> dict:
    """The award's OB 3.0 credential with ``validFrom`` moved by ``later``, signed again by its issuer."""
    document = copy.deepcopy(award.ob3_credential)
    document.pop("proof", None)
    from django.utils.dateparse import parse_datetime

    document["validFrom"] = format_datetime(
        parse_datetime(document["validFrom"]) + later
    )
    document.update(changes)
    signers = IssuerSigners(award.issuer)
    return ob3.sign(
        document,
        signers.ed_private,
        verification_method=signers.verification_method,
        created=signers.created,
        base_url=facts.base_url(),
    )
