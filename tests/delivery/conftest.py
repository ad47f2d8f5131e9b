"""Shared fixtures for wallet delivery: a held award, a wallet's fresh key, a proof JWT made by hand.

The wallet side is written from the specifications with ``cryptography``
only (did:key per the W3C CCG did:key method, did:jwk per its spec, JWS
compact serialisation per RFC 7515), so that it does not share code with the
issuer it tests.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.hashes import SHA256
from django.test import Client

from tests.notifications.helpers import give
from wallet import actions as wallet_actions

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_json(value: dict) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode("utf-8"))


def _base58btc(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, rest = divmod(number, 58)
        text = _B58[rest] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


@dataclass
class HolderKey:
    """A wallet's key pair and the DIDs naming it."""

    private: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey
    jwk: dict  # the public JWK
    alg: str

    @property
    def did_jwk(self) -> str:
        return "did:jwk:" + b64url_json(self.jwk)

    @property
    def did_key(self) -> str:
        """The did:key of an Ed25519 key (multicodec 0xed01, base58btc)."""
        raw = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return "did:key:z" + _base58btc(b"\xed\x01" + raw)

    @property
    def did_key_url(self) -> str:
        return f"{self.did_key}#{self.did_key.removeprefix('did:key:')}"

    @property
    def did_jwk_url(self) -> str:
        return f"{self.did_jwk}#0"

    def sign(self, signing_input: bytes) -> bytes:
        if isinstance(self.private, ed25519.Ed25519PrivateKey):
            return self.private.sign(signing_input)
        r, s = decode_dss_signature(
            self.private.sign(signing_input, ec.ECDSA(SHA256()))
        )
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def new_ed25519_holder() -> HolderKey:
    private = ed25519.Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return HolderKey(
        private, {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}, "EdDSA"
    )


def new_p256_holder() -> HolderKey:
    private = ec.generate_private_key(ec.SECP256R1())
    numbers = private.public_key().public_numbers()
    jwk = {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
    }
    return HolderKey(private, jwk, "ES256")


def compact_jws(header: dict, claims: dict, holder: HolderKey) -> str:
    """Return a JWS compact serialisation signed by ``holder`` (RFC 7515 section 7.1)."""
    signing_input = f"{b64url_json(header)}.{b64url_json(claims)}".encode("ascii")
    return signing_input.decode("ascii") + "." + b64url(holder.sign(signing_input))


def proof_jwt(
    holder: HolderKey,
    *,
    audience: str,
    nonce: str | None,
    kid: str | None = None,
    use_jwk: bool = False,
    iat: int | None = None,
    **header_overrides,
) -> str:
    """Return an OID4VCI 1.0 key proof JWT (Appendix F.1): typ openid4vci-proof+jwt, aud, iat, nonce."""
    header = {"typ": "openid4vci-proof+jwt", "alg": holder.alg}
    if use_jwk:
        header["jwk"] = holder.jwk
    else:
        header["kid"] = kid or holder.did_key_url
    header.update(header_overrides)
    claims = {"aud": audience, "iat": int(time.time()) if iat is None else iat}
    if nonce is not None:
        claims["nonce"] = nonce
    return compact_jws(header, claims, holder)


@pytest.fixture
def holder() -> HolderKey:
    """A wallet's fresh Ed25519 key."""
    return new_ed25519_holder()


@pytest.fixture
def held_award(cast):
    """Carol's signed award, accepted into her backpack."""
    award = give(cast, recipient="carol@example.org")
    wallet_actions.accept_award(user=cast.carol, award=award)
    award.refresh_from_db()
    return award


@pytest.fixture
def wallet_client() -> Client:
    """A wallet's HTTP client: no session, no cookies from the learner."""
    return Client(enforce_csrf_checks=True)
