"""An HTTPS server on 127.0.0.1 with a certificate from a test CA, for did:web issuers.

did:web always resolves over HTTPS (did:web Method Specification, section
3.2.1), so a did:web issuer in a test needs a real TLS server. ``https_site()``
makes a fresh CA and a certificate for the IP address 127.0.0.1, serves a
``tests.obv.site.Site``'s documents with it, and points ``SSL_CERT_FILE`` at
the CA while it runs, so the verifier's safe fetch client (which verifies
certificates against the default trust store) trusts that server and no other
change is needed in the code under test::

    with https_site() as (base_url, site):      # "https://127.0.0.1:53117"
        site.put_json(f"{base_url}/.well-known/did.json", did_document)
        # did:web:127.0.0.1%3A53117 now resolves (with the allow_local fixture)
"""

from __future__ import annotations

import ipaddress
import ssl
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.obv.site import Site, _handler


def _certificate(
    subject: str, key, issuer_name: x509.Name, issuer_key, *, ca: bool
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
    else:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def pem_files(folder: Path) -> tuple[Path, Path, Path]:
    """Write a fresh CA, and a server certificate and key it signed; return their paths."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Insignia test CA")])
    ca_cert = _certificate("Insignia test CA", ca_key, ca_name, ca_key, ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = _certificate("127.0.0.1", server_key, ca_name, ca_key, ca=False)
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server_cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@contextmanager
def https_site() -> Iterator[tuple[str, Site]]:
    """Serve a ``Site`` over HTTPS on 127.0.0.1; yield its base URL and the site."""
    site = Site()
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        ca, cert, key = pem_files(Path(folder))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
        server.socket = context.wrap_socket(server.socket, server_side=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        mp.setenv("SSL_CERT_FILE", str(ca))
        try:
            yield f"https://127.0.0.1:{server.server_address[1]}", site
        finally:
            server.shutdown()
            server.server_close()
