"""did:web identifiers and DID documents for issuers.

The did:web method (W3C CCG "did:web Method Specification", section 3.2)
turns a DID into the URL of its DID document: colons become slashes, a
percent-encoded port is decoded, and ``/did.json`` is appended. Insignia
gives each issuer its own DID under the deployment's host::

    >>> did_for("https://badges.example.edu", "4f1c2d3e-...")
    'did:web:badges.example.edu:issuers:4f1c2d3e-...'
    >>> did_document_url("did:web:badges.example.edu:issuers:4f1c2d3e-...")
    'https://badges.example.edu/issuers/4f1c2d3e-.../did.json'

The DID document lists every key the issuer ever signed with, each twice:
as a ``Multikey`` (for ``eddsa-rdfc-2022`` proofs, Controlled Identifiers
v1.0 section 2.2.2) and as a ``JsonWebKey`` (for VC-JWT, section 2.2.3).
Retired keys stay listed under ``assertionMethod``, so credentials signed
before a rotation keep verifying (like Django's ``SECRET_KEY_FALLBACKS``);
only active keys are listed under ``authentication``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import jsontext
from ._multikey import decode_multikey, public_jwk, public_key_multibase
from .errors import DecodeError

__all__ = [
    "DID_CONTEXTS",
    "did_for",
    "did_document_url",
    "did_document",
    "verification_method_id",
    "jwk_method_id",
    "jwks",
    "did_key_document",
    "did_jwk_document",
]

DID_CONTEXTS = [
    "https://www.w3.org/ns/did/v1",
    "https://w3id.org/security/multikey/v1",
]

Key = tuple[str, Ed25519PublicKey, bool]  # (key id such as "key-1", public key, active)


def did_for(base_url: str, issuer_uuid: str) -> str:
    """Return ``did:web:<host>[%3A<port>]:issuers:<uuid>`` for an issuer.

    ``base_url`` is the deployment's public origin.

    Raise ``ValueError`` when ``base_url`` has no host.
    """
    parts = urlsplit(base_url)
    if not parts.hostname:
        raise ValueError(f"{base_url!r} has no host.")
    host = parts.hostname.lower()
    if parts.port:
        host += quote(f":{parts.port}", safe="")
    path = [
        quote(segment, safe="")
        for segment in parts.path.strip("/").split("/")
        if segment
    ]
    return ":".join(["did", "web", host, *path, "issuers", str(issuer_uuid)])


def did_document_url(did: str) -> str:
    """Return the HTTPS URL of a did:web DID's document (did:web, 3.2.1 "Read").

    Raise ``DecodeError`` for anything that is not a did:web DID.
    """
    if not did.startswith("did:web:") or "#" in did or "?" in did:
        raise DecodeError(f"{did!r} is not a did:web DID.")
    segments = did[len("did:web:") :].split(":")
    if not segments[0]:
        raise DecodeError(f"{did!r} has no host.")
    host = unquote(segments[0])
    if "/" in host or "@" in host:
        raise DecodeError(f"{did!r} has an invalid host.")
    path = "/".join(unquote(s) for s in segments[1:])
    if not path:
        return f"https://{host}/.well-known/did.json"
    return f"https://{host}/{path}/did.json"


def verification_method_id(did: str, key_id: str) -> str:
    """Return the Multikey method URL ``<did>#<key_id>`` (used in DI proofs)."""
    return f"{did}#{key_id}"


def jwk_method_id(did: str, key_id: str) -> str:
    """Return the JsonWebKey method URL ``<did>#<key_id>-jwk`` (the VC-JWT ``kid``)."""
    return f"{did}#{key_id}-jwk"


def did_document(did: str, keys: Iterable[Key]) -> dict[str, Any]:
    """Return the DID document for ``did`` listing ``keys`` (active and retired).

    Each key appears as a ``Multikey`` and as a ``JsonWebKey`` verification
    method. ``assertionMethod`` lists all of them, so old credentials verify
    after a rotation; ``authentication`` lists the active ones only.
    """
    methods: list[dict[str, Any]] = []
    assertion: list[str] = []
    authentication: list[str] = []
    for key_id, public_key, active in keys:
        multikey_id = verification_method_id(did, key_id)
        jwk_id = jwk_method_id(did, key_id)
        methods.append(
            {
                "id": multikey_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public_key_multibase(public_key),
            }
        )
        methods.append(
            {
                "id": jwk_id,
                "type": "JsonWebKey",
                "controller": did,
                "publicKeyJwk": public_jwk(public_key),
            }
        )
        assertion += [multikey_id, jwk_id]
        if active:
            authentication += [multikey_id, jwk_id]
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": assertion,
        "authentication": authentication,
    }


def jwks(keys: Iterable[Key], *, did: str = "") -> dict[str, list[dict[str, str]]]:
    """Return an RFC 7517 JWK Set of the public keys.

    Each ``kid`` is the JsonWebKey method URL when ``did`` is given.
    """
    return {
        "keys": [
            {
                **public_jwk(
                    public_key, kid=jwk_method_id(did, key_id) if did else key_id
                ),
                "use": "sig",
                "alg": "EdDSA",
            }
            for key_id, public_key, _active in keys
        ]
    }


def did_key_document(did: str) -> dict[str, Any]:
    """Return the DID document of a ``did:key`` (The did:key Method v0.9, section 3.1.2).

    ``did:key:z6Mk...`` (Ed25519), ``did:key:zDn...`` (P-256) and
    ``did:key:z82...`` (P-384) carry their public key: the document has one
    Multikey verification method ``<did>#<multibase>``, usable for
    assertions. Raise ``DecodeError`` for any other did:key.
    """
    prefix = "did:key:"
    if not did.startswith(prefix):
        raise DecodeError(f"{did} is not a did:key.")
    multibase = did[len(prefix) :].split("#", 1)[0]
    decode_multikey(multibase)  # refuses anything but an Ed25519, P-256 or P-384 key
    method_id = f"{did}#{multibase}"
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": multibase,
            }
        ],
        "assertionMethod": [method_id],
        "authentication": [method_id],
    }


# did:jwk (did:jwk Method Specification): the DID is "did:jwk:" and the
# base64url (no padding) of the JWK's UTF-8 JSON. An RSA-4096 public key
# takes about 1 000 characters; nothing legitimate is longer than this.
_DID_JWK_PREFIX = "did:jwk:"
_MAX_DID_JWK = 4096
_BASE64URL = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
)


def did_jwk_document(did: str) -> dict[str, Any]:
    """Return the DID document a ``did:jwk`` carries (did:jwk Method Specification, "Read").

    The document has one verification method ``<did>#0`` holding the JWK.
    It serves assertions, authentication and capabilities, and also key
    agreement unless the JWK says ``"use": "sig"``; a ``"use": "enc"`` key
    serves key agreement only, so it can sign no credential. The method is a
    ``JsonWebKey`` (Controlled Identifiers v1.0, section 2.2.3; the did:jwk
    draft still writes its older name ``JsonWebKey2020``)::

        did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6Ii4uLiIsInkiOiIuLi4ifQ
        -> {"id": "did:jwk:eyJj...",
            "verificationMethod": [{"id": "did:jwk:eyJj...#0", "type": "JsonWebKey",
                                    "controller": "did:jwk:eyJj...",
                                    "publicKeyJwk": {"crv": "P-256", "kty": "EC", ...}}],
            "assertionMethod": ["did:jwk:eyJj...#0"], ...}

    Raise ``DecodeError`` for anything but a did:jwk of a public OKP
    (Ed25519), EC (P-256, P-384) or RSA key: not base64url JSON, a JWK
    holding a private key (``d``) or a symmetric one, or not a key at all.
    """
    from .ob3.vc_jwt import checked_public_jwk  # the JWK rules; ob3 imports no did

    if not isinstance(did, str) or not did.startswith(_DID_JWK_PREFIX):
        raise DecodeError(f"{did!r} is not a did:jwk.")
    did = did.split("#", 1)[0]
    encoded = did[len(_DID_JWK_PREFIX) :]
    if not encoded or len(encoded) > _MAX_DID_JWK or set(encoded) - _BASE64URL:
        raise DecodeError(
            "A did:jwk is did:jwk: and the base64url (without padding) of a JWK; "
            "this one is not."
        )
    try:
        jwk = jsontext.loads(
            base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        )
    except (binascii.Error, ValueError, DecodeError):
        raise DecodeError("The did:jwk does not encode a JSON object.") from None
    if not isinstance(jwk, dict):
        raise DecodeError("The did:jwk does not encode a JSON object.")
    if "d" in jwk:
        raise DecodeError(
            "The did:jwk holds a private key ('d'): a DID must carry only a "
            "public key, and this key can no longer be trusted."
        )
    checked_public_jwk(jwk, "The did:jwk's key")
    method_id = f"{did}#0"
    uses = {
        "sig": ["assertionMethod", "authentication", "capabilityInvocation",
                "capabilityDelegation"],
        "enc": ["keyAgreement"],
    }  # fmt: skip
    relationships = uses.get(jwk.get("use"), uses["sig"] + uses["enc"])
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/jwk/v1",
        ],
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "JsonWebKey",
                "controller": did,
                "publicKeyJwk": jwk,
            }
        ],
        **{name: [method_id] for name in relationships},
    }
