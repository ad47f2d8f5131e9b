"""The Learner Credential Wallet's VC-API exchange: DIDAuth in, a credential bound to the presenter out.

The presentations are signed by Digital Bazaar's ``vc`` (``tests/js/wallet-holder.mjs``)
as the wallet signs them: Ed25519Signature2020 with a did:key, and also
eddsa-rdfc-2022 with a did:jwk.
"""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils.timezone import now

from badges import facts
from badges.actions import publish_status_list, revoke_award
from credentials._eu_extension import extension_context_url
from credentials.ob3.verification import verify
from delivery import actions, vcapi
from delivery.models import Delivery, Offer, Protocol
from tests.node import run_node
from tests.node import wallet_holder as wallet
from verifier.awards import _resolvers

DOMAIN = urlsplit(settings.PUBLIC_BASE_URL).netloc  # our host (and port)


@pytest.fixture(scope="module")
def keys() -> tuple[dict, dict]:
    mine, other = wallet({"command": "key"}, {"command": "key"})
    return mine, other


@pytest.fixture
def exchange(cast, held_award):
    """A VC-API offer of Carol's award: (offer, its exchange path)."""
    offer, reference, _ = actions.make_offer(
        award=held_award, user=cast.carol, protocol=Protocol.VC_API
    )
    return offer, f"/vc-api/exchanges/{reference}", reference


def didauth(key: dict, **options) -> dict:
    return wallet({"command": "didauth", "jwk": key["jwk"], **options})[0][
        "presentation"
    ]


def post(client, path, body) -> tuple[int, dict]:
    response = client.post(path, json.dumps(body), content_type="application/json")
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return response.status_code, response.json()


def verified(award, credential) -> bool:
    resolve, fetch = _resolvers(award)
    report = verify(
        credential,
        now=now(),
        resolve_did_document=resolve,
        fetch_status_list=fetch,
        base_url=facts.base_url(),
    )
    return report.valid


def digital_bazaar_verdict(award, credential) -> dict:
    """Digital Bazaar's vc (tests/js/verify-di.mjs) on a delivered copy, with our published documents."""
    issuer = award.issuer
    publish_status_list(issuer=issuer)
    client = Client()
    documents = {
        facts.issuer_did(issuer): client.get(f"/issuers/{issuer.uuid}/did.json").json(),
        facts.status_list_url(issuer): client.get(
            f"/public/issuers/{issuer.uuid}/status-list"
        ).json(),
        extension_context_url(facts.base_url()): client.get(
            "/public/contexts/eu-microcredential/v1"
        ).json(),
    }
    moment = now().strftime("%Y-%m-%dT%H:%M:%SZ")
    return run_node(
        "verify-di.mjs",
        {"credential": credential, "documents": documents, "now": moment},
    )


def test_the_domain_is_our_host():
    assert DOMAIN and vcapi.domain() == DOMAIN


def test_an_empty_post_asks_for_didauth_over_the_challenge_and_domain(
    wallet_client, exchange
):
    offer, path, reference = exchange
    status, body = post(wallet_client, path, {})
    assert status == 200
    request = body["verifiablePresentationRequest"]
    assert request["query"] == [
        {
            "type": "DIDAuthentication",
            "acceptedMethods": [{"method": "key"}, {"method": "jwk"}],
        }
    ]
    assert request["challenge"] == offer.challenge
    assert request["domain"] == DOMAIN
    assert request["interact"]["service"][0]["serviceEndpoint"] == vcapi.exchange_url(
        reference
    )
    assert vcapi.exchange_url(reference).endswith(path)
    assert not Delivery.objects.exists()


@pytest.mark.parametrize(
    ("suite", "did", "model"),
    [
        ("Ed25519Signature2020", "did:key", "vc1.1"),
        ("eddsa-rdfc-2022", "did:jwk", "vc2.0"),
    ],
)
def test_a_didauth_presentation_gets_the_credential_bound_to_its_holder(
    wallet_client, exchange, keys, held_award, suite, did, model
):
    offer, path, _ = exchange
    mine = keys[0]
    vp = didauth(
        mine,
        challenge=offer.challenge,
        domain=DOMAIN,
        suite=suite,
        did=did,
        model=model,
    )
    status, body = post(wallet_client, path, {"verifiablePresentation": vp})
    assert status == 200, body
    presentation = body["verifiablePresentation"]
    assert presentation["type"] == ["VerifiablePresentation"]
    [credential] = presentation["verifiableCredential"]
    holder = mine["didKey"] if did == "did:key" else mine["didJwk"]
    assert credential["credentialSubject"]["id"] == holder
    assert verified(held_award, credential)
    delivery = Delivery.objects.get()
    assert delivery.holder_id == holder and delivery.protocol == Protocol.VC_API
    assert credential["id"] == delivery.credential_id
    assert Offer.objects.get(pk=offer.pk).redeemed_at is not None


def test_the_deep_link_form_posts_the_bare_presentation_and_gets_one_back(
    wallet_client, exchange, keys, held_award
):
    # learner-credential-wallet app/lib/credentialRequest.ts: the VP itself,
    # signed over the deep link's challenge with no domain; it reads the
    # credentials from the VP (or VC) it gets back.
    offer, path, _ = exchange
    vp = didauth(keys[0], challenge=offer.challenge)
    assert "domain" not in vp["proof"]
    status, body = post(wallet_client, path, vp)
    assert status == 200, body
    assert "VerifiablePresentation" in body["type"]
    [credential] = body["verifiableCredential"]
    assert credential["credentialSubject"]["id"] == keys[0]["didKey"]
    assert verified(held_award, credential)
    assert digital_bazaar_verdict(held_award, credential) == {
        "verified": True,
        "errors": [],
    }
    # The same library refuses the copy once it names another holder.
    forged = {
        **credential,
        "credentialSubject": {
            **credential["credentialSubject"],
            "id": keys[1]["didKey"],
        },
    }
    assert digital_bazaar_verdict(held_award, forged)["verified"] is False


def refused(client, path, body, status, error, words) -> None:
    got_status, got = post(client, path, body)
    assert (got_status, got["error"]) == (status, error), got
    assert words in got["error_description"], got
    assert not Delivery.objects.exists()


def test_a_presentation_over_another_challenge_is_refused(
    wallet_client, exchange, keys
):
    _offer, path, _ = exchange
    vp = didauth(keys[0], challenge="another-challenge", domain=DOMAIN)
    refused(wallet_client, path, {"verifiablePresentation": vp}, 400, "invalid_proof",
            "another challenge")  # fmt: skip


def test_a_presentation_for_another_domain_is_refused_in_both_forms(
    wallet_client, exchange, keys
):
    offer, path, _ = exchange
    vp = didauth(keys[0], challenge=offer.challenge, domain="evil.example")
    for body in ({"verifiablePresentation": vp}, vp):
        refused(wallet_client, path, body, 400, "invalid_proof", "'evil.example'")


def test_the_exchange_form_needs_the_domain_it_asked_for(wallet_client, exchange, keys):
    offer, path, _ = exchange
    vp = didauth(keys[0], challenge=offer.challenge)
    refused(wallet_client, path, {"verifiablePresentation": vp}, 400, "invalid_proof",
            "has no domain")  # fmt: skip


def test_a_presentation_signed_by_another_key_is_refused(wallet_client, exchange, keys):
    offer, path, _ = exchange
    mine, other = keys
    vp = didauth(other, challenge=offer.challenge, domain=DOMAIN, holder=mine["didKey"])
    refused(wallet_client, path, {"verifiablePresentation": vp}, 400, "invalid_proof",
            "another DID than its holder")  # fmt: skip
    # The same key named as the holder's own method: the signature fails.
    vp["proof"]["verificationMethod"] = mine["didKeyMethod"]
    refused(wallet_client, path, {"verifiablePresentation": vp}, 400, "invalid_proof",
            "does not verify")  # fmt: skip


def test_the_exchange_delivers_once(wallet_client, exchange, keys):
    offer, path, _ = exchange
    vp = didauth(keys[0], challenge=offer.challenge, domain=DOMAIN)
    assert post(wallet_client, path, {"verifiablePresentation": vp})[0] == 200
    for body in ({"verifiablePresentation": vp}, {}):
        status, answer = post(wallet_client, path, body)
        assert (status, answer["error"]) == (410, "invalid_request")
        assert "already delivered" in answer["error_description"]
    assert Delivery.objects.count() == 1


def test_an_expired_exchange_is_refused(wallet_client, exchange, keys):
    offer, path, _ = exchange
    vp = didauth(keys[0], challenge=offer.challenge, domain=DOMAIN)
    Offer.objects.filter(pk=offer.pk).update(expires_at=now() - timedelta(seconds=1))
    refused(wallet_client, path, {"verifiablePresentation": vp}, 410, "invalid_request",
            "expired")  # fmt: skip
    refused(wallet_client, path, {}, 410, "invalid_request", "expired")


def test_an_award_revoked_since_the_offer_is_not_delivered(
    wallet_client, exchange, keys, cast, held_award
):
    offer, path, _ = exchange
    vp = didauth(keys[0], challenge=offer.challenge, domain=DOMAIN)
    revoke_award(award=held_award, reason="Mistake", acting_user=cast.alice)
    refused(wallet_client, path, {"verifiablePresentation": vp}, 400,
            "credential_request_denied", "no longer be delivered")  # fmt: skip


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"not json", "must be a JSON object"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"hello": "world"}', "must be a JSON object"),
        (b'{"verifiablePresentation": {"type": "VerifiableCredential"}}',
         "must be a VerifiablePresentation"),
    ],
)  # fmt: skip
def test_what_is_no_request_is_refused(wallet_client, exchange, body, words):
    _offer, path, _ = exchange
    response = wallet_client.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert words in response.json()["error_description"]


def test_an_unknown_exchange_is_404_and_only_post_is_allowed(wallet_client, exchange):
    _offer, path, _ = exchange
    status, body = post(wallet_client, "/vc-api/exchanges/not-a-reference", {})
    assert (status, body["error"]) == (404, "invalid_request")
    assert wallet_client.get(path).status_code == 405


def test_an_oid4vci_offer_is_no_exchange(wallet_client, cast, held_award):
    _offer, reference, _ = actions.make_offer(
        award=held_award, user=cast.carol, protocol=Protocol.OID4VCI
    )
    status, _body = post(wallet_client, f"/vc-api/exchanges/{reference}", {})
    assert status == 404


@pytest.mark.parametrize("scheme", vcapi.DEEP_LINK_SCHEMES)
def test_the_deep_link_reads_as_the_wallet_reads_it(exchange, held_award, scheme):
    offer, _path, reference = exchange
    link = vcapi.deep_link(offer, reference, scheme=scheme)
    # app/lib/decode.ts isDeepLink, then query-string's parse of what follows "?".
    assert link.startswith(f"{scheme}://request?")
    query = parse_qs(urlsplit(link).query, strict_parsing=True)
    assert {k: v[0] for k, v in query.items()} == {
        "issuer": facts.issuer_did(held_award.issuer),
        "vc_request_url": vcapi.exchange_url(reference),
        "challenge": offer.challenge,
        "auth_type": "bearer",
    }
    # app/lib/encode.ts re-encodes a value holding reserved characters; ours
    # are already percent-encoded, so it leaves them as they are.
    for value in link.split("?", 1)[1].split("&"):
        assert not set(value.split("=", 1)[1]) & set(";,/?:@&=+$")
        assert unquote(value.split("=", 1)[1])


def test_only_a_vc_api_offer_has_a_deep_link(cast, held_award):
    offer, reference, _ = actions.make_offer(
        award=held_award, user=cast.carol, protocol=Protocol.OID4VCI
    )
    with pytest.raises(ValueError, match="Only a VC-API offer"):
        vcapi.deep_link(offer, reference)
