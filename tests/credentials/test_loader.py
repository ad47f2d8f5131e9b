"""The offline JSON-LD loader serves shipped contexts and registered documents only."""

import json
from pathlib import Path

import pytest
from pyld import jsonld

from credentials._eu_extension import extension_context_url
from credentials.errors import DocumentLoaderError
from credentials.loader import OfflineLoader, shipped_context_urls

CONTEXTS = Path(__file__).parents[2] / "credentials" / "contexts"


def test_it_ships_every_context_the_credentials_use():
    assert {
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        "https://w3id.org/security/data-integrity/v2",
        "https://w3id.org/security/multikey/v1",
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/openbadges/v2",
    } <= shipped_context_urls()


def test_the_index_names_existing_files_with_valid_json():
    index = json.loads((CONTEXTS / "index.json").read_text())
    for url, name in index.items():
        document = json.loads((CONTEXTS / name).read_text())
        assert "@context" in document, url


def test_the_vc2_context_defines_the_bitstring_status_list_terms():
    """Bitstring Status List terms come with VC 2.0: no separate context is needed."""
    loader = OfflineLoader()
    context = loader("https://www.w3.org/ns/credentials/v2")["document"]["@context"]
    assert {"BitstringStatusListCredential", "BitstringStatusListEntry"} <= set(context)


def test_it_refuses_urls_that_are_not_shipped_or_registered():
    loader = OfflineLoader()
    with pytest.raises(
        DocumentLoaderError, match="Refusing to load https://evil.example/ctx"
    ):
        loader("https://evil.example/ctx", {})


def test_it_serves_the_extension_context_for_its_base_url():
    loader = OfflineLoader.for_base_url("https://badges.example.edu")
    url = extension_context_url("https://badges.example.edu")
    assert "EuMicroCredential" in loader(url, {})["document"]["@context"]


def test_another_deployments_extension_context_is_derived_from_its_url_not_fetched():
    # Its terms are named by the URL itself, so a credential of another Insignia verifies here.
    loader = OfflineLoader.for_base_url("https://badges.example.edu")
    other = extension_context_url("https://other.example")
    terms = loader(other, {})["document"]["@context"]
    assert terms["EuMicroCredential"].startswith(other + "#")
    for url in (other + "?x=1", "https://other.example/contexts/eu-microcredential/v1",
                "ftp://other.example/public/contexts/eu-microcredential/v1"):  # fmt: skip
        with pytest.raises(DocumentLoaderError):
            loader(url, {})


def test_registered_documents_cannot_replace_a_shipped_context():
    loader = OfflineLoader()
    with pytest.raises(DocumentLoaderError, match="Refusing to replace"):
        loader.register("https://www.w3.org/ns/credentials/v2", {"@context": {}})


def test_a_document_with_an_unknown_context_fails_to_expand_offline():
    loader = OfflineLoader()
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(
            {"@context": "https://evil.example/ctx", "name": "x"}, loader.options()
        )


def test_threads_sharing_the_loader_of_a_base_url_canonicalize_without_racing():
    """Gunicorn's threads share the loader per base URL; pyld's per-context LRU caches are not thread-safe.

    With the resolved contexts shared between threads, eight threads switching
    every microsecond made "OrderedDict mutated during iteration" or a
    KeyError within a few hundred canonicalizations (a rare 500 on awards).
    """
    import sys
    import threading

    from fixtures.ob3 import facts

    from credentials.ob3 import data_integrity

    loader = OfflineLoader.for_base_url(facts.BASE_URL)
    document = facts.unsigned_credential()
    expected = data_integrity.canonicalize(document, loader)
    failures: list[str] = []

    def canonicalize_many() -> None:
        for _ in range(40):
            try:
                if data_integrity.canonicalize(document, loader) != expected:
                    failures.append("different N-Quads")
            except Exception as exc:  # noqa: BLE001 - the race shows as any exception
                failures.append(repr(exc))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=canonicalize_many) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
