"""The safe outbound client: private addresses in every IPv6 disguise, and a total deadline."""

from __future__ import annotations

import contextlib
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
        self.drip(1000)

    def drip(self, count: int) -> None:
        try:
            for _ in range(count):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serving(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def drip_server():
    with _serving(_Drip) as address:
        yield f"{address}/slow.json"


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


class _Paced(_Drip):
    """Serves /pause (3 kB with a 1 s pause in the middle), /steady (240 kB at about
    120 kB/s), /no-length (drips without a Content-Length) and /slow-headers."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        try:
            if self.path == "/slow-headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for n in range(100):
                    self.wfile.write(f"X-Drip-{n}: 1\r\n".encode())
                    self.wfile.flush()
                    time.sleep(0.2)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if self.path == "/pause":
                self.send_header("Content-Length", "3000")
                self.end_headers()
                self.wfile.write(b" " * 1500)
                self.wfile.flush()
                time.sleep(1.0)
                self.wfile.write(b" " * 1500)
            elif self.path == "/steady":
                self.send_header("Content-Length", str(240 * 1024))
                self.end_headers()
                for _ in range(24):
                    self.wfile.write(b" " * 10 * 1024)
                    self.wfile.flush()
                    time.sleep(1 / 12)
            else:
                self.end_headers()
                self.drip(100)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def paced_server():
    with _serving(_Paced) as address:
        yield address


def test_a_dripping_body_is_cut_off_by_the_minimum_rate_long_before_the_deadline(
    allow_local, drip_server
):
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(drip_server)
    # "too_slow", not "timeout": the rate cut it off, long before the deadline
    # (the drip would last 200 s).
    assert caught.value.code == "too_slow"
    assert "too slowly" in str(caught.value)
    assert time.monotonic() - started >= fetching.BODY_GRACE


def test_a_drip_without_content_length_is_cut_off_too(allow_local, paced_server):
    with pytest.raises(FetchError) as caught:
        fetch(f"{paced_server}/no-length")
    assert caught.value.code == "too_slow"


def test_an_honest_pause_or_a_steady_large_body_is_not_cut_off(
    allow_local, paced_server
):
    assert len(fetch(f"{paced_server}/pause").body) == 3000
    assert len(fetch(f"{paced_server}/steady").body) == 240 * 1024


def test_dripping_headers_are_cut_off_at_the_deadline(
    allow_local, monkeypatch, paced_server
):
    monkeypatch.setattr(fetching, "DEADLINE", 1.0)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(f"{paced_server}/slow-headers")
    assert caught.value.code == "timeout"
    # Without the watchdog the 100 headers alone take 20 s (a byte every read).
    assert time.monotonic() - started < 10
