"""The safe outbound client: private addresses in every IPv6 disguise, and a total deadline."""

from __future__ import annotations

import ipaddress
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from verifier import fetching
from verifier.fetching import FetchError, fetch


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:8.8.8.8", True),  # IPv4-mapped, public inside
        ("2002:808:808::1", True),  # 6to4 of 8.8.8.8
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::127.0.0.1", False),  # IPv4-compatible loopback
        ("::10.0.0.1", False),
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:a9fe:a9fe::1", False),  # 6to4 of 169.254.169.254
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of the metadata address
        ("ff02::1", False),
    ],
)
def test_an_address_is_public_only_with_everything_it_carries(address, public):
    assert fetching._is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(
    "host", ["[::ffff:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]"]
)
def test_a_literal_ipv6_disguise_of_loopback_is_refused(settings, host):
    settings.FETCH_ALLOWED_HOSTS = []
    with pytest.raises(FetchError) as caught:
        fetch(f"http://{host}:9/")
    assert caught.value.code == "private_address"


class _Drip(BaseHTTPRequestHandler):
    """Answers 200 with a long body sent one byte every 0.2 s: never idle long enough to time out."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def drip_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/slow.json"
    server.shutdown()
    server.server_close()


def test_a_server_that_drips_is_cut_off_at_the_deadline(
    allow_local, monkeypatch, drip_server
):
    monkeypatch.setattr(fetching, "DEADLINE", 1.0)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(drip_server)
    assert caught.value.code == "timeout"
    assert "within 1 s" in str(caught.value)
    assert time.monotonic() - started < 5
