"""The Data Integrity cryptosuites the verifier reads, and what each one needs.

Every suite signs the same shape of bytes, ``H(canonical proof options) ||
H(canonical document)``; they differ in how a document is made canonical,
which hash ``H`` is, and which keys sign:

======================= ========================= ====== ========== =================
allow-list name         proof ``type``            canon  hash       key
======================= ========================= ====== ========== =================
``eddsa-rdfc-2022``     ``DataIntegrityProof``    RDFC   SHA-256    Ed25519
``eddsa-2022``          ``DataIntegrityProof``    RDFC   SHA-256    Ed25519
``eddsa-jcs-2022``      ``DataIntegrityProof``    JCS    SHA-256    Ed25519
``ecdsa-rdfc-2019``     ``DataIntegrityProof``    RDFC   SHA-256    P-256
                                                         SHA-384    P-384
``Ed25519Signature2020`` ``Ed25519Signature2020`` RDFC   SHA-256    Ed25519
======================= ========================= ====== ========== =================

Sources: Data Integrity EdDSA Cryptosuites v1.0, its sections
"eddsa-rdfc-2022", "eddsa-jcs-2022" and the legacy "Ed25519Signature2020"
(a proof type of its own, without ``cryptosuite``); Data Integrity ECDSA
Cryptosuites v1.0, its section "ecdsa-rdfc-2019" (the
hash follows the curve, RDFC-1.0 itself hashes with it too, as rdf-canonize's
``messageDigestAlgorithm`` does in Digital Bazaar's suite, and the signature
is IEEE P1363 ``r || s``). ``eddsa-2022`` is the name the EdDSA
cryptosuites draft gave ``eddsa-rdfc-2022`` before 2023; 1EdTech's OB 3.0
validator example (``simple-eddsa-2022.json``) is signed exactly as
``eddsa-rdfc-2022`` with the old name kept in its proof options. JCS is RFC
8785, through the ``rfc8785`` package. For example::

    suite = suite_for({"type": "DataIntegrityProof", "cryptosuite": "ecdsa-rdfc-2019"},
                      allowed=VERIFY_CRYPTOSUITES)
    suite.hash_name(p384_key)            # 'sha384'
    suite.verify(p384_key, signature, data)   # None, or raises InvalidSignature
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature as _CryptoInvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from ..errors import DecodeError, InvalidSignature, UnsupportedAlgorithm

__all__ = [
    "RDFC",
    "JCS",
    "Cryptosuite",
    "SUITES",
    "VERIFY_CRYPTOSUITES",
    "suite_for",
    "key_kind",
    "jcs",
]

RDFC, JCS = "RDFC-1.0", "JCS"
DATA_INTEGRITY_PROOF = "DataIntegrityProof"
_ED25519, _P256, _P384 = "Ed25519", "P-256", "P-384"
_SIGNATURE_SIZE = {_ED25519: 64, _P256: 64, _P384: 96}
_CURVES = {"secp256r1": _P256, "secp384r1": _P384}


def key_kind(public_key: Any) -> str:
    """Return ``"Ed25519"``, ``"P-256"``, ``"P-384"``, or ``""`` for any other key."""
    if isinstance(public_key, Ed25519PublicKey):
        return _ED25519
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return _CURVES.get(public_key.curve.name, "")
    return ""


def jcs(value: Any) -> bytes:
    """Return the RFC 8785 (JSON Canonicalization Scheme) bytes of a JSON value.

    Raise ``DecodeError`` for a value JCS cannot serialise (an integer or
    float outside I-JSON's range, for instance).
    """
    try:
        return rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
        raise DecodeError(
            f"The document cannot be canonicalised with JCS: {exc}"
        ) from None


@dataclass(frozen=True)
class Cryptosuite:
    """One suite: its allow-list name, proof type, canonicalisation and keys."""

    name: str
    proof_type: str
    canonicalization: str
    keys: tuple[str, ...]
    #: The ``cryptosuite`` value of the proof; empty for a legacy proof type.
    cryptosuite: str = ""

    def hash_name(self, public_key: Any) -> str:
        """Return the hash for this key: SHA-384 for P-384 keys, SHA-256 otherwise."""
        return "sha384" if key_kind(public_key) == _P384 else "sha256"

    def check_signature_size(self, signature: bytes) -> None:
        """Raise ``DecodeError`` when no key of this suite makes a signature this long."""
        sizes = sorted({_SIGNATURE_SIZE[kind] for kind in self.keys})
        if len(signature) not in sizes:
            raise DecodeError(
                f"The proofValue is not a {' or '.join(map(str, sizes))}-byte "
                f"{' or '.join(self.keys)} signature."
            )

    def check_key(self, public_key: Any, signature: bytes) -> None:
        """Raise unless the key is one this suite signs with and the signature fits it."""
        kind = key_kind(public_key)
        if kind not in self.keys:
            raise InvalidSignature(
                f"{self.name} proofs are signed with {' or '.join(self.keys)} keys, "
                f"not with this {kind or 'kind of'} key."
            )
        if len(signature) != _SIGNATURE_SIZE[kind]:
            raise DecodeError(
                f"The proofValue is not a {_SIGNATURE_SIZE[kind]}-byte {kind} signature."
            )

    def verify(self, public_key: Any, signature: bytes, data: bytes) -> None:
        """Return None when ``signature`` signs ``data``; raise ``InvalidSignature``."""
        self.check_key(public_key, signature)
        try:
            if isinstance(public_key, Ed25519PublicKey):
                public_key.verify(signature, data)
            else:
                # IEEE P1363: r and s, big-endian, each as long as the curve's order.
                half = len(signature) // 2
                der = encode_dss_signature(
                    int.from_bytes(signature[:half], "big"),
                    int.from_bytes(signature[half:], "big"),
                )
                digest = (
                    hashes.SHA384()
                    if self.hash_name(public_key) == "sha384"
                    else hashes.SHA256()
                )
                public_key.verify(der, data, ec.ECDSA(digest))
        except _CryptoInvalidSignature:
            raise InvalidSignature(
                "The signature does not match the document and key."
            ) from None


SUITES: dict[str, Cryptosuite] = {
    suite.name: suite
    for suite in (
        Cryptosuite(
            "eddsa-rdfc-2022",
            DATA_INTEGRITY_PROOF,
            RDFC,
            (_ED25519,),
            "eddsa-rdfc-2022",
        ),
        Cryptosuite(
            "eddsa-2022", DATA_INTEGRITY_PROOF, RDFC, (_ED25519,), "eddsa-2022"
        ),
        Cryptosuite(
            "eddsa-jcs-2022", DATA_INTEGRITY_PROOF, JCS, (_ED25519,), "eddsa-jcs-2022"
        ),
        Cryptosuite(
            "ecdsa-rdfc-2019",
            DATA_INTEGRITY_PROOF,
            RDFC,
            (_P256, _P384),
            "ecdsa-rdfc-2019",
        ),
        Cryptosuite("Ed25519Signature2020", "Ed25519Signature2020", RDFC, (_ED25519,)),
    )
}
#: Every suite this package verifies: the default allow-list of ``verify()``.
VERIFY_CRYPTOSUITES: tuple[str, ...] = tuple(SUITES)


def suite_for(proof: Mapping[str, Any], *, allowed: Collection[str]) -> Cryptosuite:
    """Return the suite of a proof if it is on the ``allowed`` list.

    A ``DataIntegrityProof`` names its suite in ``cryptosuite``; a legacy
    proof type such as ``Ed25519Signature2020`` is its own suite. Raise
    ``UnsupportedAlgorithm`` for a proof type or cryptosuite that is unknown
    or not allowed.
    """
    proof_type = proof.get("type")
    if proof_type == DATA_INTEGRITY_PROOF:
        name = proof.get("cryptosuite")
        suite = SUITES.get(name) if isinstance(name, str) else None
        if suite is None or suite.proof_type != DATA_INTEGRITY_PROOF:
            raise UnsupportedAlgorithm(f"Unsupported cryptosuite {name!r}.")
    else:
        suite = SUITES.get(proof_type) if isinstance(proof_type, str) else None
        if suite is None:
            raise UnsupportedAlgorithm(f"Unsupported proof type {proof_type!r}.")
        if "cryptosuite" in proof:
            raise DecodeError(f"A {proof_type} proof has no cryptosuite.")
    if suite.name not in set(allowed):
        raise UnsupportedAlgorithm(f"Unsupported cryptosuite {suite.name!r}.")
    return suite
