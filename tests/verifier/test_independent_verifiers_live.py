"""Independent verifiers accept credentials issued through the app, with the documents the app serves.

Digital Bazaar's ``@digitalbazaar/vc`` gets the credential from
``/public/credentials/<id>``, the DID document from ``/issuers/<id>/did.json``,
the status list and the extension context from their public URLs; ``jose``
checks the VC-JWT against ``/public/issuers/<id>/jwks.json``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from badges.actions import award_badge, publish_status_list, revoke_award
from badges.facts import issuer_did, status_list_url
from tests.node import run_node

JSON = {"HTTP_ACCEPT": "application/ld+json"}
EXTENSION = "http://127.0.0.1:8000/public/contexts/eu-microcredential/v1"


def served_documents(client: Client, issuer) -> dict:
    return {
        issuer_did(issuer): client.get(f"/issuers/{issuer.uuid}/did.json").json(),
        status_list_url(issuer): client.get(
            f"/public/issuers/{issuer.uuid}/status-list"
        ).json(),
        EXTENSION: client.get("/public/contexts/eu-microcredential/v1").json(),
    }


@pytest.fixture
def award(cast):
    return award_badge(
        badge_class=cast.badge_class,
        recipient_identity="dbv@example.org",
        acting_user=cast.aaron,
    )


def test_digital_bazaar_verifies_an_award_as_served(cast, client, award):
    credential = client.get(f"/public/credentials/{award.uuid}", **JSON).json()
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = run_node(
        "verify-di.mjs",
        {
            "credential": credential,
            "documents": served_documents(client, cast.welding),
            "now": now,
        },
    )
    assert result == {"verified": True, "errors": []}


def test_digital_bazaar_sees_a_revocation_made_in_the_app(cast, client, award):
    revoke_award(award=award, reason="Fraud", acting_user=cast.alice)
    publish_status_list(
        issuer=cast.welding
    )  # the task's work, done here inside the test transaction
    credential = client.get(f"/public/credentials/{award.uuid}", **JSON).json()
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = run_node(
        "verify-di.mjs",
        {
            "credential": credential,
            "documents": served_documents(client, cast.welding),
            "now": now,
        },
    )
    assert result["verified"] is False
    assert any("revoked" in e for e in result["errors"]), result


def test_jose_verifies_the_served_vc_jwt_against_the_served_jwks(cast, client, award):
    token = client.get(
        f"/public/credentials/{award.uuid}", HTTP_ACCEPT="application/vc+jwt"
    ).content.decode()
    jwks = client.get(f"/public/issuers/{cast.welding.uuid}/jwks.json").json()
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = run_node("verify-jwt.mjs", {"jwt": token, "jwks": jwks, "now": now})
    assert result["verified"] is True, result
    assert result["payload"]["vc"]["id"].endswith(f"/public/credentials/{award.uuid}")
