"""The safe client's ``send``: a method, a body and headers, the same address rules, no redirects."""

from __future__ import annotations

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from verifier.fetching import FetchError, send


class _Echo(BaseHTTPRequestHandler):
    """Answers each request with what it received; /moved redirects; /big is 64 KB."""

    def _answer(self) -> None:
        if self.path == "/moved":
            self.send_response(307)
            self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        length = int(self.headers.get("Content-Length") or 0)
        received = self.rfile.read(length) if length else b""
        body = (
            b"x" * 65536
            if self.path == "/big"
            else json.dumps(
                {
                    "method": self.command,
                    "body": received.decode(),
                    "authorization": self.headers.get("Authorization"),
                    "type": self.headers.get("Content-Type"),
                }
            ).encode()
        )
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Link", '<http://x/next>; rel="next"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer  # noqa: N815 (http.server's names)

    def log_message(self, *args):
        pass


@pytest.fixture
def echo():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    with contextlib.suppress(Exception):
        thread.join(5)


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_a_body_and_headers_arrive_and_the_answer_comes_back_whole(
    allow_local, echo, method
):
    answer = send(
        method,
        f"{echo}/upsert",
        body=b'{"a": 1}',
        headers={"Authorization": "Bearer t", "Content-Type": "application/json"},
    )
    assert answer.status == 201
    assert answer.content_type == "application/json"
    assert answer.headers["link"] == '<http://x/next>; rel="next"'
    assert json.loads(answer.body) == {
        "method": method,
        "body": '{"a": 1}',
        "authorization": "Bearer t",
        "type": "application/json",
    }


def test_a_get_carries_headers_and_no_body(allow_local, echo):
    answer = send("GET", f"{echo}/read", headers={"Authorization": "Bearer t"})
    assert json.loads(answer.body)["authorization"] == "Bearer t"
    assert json.loads(answer.body)["body"] == ""


def test_a_redirect_is_returned_not_followed(allow_local, echo):
    answer = send("POST", f"{echo}/moved", body=b"secret")
    assert answer.status == 307
    assert answer.headers["location"] == "/elsewhere"


def test_a_private_address_is_refused_without_the_allow_list(settings, echo):
    settings.FETCH_ALLOWED_HOSTS = []
    with pytest.raises(FetchError) as caught:
        send("POST", f"{echo}/upsert", body=b"{}")
    assert caught.value.code == "private_address"


def test_the_size_caps_hold_both_ways(allow_local, echo):
    with pytest.raises(FetchError) as caught:
        send("GET", f"{echo}/big", max_bytes=1024)
    assert caught.value.code == "too_large"
    with pytest.raises(FetchError) as caught:
        send("POST", f"{echo}/upsert", body=b"y" * 2048, max_bytes=1024)
    assert caught.value.code == "too_large"


def test_only_the_methods_it_knows(allow_local, echo):
    with pytest.raises(ValueError, match="not DELETE"):
        send("DELETE", f"{echo}/x")
