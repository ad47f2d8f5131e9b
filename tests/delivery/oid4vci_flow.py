"""Drive the OID4VCI endpoints with Django's test client, step by step (no live server)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from delivery import actions
from delivery.models import Protocol
from delivery.oid4vci import offer_link
from tests.delivery.conftest import proof_jwt

PRE_AUTHORIZED = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
LDP = "OpenBadgeCredential_ldp_vc"
JWT = "OpenBadgeCredential_jwt_vc_json"


def local(url: str) -> str:
    """The path and query of one of this site's URLs (the test client takes paths)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def make_offer(award, user, *, with_tx_code=True):
    """Return (offer link, PIN) as the learner's page would show them."""
    _offer, reference, tx_code = actions.make_offer(
        award=award, user=user, protocol=Protocol.OID4VCI, with_tx_code=with_tx_code
    )
    return offer_link(reference), tx_code


def fetch_offer(client, link: str):
    uri = parse_qs(urlsplit(link).query)["credential_offer_uri"][0]
    return client.get(local(uri))


def pre_authorized_code(client, link: str) -> str:
    body = fetch_offer(client, link).json()
    return body["grants"][PRE_AUTHORIZED]["pre-authorized_code"]


def token_request(client, code: str, tx_code: str | None = None, **extra):
    form = {"grant_type": PRE_AUTHORIZED, "pre-authorized_code": code, **extra}
    if tx_code is not None:
        form["tx_code"] = tx_code
    return client.post("/oauth/token", form)


def access_token(client, link: str, tx_code: str) -> str:
    response = token_request(client, pre_authorized_code(client, link), tx_code)
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def c_nonce(client) -> str:
    return client.post("/oid4vci/nonce").json()["c_nonce"]


def credential_request(client, token: str | None, body: dict | str, **headers):
    if token is not None:
        headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {token}")
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(
        "/oid4vci/credential",
        data,
        content_type=headers.pop("content_type", "application/json"),
        **headers,
    )


def request_body(
    holder, configuration_id: str, *, nonce: str, audience: str, **proof_kw
):
    return {
        "credential_configuration_id": configuration_id,
        "proofs": {
            "jwt": [proof_jwt(holder, audience=audience, nonce=nonce, **proof_kw)]
        },
    }
