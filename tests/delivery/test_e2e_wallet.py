"""The proof of issue 13: a learner takes her badge to two kinds of wallet, and revocation follows.

Against a live server: Chromium signs Carol in and opens "Add to a wallet";
the QR code on the page is read back from a screenshot (zxing-cpp) and is the
offer link the page shows. A wallet written from the specifications
(tests/delivery/spec_wallet.py, the standard library only) runs the OID4VCI
1.0 pre-authorized code flow with the PIN the page shows and takes both
offered formats (Data Integrity and VC-JWT) with one token; then the
Learner Credential Wallet's deep link and VC-API exchange with a DIDAuth
presentation. The holder's keys, proof JWTs and presentation come from
independent libraries (tests/js/wallet-holder.mjs: jose and Digital
Bazaar's vc, a fresh did:key). What the wallets receive verifies in Digital
Bazaar's vc and in jose, with the DID document and status list the site
serves, and is bound to the wallet's DID. The backpack says the badge was
delivered. Staff revoke the award; every delivered copy then fails its
status check in the same independent verifiers.
"""

from __future__ import annotations

import base64
import gzip
import json
from contextlib import contextmanager
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote, urlsplit
from urllib.request import ProxyHandler, Request, build_opener

import pytest

from badges.actions import publish_status_list
from tests.browser.test_accessibility import sign_in
from tests.delivery.qr import read_qr
from tests.delivery.spec_wallet import Wallet, WalletError
from tests.node import run_node, wallet_holder

pytestmark = pytest.mark.browser

LDP = "OpenBadgeCredential_ldp_vc"
JWT = "OpenBadgeCredential_jwt_vc_json"
PRE = "urn:ietf:params:oauth:grant-type:pre-authorized_code"


class NodeHolder:
    """A wallet's key, made and used by tests/js/wallet-holder.mjs (jose, @digitalbazaar/vc).

    The Learner Credential Wallet signs its DIDAuth presentation with
    Ed25519Signature2020 in the VC 1.1 model; an OpenID wallet signs proof
    JWTs with its did:key.
    """

    algorithms = ("EdDSA",)

    def __init__(self, made: dict, *, suite: str, model: str) -> None:
        self.key, self.did = made["jwk"], made["didKey"]
        self.suite, self.model = suite, model

    @classmethod
    def fresh(cls, **kinds) -> dict[str, NodeHolder]:
        """One fresh Ed25519 did:key per named holder, made in one Node process."""
        made = wallet_holder(*[{"command": "key"}] * len(kinds))
        return {
            name: cls(key, **kind)
            for (name, kind), key in zip(kinds.items(), made, strict=True)
        }

    def proof_jwt(self, *, audience: str, nonce: str | None, alg: str) -> str:
        assert alg in self.algorithms
        (made,) = wallet_holder(
            {"command": "proof-jwt", "jwk": self.key, "aud": audience, "nonce": nonce,
             "binding": "did:key"}
        )  # fmt: skip
        return made["jwt"]

    def didauth(self, *, challenge: str, domain: str) -> dict:
        (made,) = wallet_holder(
            {"command": "didauth", "jwk": self.key, "challenge": challenge, "domain": domain,
             "suite": self.suite, "did": "did:key", "model": self.model}
        )  # fmt: skip
        return made["presentation"]


# --- the learner's browser --------------------------------------------------------


@contextmanager
def signed_in(browser, base: str, path: str, email: str):
    """A fresh browser context signed in as ``email``, at ``path``."""
    context = browser.new_context(base_url=base, locale="en-GB")
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page, email)
        page.goto(path)
        yield page
    finally:
        context.close()


def read_offer(page) -> tuple[str, str | None]:
    """The QR code's text, checked against the link shown; and the PIN, if the page shows one."""
    text = read_qr(page)
    assert text == page.locator("#open-in-wallet").get_attribute("href")
    assert text == page.locator("#offer-link").input_value()
    pin = page.locator("#pin")
    return text, (pin.inner_text().strip() if pin.count() else None)


# --- what an independent verifier fetches --------------------------------------


def get_json(url: str):
    request = Request(url, headers={"Accept": "application/json, application/ld+json"})
    with build_opener(ProxyHandler({})).open(request, timeout=10) as answer:
        return json.loads(answer.read())


def did_web_url(did: str) -> str:
    """did:web 1.0, section 3.2.1 (Read), on http for the loopback test server."""
    parts = [unquote(p) for p in did.removeprefix("did:web:").split(":")]
    path = (
        "/".join(parts[1:]) + "/did.json" if len(parts) > 1 else ".well-known/did.json"
    )
    return f"http://{parts[0]}/{path}"


def issuer_of(credential: dict) -> str:
    issuer = credential["issuer"]
    return issuer if isinstance(issuer, str) else issuer["id"]


def served_documents(credentials: list[dict], base: str) -> dict:
    """The issuer DID documents, status lists and the site's own contexts, as the site serves them."""
    documents = {}
    for credential in credentials:
        did = issuer_of(credential)
        documents[did] = get_json(did_web_url(did))
        status = credential["credentialStatus"]
        documents[status["statusListCredential"]] = get_json(
            status["statusListCredential"]
        )
        for context in credential["@context"]:
            if isinstance(context, str) and context.startswith(base):
                documents[context] = get_json(context)
    return documents


def jwks_of(did_document: dict) -> dict:
    """The JsonWebKey methods the DID document lists for assertions, as a JWK Set keyed by method id."""
    allowed = set(did_document.get("assertionMethod", []))
    return {
        "keys": [
            {**m["publicKeyJwk"], "kid": m["id"]}
            for m in did_document["verificationMethod"]
            if "publicKeyJwk" in m and m["id"] in allowed
        ]
    }


def claims_of(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def revoked_bit(status_list: dict, index: int) -> bool:
    """Bitstring Status List v1.0, section 3.2: multibase base64url, GZIP, most significant bit first."""
    encoded = status_list["credentialSubject"]["encodedList"]
    bits = gzip.decompress(
        base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    )
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def verify_all(ldp: list[dict], jwt: str, base: str) -> tuple[list[dict], dict]:
    """Digital Bazaar's vc on the Data Integrity copies, jose (+ the status list) on the VC-JWT."""
    documents = served_documents(ldp + [claims_of(jwt)["vc"]], base)
    now = now_text()
    di = run_node(
        "verify-di.mjs", {"credentials": ldp, "documents": documents, "now": now}
    )
    jwks = jwks_of(documents[issuer_of(claims_of(jwt)["vc"])])
    (jose,) = run_node(
        "verify-jwt-status.mjs",
        {"jwts": [jwt], "jwks": jwks, "documents": documents, "now": now},
    )["results"]
    return di["results"], jose


# --- the test ---------------------------------------------------------------------


@pytest.fixture
def site(settings, live_server) -> str:
    """The live server's address as the site's public URL (the credential issuer identifier)."""
    settings.PUBLIC_BASE_URL = live_server.url
    return live_server.url


@pytest.fixture
def held(site, held_award):
    """Carol's accepted award (tests/delivery/conftest.py), signed after ``site`` named the issuer."""
    return held_award


def test_a_learner_takes_her_badge_to_two_wallets_and_revocation_reaches_every_copy(
    held, site, browser, task_queue
):
    base = site
    holders = NodeHolder.fresh(
        openid={"suite": "eddsa-rdfc-2022", "model": "vc2.0"},
        lcw={"suite": "Ed25519Signature2020", "model": "vc1.1"},
    )
    openid_holder, lcw_holder = holders["openid"], holders["lcw"]
    assert (
        openid_holder.did.startswith("did:key:z6Mk")
        and openid_holder.did != lcw_holder.did
    )
    entry = f"/wallet/awards/{held.uuid}/"
    with signed_in(browser, base, entry, "carol@example.org") as page:
        page.locator("#add-to-wallet").click()

        # An OpenID wallet scans the offer, types the PIN and asks for both formats.
        page.get_by_role("button", name="Make an offer for an OpenID wallet").click()
        link, pin = read_offer(page)
        assert urlsplit(link).scheme == "openid-credential-offer"
        assert pin is not None and len(pin) == 6 and pin.isdigit()
        wallet = Wallet(openid_holder)
        received = wallet.receive_offer(link, tx_code=pin)
        check_the_flow(received, base)
        fetched = wallet.exchanges[0]  # the offer by reference: never cached
        assert fetched.url.startswith(base + "/") and fetched.status == 200
        assert "no-store" in fetched.headers["cache-control"]
        with pytest.raises(WalletError) as replayed:  # the code works once
            wallet.token(
                received.as_metadata, received.offer["grants"][PRE], tx_code=pin
            )
        assert replayed.value.error == "invalid_grant"

        # The Learner Credential Wallet opens its deep link.
        page.get_by_role("link", name="Choose another kind of wallet").click()
        page.get_by_role(
            "button", name="Make a request for the Learner Credential Wallet"
        ).click()
        deep_link, no_pin = read_offer(page)
        assert no_pin is None
        assert urlsplit(deep_link).scheme == "dccrequest"
        assert parse_qs(urlsplit(deep_link).query)["issuer"] == [
            issuer_of(held.ob3_credential)
        ]
        lcw = Wallet(lcw_holder).receive_deep_link(deep_link)

        # The backpack entry says where the badge went: three copies.
        page.goto(entry)
        delivered = page.locator("ul.wallet-deliveries li").all_inner_texts()
        assert len(delivered) == 3, delivered
        assert all(d.startswith("Delivered to a wallet on") for d in delivered)

    assert [len(received.credentials[c]) for c in (LDP, JWT)] == [1, 1]
    ldp = [received.credentials[LDP][0], lcw["credentials"][0]]
    jwt = received.credentials[JWT][0]
    check_the_copies(held, ldp, jwt, openid_holder.did, lcw_holder.did)
    di, jose = verify_all(ldp, jwt, base)
    assert di == [{"verified": True, "errors": []}] * 2, di
    assert jose["verified"] is True, jose
    check_jose_claims(jwt, held, openid_holder.did)

    staff_revoke(browser, base, held)
    index = int(held.ob3_credential["credentialStatus"]["statusListIndex"])
    status_url = held.ob3_credential["credentialStatus"]["statusListCredential"]
    task_queue.wait_for(lambda: revoked_bit(get_json(status_url), index))
    if task_queue.worker is not None:
        # The worker process signed the new list under its own PUBLIC_BASE_URL,
        # not the live server's (which only this process knows): sign it again
        # here, as a worker of the site at this address would have.
        publish_status_list(issuer=held.issuer)
    di, jose = verify_all(ldp, jwt, base)
    for verdict in [*di, jose]:
        assert verdict["verified"] is False, verdict
        assert any("revoked" in e for e in verdict["errors"]), verdict


def check_the_flow(received, base: str) -> None:
    """What the wallet saw of the issuer: the offer, the two metadata documents, the token."""
    assert received.offer["credential_issuer"] == base
    assert sorted(received.offer["credential_configuration_ids"]) == sorted([LDP, JWT])
    tx_code = received.offer["grants"][PRE]["tx_code"]
    assert tx_code.get("input_mode", "numeric") == "numeric"
    assert tx_code.get("length") == 6
    metadata = received.issuer_metadata
    supported = metadata["credential_configurations_supported"]
    assert supported[LDP]["format"] == "ldp_vc"
    assert supported[JWT]["format"] == "jwt_vc_json"
    assert {d.get("locale") for d in metadata.get("display", [])} >= {"en", "lv"}
    assert received.token["token_type"].lower() == "bearer"


def check_the_copies(
    award, ldp: list[dict], jwt: str, openid_did: str, lcw_did: str
) -> None:
    """Each copy is its own credential, bound to its wallet, on the award's own status entry."""
    original = award.ob3_credential
    vc = claims_of(jwt)["vc"]
    for copy, did in ((ldp[0], openid_did), (ldp[1], lcw_did), (vc, openid_did)):
        assert copy["credentialSubject"]["id"] == did
        assert copy["id"].startswith("urn:uuid:") and copy["id"] != original["id"]
        assert copy["credentialStatus"] == original["credentialStatus"]
        assert issuer_of(copy) == issuer_of(original)
        assert (
            copy["credentialSubject"]["achievement"]["id"]
            == original["credentialSubject"]["achievement"]["id"]
        )
    assert len({ldp[0]["id"], ldp[1]["id"], vc["id"]}) == 3


def check_jose_claims(jwt: str, award, did: str) -> None:
    """jose's own OB 3.0 claim checks (verify-jwt.mjs): iss, jti, nbf; and sub names the wallet."""
    vc = claims_of(jwt)["vc"]
    document = get_json(did_web_url(issuer_of(vc)))
    result = run_node(
        "verify-jwt.mjs", {"jwt": jwt, "jwks": jwks_of(document), "now": now_text()}
    )
    assert result["verified"] is True, result
    assert result["payload"]["sub"] == did


def staff_revoke(browser, base: str, award) -> None:
    """Aaron, who awards at Acme, revokes the award on the badge class's awards page."""
    awards = f"/staff/badge-classes/{award.badge_class.uuid}/awards/"
    with signed_in(browser, base, awards, "aaron@example.org") as page:
        row = page.locator("tr", has_text="carol@example.org")
        row.locator("summary", has_text="Revoke").click()
        row.get_by_label("Reason (shown to verifiers)").fill("Issued in error")
        row.get_by_role("button", name="Revoke").click()
        page.get_by_text("Revoked. Verifiers now see the reason.").wait_for()
