"""An offline JSON-LD document loader: shipped contexts and registered documents only.

Verification must never depend on the network: a context fetched at verify
time could change the meaning of a signed document (VC Data Model 2.0,
section 9.3 "Base Context"; "Data Integrity" 1.0, section 5 "Security
Considerations": contexts SHOULD be cached or vendored). The loader serves:

1. the contexts in ``contexts/`` (``contexts/index.json`` maps URL to file);
2. documents the caller registers explicitly: the EU micro-credential
   extension context for a deployment's base URL, DID documents, test
   contexts;
3. the extension context of any other deployment, derived from its URL
   (``_another_deployments_extension_context``).

Any other URL raises ``DocumentLoaderError``. For example::

    loader = OfflineLoader.for_base_url("https://badges.example.edu")
    vc2 = loader("https://www.w3.org/ns/credentials/v2", {})["document"]
    vc2["@context"]["@protected"]            # -> True
    loader("https://evil.example/ctx", {})   # raises DocumentLoaderError
"""

from __future__ import annotations

import copy
import functools
import json
import threading
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from pyld.context_resolver import ContextResolver

from ._eu_extension import EXTENSION_CONTEXT_PATH, extension_context_url
from .errors import DocumentLoaderError
from .ob2._eu_extension import extension_context_document

__all__ = ["OfflineLoader", "shipped_context_urls"]


@cache
def _shipped() -> dict[str, Any]:
    folder = resources.files(__package__) / "contexts"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    return {
        url: json.loads((folder / name).read_text(encoding="utf-8"))
        for url, name in index.items()
    }


def shipped_context_urls() -> frozenset[str]:
    """Return the URLs of the JSON-LD contexts that ship with the package."""
    return frozenset(_shipped())


class _Cache(dict):
    """The minimal LRU-cache interface ``ContextResolver`` needs, without eviction."""

    def __setitem__(self, key: Any, value: Any) -> None:
        if len(self) < 256:
            super().__setitem__(key, value)


class OfflineLoader:
    """A pyld ``documentLoader``: a callable ``(url, options) -> RemoteDocument``.

    Each instance carries its own resolved-context cache, so a document one
    caller registered never leaks into another caller's processing (pyld's
    module-level cache is shared by every caller of pyld in the process).
    The cache is kept per thread: a pyld ``ResolvedContext`` holds a
    ``cachetools.LRUCache``, which is not thread-safe, and the loader shared
    per base URL serves every thread of a gunicorn worker (two threads
    signing at once made "OrderedDict mutated during iteration" or a
    KeyError, seen as a rare 500 on awards).
    """

    def __init__(self, documents: Mapping[str, Any] | None = None) -> None:
        self._documents: dict[str, Any] = {}
        for url, document in (documents or {}).items():
            self.register(url, document)
        self._threads = threading.local()

    @classmethod
    def for_base_url(
        cls, base_url: str, documents: Mapping[str, Any] | None = None
    ) -> OfflineLoader:
        """Return a loader that also serves ``base_url``'s extension context.

        Without extra ``documents`` the loader is shared per base URL, so the
        large VC and OB contexts are processed once per process, not per call.
        """
        if not documents:
            return _shared_loader(base_url)
        loader = cls(documents)
        # The one document served at that URL, read by OB 2.0 and OB 3.0 processors alike.
        loader.register(
            extension_context_url(base_url), extension_context_document(base_url)
        )
        return loader

    def register(self, url: str, document: Any) -> None:
        """Serve ``document`` (parsed JSON) at ``url``; raise for a shipped context URL.

        Shipped contexts cannot be replaced: their meaning is fixed.
        """
        if url in _shipped():
            raise DocumentLoaderError(f"Refusing to replace the shipped context {url}.")
        self._documents[url] = copy.deepcopy(document)

    def __call__(self, url: str, options: Any = None) -> dict[str, Any]:
        """Return a pyld RemoteDocument; raise ``DocumentLoaderError`` if unknown."""
        document = _shipped().get(url)
        if document is None:
            document = self._documents.get(url)
        if document is None:
            document = _another_deployments_extension_context(url)
        if document is None:
            raise DocumentLoaderError(
                f"Refusing to load {url}: only shipped contexts and "
                "registered documents are served."
            )
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": copy.deepcopy(document),
        }

    def _context_cache(self) -> _Cache:
        """Return this thread's resolved-context cache (see the class docstring)."""
        cache = getattr(self._threads, "cache", None)
        if cache is None:
            cache = self._threads.cache = _Cache()
        return cache

    def options(self, **extra: Any) -> dict[str, Any]:
        """Return pyld options that route every load through this loader."""
        return {
            "documentLoader": self,
            "contextResolver": ContextResolver(self._context_cache(), self),
            **extra,
        }


def _another_deployments_extension_context(url: str) -> Any:
    """Return the extension context another deployment serves at ``url``: derived, not fetched.

    Its terms are named by the URL itself (``extension_context(base)``), so
    the document at ``<base>/public/contexts/eu-microcredential/v1`` is known
    offline for any base (a credential of another Insignia verifies here). A
    credential signed under some other document at such a URL fails its
    proof: this can only make a proof fail, never pass. None for other URLs.
    """
    if not url.endswith(EXTENSION_CONTEXT_PATH):
        return None
    base = url[: -len(EXTENSION_CONTEXT_PATH)]
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if parts.query or parts.fragment or parts.username or parts.password:
        return None
    return extension_context_document(base)


@functools.lru_cache(maxsize=32)
def _shared_loader(base_url: str) -> OfflineLoader:
    loader = OfflineLoader()
    loader.register(
        extension_context_url(base_url), extension_context_document(base_url)
    )
    return loader
