"""A small web server on 127.0.0.1 that hosts OB 2.0 documents made by the core, for tests.

``ob2_site()`` serves a sample issuer (profile, badge class, key, revocation list,
extension context and schema, images) and its hosted, expired and revoked
assertions, as another Open Badges 2.0 host would.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from credentials import ob2
from credentials._eu_extension import extension_context_url
from credentials.keys import LocalSigner, generate_rsa_key, public_key_pem
from credentials.ob2.build import extension_schema_url
from tests.obv.facts import Cast, assertion_url, make_cast

FIXTURES = Path(__file__).resolve().parent.parent / "credentials" / "fixtures" / "ob2"


class Site:
    """Documents by URL path: path -> (status, content type, body)."""

    def __init__(self) -> None:
        self.documents: dict[str, tuple[int, str, bytes]] = {}

    def put_json(
        self, url: str, document: dict[str, Any], *, status: int = 200
    ) -> None:
        body = json.dumps(document).encode("utf-8")
        self.documents[urlsplit(url).path] = (status, "application/ld+json", body)

    def put_file(self, url: str, content_type: str, body: bytes) -> None:
        self.documents[urlsplit(url).path] = (200, content_type, body)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            status, content_type, body = site.documents.get(
                urlsplit(self.path).path, (404, "text/plain", b"not found")
            )
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def ob2_site() -> Iterator[tuple[Cast, Site, LocalSigner]]:
    """Serve the sample issuer's documents on 127.0.0.1 and yield the cast, site and signer."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    cast = make_cast(base_url)
    signer = LocalSigner(generate_rsa_key())

    site.put_json(cast.issuer.id, ob2.issuer_profile(cast.issuer))
    site.put_json(cast.badge.id, ob2.badge_class(cast.badge, base_url=base_url))
    site.put_json(
        cast.key_url,
        ob2.cryptographic_key(
            cast.key_url, cast.issuer.id, public_key_pem(signer.public_key)
        ),
    )
    site.put_json(
        cast.issuer.revocation_list_url,
        ob2.revocation_list(
            cast.issuer.revocation_list_url,
            cast.issuer.id,
            # Two entries, not one: see test_it_reports_a_revoked_signed_assertion.
            [
                (assertion_url(base_url, "revoked-earlier"), "Duplicate award."),
                (cast.revoked.id, cast.revoked.revocation_reason),
            ],
        ),
    )
    site.put_json(
        extension_context_url(base_url), ob2.extension_context_document(base_url)
    )
    site.put_json(extension_schema_url(base_url), ob2.extension_schema())
    png = (FIXTURES / "badge.png").read_bytes()
    site.put_file(cast.badge.image_url, "image/png", png)
    site.put_file(cast.issuer.image_url, "image/png", png)
    for award in (cast.hosted, cast.expired):
        site.put_json(award.id, ob2.assertion(award, verification="hosted"))
    # A revoked hosted assertion answers 410 Gone with the assertion marked
    # revoked (OB 2.0 "Hosted verification" and "revoked").
    site.put_json(
        cast.revoked.id, ob2.assertion(cast.revoked, verification="hosted"), status=410
    )
    try:
        yield cast, site, signer
    finally:
        server.shutdown()
        server.server_close()
