"""Who issued a verified credential, said honestly on every page that shows a report.

The forged credential here names a real institution under a did:key that
Digital Bazaar's ``vc`` made a moment ago (``tests/js/sign-external.mjs``):
its signature is valid, and nothing else about it is. Trust registries are
served by a real HTTP server on 127.0.0.1 and read from a real file.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from badges.actions import award_badge
from tests.factories import EmailAddressFactory
from tests.node import run_node
from tests.verifier.test_verifier_external import SALT
from verifier import inputs, trust
from wallet import actions as wallet_actions
from wallet.actions import import_credential

REAL_NAME = "Rīgas Tehniskā universitāte"
FORGED = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "urn:uuid:0f8e2a52-6f55-4c3e-9a55-0b1d2f3c4d5e",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "name": "Master of Engineering",
    "issuer": {"id": "replaced by the signer", "type": ["Profile"], "name": REAL_NAME, "url": "https://www.rtu.lv"},
    "validFrom": "2025-06-01T09:00:00Z",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "identifier": [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
                        # "driver@example.org", salted as in test_verifier_external
                        "identityHash": "sha256$" + "0" * 64, "salt": SALT}],
        "achievement": {
            "id": "urn:uuid:0f8e2a52-6f55-4c3e-9a55-0b1d2f3c4d5f", "type": ["Achievement"],
            "name": "Master of Engineering", "description": "A degree nobody awarded.",
            "criteria": {"narrative": "None."}, "achievementType": "Degree",
        },
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def forged() -> dict:
    """The forged credential, signed by Digital Bazaar's vc with a fresh did:key."""
    from credentials.hashing import hash_identity

    credential = copy.deepcopy(FORGED)
    identifier = credential["credentialSubject"]["identifier"][0]
    identifier["identityHash"] = hash_identity("driver@example.org", SALT)
    return run_node("sign-external.mjs", {"credential": credential, "statusList": None})


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


class Served:
    """A JSON document on 127.0.0.1 that a test can change, and how often it was asked for."""

    def __init__(self) -> None:
        self.body, self.status, self.hits = b"{}", 200, 0

    def put(self, document, status: int = 200) -> None:
        self.body, self.status = json.dumps(document).encode(), status


@pytest.fixture
def registry_server():
    served = Served()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            served.hits += 1
            self.send_response(served.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(served.body)))
            self.end_headers()
            self.wfile.write(served.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served.url = f"http://127.0.0.1:{server.server_address[1]}/registry.json"
    yield served
    server.shutdown()
    server.server_close()


def listing(did: str, name: str) -> dict:
    """A registry in the DCC registries' shape."""
    return {
        "meta": {"created": "2026-01-01T00:00:00+00:00"},
        "registry": {did: {"name": name, "location": "Rīga, Latvia", "url": "https://www.rtu.lv"}},
    }  # fmt: skip


def banner_state(html: str) -> str:
    return re.search(r'class="verdict-banner [^"]*" data-state="([a-z_]+)"', html)[1]


def identity_code(html: str) -> str:
    return re.search(r'data-identity="([a-z_]+)"', html)[1]


def verify_page(client, text: str) -> str:
    response = client.post("/verify", {"text": text})
    assert response.status_code == 200
    return response.content.decode()


# --- The forged credential on every page ------------------------------------------------------


def test_a_forged_credential_is_visibly_unconfirmed_on_the_verify_page_and_api(
    client, db, forged
):
    html = verify_page(client, json.dumps(forged["dataIntegrity"]))
    assert banner_state(html) == "issuer_unconfirmed"
    assert identity_code(html) == "self_asserted"
    assert "Self-asserted: anyone can create this key" in html
    assert f"The name “{REAL_NAME}” is the credential&#x27;s own claim" in html
    assert "This badge is genuine and in force." not in html
    assert forged["did"][:40] in html  # the identifier is shown

    result = (
        APIClient()
        .post("/api/v1/verify", {"text": forged["jwt"]}, format="json")
        .json()
    )
    assert result["valid"] is True  # the signature is real...
    identity = result["issuer_identity"]  # ...the issuer is not
    assert identity["code"] == "self_asserted" and identity["confirmed"] is False
    assert identity["id"] == forged["did"] and identity["claimed_name"] == REAL_NAME
    assert identity["summary"] == "Self-asserted: anyone can create this key"
    assert result["issuer"] == {
        "id": forged["did"],
        "name": REAL_NAME,
        "url": "https://www.rtu.lv",
    }


def test_a_forged_credential_is_unconfirmed_in_the_backpack_and_on_its_share_page(
    cast, client, forged
):
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    held = import_credential(user=cast.carol, text=json.dumps(forged["dataIntegrity"]))
    assert held.valid is True
    client.force_login(cast.carol)
    entry = client.get(f"/wallet/imported/{held.uuid}/").content.decode()
    assert identity_code(entry) == "self_asserted"
    assert banner_state(entry) == "issuer_unconfirmed"
    assert "Self-asserted: anyone can create this key" in entry

    link = wallet_actions.share(user=cast.carol, credential=held)
    client.logout()  # a visitor
    shared = client.get(f"/share/{link.token}").content.decode()
    assert identity_code(shared) == "self_asserted"
    assert "Issuer not confirmed" in shared and ">Valid<" not in shared
    assert "Self-asserted: anyone can create this key" in shared
    verified = client.get(f"/share/{link.token}/{held.uuid}/verify").content.decode()
    assert banner_state(verified) == "issuer_unconfirmed"

    client.force_login(cast.mallory)  # an outsider sees the public page only
    assert client.get(f"/wallet/imported/{held.uuid}/").status_code == 404
    assert identity_code(client.get(f"/share/{link.token}").content.decode()) == (
        "self_asserted"
    )


# --- Trust registries -------------------------------------------------------------------------


def test_a_registry_served_over_http_names_the_issuer_and_flags_another_claimed_name(
    client, db, settings, allow_local, forged, registry_server
):
    registry_server.put(listing(forged["did"], "Latvian Test Institute"))
    settings.TRUST_REGISTRIES = [f"Latvian registry={registry_server.url}"]
    html = verify_page(client, json.dumps(forged["dataIntegrity"]))
    assert banner_state(html) == "verified" and identity_code(html) == "registry"
    assert "Latvian registry lists this issuer as “Latvian Test Institute”." in html
    assert (
        f"The credential calls its issuer “{REAL_NAME}”; Latvian registry names it "
        "“Latvian Test Institute”." in html
    )
    identity = (
        APIClient()
        .post("/api/v1/verify", {"text": forged["jwt"]}, format="json")
        .json()["issuer_identity"]
    )
    assert identity["code"] == "registry" and identity["name_mismatch"] is True
    assert identity["registry"]["name"] == "Latvian registry"
    assert identity["registry"]["entry_location"] == "Rīga, Latvia"
    assert registry_server.hits == 1  # fetched once, then cached


def test_an_unreachable_registry_is_said_and_tried_again_later_not_on_every_page(
    client, db, settings, allow_local, forged, registry_server
):
    registry_server.put({"error": "down"}, status=503)
    settings.TRUST_REGISTRIES = [registry_server.url]
    for _ in range(2):
        html = verify_page(client, json.dumps(forged["dataIntegrity"]))
        assert identity_code(html) == "self_asserted"
        assert (
            "Not checked against 127.0.0.1: the trust registry could not be read."
            in html
        )
    assert registry_server.hits == 1


def test_a_registry_file_is_read_again_when_it_changes_and_stored_reports_follow(
    cast, client, settings, forged, tmp_path
):
    path = tmp_path / "registry.json"
    path.write_text(json.dumps({"meta": {}, "registry": {}}))
    settings.TRUST_REGISTRIES = [str(path)]
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    held = import_credential(user=cast.carol, text=json.dumps(forged["dataIntegrity"]))
    client.force_login(cast.carol)
    page = f"/wallet/imported/{held.uuid}/"
    assert identity_code(client.get(page).content.decode()) == "self_asserted"

    path.write_text(json.dumps(listing(forged["did"], REAL_NAME)) + "\n")
    html = client.get(page).content.decode()
    assert identity_code(html) == "registry"
    assert (
        "registry.json lists this issuer as" in html and "calls its issuer" not in html
    )


def test_a_registry_that_is_not_one_leaves_the_issuer_unconfirmed(
    db, settings, forged, tmp_path
):
    path = tmp_path / "broken.json"
    path.write_text('{"registry": {"did:key:z6Mk": "no name"}}')
    settings.TRUST_REGISTRIES = [f"Broken={path}", str(tmp_path / "missing.json")]
    verdict = inputs.verify_pasted(json.dumps(forged["dataIntegrity"]))
    identity = trust.issuer_identity(verdict)
    assert identity.code == "self_asserted"
    assert identity.unavailable == ("Broken", "missing.json")


def test_registry_sources_are_named_or_unnamed(settings):
    settings.TRUST_REGISTRIES = [
        "DCC Community=https://example.org/registry.json",
        "https://example.org/r.json?a=b",
        "/etc/insignia/registry.json",
    ]
    assert [(s.name, s.location) for s in trust.configured_sources()] == [
        ("DCC Community", "https://example.org/registry.json"),
        ("", "https://example.org/r.json?a=b"),
        ("", "/etc/insignia/registry.json"),
    ]


# --- This platform's own issuers, and OB 2.0 elsewhere ----------------------------------------


@pytest.fixture
def award(cast):
    return award_badge(
        badge_class=cast.badge_class,
        recipient_identity="vera@example.org",
        acting_user=cast.aaron,
    )


def test_our_own_ob3_and_ob2_credentials_are_the_platform(cast, client, award):
    for url in (
        f"http://127.0.0.1:8000/public/credentials/{award.uuid}",
        f"http://127.0.0.1:8000/public/assertions/{award.uuid}",
    ):
        verdict = inputs.verify_url(url)
        identity = trust.issuer_identity(verdict)
        assert (identity.code, identity.name) == ("platform", cast.welding.name), url
        html = client.post("/verify", {"url": url}).content.decode()
        assert banner_state(html) == "verified" and identity_code(html) == "platform"
        assert "This badge is genuine and in force." in html


def test_a_tampered_copy_of_our_credential_is_not_ours(client, award):
    tampered = copy.deepcopy(award.ob3_credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Nuclear engineer"
    html = verify_page(client, json.dumps(tampered))
    assert banner_state(html) == "not_verified" and identity_code(html) == "unknown"
    assert "The signature was not proven, so who issued it is not known." in html


def test_an_ob2_assertion_hosted_elsewhere_is_published_on_its_host(
    site, allow_local, db
):
    cast, _server, _signer = site
    verdict = inputs.verify_url(cast.hosted.id)
    identity = trust.issuer_identity(verdict)
    assert (identity.code, identity.domain, identity.url_domain) == (
        "web_domain",
        "127.0.0.1",
        "fe.example.ie",
    )
    assert trust.explanation(identity) == [
        "The issuer's key is published on 127.0.0.1: whoever controls that domain issued it.",
        "The website the issuer names is on another domain, fe.example.ie.",
    ]


def test_the_report_reads_in_latvian(client, db, forged):
    response = client.post(
        "/verify",
        {"text": json.dumps(forged["dataIntegrity"])},
        HTTP_ACCEPT_LANGUAGE="lv",
    )
    html = response.content.decode()
    assert "Self-asserted" not in html and "Issuer not confirmed" not in html
    assert identity_code(html) == "self_asserted"
    assert "Izsniedzējs nav apstiprināts" in html
    assert "Pašapgalvots: šādu atslēgu var izveidot ikviens" in html
    assert f"Nosaukums “{REAL_NAME}” ir paša apliecinājuma apgalvojums" in html
