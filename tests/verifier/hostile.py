"""Every hostile input we know, in one place, for the three doors a credential comes in by.

``tests/verifier/test_hostile_corpus.py`` sends each one through
``POST /api/v1/verify``, the ``/verify`` page and the backpack import, and
``benchmarks/hostile_corpus.py`` times the same requests. An input is one
of four kinds:

* ``text``: pasted (the API's ``text``, the page's and the import's paste box);
* ``url``: a link to fetch (``{drip}`` stands for the slow-drip server's address);
* ``file``: an upload, with its file name;
* ``body``: a raw request body with its content type (the API only: the
  pages are HTML forms).

Inputs made from one of our own awards (forged signatures, a poison graph in a
real credential) need that award: ``forgeries(award)`` makes them, under the
names in ``FORGERIES``.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import functools
import json
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from credentials.baking import _png_chunk
from tests.factories import png_bytes
from tests.verifier.test_fetching import _Drip
from tests.verifier.test_never_a_500 import BASE, DEEP, NOT_DOCUMENTS

RDF_CANON = (
    Path(__file__).resolve().parent.parent
    / "credentials/fixtures/vectors/rdf-canon/rdfc10/test074-in.nq"
)  # the W3C rdf-canon suite's poison graph (test074c: a 10-node clique of blank nodes)


@dataclass(frozen=True)
class Hostile:
    name: str
    kind: str  # "text", "url", "file" or "body"
    value: str | bytes
    filename: str = ""  # for "file"; the content type for "body"
    headers: tuple[tuple[str, str], ...] = ()  # extra request headers, for "body"

    @property
    def needs_local(self) -> bool:
        """True for the slow-drip server on 127.0.0.1: the fetch client must be let through."""
        return "{drip}" in str(self.value)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def png_bomb() -> bytes:
    """50,000 × 50,000 pixels declared, 2 MB of zeros compressed into a few kB."""
    header = struct.pack(">IIBBBBB", 50000, 50000, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 2_000_000))
        + _png_chunk(b"IEND", b"")
    )


def png_with_a_bombed_badge() -> bytes:
    """A PNG whose ``openbadges`` iTXt chunk is compressed and inflates to 64 MB."""
    plain = png_bytes((10, 10))
    text = b"openbadges\x00\x01\x00\x00\x00" + zlib.compress(
        b" " * (64 * 2**20), 9
    )  # keyword, compression on (deflate), no language, no translated keyword
    return plain[:33] + _png_chunk(b"iTXt", text) + plain[33:]


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + ']><svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>'
).encode()

SVGS = {
    "svg-billion-laughs": LAUGHS,
    "svg-xxe-file": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>',
    "svg-xxe-metadata-address": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM '
    b'"http://169.254.169.254/latest/meta-data/">]><svg xmlns="http://www.w3.org/2000/svg">&xxe;</svg>',
    "svg-script": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>',
    "svg-badge-pointing-at-a-private-address": b'<svg xmlns="http://www.w3.org/2000/svg" '
    b'xmlns:openbadges="http://openbadges.org"><openbadges:assertion '
    b'verify="http://169.254.169.254/latest/meta-data/"/></svg>',
    "svg-unclosed": b'<svg xmlns="http://www.w3.org/2000/svg"><openbadges:assertion',
}

PRIVATE_URLS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:9/badge",
    "http://10.0.0.7/badge",
    "http://[::1]:9/badge",
    "http://[::ffff:127.0.0.1]:9/badge",  # IPv4-mapped loopback
    "http://[::127.0.0.1]:9/badge",  # IPv4-compatible loopback
    "http://[2002:7f00:1::1]:9/badge",  # 6to4 of 127.0.0.1
    "http://[64:ff9b::7f00:1]:9/badge",  # NAT64 of 127.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",  # NAT64 of the metadata address
    "http://0x7f000001:9/badge",  # 127.0.0.1 written as one hexadecimal number
    "http://localhost:9/badge",
    "file:///etc/passwd",
    "ftp://example.org/badge",
    "gopher://127.0.0.1:6379/_INFO",
    "http://user:password@[::1]:9/",
]

DEEP_OBJECT = '{"a":' * 50_000 + "1" + "}" * 50_000
HUGE_DIGITS = "9" * 100_000


@functools.cache
def corpus() -> tuple[Hostile, ...]:
    """The inputs that need nothing of ours (``forgeries`` makes the rest)."""
    return (
        *(Hostile(f"url-ours{path}", "url", BASE + path) for path in NOT_DOCUMENTS),
        *(Hostile(f"url-private:{url}", "url", url) for url in PRIVATE_URLS),
        Hostile("url-slow-drip", "url", "{drip}"),
        Hostile("url-not-a-url", "url", "http://" + "a" * 5000),
        Hostile("text-deep-list", "text", DEEP),
        Hostile("text-deep-object", "text", DEEP_OBJECT),
        Hostile(
            "text-deep-jwt-payload",
            "text",
            ".".join([b64(b'{"alg":"EdDSA"}'), b64(DEEP.encode()), b64(b"sig")]),
        ),
        # The earlier bad-input tests (tests/verifier/test_verifier.py, tests/wallet/test_import.py).
        Hostile("text-words", "text", "not a badge"),
        Hostile("text-not-json", "text", "{not json"),
        Hostile("text-empty-object", "text", "{}"),
        Hostile("text-list", "text", "[1, 2]"),
        Hostile("text-blank", "text", "   \n"),
        Hostile(
            "text-unknown-context",
            "text",
            '{"@context": "https://example.org/unknown", "type": "Assertion"}',
        ),
        Hostile(
            "file-a-link-in-a-file", "file", b"https://example.org/badge", "link.txt"
        ),
        Hostile("text-nul", "text", '{"@context": "a\\u0000b"}'),
        Hostile("text-truncated-jwt", "text", b64(b'{"alg":"EdDSA"}') + "." + "eyJ"),
        Hostile("text-jwt-header-only", "text", b64(b'{"alg":"none"}') + ".."),
        Hostile("text-jwt-bad-base64", "text", "%%%.%%%.%%%"),
        Hostile(
            "text-million-keys", "text", json.dumps({str(n): n for n in range(100_000)})
        ),
        Hostile("file-png-bomb", "file", png_bomb(), "bomb.png"),
        Hostile(
            "file-png-inflating-badge", "file", png_with_a_bombed_badge(), "badge.png"
        ),
        Hostile("file-png-truncated", "file", png_bytes()[:60], "cut.png"),
        Hostile("file-png-no-badge", "file", png_bytes(), "plain.png"),
        *(Hostile(name, "file", svg, "badge.svg") for name, svg in SVGS.items()),
        Hostile(
            "file-invalid-utf8",
            "file",
            b'\xff\xfe{"@context": "\xc3\x28"}',
            "badge.json",
        ),
        Hostile("file-binary", "file", bytes(range(256)) * 64, "badge.bin"),
        Hostile("file-empty", "file", b"", "badge.png"),
        Hostile("file-deep-json", "file", DEEP.encode(), "badge.json"),
        Hostile(
            "file-oversized",
            "file",
            b"\x89PNG\r\n\x1a\n" + b"0" * (11 * 2**20),
            "big.png",
        ),
        Hostile("body-deep-json", "body", DEEP.encode(), "application/json"),
        Hostile(
            "body-deep-text-field",
            "body",
            json.dumps({"text": DEEP}).encode(),
            "application/json",
        ),
        Hostile(
            "body-invalid-utf8", "body", b'{"text": "\xff\xfe"}', "application/json"
        ),
        Hostile(
            "body-huge-integer",
            "body",
            f'{{"text": {HUGE_DIGITS}}}'.encode(),
            "application/json",
        ),
        Hostile("body-not-an-object", "body", b"[1, 2, 3]", "application/json"),
        Hostile(
            "body-form-invalid-utf8",
            "body",
            b"text=%FF%FE%FD",
            "application/x-www-form-urlencoded",
        ),
        Hostile(
            "body-declared-100-mb",
            "body",
            b'{"text": "',
            "application/json",
            (("CONTENT_LENGTH", str(100 * 2**20)),),
        ),
        Hostile(
            "body-chunked",
            "body",
            b'{"text": "{}"}',
            "application/json",
            (("HTTP_TRANSFER_ENCODING", "chunked"),),
        ),
        Hostile(
            "body-wrong-content-type",
            "body",
            b"\x00\x01\x02",
            "application/x-msdownload",
        ),
        # What Python's parser takes and JSON does not (they answered 500 once).
        Hostile(
            "text-huge-integer", "text", f'{{"@context": "x", "n": {HUGE_DIGITS}}}'
        ),
        Hostile("text-huge-float", "text", '{"@context": "x", "n": 1e999999}'),
        Hostile("text-nan", "text", '{"@context": "x", "n": NaN}'),
        Hostile("text-lone-surrogate", "text", '{"@context": "\\ud800"}'),
        Hostile("file-lone-surrogate", "file", b'{"@context": "\\ud800"}', "x.json"),
    )


NONE_HEADER = b64(b'{"alg":"none","typ":"JWT"}')


FORGERIES = (
    "forged-ob3-renamed", "forged-ob3-no-proof", "forged-ob3-zero-signature", "forged-ob3-poison-graph",
    "forged-jwt-payload", "forged-jwt-alg-none", "forged-jwt-truncated-signature",
    "forged-jws-swapped-signature", "forged-ob3-as-file",
)  # fmt: skip


def forgeries(award) -> dict[str, Hostile]:
    """Our own award's credentials, each changed after signing or signed by no one, by name."""
    credential = award.ob3_credential
    renamed = copy.deepcopy(credential)
    renamed["credentialSubject"]["achievement"]["name"] = "Master welder"
    no_proof = {k: v for k, v in credential.items() if k != "proof"}
    zero_signature = copy.deepcopy(credential)
    zero_signature["proof"]["proofValue"] = "z" + "1" * 86
    poisoned = copy.deepcopy(credential)
    poisoned["https://example.org/poison"] = _poison_nodes()
    header, payload, signature = award.ob3_jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["vc" if "vc" in claims else "name"] = "forged"
    jws_header, jws_payload, jws_signature = award.ob2_jws.split(".")
    items = [
        Hostile("forged-ob3-renamed", "text", json.dumps(renamed)),
        Hostile("forged-ob3-no-proof", "text", json.dumps(no_proof)),
        Hostile("forged-ob3-zero-signature", "text", json.dumps(zero_signature)),
        Hostile("forged-ob3-poison-graph", "text", json.dumps(poisoned)),
        Hostile(
            "forged-jwt-payload",
            "text",
            f"{header}.{b64(json.dumps(claims).encode())}.{signature}",
        ),
        Hostile("forged-jwt-alg-none", "text", f"{NONE_HEADER}.{payload}."),
        Hostile(
            "forged-jwt-truncated-signature",
            "text",
            f"{header}.{payload}.{signature[:20]}",
        ),
        Hostile(
            "forged-jws-swapped-signature",
            "text",
            f"{jws_header}.{jws_payload}.{signature}",
        ),
        Hostile(
            "forged-ob3-as-file", "file", json.dumps(renamed).encode(), "badge.json"
        ),
    ]
    assert tuple(item.name for item in items) == FORGERIES
    return {item.name: item for item in items}


def _poison_nodes() -> list:
    from pyld import jsonld

    text = RDF_CANON.read_text(encoding="utf-8")
    return jsonld.from_rdf(text, {"format": "application/n-quads"})


@contextlib.contextmanager
def drip_server() -> Iterator[str]:
    """A server on 127.0.0.1 that answers one byte every 0.2 s; yields its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/slow.json"
    finally:
        server.shutdown()
        server.server_close()


# --- The three doors ---------------------------------------------------------------------------


def to_api(client, item: Hostile, drip: str = ""):
    """``POST /api/v1/verify`` with the input; ``client`` is DRF's APIClient or Django's Client."""
    if item.kind == "body":
        return client.generic(
            "POST",
            "/api/v1/verify",
            item.value,
            content_type=item.filename,
            **dict(item.headers),
        )
    return client.post("/api/v1/verify", _form(item, drip))


def to_page(client, item: Hostile, drip: str = ""):
    """The ``/verify`` page's form."""
    return client.post("/verify", _form(item, drip))


def to_import(client, item: Hostile, drip: str = ""):
    """The backpack's import form; ``client`` must be signed in."""
    return client.post("/wallet/import/", _form(item, drip))


def _form(item: Hostile, drip: str) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    if item.kind == "file":
        return {"file": SimpleUploadedFile(item.filename, item.value)}
    if item.kind == "url":
        return {"url": item.value.replace("{drip}", drip)}
    return {"text": item.value}


DOORS = {"api": to_api, "page": to_page, "import": to_import}


def doors_for(item: Hostile) -> list[str]:
    return ["api"] if item.kind == "body" else list(DOORS)
