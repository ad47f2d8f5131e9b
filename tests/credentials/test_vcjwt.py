"""The VC-JWT form (OB 3.0, section 8.2): header, claims, algorithm allow-list."""

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fixtures.ob3 import facts

from credentials import ob3
from credentials.errors import (
    DecodeError,
    InvalidSignature,
    UnsupportedAlgorithm,
)
from credentials.ob3 import vc_jwt

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


def test_there_is_no_sub_for_a_subject_without_an_id(token):
    """OB 3.0, section 8.2.4: sub is credentialSubject.id, and carol's subject has none."""
    assert "id" not in facts.unsigned_credential()["credentialSubject"]
    assert "sub" not in segments(token)[1]


def test_the_vc_claim_leaves_out_the_data_integrity_proof(key):
    signed = ob3.sign(
        facts.unsigned_credential(),
        key,
        verification_method=facts.ISSUER_DID + "#key-1",
        created=facts.ISSUED_ON,
        base_url=facts.BASE_URL,
    )
    claims = segments(ob3.encode_jwt(signed, key, kid=KID))[1]
    assert claims["vc"] == facts.unsigned_credential()


def test_tokens_issued_before_section_8_2_4_was_followed_still_pass_the_claims():
    """Old tokens: sub is the jti for a subject without an id, the vc holds the proof."""
    _, claims, _ = segments(facts.fixture("credential-2025.jwt"))
    assert claims["sub"] == claims["jti"]
    assert vc_jwt.check_claims(claims) == facts.fixture("credential-2025.signed.json")


def test_a_sub_naming_someone_else_is_refused_for_a_subject_without_an_id():
    claims = vc_jwt.claims_for(facts.unsigned_credential())
    claims["sub"] = "did:example:mallory"
    with pytest.raises(DecodeError, match="'sub'"):
        vc_jwt.check_claims(claims)


def test_it_decodes_and_checks_the_claims(key, token):
    header, claims = vc_jwt.decode(token, resolve_key=lambda kid: key.public_key())
    assert header["kid"] == KID
    assert vc_jwt.check_claims(claims) == facts.unsigned_credential()


def test_alg_none_is_refused_even_if_listed(key, token):
    _, payload, _ = token.split(".")
    unsigned = b64({"alg": "none", "kid": KID, "typ": "JWT"}) + "." + payload + "."
    with pytest.raises(UnsupportedAlgorithm, match="'none' is not allowed"):
        vc_jwt.decode(
            unsigned,
            resolve_key=lambda kid: key.public_key(),
            algorithms=["none", "EdDSA"],
        )


def test_an_algorithm_off_the_allow_list_is_refused(key, token):
    with pytest.raises(UnsupportedAlgorithm, match="'EdDSA' is not allowed"):
        vc_jwt.decode(
            token, resolve_key=lambda kid: key.public_key(), algorithms=["ES256"]
        )


def test_a_tampered_payload_fails_the_signature(key, token):
    header, claims, signature = segments(token)
    claims["vc"]["name"] = "Something else"
    forged = token.split(".")[0] + "." + b64(claims) + "." + signature
    with pytest.raises(InvalidSignature):
        vc_jwt.decode(forged, resolve_key=lambda kid: key.public_key())


def test_another_key_fails_the_signature(token):
    with pytest.raises(InvalidSignature):
        vc_jwt.decode(
            token, resolve_key=lambda kid: Ed25519PrivateKey.generate().public_key()
        )


def test_extra_jose_headers_are_refused(key, token):
    _, payload, signature = token.split(".")
    extra = b64(
        {"alg": "EdDSA", "kid": KID, "typ": "JWT", "jku": "https://evil.example/jwks"}
    )
    with pytest.raises(DecodeError, match="jku"):
        vc_jwt.decode(
            extra + "." + payload + "." + signature,
            resolve_key=lambda kid: key.public_key(),
        )


def test_claims_that_disagree_with_the_credential_are_refused(key):
    claims = vc_jwt.claims_for(facts.unsigned_credential())
    claims["iss"] = "did:web:evil.example"
    with pytest.raises(DecodeError, match="'iss'"):
        vc_jwt.check_claims(claims)


def test_es256_tokens_verify_with_a_jwk_from_the_did_document():
    """ES256 is on the default allow-list; its key arrives as a public JWK dict."""
    from joserfc import jwt
    from joserfc.jwk import ECKey

    key = ECKey.generate_key("P-256")
    claims = vc_jwt.claims_for(facts.unsigned_credential())
    token = jwt.encode({"alg": "ES256", "kid": KID, "typ": "JWT"}, claims, key)
    _, decoded = vc_jwt.decode(
        token, resolve_key=lambda kid: key.as_dict(private=False)
    )
    assert decoded["vc"] == facts.unsigned_credential()


# --- A key carried in the header (jwk), RS256 ----------------------------------------


def rsa_token(private_key, jose_header: dict, claims=None) -> str:
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    claims = claims or vc_jwt.claims_for(facts.unsigned_credential())
    return jwt.encode(jose_header, claims, RSAKey.import_key(private_key))


def public_jwk(private_key) -> dict:
    from joserfc.jwk import RSAKey

    return RSAKey.import_key(private_key.public_key()).as_dict(private=False)


@pytest.fixture(scope="module")
def rsa_key():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def no_kid(kid):
    pytest.fail("no kid is looked up")


def test_a_jwk_header_is_checked_with_the_key_the_issuer_publishes(rsa_key):
    jwk = public_jwk(rsa_key)
    token = rsa_token(rsa_key, {"alg": "RS256", "typ": "JWT", "jwk": jwk})
    offered = []

    def resolve_jwk(header_jwk):
        offered.append(header_jwk)
        return {**jwk, "kid": "published"}

    header, claims = vc_jwt.decode(token, resolve_key=no_kid, resolve_jwk=resolve_jwk)

    assert offered == [jwk] and header["jwk"] == jwk
    assert vc_jwt.check_claims(claims) == facts.unsigned_credential()


def test_a_jwk_header_is_refused_when_published_keys_cannot_be_checked(rsa_key):
    token = rsa_token(
        rsa_key, {"alg": "RS256", "typ": "JWT", "jwk": public_jwk(rsa_key)}
    )
    with pytest.raises(DecodeError, match="no published keys were given"):
        vc_jwt.decode(token, resolve_key=no_kid)


def test_a_header_with_neither_kid_nor_jwk_is_refused(rsa_key):
    token = rsa_token(rsa_key, {"alg": "RS256", "typ": "JWT"})
    with pytest.raises(DecodeError, match="neither 'kid' nor 'jwk'"):
        vc_jwt.decode(token, resolve_key=no_kid)


def test_a_jwk_must_be_the_key_its_kid_names(rsa_key):
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jose_header = {"alg": "RS256", "typ": "JWT", "kid": KID, "jwk": public_jwk(other)}
    token = rsa_token(rsa_key, jose_header)
    with pytest.raises(DecodeError, match="'jwk' is not the key " + KID):
        vc_jwt.decode(token, resolve_key=lambda kid: public_jwk(rsa_key))


def test_a_jwk_with_private_key_material_is_refused():
    from joserfc import jwt
    from joserfc.jwk import ECKey

    key = ECKey.generate_key("P-256")
    claims = vc_jwt.claims_for(facts.unsigned_credential())
    jose_header = {"alg": "ES256", "typ": "JWT", "jwk": key.as_dict(private=True)}
    token = jwt.encode(jose_header, claims, key)
    with pytest.raises(DecodeError, match="private or symmetric key material"):
        vc_jwt.decode(
            token,
            resolve_key=no_kid,
            resolve_jwk=lambda jwk: key.as_dict(private=False),
        )


@pytest.mark.filterwarnings("ignore:Key size should be:joserfc.errors.SecurityWarning")
def test_rsa_keys_shorter_than_2048_bits_are_refused():
    from cryptography.hazmat.primitives.asymmetric import rsa

    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505 (the point)
    token = rsa_token(weak, {"alg": "RS256", "typ": "JWT", "kid": KID})
    with pytest.raises(DecodeError, match="has 1024 bits; at least 2048"):
        vc_jwt.decode(token, resolve_key=lambda kid: public_jwk(weak))


def test_hmac_is_never_allowed_even_if_listed(token):
    _, payload, _ = token.split(".")
    forged = b64({"alg": "HS256", "kid": KID, "typ": "JWT"}) + "." + payload + ".c2ln"
    with pytest.raises(UnsupportedAlgorithm, match="'HS256' is not allowed"):
        vc_jwt.decode(
            forged,
            resolve_key=lambda kid: {"kty": "oct", "k": "c2VjcmV0"},
            algorithms=["HS256", "EdDSA"],
        )


def test_a_header_carrying_an_rsa_4096_key_fits_the_size_limit():
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    jwk = {k: public_jwk(key)[k] for k in ("e", "kty", "n")}
    token = rsa_token(key, {"alg": "RS256", "typ": "JWT", "jwk": jwk})

    assert 900 < len(token.split(".")[0]) <= vc_jwt.MAX_HEADER_BYTES
    header, _ = vc_jwt.decode(token, resolve_key=no_kid, resolve_jwk=lambda j: jwk)
    assert header["jwk"] == jwk


def test_a_larger_header_is_refused_unread(token):
    _, payload, signature = token.split(".")
    padded = b64({"alg": "EdDSA", "kid": KID + "x" * 800, "typ": "JWT"})
    assert len(padded) > vc_jwt.MAX_HEADER_BYTES
    with pytest.raises(DecodeError, match="Header size exceeds 1024 bytes"):
        vc_jwt.unverified_header(f"{padded}.{payload}.{signature}")


def test_same_key_compares_key_material_not_jwk_members(rsa_key, key):
    jwk = public_jwk(rsa_key)

    assert vc_jwt.same_key(jwk, {**jwk, "kid": "k1", "use": "sig"}) is True
    assert vc_jwt.same_key(jwk, rsa_key.public_key()) is True
    assert vc_jwt.same_key(jwk, key.public_key()) is False
