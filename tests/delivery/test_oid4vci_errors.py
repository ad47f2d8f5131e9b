"""Every bad request to the OID4VCI endpoints gets the code its spec names, is not cached, and issues nothing.

Token endpoint: RFC 6749 section 5.2 with OID4VCI 1.0 section 6.3.
Credential endpoint: RFC 6750 section 3.1 (the bearer token) and OID4VCI 1.0
section 8.3.1.2 (the request and its key proof).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import timedelta

import pytest
from django.utils.timezone import now

from badges.actions import revoke_award
from badges.facts import base_url
from delivery import actions
from delivery.models import Delivery, Offer, Protocol
from tests.delivery.conftest import (
    b64url,
    b64url_json,
    compact_jws,
    new_ed25519_holder,
    proof_jwt,
)
from tests.delivery.oid4vci_flow import (
    JWT,
    LDP,
    access_token,
    c_nonce,
    credential_request,
    fetch_offer,
    make_offer,
    pre_authorized_code,
    request_body,
    token_request,
)


def refused(response, status: int, error: str) -> dict:
    """Assert the answer is ``error`` with ``status``, not cached, and that nothing was delivered."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["error"] == error, body
    assert body["error_description"]
    assert response["Cache-Control"] == "no-store"
    assert not Delivery.objects.exists()
    return body


@pytest.fixture
def offer(cast, held_award):
    """(offer link, PIN) of carol's award."""
    return make_offer(held_award, cast.carol)


@pytest.fixture
def token(client, offer) -> str:
    link, tx_code = offer
    return access_token(client, link, tx_code)


# --- The offer ---------------------------------------------------------------------


def test_an_unknown_offer_reference_is_not_found(client, db):
    refused(client.get("/oid4vci/offers/no-such-reference"), 404, "not_found")


def test_an_expired_offer_is_not_found_and_its_code_is_refused(client, offer):
    link, tx_code = offer
    code = pre_authorized_code(client, link)
    Offer.objects.update(expires_at=now() - timedelta(seconds=1))
    refused(fetch_offer(client, link), 404, "not_found")
    refused(token_request(client, code, tx_code), 400, "invalid_grant")


def test_a_vc_api_offer_is_no_oid4vci_offer(cast, held_award, client):
    _offer, reference, _tx = actions.make_offer(
        award=held_award, user=cast.carol, protocol=Protocol.VC_API
    )
    refused(client.get(f"/oid4vci/offers/{reference}"), 404, "not_found")


# --- The token endpoint ------------------------------------------------------------


def test_a_replayed_pre_authorized_code_is_refused_and_revokes_its_token(
    client, offer, holder
):
    link, tx_code = offer
    code = pre_authorized_code(client, link)
    first = token_request(client, code, tx_code)
    assert first.status_code == 200
    refused(token_request(client, code, tx_code), 400, "invalid_grant")
    body = request_body(holder, LDP, nonce=c_nonce(client), audience=base_url())
    refused(
        credential_request(client, first.json()["access_token"], body),
        401,
        "invalid_token",
    )


def test_an_unknown_code_is_refused(client, db):
    refused(token_request(client, "made-up-code"), 400, "invalid_grant")


def test_a_missing_code_is_an_invalid_request(client, db):
    response = client.post(
        "/oauth/token",
        {"grant_type": "urn:ietf:params:oauth:grant-type:pre-authorized_code"},
    )
    refused(response, 400, "invalid_request")


def test_wrong_pins_are_limited(client, offer, settings):
    settings.WALLET_TX_CODE_ATTEMPTS = 3
    link, tx_code = offer
    code = pre_authorized_code(client, link)
    wrong = f"{(int(tx_code) + 1) % 10**6:06d}"
    for _attempt in range(3):
        refused(token_request(client, code, wrong), 400, "invalid_grant")
    # The right PIN comes too late: the offer is spent.
    body = refused(token_request(client, code, tx_code), 400, "invalid_grant")
    assert "spent" in body["error_description"]
    assert Offer.objects.get().redeemed_at is None


def test_a_missing_pin_is_an_invalid_request(client, offer):
    link, _tx_code = offer
    refused(
        token_request(client, pre_authorized_code(client, link)), 400, "invalid_request"
    )


def test_a_pin_for_an_offer_without_one_is_an_invalid_request(cast, held_award, client):
    link, _tx = make_offer(held_award, cast.carol, with_tx_code=False)
    code = pre_authorized_code(client, link)
    refused(token_request(client, code, "123456"), 400, "invalid_request")
    assert token_request(client, code).status_code == 200


def test_a_repeated_parameter_is_an_invalid_request(client, offer):
    link, tx_code = offer
    code = pre_authorized_code(client, link)
    response = client.post(
        "/oauth/token",
        {
            "grant_type": "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            "pre-authorized_code": [code, code],
            "tx_code": tx_code,
        },
    )
    refused(response, 400, "invalid_request")


# --- The bearer token --------------------------------------------------------------


def test_a_missing_token_is_refused_with_the_bearer_challenge(client, holder, db):
    body = request_body(holder, LDP, nonce=c_nonce(client), audience=base_url())
    response = credential_request(client, None, body)
    refused(response, 401, "invalid_token")
    assert response["WWW-Authenticate"].startswith("Bearer ")


def test_an_unknown_token_is_refused(client, holder, db):
    body = request_body(holder, LDP, nonce=c_nonce(client), audience=base_url())
    refused(credential_request(client, "not-a-token", body), 401, "invalid_token")


def test_an_expired_token_is_refused(client, token, holder):
    Offer.objects.update(access_expires_at=now() - timedelta(seconds=1))
    body = request_body(holder, LDP, nonce=c_nonce(client), audience=base_url())
    refused(credential_request(client, token, body), 401, "invalid_token")


def test_another_scheme_than_bearer_is_refused(client, token, holder):
    body = request_body(holder, LDP, nonce=c_nonce(client), audience=base_url())
    response = credential_request(
        client, None, body, HTTP_AUTHORIZATION=f"DPoP {token}"
    )
    refused(response, 401, "invalid_token")


# --- The Credential Request --------------------------------------------------------


def test_an_unknown_configuration_is_refused(client, token, holder):
    body = request_body(
        holder, "UniversityDegree", nonce=c_nonce(client), audience=base_url()
    )
    refused(
        credential_request(client, token, body), 400, "unknown_credential_configuration"
    )


def test_a_credential_identifier_is_unknown(client, token, holder):
    body = request_body(holder, LDP, nonce=c_nonce(client), audience=base_url())
    body["credential_identifier"] = body.pop("credential_configuration_id")
    refused(
        credential_request(client, token, body), 400, "unknown_credential_identifier"
    )


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("not json", "application/json"),
        ("[]", "application/json"),
        ('{"credential_configuration_id": "OpenBadgeCredential_ldp_vc"}', "text/plain"),
        ("{}", "application/json"),
    ],
)
def test_a_malformed_request_is_an_invalid_credential_request(
    client, token, body, content_type
):
    response = credential_request(client, token, body, content_type=content_type)
    refused(response, 400, "invalid_credential_request")


def test_a_request_without_proof_is_refused(client, token):
    refused(
        credential_request(client, token, {"credential_configuration_id": LDP}),
        400,
        "invalid_proof",
    )


def test_two_proofs_are_more_than_one_credential_request(client, token, holder):
    body = request_body(holder, LDP, nonce=c_nonce(client), audience=base_url())
    body["proofs"]["jwt"].append(body["proofs"]["jwt"][0])
    refused(credential_request(client, token, body), 400, "invalid_credential_request")


def test_response_encryption_is_not_offered(client, token, holder):
    body = request_body(holder, LDP, nonce=c_nonce(client), audience=base_url())
    body["credential_response_encryption"] = {"jwk": holder.jwk, "enc": "A256GCM"}
    refused(
        credential_request(client, token, body), 400, "invalid_encryption_parameters"
    )


# --- The key proof -----------------------------------------------------------------


def _send(client, token, proof: str, configuration_id: str = LDP):
    body = {"credential_configuration_id": configuration_id, "proofs": {"jwt": [proof]}}
    return credential_request(client, token, body)


def test_a_proof_with_a_nonce_never_issued_is_refused(client, token, holder):
    proof = proof_jwt(holder, audience=base_url(), nonce="made-up-nonce")
    refused(_send(client, token, proof), 400, "invalid_nonce")


def test_a_nonce_is_used_once(client, token, holder):
    nonce = c_nonce(client)
    proof = proof_jwt(holder, audience=base_url(), nonce=nonce)
    assert _send(client, token, proof).status_code == 200
    Delivery.objects.all().delete()
    again = proof_jwt(holder, audience=base_url(), nonce=nonce)
    refused(_send(client, token, again, JWT), 400, "invalid_nonce")


def test_an_expired_nonce_is_refused(client, token, holder, settings):
    nonce = c_nonce(client)
    from delivery.models import Nonce

    Nonce.objects.update(expires_at=now() - timedelta(seconds=1))
    proof = proof_jwt(holder, audience=base_url(), nonce=nonce)
    refused(_send(client, token, proof), 400, "invalid_nonce")


def test_a_proof_without_nonce_is_refused(client, token, holder):
    proof = proof_jwt(holder, audience=base_url(), nonce=None)
    refused(_send(client, token, proof), 400, "invalid_proof")


def test_a_proof_for_another_audience_is_refused_and_keeps_the_nonce(
    client, token, holder
):
    nonce = c_nonce(client)
    proof = proof_jwt(holder, audience="https://elsewhere.example", nonce=nonce)
    refused(_send(client, token, proof), 400, "invalid_proof")
    # The nonce is spent only by a proof otherwise accepted.
    assert (
        _send(
            client, token, proof_jwt(holder, audience=base_url(), nonce=nonce)
        ).status_code
        == 200
    )


def test_a_stale_proof_is_refused(client, token, holder):
    proof = proof_jwt(
        holder, audience=base_url(), nonce=c_nonce(client), iat=int(time.time()) - 3600
    )
    refused(_send(client, token, proof), 400, "invalid_proof")


def test_a_proof_of_another_type_is_refused(client, token, holder):
    proof = proof_jwt(holder, audience=base_url(), nonce=c_nonce(client), typ="JWT")
    refused(_send(client, token, proof), 400, "invalid_proof")


def test_an_unsigned_proof_alg_none_is_refused(client, token, holder):
    header = {"typ": "openid4vci-proof+jwt", "alg": "none", "kid": holder.did_key_url}
    claims = {"aud": base_url(), "iat": int(time.time()), "nonce": c_nonce(client)}
    proof = f"{b64url_json(header)}.{b64url_json(claims)}."
    refused(_send(client, token, proof), 400, "invalid_proof")


def test_an_hs256_proof_keyed_with_the_public_key_is_refused(client, token, holder):
    header = {"typ": "openid4vci-proof+jwt", "alg": "HS256", "jwk": holder.jwk}
    claims = {"aud": base_url(), "iat": int(time.time()), "nonce": c_nonce(client)}
    signing_input = f"{b64url_json(header)}.{b64url_json(claims)}".encode()
    mac = hmac.new(holder.jwk["x"].encode(), signing_input, hashlib.sha256).digest()
    proof = signing_input.decode() + "." + b64url(mac)
    refused(_send(client, token, proof), 400, "invalid_proof")


def test_a_proof_signed_by_another_key_than_it_names_is_refused(client, token, holder):
    other = new_ed25519_holder()
    header = {"typ": "openid4vci-proof+jwt", "alg": "EdDSA", "kid": holder.did_key_url}
    claims = {"aud": base_url(), "iat": int(time.time()), "nonce": c_nonce(client)}
    refused(
        _send(client, token, compact_jws(header, claims, other)), 400, "invalid_proof"
    )


def test_a_proof_naming_both_kid_and_jwk_is_refused(client, token, holder):
    proof = proof_jwt(
        holder, audience=base_url(), nonce=c_nonce(client), jwk=holder.jwk
    )
    refused(_send(client, token, proof), 400, "invalid_proof")


# --- The award ---------------------------------------------------------------------


def test_an_award_revoked_after_the_offer_is_denied(
    cast, held_award, client, token, holder
):
    revoke_award(award=held_award, reason="Issued in error", acting_user=cast.alice)
    proof = proof_jwt(holder, audience=base_url(), nonce=c_nonce(client))
    refused(_send(client, token, proof), 400, "credential_request_denied")


def test_the_nonce_endpoint_takes_post_only(client, db):
    assert client.get("/oid4vci/nonce").status_code == 405
