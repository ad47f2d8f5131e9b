"""A small Open Badges 3.0 provider on a local port, for the consumer's tests.

It serves the discovery document, RFC 7591 registration, an authorization
endpoint that approves at once (redirecting back with a code), a token
endpoint that checks Basic client authentication and the PKCE verifier, and
getCredentials (paged with ``Link: rel="next"``), getProfile and
upsertCredential. ``provider.faults`` names the step to break and how.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

API = "/ims/ob/v3p0"


class Provider:
    def __init__(self, base: str) -> None:
        self.base = base
        self.faults: dict[str, str] = {}  # step -> "500", "html", "refuse", "huge", ...
        self.credentials: list[dict] = []
        self.jws: list[str] = []
        self.page_size = 2
        self.registrations: list[dict] = []
        self.clients: dict[str, str] = {}
        self.codes: dict[str, dict] = {}
        self.tokens: set[str] = set()
        self.refreshes: set[str] = set()
        self.refreshed = 0
        self.received: list[tuple[str, bytes]] = []  # upserts: content type, body
        self.revoked: list[str] = []
        # Set to a path to publish RFC 8414 metadata naming it as the revocation endpoint.
        self.revocation_path = ""
        # What the token endpoint says it granted (all three scopes it offers, unless a test narrows it).
        self.granted_scope = " ".join(
            "https://purl.imsglobal.org/spec/ob/v3p0/scope/" + s
            for s in ("credential.readonly", "credential.upsert", "profile.readonly")
        )

    @property
    def discovery_url(self) -> str:
        return self.base + API + "/discovery"

    def discovery(self) -> dict:
        return {
            "openapi": "3.0.1",
            "info": {"title": "Local provider", "version": "1.0"},
            "servers": [{"url": self.base + API}],
            "components": {
                "securitySchemes": {
                    "OAuth2ACG": {
                        "type": "oauth2",
                        "x-imssf-name": "Local provider",
                        "x-imssf-registrationUrl": self.base + "/register",
                        "flows": {
                            "authorizationCode": {
                                "authorizationUrl": self.base + "/authorize",
                                "tokenUrl": self.base + "/token",
                                "refreshUrl": self.base + "/token",
                                "scopes": {
                                    "https://purl.imsglobal.org/spec/ob/v3p0/scope/"
                                    + s: "..."
                                    for s in (
                                        "credential.readonly",
                                        "credential.upsert",
                                        "profile.readonly",
                                    )
                                },
                            }
                        },
                    }
                }
            },
        }


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(
            self, status: int, body, *, content_type="application/json", headers=()
        ):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (the size cap): that is the point

        def _fault(self, step: str) -> bool:
            fault = provider.faults.get(step)
            if fault is None:
                return False
            if fault == "slow":
                time.sleep(1.5)
                return False
            if fault == "html":
                self._send(200, b"<html>not here</html>", content_type="text/html")
            elif fault == "huge":
                self._send(200, b"[" + b"0," * (3 * 1024 * 1024) + b"0]")
            elif fault == "refuse":
                self._send(400, {"error": "invalid_client_metadata",
                                 "error_description": "logo_uri is not reachable."})  # fmt: skip
            elif fault == "invalid_grant":
                self._send(400, {"error": "invalid_grant",
                                 "error_description": "The code has expired."})  # fmt: skip
            elif fault == "invalid_client":
                self._send(401, {"error": "invalid_client"})
            elif fault == "shape":
                self._send(200, {"openapi": "3.0.1", "components": {}})
            else:
                self._send(int(fault), {"imsx_codeMajor": "failure",
                                        "imsx_description": "The host is busy."})  # fmt: skip
            return True

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _client(self) -> str | None:
            scheme, _, value = (self.headers.get("Authorization") or "").partition(" ")
            if scheme != "Basic":
                return None
            client_id, _, secret = base64.b64decode(value).decode().partition(":")
            return client_id if provider.clients.get(client_id) == secret else None

        def _bearer(self) -> bool:
            scheme, _, value = (self.headers.get("Authorization") or "").partition(" ")
            return scheme == "Bearer" and value in provider.tokens

        def do_GET(self):  # noqa: N802 (http.server's name)
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if parts.path == API + "/discovery":
                if not self._fault("discovery"):
                    self._send(200, provider.discovery())
            elif parts.path == "/authorize":
                code = secrets.token_urlsafe(16)
                provider.codes[code] = query
                back = {"code": code, "state": query["state"]}
                if provider.faults.get("authorize") == "deny":
                    back = {"error": "access_denied", "state": query["state"]}
                location = query["redirect_uri"] + "?" + urlencode(back)
                self._send(302, b"", headers=[("Location", location)])
            elif parts.path == API + "/credentials":
                if not self._bearer():
                    self._send(401, {"imsx_codeMajor": "failure"})
                    return
                offset = int(query.get("offset", 0))
                if not offset and self._fault("page1"):
                    return
                if offset and self._fault("page2"):
                    return
                everything = [("c", c) for c in provider.credentials] + [
                    ("j", j) for j in provider.jws
                ]
                chosen = everything[offset : offset + provider.page_size]
                headers = [("X-Total-Count", str(len(everything)))]
                if offset + provider.page_size < len(everything):
                    following = f"{provider.base}{API}/credentials?limit={provider.page_size}&offset={offset + provider.page_size}"
                    headers.append(("Link", f'<{following}>; rel="next"'))
                self._send(200, {"credential": [v for k, v in chosen if k == "c"],
                                 "compactJwsString": [v for k, v in chosen if k == "j"]},
                           headers=headers)  # fmt: skip
            elif (
                parts.path == "/.well-known/oauth-authorization-server"
                and provider.revocation_path
            ):
                self._send(200, {"issuer": provider.base,
                                 "token_endpoint": provider.base + "/token",
                                 "revocation_endpoint": provider.base + provider.revocation_path})  # fmt: skip
            elif parts.path == API + "/profile":
                if self._bearer():
                    self._send(
                        200, {"type": "Profile", "id": "urn:x", "name": "Carol There"}
                    )
                else:
                    self._send(401, {"imsx_codeMajor": "failure"})
            else:
                self._send(404, {"error": "not found"})

        def do_POST(self):  # noqa: N802 (http.server's name)
            path, body = urlsplit(self.path).path, self._body()
            if path == "/register":
                if self._fault("register"):
                    return
                metadata = json.loads(body)
                provider.registrations.append(metadata)
                client_id, secret = secrets.token_hex(8), secrets.token_urlsafe(24)
                provider.clients[client_id] = secret
                self._send(
                    201, {**metadata, "client_id": client_id, "client_secret": secret}
                )
            elif path == "/token":
                self._token(parse_qs(body.decode()))
            elif path == (provider.revocation_path or "/revoke"):
                form = parse_qs(body.decode())
                if self._client() is None:
                    self._send(401, {"error": "invalid_client"})
                    return
                provider.revoked.append((form["token_type_hint"][0], form["token"][0]))
                self._send(200, b"")
            elif path == API + "/credentials":
                if not self._bearer():
                    self._send(401, {"imsx_codeMajor": "failure"})
                elif not self._fault("upsert"):
                    provider.received.append((self.headers.get("Content-Type"), body))
                    self._send(201, body, content_type=self.headers.get("Content-Type"))
            else:
                self._send(404, {"error": "not found"})

        def _token(self, form: dict) -> None:
            if self._fault("token"):
                return
            if self._client() is None:
                self._send(401, {"error": "invalid_client"})
                return
            grant = form["grant_type"][0]
            if grant == "authorization_code":
                asked = provider.codes.pop(form["code"][0], None)
                digest = hashlib.sha256(form["code_verifier"][0].encode()).digest()
                challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
                if asked is None or asked["code_challenge"] != challenge:
                    self._send(400, {"error": "invalid_grant",
                                     "error_description": "PKCE verification failed."})  # fmt: skip
                    return
            elif form["refresh_token"][0] in provider.refreshes:
                provider.refreshes.discard(form["refresh_token"][0])
                provider.refreshed += 1
            else:
                self._send(400, {"error": "invalid_grant"})
                return
            access, refresh = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
            provider.tokens.add(access)
            provider.refreshes.add(refresh)
            self._send(200, {"access_token": access, "refresh_token": refresh,
                             "token_type": "Bearer", "expires_in": 3600,
                             "scope": provider.granted_scope})  # fmt: skip

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def ob3_provider() -> Iterator[Provider]:
    """Serve a fresh provider on 127.0.0.1 for the length of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    provider = Provider(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
