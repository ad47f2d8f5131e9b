"""OB 2.0 assertions are signed as RS256 compact JWS, and only good RS256 signatures verify."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from credentials import ob2
from credentials.errors import (
    DecodeError,
    InvalidSignature,
    UnsupportedAlgorithm,
)
from credentials.keys import (
    LocalSigner,
    generate_ed25519_key,
    generate_rsa_key,
    public_key_pem,
)
from credentials.ob2.sign import sign_compact, sign_ob2, verify_ob2_jws
from tests.obv.facts import make_cast

KEYS = Path(__file__).parent / "keys"
CAST = make_cast("https://badges.example.edu")
SIGNER = LocalSigner(
    serialization.load_pem_private_key((KEYS / "ob2-rsa-2048.pem").read_bytes(), None)
)
TRUSTED = {CAST.key_url: public_key_pem(SIGNER.public_key)}
ASSERTION = ob2.assertion(CAST.signed, verification="signed", key_url=CAST.key_url)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _segments(token: str) -> list[str]:
    return token.split(".")


def test_it_signs_a_compact_jws_with_an_rs256_header():
    token = sign_ob2(ASSERTION, SIGNER)
    header, payload, _ = _segments(token)
    assert header == "eyJhbGciOiJSUzI1NiJ9"  # {"alg":"RS256"}
    assert json.loads(base64.urlsafe_b64decode(payload + "==")) == ASSERTION


def test_it_signs_deterministically():
    """RSASSA-PKCS1-v1_5 is deterministic, so the same assertion gives the same JWS."""
    assert sign_ob2(ASSERTION, SIGNER) == sign_ob2(ASSERTION, SIGNER)


def test_it_verifies_its_own_signature_and_returns_the_assertion():
    assert verify_ob2_jws(sign_ob2(ASSERTION, SIGNER), TRUSTED) == ASSERTION


def test_it_accepts_a_public_key_object_as_well_as_pem():
    token = sign_ob2(ASSERTION, SIGNER)
    assert verify_ob2_jws(token, {CAST.key_url: SIGNER.public_key}) == ASSERTION


def test_it_rejects_a_tampered_payload():
    header, _, signature = _segments(sign_ob2(ASSERTION, SIGNER))
    changed = dict(ASSERTION, issuedOn="2020-01-01T00:00:00Z")
    payload = _b64(json.dumps(changed).encode())
    with pytest.raises(InvalidSignature, match="does not match") as caught:
        verify_ob2_jws(f"{header}.{payload}.{signature}", TRUSTED)
    assert caught.value.code == "invalid_signature"


def test_it_rejects_a_signature_by_another_key():
    other = LocalSigner(generate_rsa_key())
    with pytest.raises(InvalidSignature):
        verify_ob2_jws(sign_ob2(ASSERTION, other), TRUSTED)


def test_it_rejects_a_key_the_caller_does_not_trust():
    with pytest.raises(InvalidSignature, match="No trusted key"):
        verify_ob2_jws(
            sign_ob2(ASSERTION, SIGNER),
            {"https://elsewhere.example/key": TRUSTED[CAST.key_url]},
        )


def test_it_rejects_alg_none():
    header = _b64(b'{"alg":"none"}')
    payload = _b64(json.dumps(ASSERTION).encode())
    with pytest.raises(UnsupportedAlgorithm, match="'none' is not allowed") as caught:
        verify_ob2_jws(f"{header}.{payload}.", TRUSTED)
    assert caught.value.code == "unsupported_algorithm"


def test_it_rejects_hs256_signed_with_the_public_key():
    """The classic key-confusion attack: HMAC keyed with the public PEM."""
    header = _b64(b'{"alg":"HS256"}')
    payload = _b64(json.dumps(ASSERTION).encode())
    secret = TRUSTED[CAST.key_url].encode()
    mac = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    with pytest.raises(UnsupportedAlgorithm, match="'HS256' is not allowed"):
        verify_ob2_jws(f"{header}.{payload}.{_b64(mac)}", TRUSTED)


def test_it_allows_only_rs256_whatever_the_caller_asks():
    with pytest.raises(UnsupportedAlgorithm, match="No OB 2.0 algorithm"):
        verify_ob2_jws(
            sign_ob2(ASSERTION, SIGNER), TRUSTED, algorithms=("HS256", "none")
        )


@pytest.mark.parametrize("token", ["", "a.b", "not-a-jws", "e30.bm90IGpzb24.c2ln"])
def test_it_rejects_malformed_tokens(token):
    with pytest.raises(DecodeError):
        verify_ob2_jws(token, TRUSTED)


def test_it_signs_only_with_rs256():
    with pytest.raises(UnsupportedAlgorithm, match="RS256"):
        sign_ob2(ASSERTION, LocalSigner(generate_ed25519_key()))


def test_it_signs_only_signed_badge_assertions():
    hosted = ob2.assertion(CAST.hosted, verification="hosted")
    with pytest.raises(ValueError, match="SignedBadge"):
        sign_ob2(hosted, SIGNER)


def test_it_refuses_a_header_alg_that_is_not_the_signers():
    with pytest.raises(UnsupportedAlgorithm, match="not the signer's"):
        sign_compact({"alg": "HS256"}, b"{}", SIGNER)
