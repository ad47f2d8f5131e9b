"""The spec wallet is a fair witness: it refuses what OID4VCI 1.0 and RFC 6749 forbid.

tests/delivery/test_e2e_wallet.py trusts it to check every answer Insignia
gives; here a small local server answers as a careless issuer would, one fault
at a time, and the wallet stops at the step the spec names.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest

from tests.delivery.spec_wallet import PRE_AUTHORIZED, Wallet, WalletError

CONFIGURATION = "Badge_ldp_vc"


class Holder:
    did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    algorithms = ("EdDSA",)

    def proof_jwt(self, *, audience, nonce, alg):
        return "e30.e30.c2ln"

    def didauth(self, *, challenge, domain):
        raise AssertionError("not used")


def issuer(base: str, **faults) -> dict:
    """path -> (status, headers, body) of an issuer that follows the specs, but for ``faults``."""
    offer = {
        "credential_issuer": base,
        "credential_configuration_ids": [CONFIGURATION],
        "grants": {
            PRE_AUTHORIZED: {
                "pre-authorized_code": "code",
                "tx_code": {"input_mode": "numeric", "length": 6},
            }
        },
    }
    metadata = {
        "credential_issuer": faults.get("credential_issuer", base),
        "credential_endpoint": faults.get("credential_endpoint", base + "/credential"),
        "nonce_endpoint": base + "/nonce",
        "credential_configurations_supported": {
            CONFIGURATION: {
                "format": "ldp_vc",
                "cryptographic_binding_methods_supported": ["did:key"],
                "proof_types_supported": {
                    "jwt": {"proof_signing_alg_values_supported": ["EdDSA"]}
                },
            }
        },
    }
    as_metadata = {
        "issuer": base,
        "token_endpoint": base + "/token",
        "grant_types_supported": [PRE_AUTHORIZED],
        "pre-authorized_grant_anonymous_access_supported": faults.get(
            "anonymous", True
        ),
    }
    no_store = {"Cache-Control": faults.get("token_cache", "no-store")}
    token = {"access_token": "token", "token_type": "Bearer", "expires_in": 300}
    credential = faults.get(
        "credential",
        {"type": ["VerifiableCredential"], "proof": {"type": "DataIntegrityProof"}},
    )
    return {
        "/offer": (200, {}, offer),
        "/.well-known/openid-credential-issuer": (200, {}, metadata),
        "/.well-known/oauth-authorization-server": (200, {}, as_metadata),
        "/token": (200, no_store, token),
        "/nonce": (200, {"Cache-Control": "no-store"}, {"c_nonce": "n"}),
        "/credential": (200, {}, {"credentials": [{"credential": credential}]}),
    }


@pytest.fixture
def server():
    """A local HTTP server answering from ``server.routes``; every request is kept."""

    class Handler(BaseHTTPRequestHandler):
        def answer(self):
            status, headers, body = httpd.routes[self.path]
            httpd.seen.append((self.command, self.path))
            raw = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        do_GET = do_POST = answer

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def link(base: str) -> str:
    return "openid-credential-offer://?credential_offer_uri=" + quote(
        base + "/offer", safe=""
    )


def test_it_takes_a_credential_from_an_issuer_that_follows_the_specs(server):
    server.routes = issuer(server.base)
    received = Wallet(Holder()).receive_offer(link(server.base), tx_code="123456")
    assert received.credentials[CONFIGURATION][0]["proof"]
    assert [p for _, p in server.seen] == [
        "/offer",
        "/.well-known/openid-credential-issuer",
        "/.well-known/oauth-authorization-server",
        "/token",
        "/nonce",
        "/credential",
    ]


@pytest.mark.parametrize(
    ("faults", "step", "words"),
    [
        ({"credential_issuer": "https://elsewhere.example"}, "credential issuer metadata", "is not"),
        ({"credential_endpoint": "http://insecure.example/credential"}, "credential issuer metadata", "TLS"),
        ({"anonymous": False}, "authorization server metadata", "anonymous"),
        ({"token_cache": "max-age=60"}, "token", "cacheable"),
        ({"credential": "not.a.credential"}, "credential (ldp_vc)", "JSON object"),
    ],
)  # fmt: skip
def test_it_stops_at_the_step_that_breaks_the_spec(server, faults, step, words):
    server.routes = issuer(server.base, **faults)
    with pytest.raises(WalletError) as refused:
        Wallet(Holder()).receive_offer(link(server.base), tx_code="123456")
    assert refused.value.step == step and words in str(refused.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("https://example.org/?credential_offer_uri=x", "scheme"),
        ("openid-credential-offer://?credential_offer=%7B%7D&credential_offer_uri=x", "exactly one"),
        ("openid-credential-offer://?credential_offer_uri=http%3A%2F%2Fexample.org%2Fo", "TLS"),
    ],
)  # fmt: skip
def test_it_refuses_a_malformed_offer_link_before_fetching(server, text, words):
    with pytest.raises(WalletError) as refused:
        Wallet(Holder()).credential_offer(text)
    assert words in str(refused.value)
    assert server.seen == []


def test_it_will_not_send_a_pin_of_the_wrong_shape(server):
    server.routes = issuer(server.base)
    with pytest.raises(WalletError) as refused:
        Wallet(Holder()).receive_offer(link(server.base), tx_code="12345")
    assert refused.value.step == "token" and "6 long" in str(refused.value)
    assert ("POST", "/token") not in server.seen
