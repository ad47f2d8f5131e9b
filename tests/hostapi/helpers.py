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


def resigned(
    award,
    *,
    later: timedelta = timedelta(days=1),
    issuer=None,
    keep_status: bool = False,
    **changes,
) -> dict:
    """The award's OB 3.0 credential with ``validFrom`` moved by ``later``, signed again.

    Signed by the award's issuer, or by ``issuer`` (then named as the credential's issuer).
    """
    document = copy.deepcopy(award.ob3_credential)
    document.pop("proof", None)
    from django.utils.dateparse import parse_datetime

    document["validFrom"] = format_datetime(
        parse_datetime(document["validFrom"]) + later
    )
    document.update(changes)
    if issuer is not None:
        document["issuer"] = ob3.issuer_profile(facts.issuer_facts(issuer))
        if not keep_status:  # the status list is the award issuer's
            document.pop("credentialStatus", None)
    signers = IssuerSigners(issuer or award.issuer)
    return ob3.sign(
        document,
        signers.ed_private,
        verification_method=signers.verification_method,
        created=signers.created,
        base_url=facts.base_url(),
    )


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def assert_meets(document, name: str) -> None:
    """Assert ``document`` meets the official OB 3.0 schema ``name`` (JSON Schema 2019-09)."""
    from hostapi.schemas import schema_errors

    assert schema_errors(document, name) == []


def assert_imsx(response, status: int, code_minor: str) -> dict:
    """Assert an Imsx_StatusInfo failure with ``status`` and ``code_minor``; return its body."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert_meets(body, "imsx_statusinfo")
    assert body["imsx_codeMajor"] == "failure"
    assert body["imsx_severity"] == "error"
    assert body["imsx_description"]
    fields = body["imsx_codeMinor"]["imsx_codeMinorField"]
    assert [f["imsx_codeMinorFieldValue"] for f in fields] == [code_minor]
    return body


def assert_credentials_response(body: dict) -> None:
    """Assert a getCredentials body meets its schema, and each credential the AchievementCredential's."""
    from credentials.jws import unverified_claims
    from credentials.ob3._schema import schema_errors

    assert_meets(body, "getopenbadgecredentialsresponse")
    for credential in body.get("credential", []):
        assert schema_errors(credential) == []
    for token in body.get("compactJwsString", []):
        claims = unverified_claims(token)
        assert schema_errors(claims.get("vc", claims), "vc-jwt") == []
