"""Data Integrity proofs: signed with ``eddsa-rdfc-2022``, verified in every suite of ``cryptosuites``.

Signing implements "Data Integrity EdDSA Cryptosuites v1.0", section 3.3
("eddsa-rdfc-2022"): RDF Dataset Canonicalization (RDFC-1.0, which pyld
still calls ``URDNA2015``; the two produce identical output), SHA-256 and
Ed25519. Verification (``verify_proofs``) also reads ``eddsa-2022``,
``eddsa-jcs-2022``, ``ecdsa-rdfc-2019`` and ``Ed25519Signature2020``
proofs, proof sets and proof chains (VC Data Integrity 1.0, "Proof Sets"
and "Proof Chains").
A signed document gains one ``proof``::

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
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyld import jsonld

from .._dates import xsd_datetime
from .._multikey import decode_multibase_base58btc, multibase_base58btc
from ..errors import (
    CanonicalizationLimitError,
    CredentialError,
    DecodeError,
    InvalidSignature,
)
from ..loader import OfflineLoader
from . import _rdfc
from . import cryptosuites as cryptosuites_

__all__ = [
    "CRYPTOSUITE",
    "CRYPTOSUITES",
    "VerifiedProof",
    "canonicalize",
    "canonicalization_work",
    "proof_config",
    "hash_data",
    "add_proof",
    "verify_proof",
    "verify_proofs",
]

#: The suite this package signs with.
CRYPTOSUITE = "eddsa-rdfc-2022"
#: The suites it verifies (``cryptosuites.SUITES``): the default allow-list.
CRYPTOSUITES = cryptosuites_.VERIFY_CRYPTOSUITES
_PROOF_TYPE = "DataIntegrityProof"


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
    document: dict[str, Any],
    loader: OfflineLoader,
    max_work_factor: int | None,
    hash_name: str = "sha256",
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
    return _rdfc.canonize(dataset, max_work_factor=max_work_factor, hash_name=hash_name)


def canonicalize(
    document: dict[str, Any],
    loader: OfflineLoader,
    *,
    max_work_factor: int | None = None,
    hash_name: str = "sha256",
) -> str:
    """Return the RDFC-1.0 canonical N-Quads of ``document``.

    Raise ``DocumentLoaderError`` when a context is not available offline,
    ``DecodeError`` when the JSON-LD is invalid or uses undefined terms, and
    ``CanonicalizationLimitError`` when ``max_work_factor`` is given and the
    document needs more deep iterations than it allows (see ``_rdfc``).
    ``hash_name`` is the hash RDFC-1.0 labels blank nodes with.
    """
    return _canonize(document, loader, max_work_factor, hash_name)[0]


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
        "created": xsd_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }


def hash_data(
    document: dict[str, Any],
    config: dict[str, Any],
    loader: OfflineLoader,
    *,
    max_work_factor: int | None = None,
    hash_name: str = "sha256",
) -> bytes:
    """Return ``H(canonical config) || H(canonical document)``, ``H`` SHA-256 by default.

    Section 3.3.4 "Hashing (eddsa-rdfc-2022)"; ecdsa-rdfc-2019 with a P-384
    key passes ``hash_name="sha384"`` (Data Integrity ECDSA v1.0, "Hashing
    (ecdsa-rdfc-2019)"), which RDFC-1.0 then uses too. ``max_work_factor`` bounds the
    document's canonicalisation as ``canonicalize`` does.
    """
    config_hash = _config_hash(
        json.dumps(config, sort_keys=True), loader, max_work_factor, hash_name
    )
    canonical = canonicalize(
        document, loader, max_work_factor=max_work_factor, hash_name=hash_name
    )
    return config_hash + hashlib.new(hash_name, canonical.encode("utf-8")).digest()


@functools.lru_cache(maxsize=64)
def _config_hash(
    config_json: str,
    loader: OfflineLoader,
    max_work_factor: int | None,
    hash_name: str = "sha256",
) -> bytes:
    """Hash of a canonical proof configuration, remembered: many credentials signed by
    one key at one ``created`` time (a bulk batch) share it. Loaders are hashed by
    identity, so a loader with other documents never shares an entry."""
    canonical = canonicalize(
        json.loads(config_json),
        loader,
        max_work_factor=max_work_factor,
        hash_name=hash_name,
    )
    return hashlib.new(hash_name, canonical.encode("utf-8")).digest()


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


#: More proofs than this on one document are refused before any is checked:
#: each costs a canonicalisation and, for a key on a did:web, a fetch.
MAX_PROOFS = 8


@dataclass(frozen=True)
class VerifiedProof:
    """One proof that verified: its suite's allow-list name and its key."""

    suite: str
    verification_method: str


def verify_proof(
    document: dict[str, Any],
    *,
    resolve_key: Callable[[str, str], Any],
    loader: OfflineLoader,
    cryptosuites: Iterable[str] = cryptosuites_.VERIFY_CRYPTOSUITES,
    expected_purpose: str = "assertionMethod",
) -> None:
    """Check every proof of the document (``verify_proofs``); return None if all are valid."""
    verify_proofs(
        document,
        resolve_key=resolve_key,
        loader=loader,
        cryptosuites=cryptosuites,
        expected_purpose=expected_purpose,
    )


def verify_proofs(
    document: dict[str, Any],
    *,
    resolve_key: Callable[[str, str], Any],
    loader: OfflineLoader,
    cryptosuites: Iterable[str] = cryptosuites_.VERIFY_CRYPTOSUITES,
    expected_purpose: str = "assertionMethod",
) -> list[VerifiedProof]:
    """Check the document's proof, proof set or proof chain; return what verified.

    VC Data Integrity 1.0, "Verify Proof" for each proof, and "Proof Sets",
    "Proof Chains" and "Verify Proof Sets and Chains": ``proof`` may be a list,
    and a proof whose ``previousProof`` names other proofs of the set (by
    ``id``) signs the document with exactly those proofs attached. Each
    proof must verify; which keys are acceptable is ``resolve_key``'s
    decision. ``resolve_key(verification_method, proof_purpose)`` returns an
    Ed25519, P-256 or P-384 public key or raises a ``CredentialError``.
    ``cryptosuites`` is the allow-list (``cryptosuites.SUITES`` names them).

    Raise ``DecodeError`` for a malformed proof or document,
    ``DocumentLoaderError`` for a context that is not available offline,
    ``UnsupportedAlgorithm`` for a proof type or cryptosuite not on the
    allow-list, ``CanonicalizationLimitError`` for a document too costly to
    canonicalise, and ``InvalidSignature`` when a signature does not match.
    """
    allowed = frozenset(cryptosuites)
    proofs = document.get("proof")
    proofs = proofs if isinstance(proofs, list) else [proofs]
    if not proofs or proofs == [None]:
        raise DecodeError("The document has no proof.")
    if len(proofs) > MAX_PROOFS:
        raise DecodeError(
            f"The document has {len(proofs)} proofs; at most {MAX_PROOFS} are checked."
        )
    if not all(isinstance(proof, dict) for proof in proofs):
        raise DecodeError("Each proof must be a JSON object.")
    # Suites and purposes are checked for every proof before any key is
    # looked up, so a set with one unsupported proof costs no fetch.
    suites = [cryptosuites_.suite_for(proof, allowed=allowed) for proof in proofs]
    for proof in proofs:
        if proof.get("proofPurpose") != expected_purpose:
            raise InvalidSignature(f"The proof purpose must be {expected_purpose!r}.")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    return [
        _verify_one(
            unsecured, proof, proofs, suite, resolve_key, loader, expected_purpose
        )
        for proof, suite in zip(proofs, suites, strict=True)
    ]


def _previous_proofs(proof: dict[str, Any], proofs: list[Any]) -> list[Any] | None:
    """Return the proofs a chained proof names in ``previousProof`` (VC Data Integrity 1.0, "Verify Proof Sets and Chains")."""
    previous = proof.get("previousProof")
    if previous is None:
        return None
    ids = [previous] if isinstance(previous, str) else previous
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise DecodeError("previousProof must be a proof id or a list of proof ids.")
    matching = [p for p in proofs if p.get("id") in ids and p is not proof]
    if len(matching) != len(set(ids)):
        raise InvalidSignature(
            "The proof's previousProof names a proof that is not in the document."
        )
    return matching


def _verify_one(
    unsecured: dict[str, Any],
    proof: dict[str, Any],
    proofs: list[Any],
    suite: cryptosuites_.Cryptosuite,
    resolve_key: Callable[[str, str], Any],
    loader: OfflineLoader,
    purpose: str,
) -> VerifiedProof:
    """Check one proof (the suite's "Verify Proof" algorithm); return it."""
    method = proof.get("verificationMethod")
    value = proof.get("proofValue")
    if not isinstance(method, str) or not isinstance(value, str):
        raise DecodeError("The proof needs a verificationMethod and a proofValue.")
    previous = _previous_proofs(proof, proofs)
    if previous is not None:
        unsecured = {**unsecured, "proof": previous}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    signature = decode_multibase_base58btc(value)
    suite.check_signature_size(signature)
    public_key = resolve_key(method, purpose)
    suite.check_key(public_key, signature)
    if suite.canonicalization == cryptosuites_.JCS:
        data = _jcs_hash_data(unsecured, options)
    else:
        data = _rdfc_hash_data(unsecured, options, loader, suite.hash_name(public_key))
    suite.verify(public_key, signature, data)
    return VerifiedProof(suite.name, method)


def _rdfc_hash_data(
    unsecured: dict[str, Any],
    options: dict[str, Any],
    loader: OfflineLoader,
    hash_name: str,
) -> bytes:
    # Step 1-3 of "Verify Proof": the proof options carry the document's @context.
    if "@context" in options and options["@context"] != unsecured.get("@context"):
        raise InvalidSignature("The proof's @context differs from the document's.")
    options["@context"] = unsecured.get("@context")
    try:
        return hash_data(
            unsecured,
            options,
            loader,
            max_work_factor=_rdfc.VERIFY_MAX_WORK_FACTOR,
            hash_name=hash_name,
        )
    except CanonicalizationLimitError:
        raise CanonicalizationLimitError(
            "The document cannot be canonicalised within the work a verifier "
            "spends on one document: its blank nodes look so much alike that "
            "RDFC-1.0 would need more than the square of their number of deep "
            "iterations (a poison graph, or a document that no common verifier "
            "accepts). The proof was not checked."
        ) from None


def _jcs_hash_data(unsecured: dict[str, Any], options: dict[str, Any]) -> bytes:
    """Return the eddsa-jcs-2022 hash data (Data Integrity EdDSA v1.0, "Verify Proof (eddsa-jcs-2022)").

    Step 4: proof options with an ``@context`` must open the document's
    ``@context``, and the document is hashed with the proof's. "Proof
    Configuration (eddsa-jcs-2022)": otherwise the options take the document's.
    """
    if "@context" in options:
        own = _as_list(options["@context"])
        if _as_list(unsecured.get("@context"))[: len(own)] != own:
            raise InvalidSignature(
                "The document's @context does not start with the proof's @context."
            )
        unsecured = {**unsecured, "@context": options["@context"]}
    elif "@context" in unsecured:
        options = {**options, "@context": unsecured["@context"]}
    return (
        hashlib.sha256(cryptosuites_.jcs(options)).digest()
        + hashlib.sha256(cryptosuites_.jcs(unsecured)).digest()
    )


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
