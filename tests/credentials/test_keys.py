"""Signing keys are generated, exported, sealed at rest and opened again, or refused."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from credentials.errors import KeySealError, UnsupportedAlgorithm
from credentials.keys import (
    LocalSigner,
    Signer,
    generate_ed25519_key,
    generate_rsa_key,
    key_id,
    load_public_key_pem,
    open_private_key,
    public_key_pem,
    seal_private_key,
)

KEYS = Path(__file__).parent / "keys"
SEALED = json.loads((KEYS / "sealed-v1.json").read_text())
KEK = bytes.fromhex(SEALED["kek_hex"])
OTHER_KEK = b"k" * 32


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return generate_rsa_key()


def test_it_generates_rsa_2048_for_ob2(rsa_key):
    assert rsa_key.key_size == 2048
    assert rsa_key.public_key().public_numbers().e == 65537


def test_it_exports_and_loads_public_pem(rsa_key):
    pem = public_key_pem(rsa_key)
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert load_public_key_pem(pem) == rsa_key.public_key()


def test_it_refuses_a_pem_that_is_not_a_public_key():
    with pytest.raises(UnsupportedAlgorithm) as caught:
        load_public_key_pem("not a key")
    assert caught.value.code == "unsupported_algorithm"


@pytest.mark.parametrize("generate", [generate_rsa_key, generate_ed25519_key])
def test_it_opens_what_it_sealed(generate):
    key = generate()
    sealed = seal_private_key(key, KEK)
    assert sealed.startswith("v1$")
    assert public_key_pem(open_private_key(sealed, KEK)) == public_key_pem(key)


def test_it_seals_the_same_key_differently_each_time(rsa_key):
    assert seal_private_key(rsa_key, KEK) != seal_private_key(rsa_key, KEK)


@pytest.mark.parametrize("case", SEALED["cases"], ids=lambda c: c["name"])
def test_it_still_opens_keys_sealed_with_format_v1(case):
    key = open_private_key(case["sealed"], KEK)
    assert public_key_pem(key) == case["public_pem"]
    assert key_id(key) == case["kid"]


def test_it_refuses_a_wrong_kek():
    with pytest.raises(KeySealError, match="wrong KEK") as caught:
        open_private_key(SEALED["cases"][0]["sealed"], OTHER_KEK)
    assert caught.value.code == "key_seal_error"


def test_it_refuses_a_tampered_blob():
    version, blob = SEALED["cases"][1]["sealed"].split("$")
    raw = bytearray(base64.urlsafe_b64decode(blob + "=" * (-len(blob) % 4)))
    raw[-1] ^= 1
    tampered = version + "$" + base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    with pytest.raises(KeySealError, match="changed"):
        open_private_key(tampered, KEK)


@pytest.mark.parametrize(
    ("sealed", "message"),
    [
        ("v2$AAAA", "Unknown sealed key format"),
        ("no-version", "Unknown sealed key format"),
        ("v1$AAAA", "truncated"),
        ("v1$@@@@", "base64url"),
    ],
)
def test_it_refuses_malformed_blobs(sealed, message):
    with pytest.raises(KeySealError, match=message):
        open_private_key(sealed, KEK)


def test_it_refuses_a_short_kek(rsa_key):
    with pytest.raises(ValueError, match="at least 32 bytes"):
        seal_private_key(rsa_key, b"short")


def test_it_derives_the_rfc7638_thumbprint_as_kid(rsa_key):
    signer = LocalSigner(rsa_key)
    assert signer.kid == key_id(rsa_key.public_key())
    assert len(signer.kid) == 43  # base64url of a SHA-256 digest


def test_it_signs_rs256_with_rsa_and_eddsa_with_ed25519(rsa_key):
    rsa_signer = LocalSigner(rsa_key)
    ed_signer = LocalSigner(generate_ed25519_key())
    assert isinstance(rsa_signer, Signer)
    assert (rsa_signer.algorithm, ed_signer.algorithm) == ("RS256", "EdDSA")
    assert isinstance(ed_signer.public_key, ed25519.Ed25519PublicKey)
    ed_signer.public_key.verify(ed_signer.sign(b"data"), b"data")
    assert len(rsa_signer.sign(b"data")) == 256
