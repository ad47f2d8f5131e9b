"""Multibase and Multikey encodings of Ed25519, P-256 and P-384 keys (Controlled Identifiers v1.0).

A Multikey's ``publicKeyMultibase`` is the base58btc multibase (prefix ``z``)
of the multicodec header ``0xed 0x01`` followed by the 32 raw key bytes
(Controlled Identifiers v1.0, section 2.2.2 "Multikey"; Data Integrity EdDSA
Cryptosuites v1.0, section 2.1.1). For example::

    >>> public_key_multibase(public_key)      # doctest: +SKIP
    'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'

The ``z6Mk`` opening is what every Ed25519 Multikey looks like. Secret keys use
the header ``0x80 0x26`` (multicodec ``ed25519-priv``); only the tests read them.

ECDSA Multikeys (Data Integrity ECDSA Cryptosuites v1.0, section 2.1.1) hold
the compressed point (SEC 1, section 2.3.3) after the varint of multicodec
``p256-pub`` (0x1200: ``0x80 0x24``, opening ``zDn``) or ``p384-pub``
(0x1201: ``0x81 0x24``, opening ``z82``). ``decode_multikey`` reads all three.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .errors import DecodeError

__all__ = [
    "b58encode",
    "b58decode",
    "multibase_base58btc",
    "decode_multibase_base58btc",
    "public_key_multibase",
    "decode_public_key_multibase",
    "decode_multikey",
    "ec_public_key_multibase",
    "decode_secret_key_multibase",
    "public_jwk",
    "public_key_from_jwk",
]

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}
ED25519_PUB_HEADER = b"\xed\x01"
ED25519_PRIV_HEADER = b"\x80\x26"
P256_PUB_HEADER = b"\x80\x24"
P384_PUB_HEADER = b"\x81\x24"
#: Multicodec header -> (curve, length of the compressed point).
_EC_HEADERS = {
    P256_PUB_HEADER: (ec.SECP256R1, 33),
    P384_PUB_HEADER: (ec.SECP384R1, 49),
}


def b58encode(data: bytes) -> str:
    """Return the Bitcoin-alphabet base58 of ``data`` (leading zeros become ``1``)."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, rest = divmod(number, 58)
        digits.append(_ALPHABET[rest])
    return "1" * zeros + "".join(reversed(digits))


def b58decode(text: str) -> bytes:
    """Return the bytes ``text`` encodes; raise ``DecodeError`` on a bad character."""
    number = 0
    for char in text:
        try:
            number = number * 58 + _INDEX[char]
        except KeyError:
            raise DecodeError(f"Invalid base58 character {char!r}.") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_base58btc(data: bytes) -> str:
    """Return ``data`` as a base58btc multibase string (``z`` + base58)."""
    return "z" + b58encode(data)


def decode_multibase_base58btc(text: str) -> bytes:
    """Return the bytes of a ``z``-prefixed multibase value; raise ``DecodeError``."""
    if not isinstance(text, str) or not text.startswith("z"):
        raise DecodeError("Expected a base58btc multibase value starting with 'z'.")
    return b58decode(text[1:])


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    """Return the ``publicKeyMultibase`` (``z6Mk...``) of an Ed25519 public key."""
    return multibase_base58btc(ED25519_PUB_HEADER + _raw(public_key))


def decode_public_key_multibase(text: str) -> Ed25519PublicKey:
    """Return the Ed25519 public key in a ``publicKeyMultibase`` value.

    Raise ``DecodeError`` when the value is not an Ed25519 Multikey.
    """
    data = decode_multibase_base58btc(text)
    if len(data) != 34 or data[:2] != ED25519_PUB_HEADER:
        raise DecodeError(
            "publicKeyMultibase is not an Ed25519 Multikey (0xed01 header)."
        )
    return Ed25519PublicKey.from_public_bytes(data[2:])


def decode_multikey(text: str) -> Ed25519PublicKey | ec.EllipticCurvePublicKey:
    """Return the Ed25519, P-256 or P-384 public key of a ``publicKeyMultibase`` value.

    Raise ``DecodeError`` for any other multicodec, a wrong length, or a
    point that is not on its curve.
    """
    data = decode_multibase_base58btc(text)
    if data[:2] == ED25519_PUB_HEADER:
        return decode_public_key_multibase(text)
    curve, size = _EC_HEADERS.get(data[:2], (None, 0))
    if curve is None:
        raise DecodeError(
            "publicKeyMultibase is not an Ed25519, P-256 or P-384 Multikey."
        )
    if len(data) != 2 + size or data[2] not in (2, 3):
        raise DecodeError(
            f"publicKeyMultibase is not a compressed {curve.name} public key."
        )
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(curve(), data[2:])
    except ValueError:
        raise DecodeError(
            f"publicKeyMultibase is not a point on {curve.name}."
        ) from None


def ec_public_key_multibase(public_key: ec.EllipticCurvePublicKey) -> str:
    """Return the ``publicKeyMultibase`` (``zDn...`` or ``z82...``) of a P-256 or P-384 key."""
    for header, (curve, _size) in _EC_HEADERS.items():
        if isinstance(public_key.curve, curve):
            point = public_key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
            return multibase_base58btc(header + point)
    raise ValueError("Only P-256 and P-384 keys have an ECDSA Multikey here.")


def decode_secret_key_multibase(text: str) -> Ed25519PrivateKey:
    """Return the Ed25519 private key of a ``secretKeyMultibase`` (0x8026 header)."""
    data = decode_multibase_base58btc(text)
    if len(data) != 34 or data[:2] != ED25519_PRIV_HEADER:
        raise DecodeError(
            "secretKeyMultibase is not an Ed25519 secret key (0x8026 header)."
        )
    return Ed25519PrivateKey.from_private_bytes(data[2:])


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def public_jwk(public_key: Ed25519PublicKey, *, kid: str = "") -> dict[str, str]:
    """Return the RFC 8037 public JWK (``kty`` OKP, ``crv`` Ed25519) of a key."""
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": _b64url(_raw(public_key))}
    if kid:
        jwk["kid"] = kid
    return jwk


def public_key_from_jwk(jwk: dict) -> Ed25519PublicKey:
    """Return the Ed25519 public key of an OKP JWK; raise ``DecodeError`` otherwise.

    A JWK that carries the private part ``d`` is refused: it should never have
    been published.
    """
    if (
        not isinstance(jwk, dict)
        or jwk.get("kty") != "OKP"
        or jwk.get("crv") != "Ed25519"
    ):
        raise DecodeError("Expected an OKP Ed25519 JWK.")
    if "d" in jwk:
        raise DecodeError("A published JWK must not contain the private key ('d').")
    x = jwk.get("x")
    if not isinstance(x, str):
        raise DecodeError("The JWK has no 'x' value.")
    try:
        raw = base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise DecodeError("The JWK's 'x' is not a 32-byte Ed25519 key.") from exc
