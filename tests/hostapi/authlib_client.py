"""An independent OB 3.0 API client (authlib, not the server's library), run as a subprocess.

Given a host's base URL it does what another platform does (OB 3.0 §6, §7):
reads the discovery document, registers itself (RFC 7591), prints the
authorization URL (PKCE S256, a state) as ``AUTHORIZE <url>`` on stdout,
waits on its own loopback HTTP server for the browser's redirect, checks the
state, exchanges the code (``client_secret_basic`` and the code verifier),
calls every endpoint, refreshes the token, revokes it (RFC 7009) and calls
once more. Everything it saw is written as JSON to ``--out``; it exits 1 on a
protocol error (the error is in the file too).

    python tests/hostapi/authlib_client.py --base http://localhost:8000 \\
        --revocation-url http://localhost:8000/oauth/revoke --credential a.jwt --out seen.json

The revocation URL is given: the OB 3.0 discovery document has no place for it.
Nothing here imports Django or the project.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session

SCHEME = "OAuth2ACG"
WAIT_FOR_BROWSER = 120  # seconds; the test fails long before
HEADERS = ("content-type", "x-total-count", "link", "cache-control", "www-authenticate")
SECRETS = {"access_token", "refresh_token", "client_secret"}
SECRET = "(withheld)"
# A 1×1 transparent PNG, for the logo the consent page shows.
LOGO = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


class ProtocolError(Exception):
    """The other side did not follow the protocol: the run cannot go on."""


class Callback(BaseHTTPRequestHandler):
    """The client's own pages: the redirect URI, and what its registration names."""

    received: list[str] = []
    arrived = threading.Event()

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = urlsplit(self.path).path
        if path == "/callback":
            type(self).received.append(self.path)
            type(self).arrived.set()
            self._answer(b"<!doctype html><title>Connected</title><h1>Connected</h1>")
        elif path == "/logo.png":
            self._answer(LOGO, "image/png")
        else:
            self._answer(b"<!doctype html><title>Example</title><p>Example client")

    def _answer(self, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # the test reads stdout; keep it quiet
        pass


class Run:
    """One run of the client; ``seen`` is what goes into the result file."""

    def __init__(self, args) -> None:
        self.args = args
        self.seen: dict = {"base": args.base.rstrip("/"), "calls": []}
        self.http = requests.Session()
        self.http.trust_env = False  # no proxies: the host is on this machine

    # --- recording ---------------------------------------------------------------------

    def record(self, name: str, response: requests.Response) -> dict:
        """Keep a call's status, the headers that matter and its body; return the record."""
        try:
            body = response.json()
        except ValueError:
            body = response.text
        if isinstance(body, dict):  # the file shows what came, not secrets to reuse
            body = {k: SECRET if k in SECRETS else v for k, v in body.items()}
        entry = {
            "name": name,
            "method": response.request.method,
            "url": response.request.url,
            "status": response.status_code,
            "headers": {
                h: response.headers[h] for h in HEADERS if h in response.headers
            },
            "links": {rel: link["url"] for rel, link in response.links.items()},
            "body": body,
        }
        self.seen["calls"].append(entry)
        return entry

    # --- the steps ---------------------------------------------------------------------

    def discover(self) -> dict:
        url = self.args.base.rstrip("/") + "/ims/ob/v3p0/discovery"
        answer = self.record("discovery", self.http.get(url, headers=_ACCEPT_JSON))
        if answer["status"] != 200 or not isinstance(answer["body"], dict):
            raise ProtocolError(f"discovery answered {answer['status']}")
        document = answer["body"]
        try:
            scheme = document["components"]["securitySchemes"][SCHEME]
            flow = scheme["flows"]["authorizationCode"]
            found = {
                "registration": scheme["x-imssf-registrationUrl"],
                "authorization": flow["authorizationUrl"],
                "token": flow["tokenUrl"],
                "refresh": flow.get("refreshUrl") or flow["tokenUrl"],
                "scopes": list(flow["scopes"]),
            }
        except (KeyError, TypeError) as exc:
            raise ProtocolError(f"the discovery document lacks {exc}") from exc
        servers = document.get("servers") or [{}]
        found["api"] = urljoin(url, servers[0].get("url") or "/ims/ob/v3p0").rstrip("/")
        self.seen["discovered"] = found
        return found

    def register(self, found: dict, own: str) -> dict:
        body = {
            "client_name": "Authlib Test Client",
            "client_uri": own + "/",
            "logo_uri": own + "/logo.png",
            "tos_uri": own + "/terms",
            "policy_uri": own + "/privacy",
            "software_id": "0f7c1a52-6b5e-4b7b-9a38-authlib-test",
            "software_version": "1.9.10",
            "redirect_uris": [own + "/callback"],
            "token_endpoint_auth_method": "client_secret_basic",
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "scope": " ".join(found["scopes"]),
        }
        self.seen["registration_request"] = body
        response = self.http.post(found["registration"], json=body)
        answer = self.record("register", response)
        if answer["status"] != 201 or "client_id" not in answer["body"]:
            raise ProtocolError(f"registration answered {answer['status']}")
        return response.json()

    def authorize(self, found: dict, client: dict, own: str) -> OAuth2Session:
        session = OAuth2Session(
            client["client_id"],
            client["client_secret"],
            scope=" ".join(found["scopes"]),
            redirect_uri=own + "/callback",
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic",
        )
        session.trust_env = False
        session.register_compliance_hook("access_token_response", self._token_answer)
        session.register_compliance_hook("refresh_token_response", self._token_answer)
        verifier = generate_token(64)
        url, state = session.create_authorization_url(
            found["authorization"], code_verifier=verifier
        )
        self.seen["authorization_url"] = url
        print("AUTHORIZE " + url, flush=True)
        if not Callback.arrived.wait(WAIT_FOR_BROWSER):
            raise ProtocolError("the browser never came back to the redirect URI")
        back = own + Callback.received[0]
        query = parse_qs(urlsplit(back).query)
        self.seen["callback"] = {k: v[0] for k, v in query.items() if k != "code"}
        if query.get("state") != [state]:
            raise ProtocolError("the state that came back is not the one sent")
        if "code" not in query:
            raise ProtocolError(f"no code came back: {query.get('error')}")
        token = session.fetch_token(
            found["token"], authorization_response=back, code_verifier=verifier
        )
        self.seen["token"] = _token_facts(token)
        return session

    def _token_answer(self, response: requests.Response) -> requests.Response:
        self.record("token", response)
        return response

    def call_endpoints(self, session: OAuth2Session, api: str) -> None:
        credentials, profile = api + "/credentials", api + "/profile"

        def get(name: str, url: str) -> dict:
            return self.record(name, session.get(url, headers=_ACCEPT_JSON))

        get("getCredentials", credentials)
        self.pages(session, credentials + "?limit=2&offset=0", "getCredentials page")
        for when in ("2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"):
            get(f"getCredentials since {when[:4]}", f"{credentials}?since={when}")
        for path in self.args.credential:
            data = Path(path).read_bytes()  # sent as it is, byte for byte
            kind = "application/json" if data.lstrip()[:1] == b"{" else "text/plain"
            headers = {"Content-Type": kind, "Accept": kind}
            for name in ("upsertCredential", "upsertCredential again"):
                self.record(name, session.post(credentials, data=data, headers=headers))
        get("getCredentials after upsert", credentials)
        self.pages(session, credentials + "?limit=2&offset=0", "after upsert page")
        got = get("getProfile", profile)
        if isinstance(got["body"], dict):
            changed = {**got["body"], "name": self.args.new_name}
            self.record("putProfile", session.put(profile, json=changed))
            get("getProfile after put", profile)
        self.record(
            "getCredentials without a token",
            self.http.get(credentials, headers=_ACCEPT_JSON),
        )

    def pages(self, session: OAuth2Session, url: str, name: str) -> None:
        """Follow ``Link: rel="next"`` from ``url`` to the last page (at most 20)."""
        for _ in range(20):
            entry = self.record(name, session.get(url, headers=_ACCEPT_JSON))
            url = entry["links"].get("next")
            if entry["status"] != 200 or not url:
                return
        raise ProtocolError("more than 20 pages: the next links go round")

    def refresh_and_revoke(self, session: OAuth2Session, found: dict, api: str) -> None:
        old = dict(session.token)
        new = session.refresh_token(
            found["refresh"], refresh_token=old["refresh_token"]
        )
        self.seen["refreshed"] = {
            **_token_facts(new),
            "access_token_changed": new["access_token"] != old["access_token"],
        }
        # The certification repeats reading and writing with the refreshed token.
        self.record("getProfile after refresh", session.get(api + "/profile"))
        self.pages(session, api + "/credentials?limit=2&offset=0", "page after refresh")
        for path in self.args.credential[:1]:
            data = Path(path).read_bytes()
            kind = "application/json" if data.lstrip()[:1] == b"{" else "text/plain"
            self.record(
                "upsertCredential after refresh",
                session.post(
                    api + "/credentials",
                    data=data,
                    headers={"Content-Type": kind, "Accept": kind},
                ),
            )
        self.record(
            "getProfile with the access token before refresh",
            self.http.get(api + "/profile", headers=_bearer(old["access_token"])),
        )
        revoked = session.revoke_token(
            self.args.revocation_url,
            token=new["access_token"],
            token_type_hint="access_token",
        )
        self.record("revoke access token", revoked)
        self.record(
            "getCredentials after revocation",
            self.http.get(
                api + "/credentials",
                headers={**_ACCEPT_JSON, **_bearer(new["access_token"])},
            ),
        )
        self.record(
            "revoke refresh token",
            session.revoke_token(
                self.args.revocation_url,
                token=new["refresh_token"],
                token_type_hint="refresh_token",
            ),
        )
        try:
            session.refresh_token(found["refresh"], refresh_token=new["refresh_token"])
        except OAuthError as exc:
            self.seen["refresh_after_revocation"] = {"error": exc.error}
        else:
            self.seen["refresh_after_revocation"] = {"error": None}

    def main(self) -> None:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Callback)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        own = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            found = self.discover()
            client = self.register(found, own)
            session = self.authorize(found, client, own)
            self.call_endpoints(session, found["api"])
            self.refresh_and_revoke(session, found, found["api"])
        finally:
            server.shutdown()


_ACCEPT_JSON = {"Accept": "application/json"}


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _token_facts(token) -> dict:
    return {
        "token_type": token.get("token_type"),
        "scope": token.get("scope"),
        "expires_in": token.get("expires_in"),
        "has_refresh_token": bool(token.get("refresh_token")),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the host's base URL")
    parser.add_argument("--revocation-url", required=True)
    parser.add_argument("--credential", action="append", default=[])
    parser.add_argument("--new-name", default="Carol Renamed")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    if urlsplit(args.base).hostname in ("127.0.0.1", "localhost", "::1"):
        # authlib refuses http unless told; the host is on this machine.
        os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    run = Run(args)
    status = 0
    try:
        run.main()
    except (ProtocolError, AuthlibBaseError, requests.RequestException) as exc:
        run.seen["error"] = f"{type(exc).__name__}: {exc}"
        print("ERROR " + run.seen["error"], file=sys.stderr, flush=True)
        status = 1
    Path(args.out).write_text(json.dumps(run.seen, indent=2), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
