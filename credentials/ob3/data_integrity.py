"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite.

Implements "Data Integrity EdDSA Cryptosuites v1.0", section 3.3
("eddsa-rdfc-2022"): RDF Dataset Canonicalization (RDFC-1.0, which pyld
still calls ``URDNA2015``; the two produce identical output), SHA-256 and
Ed25519. A signed document gains one ``proof``::

    "proof": {
      "type": "DataIntegrityProof",
      "cryptosuite": "eddsa-rdfc-2022",
      "created": "2023-02-24T23:36:38Z",
      "verificationMethod": "did:web:badges.example.edu:issuers:4f1c...#key-1",
      "proofPurpose": "assertionMethod",
      "proofValue": "z21EVs3eXERqTn4acNHT9viboqgz..."
    }

The signed bytes are ``SHA-256(canonical proof config) || SHA-256(canonical
document)`` (sections 3.3.4 "Hashing" and 3.3.5 "Proof Serialization").

JSON-LD is processed in a "safe mode" like Digital Bazaar's ``jsonld.js``
``safe: true``: a property or type that the contexts do not define would be
silently dropped from the canonical form (so it would be unsigned), so it is
refused instead.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature as _CryptoInvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from pyld import jsonld

from .._multikey import decode_multibase_base58btc, multibase_base58btc
from ..errors import (
    CanonicalizationLimitError,
    CredentialError,
    DecodeError,
    InvalidSignature,
    UnsupportedAlgorithm,
)
from ..loader import OfflineLoader
from . import _rdfc

__all__ = [
    "CRYPTOSUITE",
    "canonicalize",
    "canonicalization_work",
    "proof_config",
    "hash_data",
    "add_proof",
    "verify_proof",
]

CRYPTOSUITE = "eddsa-rdfc-2022"
_PROOF_TYPE = "DataIntegrityProof"


def _format_datetime(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("Datetimes must be timezone-aware.")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


class _UnsafeDocument(DecodeError):
    code = "jsonld_safe_mode"


def _refuse_dropped(term: str | None) -> None:
    raise _UnsafeDocument(
        f"The JSON-LD contexts do not define the property {term!r}; "
        "it would not be signed."
    )


# Relative IRIs are resolved against this base so that they can be told
# apart: a type or id under it came from an undefined term or a relative
# reference, which jsonld.js's safe mode refuses too.
_RELATIVE = "https://relative-iri.invalid/"


def _check_iris(node: Any) -> None:
    """Raise when an expanded ``@type`` or ``@id`` is relative (an undefined name)."""
    if isinstance(node, list):
        for item in node:
            _check_iris(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("@type", "@id") and "@value" not in node:
                for iri in value if isinstance(value, list) else [value]:
                    if (
                        not isinstance(iri, str)
                        or iri.startswith(_RELATIVE)
                        or ":" not in iri
                    ):
                        name = iri[len(_RELATIVE) :] if isinstance(iri, str) else iri
                        what = "type" if key == "@type" else "IRI"
                        raise _UnsafeDocument(
                            f"The JSON-LD contexts do not define the {what} {name!r}."
                        )
            elif key not in ("@value", "@language", "@direction", "@index"):
                _check_iris(value)


def _loader_error(exc: BaseException) -> CredentialError | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, CredentialError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _canonize(
    document: dict[str, Any], loader: OfflineLoader, max_work_factor: int | None
) -> tuple[str, _rdfc.Work]:
    try:
        expanded = jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped).expand(
            document, loader.options(base=_RELATIVE)
        )
        _check_iris(expanded)
        dataset = jsonld.to_rdf(expanded, loader.options(produceGeneralizedRdf=False))
    except CredentialError:
        raise
    except jsonld.JsonLdError as exc:
        cause = _loader_error(exc)
        if isinstance(cause, CredentialError):
            raise cause from exc
        raise DecodeError(f"The document is not valid JSON-LD: {exc}") from exc
    return _rdfc.canonize(dataset, max_work_factor=max_work_factor)


def canonicalize(
    document: dict[str, Any],
    loader: OfflineLoader,
    *,
    max_work_factor: int | None = None,
) -> str:
    """Return the RDFC-1.0 canonical N-Quads of ``document``.

    Raise ``DocumentLoaderError`` when a context is not available offline,
    ``DecodeError`` when the JSON-LD is invalid or uses undefined terms, and
    ``CanonicalizationLimitError`` when ``max_work_factor`` is given and the
    document needs more deep iterations than it allows (see ``_rdfc``).
    """
    return _canonize(document, loader, max_work_factor)[0]


def canonicalization_work(
    document: dict[str, Any], loader: OfflineLoader
) -> _rdfc.Work:
    """Return what RDFC-1.0 canonicalisation of ``document`` costs (no limit applied)."""
    return _canonize(document, loader, None)[1]


def proof_config(
    document: dict[str, Any],
    *,
    verification_method: str,
    created: datetime,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """Return the proof configuration (3.3.6) with the document's ``@context``."""
    return {
        "@context": document["@context"],
        "type": _PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": _format_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }


def hash_data(
    document: dict[str, Any],
    config: dict[str, Any],
    loader: OfflineLoader,
    *,
    max_work_factor: int | None = None,
) -> bytes:
    """Return ``SHA-256(canonical config) || SHA-256(canonical document)``.

    Section 3.3.4 "Hashing (eddsa-rdfc-2022)". ``max_work_factor`` bounds
    the document's canonicalisation as ``canonicalize`` does.
    """
    config_hash = _config_hash(
        json.dumps(config, sort_keys=True), loader, max_work_factor
    )
    document_hash = hashlib.sha256(
        canonicalize(document, loader, max_work_factor=max_work_factor).encode("utf-8")
    ).digest()
    return config_hash + document_hash


@functools.lru_cache(maxsize=64)
def _config_hash(
    config_json: str, loader: OfflineLoader, max_work_factor: int | None
) -> bytes:
    """SHA-256 of a canonical proof configuration, remembered: many credentials signed by
    one key at one ``created`` time (a bulk batch) share it. Loaders are hashed by
    identity, so a loader with other documents never shares an entry."""
    return hashlib.sha256(
        canonicalize(
            json.loads(config_json), loader, max_work_factor=max_work_factor
        ).encode("utf-8")
    ).digest()


def add_proof(
    document: dict[str, Any],
    private_key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: datetime,
    loader: OfflineLoader,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """Return a copy of ``document`` with an ``eddsa-rdfc-2022`` proof (section 3.3.1).

    Raise ``DecodeError`` or ``DocumentLoaderError`` when the document cannot
    be canonicalised offline, and ``CanonicalizationLimitError`` when its
    canonicalisation needs more deep iterations than rdf-canonize allows by
    default (``_rdfc.MAX_WORK_FACTOR``): common verifiers would reject it.
    """
    if "proof" in document:
        raise ValueError(
            "The document already has a proof; proof sets are not supported."
        )
    config = proof_config(
        document,
        verification_method=verification_method,
        created=created,
        proof_purpose=proof_purpose,
    )
    signature = private_key.sign(
        hash_data(document, config, loader, max_work_factor=_rdfc.MAX_WORK_FACTOR)
    )
    proof = {k: v for k, v in config.items() if k != "@context"}
    proof["proofValue"] = multibase_base58btc(signature)
    return {**document, "proof": proof}


def verify_proof(
    document: dict[str, Any],
    *,
    resolve_key: Callable[[str, str], Ed25519PublicKey],
    loader: OfflineLoader,
    cryptosuites: Iterable[str] = (CRYPTOSUITE,),
    expected_purpose: str = "assertionMethod",
) -> None:
    """Check the document's proof (section 3.3.2); return None if it is valid.

    ``resolve_key(verification_method, proof_purpose)`` returns the public key
    or raises a ``CredentialError``. Raise ``DecodeError`` for a malformed
    proof or document, ``DocumentLoaderError`` for a context that is not
    available offline, ``UnsupportedAlgorithm`` for a proof type or
    cryptosuite not on the allow-list, and ``InvalidSignature`` when the
    signature does not match.
    """
    proof = document.get("proof")
    if isinstance(proof, list):
        if len(proof) != 1:
            raise DecodeError("Exactly one proof is supported.")
        proof = proof[0]
    if not isinstance(proof, dict):
        raise DecodeError("The document has no proof.")
    if proof.get("type") != _PROOF_TYPE:
        raise UnsupportedAlgorithm(f"Unsupported proof type {proof.get('type')!r}.")
    suite = proof.get("cryptosuite")
    if suite not in set(cryptosuites) or suite != CRYPTOSUITE:
        raise UnsupportedAlgorithm(f"Unsupported cryptosuite {suite!r}.")
    if proof.get("proofPurpose") != expected_purpose:
        raise InvalidSignature(f"The proof purpose must be {expected_purpose!r}.")
    method = proof.get("verificationMethod")
    value = proof.get("proofValue")
    if not isinstance(method, str) or not isinstance(value, str):
        raise DecodeError("The proof needs a verificationMethod and a proofValue.")
    # Section 3.3.2, step 1-3: the unsecured document and the proof options,
    # which carry the document's @context.
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in config and config["@context"] != document.get("@context"):
        raise InvalidSignature("The proof's @context differs from the document's.")
    config["@context"] = document.get("@context")
    signature = decode_multibase_base58btc(value)
    if len(signature) != 64:
        raise DecodeError("The proofValue is not a 64-byte Ed25519 signature.")
    public_key = resolve_key(method, expected_purpose)
    try:
        data = hash_data(
            unsecured, config, loader, max_work_factor=_rdfc.VERIFY_MAX_WORK_FACTOR
        )
    except CanonicalizationLimitError:
        raise CanonicalizationLimitError(
            "The document cannot be canonicalised within the work a verifier "
            "spends on one document: its blank nodes look so much alike that "
            "RDFC-1.0 would need more than the square of their number of deep "
            "iterations (a poison graph, or a document that no common verifier "
            "accepts). The proof was not checked."
        ) from None
    try:
        public_key.verify(signature, data)
    except _CryptoInvalidSignature:
        raise InvalidSignature(
            "The signature does not match the document and key."
        ) from None
