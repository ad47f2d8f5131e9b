"""The one client for every outbound fetch: badge import by URL, OB 2.0 hosted verification,
did:web resolution, status lists; and ``send``, one request with a method, a body and
headers (the OB 3.0 API client, hostlinks/), which follows no redirects.

Rules, each with a precise ``FetchError``:

* ``http`` and ``https`` only; no credentials in URLs;
* the host must resolve to public addresses only — loopback, private, link-local
  (169.254.169.254 included), multicast, reserved and unspecified addresses are
  refused, unless the host is in ``settings.FETCH_ALLOWED_HOSTS`` (tests point it at
  local servers this way). The connection goes to the address that was checked,
  so a second DNS answer cannot swap in a private one. IPv6 addresses that
  carry an IPv4 address (IPv4-mapped and -compatible, 6to4, NAT64, Teredo)
  are judged by the IPv4 address they carry as well;
* redirects are followed by hand (at most 3), each hop checked the same way;
* a timeout per network read, a total deadline for the whole fetch
  (redirects included; the connection is shut when it passes, even in the
  middle of the headers), and a size cap on the body;
* a minimum rate for the body, as Apache's ``mod_reqtimeout`` has one
  (``MinRate``): the body must be complete ``BODY_GRACE`` seconds after it
  starts, plus one second for every ``MIN_RATE`` bytes received. A server
  that drips a byte at a time is cut off in about ``BODY_GRACE`` seconds; an
  honest one that pauses, or sends a large list slowly but steadily, is not.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 5.0  # per connection attempt and per read
DEADLINE = 10.0  # for the whole fetch, redirects included
BODY_GRACE = 1.5  # seconds for the body to arrive, before MIN_RATE extends it
MIN_RATE = 8 * 1024  # bytes per second that buy one more second
_CHUNK = 64 * 1024
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix
MAX_REDIRECTS = 3


class FetchError(Exception):
    """A fetch that was refused or failed; ``code`` is stable, the message says why."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes


def _allowed_hosts() -> set[str]:
    return {h.lower() for h in getattr(settings, "FETCH_ALLOWED_HOSTS", ())}


def _public_address(host: str, port: int) -> str:
    """Return an address of ``host`` that is public (or allow-listed); raise FetchError otherwise."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):  # UnicodeError: a label IDNA cannot encode
        raise FetchError(
            f"The host {host} could not be found.", code="dns_failure"
        ) from None
    addresses = [info[4][0] for info in infos]
    if host.lower() in _allowed_hosts():
        return addresses[0]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not _is_public(ip):
            raise FetchError(
                f"Refusing to fetch from {host}: it resolves to a private or reserved address ({ip}).",
                code="private_address",
            )
    return addresses[0]


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Return the IPv4 addresses an IPv6 address carries (RFC 4291, 3056, 6052, 4380)."""
    carried = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64:
        carried.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if int(ip) >> 32 == 0 and int(ip) > 1:  # IPv4-compatible ::a.b.c.d (deprecated)
        carried.append(ipaddress.IPv4Address(int(ip)))
    return [address for address in carried if address is not None]


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for a global unicast address, and for IPv6 only if every IPv4 it carries is one too."""
    if not ip.is_global or ip.is_multicast:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        return all(_is_public(carried) for carried in _embedded_ipv4(ip))
    return True


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a fixed address, verifying the certificate for the original host name."""

    def __init__(self, address: str, hostname: str, port: int, timeout: float) -> None:
        super().__init__(
            address, port, timeout=timeout, context=ssl.create_default_context()
        )
        self._hostname = hostname

    def connect(self) -> None:
        sock = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self._hostname)


def _read_body(
    response, sock, max_bytes: int, deadline: float, host: str, timeout: float
) -> bytes:
    chunks, size = [], 0
    started = time.monotonic()
    while True:
        moment = time.monotonic()
        if moment > deadline:
            raise FetchError(
                f"{host} did not send the document within {DEADLINE:g} s.",
                code="timeout",
            )
        due = started + BODY_GRACE + size / MIN_RATE
        if moment > due:
            raise FetchError(
                f"{host} sends the document too slowly ({size} bytes in "
                f"{moment - started:.1f} s; at least {MIN_RATE // 1024} KB/s "
                f"after the first {BODY_GRACE:g} s).",
                code="too_slow",
            )
        if sock is not None:
            sock.settimeout(max(0.01, min(timeout, due - moment, deadline - moment)))
        try:
            chunk = (
                response.read1(_CHUNK)
                if hasattr(response, "read1")
                else response.read(_CHUNK)
            )
        except TimeoutError:
            if time.monotonic() > min(due, deadline):
                continue  # the checks above name what happened
            raise
        if not chunk:
            if time.monotonic() >= deadline:  # the watchdog shut the socket
                raise FetchError(
                    f"{host} did not send the document within {DEADLINE:g} s.",
                    code="timeout",
                )
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and size < int(declared):
                raise FetchError(
                    f"{host} closed the connection after {size} of {declared} bytes.",
                    code="connection_failed",
                )
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(
                f"The document is larger than {max_bytes // 1024} KB.", code="too_large"
            )


def _request(
    url: str,
    accept: str,
    timeout: float,
    max_bytes: int,
    deadline: float,
    method: str = "GET",
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            f"Only http and https URLs can be fetched, not {parts.scheme or 'this'}.",
            code="bad_scheme",
        )
    if parts.username or parts.password:
        raise FetchError(
            "URLs with a user name or password are not fetched.", code="bad_url"
        )
    host = parts.hostname
    if not host:
        raise FetchError("The URL has no host.", code="bad_url")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _public_address(host, port)
    timeout = max(0.01, min(timeout, deadline - time.monotonic()))
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = _PinnedHTTPSConnection(
            address, host, port, timeout
        )
    else:
        connection = http.client.HTTPConnection(address, port, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host_header = host if parts.port is None else f"{host}:{parts.port}"
    # At the deadline the socket is shut, so no read (of headers either) outlives it.
    # (The response may take the socket over from the connection: hold on to it.)
    held: list[socket.socket] = []
    watchdog = threading.Timer(
        max(0.01, deadline - time.monotonic()), _shut, args=(connection, held)
    )
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.request(
            method,
            path,
            body=body,
            headers={
                **(headers or {}),
                "Host": host_header,
                "Accept": accept,
                "User-Agent": "Insignia-verifier/1",
            },
        )
        if connection.sock is not None:
            held.append(connection.sock)
        response = connection.getresponse()
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(
                f"The document is larger than {max_bytes // 1024} KB.", code="too_large"
            )
        received = _read_body(
            response, connection.sock, max_bytes, deadline, host, timeout
        )
        answered = {k.lower(): v for k, v in response.getheaders()}
        return response.status, answered, received
    except TimeoutError:
        raise FetchError(
            f"{host} did not answer within {timeout:g} s.", code="timeout"
        ) from None
    except (OSError, http.client.HTTPException) as exc:
        if time.monotonic() >= deadline:
            raise FetchError(
                f"{host} did not send the document within {DEADLINE:g} s.",
                code="timeout",
            ) from None
        if isinstance(exc, ssl.SSLError):
            raise FetchError(
                f"The TLS connection to {host} failed: {exc.reason}.",
                code="tls_error",
            ) from None
        raise FetchError(
            f"Could not fetch from {host}: {exc}.", code="connection_failed"
        ) from None
    finally:
        watchdog.cancel()
        connection.close()


def _shut(connection: http.client.HTTPConnection, held: list[socket.socket]) -> None:
    for sock in [*held, connection.sock]:
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed


def fetch(url: str, *, accept: str = "application/ld+json, application/json", timeout: float = TIMEOUT,
          max_bytes: int = MAX_BYTES) -> Fetched:  # fmt: skip
    """Return the document at ``url`` under the rules above; raise FetchError."""
    current = url
    deadline = time.monotonic() + DEADLINE
    for _hop in range(MAX_REDIRECTS + 1):
        status, headers, body = _request(current, accept, timeout, max_bytes, deadline)
        if status in (301, 302, 303, 307, 308) and headers.get("location"):
            current = urljoin(current, headers["location"])
            continue
        return Fetched(
            url=current,
            status=status,
            content_type=headers.get("content-type", ""),
            body=body,
        )
    raise FetchError(f"More than {MAX_REDIRECTS} redirects.", code="too_many_redirects")


@dataclass(frozen=True)
class Answer:
    """What one request sent with ``send`` got back: status, headers (lower-case names), body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


SEND_METHODS = ("GET", "POST", "PUT")


def send(method: str, url: str, *, body: bytes = b"", headers: Mapping[str, str] | None = None,
         accept: str = "application/json", timeout: float = TIMEOUT,
         max_bytes: int = MAX_BYTES) -> Answer:  # fmt: skip
    """Send one ``method`` request with ``body`` and ``headers`` to ``url``; return its answer.

    The same address checks, timeouts, deadline and size caps as ``fetch``
    (the body sent is capped like the one received); redirects are not
    followed (a 3xx is returned as it is), so a body and an Authorization
    header never travel to a host the caller did not name. Raise FetchError.
    """
    if method not in SEND_METHODS:
        raise ValueError(f"send() does {', '.join(SEND_METHODS)}, not {method}.")
    if len(body) > max_bytes:
        raise FetchError(
            f"The document to send is larger than {max_bytes // 1024} KB.",
            code="too_large",
        )
    deadline = time.monotonic() + DEADLINE
    status, answered, received = _request(
        url,
        accept,
        timeout,
        max_bytes,
        deadline,
        method=method,
        body=body if method != "GET" else None,
        headers=headers,
    )
    return Answer(url=url, status=status, headers=answered, body=received)
