"""The OID4VCI 1.0 pre-authorized code flow, as a wallet walks it: metadata, offer, token, nonce, credential.

The delivered copies verify with the site's own public verifier (the one a
visitor pastes a credential into), are bound to the wallet's DID, and share
the award's status entry: revoking the award makes them fail too.
"""

from __future__ import annotations

import base64
import json

import pytest

from audit.models import AuditEvent
from badges.actions import publish_status_list, revoke_award
from badges.facts import base_url
from delivery.models import Delivery, Format
from tests.delivery.conftest import new_p256_holder
from tests.delivery.oid4vci_flow import (
    JWT,
    LDP,
    PRE_AUTHORIZED,
    access_token,
    c_nonce,
    credential_request,
    fetch_offer,
    make_offer,
    request_body,
)
from verifier.inputs import verify_pasted


def collect(client, award, user, holder, configuration_id, **proof_kw):
    link, tx_code = make_offer(award, user)
    token = access_token(client, link, tx_code)
    body = request_body(
        holder, configuration_id, nonce=c_nonce(client), audience=base_url(), **proof_kw
    )
    return credential_request(client, token, body)


def test_the_issuer_metadata_names_both_configurations(client):
    response = client.get("/.well-known/openid-credential-issuer")
    assert response.status_code == 200
    metadata = response.json()
    assert metadata["credential_issuer"] == base_url()
    assert metadata["credential_endpoint"] == base_url() + "/oid4vci/credential"
    assert metadata["nonce_endpoint"] == base_url() + "/oid4vci/nonce"
    assert "authorization_servers" not in metadata  # the issuer is its own
    assert [d["locale"] for d in metadata["display"]] == ["en", "lv"]
    assert all(
        d["name"] and d["logo"]["uri"].startswith(base_url())
        for d in metadata["display"]
    )
    configurations = metadata["credential_configurations_supported"]
    assert set(configurations) == {LDP, JWT}
    ldp, jwt = configurations[LDP], configurations[JWT]
    assert ldp["format"] == "ldp_vc" and jwt["format"] == "jwt_vc_json"
    assert ldp["credential_signing_alg_values_supported"] == ["eddsa-rdfc-2022"]
    assert jwt["credential_signing_alg_values_supported"] == ["EdDSA"]
    assert (
        ldp["credential_definition"]["@context"][0]
        == "https://www.w3.org/ns/credentials/v2"
    )
    assert "@context" not in jwt["credential_definition"]  # jwt_vc_json: no JSON-LD
    for configuration in (ldp, jwt):
        assert configuration["credential_definition"]["type"] == [
            "VerifiableCredential",
            "OpenBadgeCredential",
        ]
        assert configuration["proof_types_supported"] == {
            "jwt": {"proof_signing_alg_values_supported": ["EdDSA", "ES256", "ES384"]}
        }
        assert {"did:key", "did:jwk"} <= set(
            configuration["cryptographic_binding_methods_supported"]
        )
        displays = configuration["credential_metadata"]["display"]
        assert [d["locale"] for d in displays] == ["en", "lv"]
        assert all(d["name"] for d in displays)


def test_the_authorization_server_offers_the_pre_authorized_grant_anonymously(client):
    metadata = client.get("/.well-known/oauth-authorization-server").json()
    assert metadata["issuer"] == base_url()
    assert PRE_AUTHORIZED in metadata["grant_types_supported"]
    assert metadata["pre-authorized_grant_anonymous_access_supported"] is True
    assert metadata["token_endpoint"] == base_url() + "/oauth/token"


def test_the_offer_names_the_issuer_the_configurations_and_the_pin(
    cast, held_award, client
):
    link, _tx_code = make_offer(held_award, cast.carol)
    assert link.startswith("openid-credential-offer://?credential_offer_uri=")
    response = fetch_offer(client, link)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    offer = response.json()
    assert offer["credential_issuer"] == base_url()
    assert offer["credential_configuration_ids"] == [LDP, JWT]
    grant = offer["grants"][PRE_AUTHORIZED]
    assert grant["tx_code"]["input_mode"] == "numeric"
    assert grant["tx_code"]["length"] == 6
    assert len(grant["tx_code"]["description"]) <= 300
    assert len(grant["pre-authorized_code"]) >= 40


def test_an_offer_without_pin_has_no_tx_code(cast, held_award, client):
    link, tx_code = make_offer(held_award, cast.carol, with_tx_code=False)
    assert tx_code == ""
    assert "tx_code" not in fetch_offer(client, link).json()["grants"][PRE_AUTHORIZED]


def test_a_wallet_receives_an_ldp_vc_bound_to_its_did_key(
    cast, held_award, holder, client
):
    response = collect(client, held_award, cast.carol, holder, LDP)
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    credentials = response.json()["credentials"]
    assert len(credentials) == 1
    credential = credentials[0]["credential"]
    assert credential["credentialSubject"]["id"] == holder.did_key
    delivery = Delivery.objects.get()
    assert credential["id"] == f"urn:uuid:{delivery.uuid}"
    assert delivery.holder_id == holder.did_key and delivery.format == Format.LDP_VC
    report = verify_pasted(json.dumps(credential))
    assert report.valid is True, [(c.name, c.status, c.message) for c in report.checks]
    assert report.check("status").status == "passed"
    assert AuditEvent.objects.filter(
        action="delivery.credential_delivered", target_id=str(delivery.uuid)
    ).exists()


def test_a_wallet_receives_a_jwt_vc_json_bound_to_its_did_jwk(cast, held_award, client):
    holder = new_p256_holder()
    response = collect(
        client, held_award, cast.carol, holder, JWT, kid=new_p256_holder_kid(holder)
    )
    assert response.status_code == 200, response.content
    jwt = response.json()["credentials"][0]["credential"]
    assert isinstance(jwt, str) and jwt.count(".") == 2
    report = verify_pasted(jwt)
    assert report.valid is True, [(c.name, c.status, c.message) for c in report.checks]
    assert report.credential["credentialSubject"]["id"] == holder.did_jwk
    assert Delivery.objects.get().holder_id == holder.did_jwk


def new_p256_holder_kid(holder) -> str:
    return holder.did_jwk_url


def test_a_bare_jwk_in_the_proof_binds_to_its_did_jwk(cast, held_award, holder, client):
    response = collect(client, held_award, cast.carol, holder, LDP, use_jwk=True)
    assert response.status_code == 200, response.content
    credential = response.json()["credentials"][0]["credential"]
    subject = credential["credentialSubject"]["id"]
    # did:jwk names the key by its JWK; the member order is the issuer's choice.
    assert subject.startswith("did:jwk:")
    encoded = subject.removeprefix("did:jwk:")
    assert (
        json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
        == holder.jwk
    )


def test_one_token_collects_each_offered_format_once(cast, held_award, holder, client):
    link, tx_code = make_offer(held_award, cast.carol)
    token = access_token(client, link, tx_code)
    for configuration_id in (LDP, JWT):
        body = request_body(
            holder, configuration_id, nonce=c_nonce(client), audience=base_url()
        )
        assert credential_request(client, token, body).status_code == 200
    body = request_body(holder, LDP, nonce=c_nonce(client), audience=base_url())
    again = credential_request(client, token, body)
    assert again.status_code == 401 and again.json()["error"] == "invalid_token"
    assert Delivery.objects.count() == 2


@pytest.mark.parametrize("configuration_id", [LDP, JWT])
def test_revoking_the_award_revokes_the_delivered_copy(
    cast,
    held_award,
    holder,
    client,
    configuration_id,
):
    response = collect(client, held_award, cast.carol, holder, configuration_id)
    delivered = response.json()["credentials"][0]["credential"]
    text = delivered if isinstance(delivered, str) else json.dumps(delivered)
    assert verify_pasted(text).valid is True
    revoke_award(award=held_award, reason="Issued in error", acting_user=cast.alice)
    # What the task queued on commit does (the test's transaction never commits).
    publish_status_list(issuer=held_award.issuer)
    report = verify_pasted(text)
    assert report.valid is False
    assert report.check("status").code == "revoked"
