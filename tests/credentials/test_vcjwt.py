"""The VC-JWT form (OB 3.0, section 8.2): header, claims, algorithm allow-list."""

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fixtures.ob3 import facts

from badges.credentials import _vcjwt, ob3
from badges.credentials.errors import (
    DecodeError,
    InvalidSignature,
    UnsupportedAlgorithm,
)

KID = facts.ISSUER_DID + "#key-1-jwk"


def b64(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def segments(token):
    header, payload, signature = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
        signature,
    )


@pytest.fixture
def key():
    return Ed25519PrivateKey.generate()


@pytest.fixture
def token(key):
    return ob3.encode_jwt(facts.unsigned_credential(), key, kid=KID)


def test_the_header_has_only_alg_kid_and_typ(token):
    header, _, _ = segments(token)
    assert header == {"alg": "EdDSA", "kid": KID, "typ": "JWT"}


def test_the_claims_mirror_the_credential(token):
    _, claims, _ = segments(token)
    credential = facts.unsigned_credential()
    assert claims["iss"] == facts.ISSUER_DID
    assert claims["jti"] == credential["id"]
    assert claims["nbf"] == int(facts.ISSUED_ON.timestamp())
    assert claims["exp"] == int(facts.EXPIRES.timestamp())
    assert claims["vc"] == credential


def test_sub_is_the_subjects_did_when_known(key):
    token = ob3.encode_jwt(
        facts.unsigned_credential(subject_did="did:key:z6MkcarolZ"), key, kid=KID
    )
    assert segments(token)[1]["sub"] == "did:key:z6MkcarolZ"


def test_it_decodes_and_checks_the_claims(key, token):
    header, claims = _vcjwt.decode(token, resolve_key=lambda kid: key.public_key())
    assert header["kid"] == KID
    assert _vcjwt.check_claims(claims) == facts.unsigned_credential()


def test_alg_none_is_refused_even_if_listed(key, token):
    _, payload, _ = token.split(".")
    unsigned = b64({"alg": "none", "kid": KID, "typ": "JWT"}) + "." + payload + "."
    with pytest.raises(UnsupportedAlgorithm, match="'none' is not allowed"):
        _vcjwt.decode(
            unsigned,
            resolve_key=lambda kid: key.public_key(),
            algorithms=["none", "EdDSA"],
        )


def test_an_algorithm_off_the_allow_list_is_refused(key, token):
    with pytest.raises(UnsupportedAlgorithm, match="'EdDSA' is not allowed"):
        _vcjwt.decode(
            token, resolve_key=lambda kid: key.public_key(), algorithms=["ES256"]
        )


def test_a_tampered_payload_fails_the_signature(key, token):
    header, claims, signature = segments(token)
    claims["vc"]["name"] = "Something else"
    forged = token.split(".")[0] + "." + b64(claims) + "." + signature
    with pytest.raises(InvalidSignature):
        _vcjwt.decode(forged, resolve_key=lambda kid: key.public_key())


def test_another_key_fails_the_signature(token):
    with pytest.raises(InvalidSignature):
        _vcjwt.decode(
            token, resolve_key=lambda kid: Ed25519PrivateKey.generate().public_key()
        )


def test_extra_jose_headers_are_refused(key, token):
    _, payload, signature = token.split(".")
    extra = b64(
        {"alg": "EdDSA", "kid": KID, "typ": "JWT", "jku": "https://evil.example/jwks"}
    )
    with pytest.raises(DecodeError, match="jku"):
        _vcjwt.decode(
            extra + "." + payload + "." + signature,
            resolve_key=lambda kid: key.public_key(),
        )


def test_claims_that_disagree_with_the_credential_are_refused(key):
    claims = _vcjwt.claims_for(facts.unsigned_credential())
    claims["iss"] = "did:web:evil.example"
    with pytest.raises(DecodeError, match="'iss'"):
        _vcjwt.check_claims(claims)


def test_es256_tokens_verify_with_a_jwk_from_the_did_document():
    """ES256 is on the default allow-list; its key arrives as a public JWK dict."""
    from joserfc import jwt
    from joserfc.jwk import ECKey

    key = ECKey.generate_key("P-256")
    claims = _vcjwt.claims_for(facts.unsigned_credential())
    token = jwt.encode({"alg": "ES256", "kid": KID, "typ": "JWT"}, claims, key)
    _, decoded = _vcjwt.decode(
        token, resolve_key=lambda kid: key.as_dict(private=False)
    )
    assert decoded["vc"] == facts.unsigned_credential()
