"""The core reads credentials secured with JOSE (vc+jwt) and did:jwk issuers, and refuses bad ones.

The tokens are signed by ``jose`` in one Node process with fresh keys
(``tests/js/sign-jose.mjs``); the issuer's key and the proof are checked by
``_jwt_checks.verify_jwt`` with DID documents derived offline (did:key,
did:jwk). The public verifier's end-to-end tests are in
``tests/verifier/test_jose_credentials.py``.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc import jws
from joserfc.jwk import ECKey

from credentials import did as did_lib
from credentials.errors import DecodeError
from credentials.ob3 import vc_jwt
from credentials.ob3._checks import Failed, _jwt_key
from credentials.ob3._jwt_checks import verify_jwt
from tests.node import run_node

CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "urn:uuid:9d1c6f0e-2b8a-4f57-8d0e-1a2b3c4d5e01",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "name": "First aid",
    "issuer": {"id": "replaced", "type": ["Profile"], "name": "Red Cross Training"},
    "validFrom": "2025-02-01T00:00:00Z",
    "credentialSubject": {
        "id": "did:example:learner",
        "type": ["AchievementSubject"],
        "achievement": {"id": "urn:uuid:9d1c6f0e-2b8a-4f57-8d0e-1a2b3c4d5e02", "type": ["Achievement"],
                        "name": "First aid", "criteria": {"narrative": "Passed."}},
    },
}  # fmt: skip
CASES = {
    "jose-EdDSA-key": ("jose", "EdDSA", "key"),
    "jose-EdDSA-jwk": ("jose", "EdDSA", "jwk"),
    "jose-ES256-jwk": ("jose", "ES256", "jwk"),
    "jose-ES384-jwk": ("jose", "ES384", "jwk"),
    "vc-jwt-ES256-jwk": ("vc-jwt", "ES256", "jwk"),
}
FORM = {"jose": vc_jwt.VC_JOSE, "vc-jwt": vc_jwt.VC_JWT}
NOW = datetime.now(UTC)
HOUR = 3600


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def did_jwk(jwk: dict) -> str:
    return "did:jwk:" + b64(json.dumps(jwk).encode())


def resolve(did: str) -> dict:
    if did.startswith("did:key:"):
        return did_lib.did_key_document(did)
    return did_lib.did_jwk_document(did)


@pytest.fixture(scope="module")
def signed():
    out = run_node(
        "sign-jose.mjs",
        {
            "credential": CREDENTIAL,
            "webDid": None,
            "cases": [
                {"name": name, "form": form, "alg": alg, "did": did}
                for name, (form, alg, did) in CASES.items()
            ],
        },
    )
    return out["cases"]


def checks(token: str, form: str):
    credential, key, proof = verify_jwt(
        token,
        resolve_did_document=resolve,
        algorithms=vc_jwt.DEFAULT_ALGORITHMS,
        form=form,
        now=NOW,
    )
    return credential, key, proof


# --- did:jwk ---------------------------------------------------------------------------


def test_a_did_jwk_derives_its_document_with_one_method_0():
    jwk = ECKey.generate_key("P-256").as_dict(private=False)
    did = did_jwk(jwk)
    document = did_lib.did_jwk_document(did + "#0")
    assert document["id"] == did
    assert document["verificationMethod"] == [
        {"id": f"{did}#0", "type": "JsonWebKey", "controller": did, "publicKeyJwk": jwk}
    ]
    for relationship in (
        "assertionMethod",
        "authentication",
        "capabilityInvocation",
        "capabilityDelegation",
        "keyAgreement",
    ):
        assert document[relationship] == [f"{did}#0"]


def test_a_did_jwk_key_for_one_use_serves_only_that_use():
    key = Ed25519PrivateKey.generate().public_key()
    signing = did_lib.did_jwk_document(did_jwk({**key_jwk(key), "use": "sig"}))
    assert "keyAgreement" not in signing and signing["assertionMethod"]
    encrypting = did_lib.did_jwk_document(did_jwk({**key_jwk(key), "use": "enc"}))
    assert "assertionMethod" not in encrypting and encrypting["keyAgreement"]


def key_jwk(public_key) -> dict:
    from credentials._multikey import public_jwk

    return public_jwk(public_key)


P256 = ECKey.generate_key("P-256")


@pytest.mark.parametrize(
    ("did", "message"),
    [
        (did_jwk(P256.as_dict(private=True)), "holds a private key ('d')"),
        (did_jwk({"kty": "oct", "k": "c2VjcmV0"}), "private or symmetric key material"),
        (did_jwk({"kty": "EC", "crv": "P-521", "x": "AA", "y": "AA"}), "only P-256 and P-384"),
        (did_jwk({"kty": "EC", "crv": "P-256", "x": P256.as_dict()["x"], "y": P256.as_dict()["x"]}),
         "is not a valid public key"),
        (did_jwk({"kty": "XYZ"}), "key type 'XYZ'"),
        ("did:jwk:" + b64(b"[1, 2]"), "does not encode a JSON object"),
        ("did:jwk:" + b64(b"not json"), "does not encode a JSON object"),
        ("did:jwk:eyJrdHkiOiJFQyJ9==", "base64url (without padding)"),
        ("did:jwk:", "base64url (without padding)"),
        ("did:jwk:" + "A" * 5000, "base64url (without padding)"),
        ("did:key:z6Mk", "is not a did:jwk"),
    ],
)  # fmt: skip
def test_a_did_jwk_that_is_not_a_public_key_is_refused_with_a_clear_message(
    did, message
):
    with pytest.raises(DecodeError, match=None) as raised:
        did_lib.did_jwk_document(did)
    assert message in str(raised.value)


# --- Telling the forms apart ------------------------------------------------------------


def token(header: dict, payload: dict) -> str:
    return ".".join(
        [b64(json.dumps(header).encode()), b64(json.dumps(payload).encode()), "sig"]
    )


@pytest.mark.parametrize(
    ("header", "payload", "form"),
    [
        ({"alg": "ES256", "typ": "JWT"}, {"iss": "did:x", "vc": {"type": ["VerifiableCredential"]}}, "vc-jwt"),
        ({"alg": "ES256", "typ": "vc+jwt"}, {"issuer": "did:x"}, "vc-jose"),
        ({"alg": "ES256", "typ": "application/VC+LD+JWT"}, {"issuer": "did:x"}, "vc-jose"),
        ({"alg": "ES256"}, {"@context": ["https://www.w3.org/ns/credentials/v2"]}, "vc-jose"),
        ({"alg": "ES256"}, {"type": ["VerifiableCredential", "OpenBadgeCredential"]}, "vc-jose"),
        # A credential that also carries a "vc" claim is the JOSE form (which forbids it).
        ({"alg": "ES256"}, {"@context": ["https://www.w3.org/2018/credentials/v1"], "vc": {}}, "vc-jose"),
        # An OB 2.0 signed assertion: its payload is an Assertion.
        ({"alg": "RS256"}, {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"}, None),
        ({"alg": "RS256"}, {"sub": "nothing"}, None),
    ],
)  # fmt: skip
def test_the_token_form_is_read_from_the_header_and_payload(header, payload, form):
    assert vc_jwt.token_form(token(header, payload)) == form


def test_an_unreadable_token_has_no_form():
    assert vc_jwt.token_form("a.b.c") is None


# --- Keys published as JsonWebKey -----------------------------------------------------------


def test_published_ec_keys_are_accepted_and_broken_ones_refused():
    p384 = ECKey.generate_key("P-384").as_dict(private=False)
    for kind in ("JsonWebKey", "JsonWebKey2020"):
        assert _jwt_key({"type": kind, "publicKeyJwk": p384}, "did:web:a#k") == p384
    broken = {
        "private": (
            {**p384, "d": p384["x"]},
            "holds private or symmetric key material",
        ),
        "off the curve": ({**p384, "y": p384["x"]}, "is not a valid public key"),
        "secp256k1": ({**p384, "crv": "secp256k1"}, "only P-256 and P-384"),
        "no key": (None, "is not a JSON object"),
    }
    for label, (jwk, message) in broken.items():
        with pytest.raises(DecodeError) as raised:
            _jwt_key({"type": "JsonWebKey", "publicKeyJwk": jwk}, "did:web:a#k")
        assert message in str(raised.value), label
        assert "did:web:a#k" in str(raised.value), label
    with pytest.raises(Failed, match="is not a JsonWebKey or Multikey"):
        _jwt_key({"type": "EcdsaSecp256k1VerificationKey2019"}, "did:web:a#k")


# --- Tokens jose signed ------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_a_token_jose_signed_passes_the_key_and_proof_checks(name, signed):
    case, (form, alg, _did) = signed[name], CASES[name]
    credential, key, proof = checks(case["token"], FORM[form])
    assert (key.status, proof.status) == ("passed", "passed"), (key, proof)
    assert key.message == f"{case['kid']} is an assertion method of the issuer."
    assert credential["name"] == "First aid"
    assert credential["issuer"]["id"] == case["did"]
    if form == "jose":
        assert alg in proof.message


def python_signed(header: dict, payload: dict, key=None) -> tuple[str, str]:
    """Sign a forgery with joserfc: the issuer is a fresh P-256 did:jwk."""
    key = key or ECKey.generate_key("P-256")
    did = did_jwk(key.as_dict(private=False))
    header = {"alg": "ES256", "kid": f"{did}#0", **header}
    body = json.dumps({**payload, "issuer": {"id": did}}).encode()
    registry = jws.JWSRegistry(algorithms=["ES256"], strict_check_header=False)
    return jws.serialize_compact(header, body, key, registry=registry), did


@pytest.mark.parametrize(
    ("header", "extra", "message"),
    [
        ({"typ": "JWT"}, {}, "The JOSE header 'typ' is 'JWT'; a credential secured with JOSE has 'vc+jwt'"),
        ({"typ": "vc+jwt", "cty": "json"}, {}, "The JOSE header 'cty' is 'json'"),
        ({"typ": "vc+jwt"}, {"vc": {}}, "the JWT claim 'vc' must not be present"),
        ({"typ": "vc+jwt"}, {"vp": {}}, "the JWT claim 'vp' must not be present"),
        ({"typ": "vc+jwt"}, {"iss": "did:example:someone-else"}, "The JWT claim 'iss' ('did:example:someone-else') is not"),
        # exp and nbf bound the signature (VC-JOSE-COSE, section 3.1.2; RFC 7519, 4.1.4-5).
        ({"typ": "vc+jwt"}, {"exp": int(NOW.timestamp()) - HOUR}, "The JWT expired at "),
        ({"typ": "vc+jwt"}, {"nbf": int(NOW.timestamp()) + HOUR}, "The JWT is not valid before "),
        ({"typ": "vc+jwt"}, {"exp": "tomorrow"}, "The JWT claim 'exp' is not a NumericDate"),
        ({"typ": "vc+jwt"}, {"iat": True}, "The JWT claim 'iat' is not a NumericDate"),
    ],
)  # fmt: skip
def test_a_jose_token_breaking_the_form_s_rules_fails_the_proof_check(
    header, extra, message
):
    forged, _did = python_signed(header, {**CREDENTIAL, **extra})
    assert vc_jwt.token_form(forged) == vc_jwt.VC_JOSE
    _c, _k, proof = checks(forged, vc_jwt.VC_JOSE)
    assert proof.status == "failed" and message in proof.message, proof


def test_a_signature_by_the_right_curve_is_required_for_each_algorithm():
    """ES384 with a P-256 issuer key (and ES256 with P-384) fails, whoever signed it."""
    for alg, signing_curve, published in (
        ("ES384", ec.SECP384R1(), "P-256"),
        ("ES256", ec.SECP256R1(), "P-384"),
    ):
        issuer = ECKey.generate_key(published)
        did = did_jwk(issuer.as_dict(private=False))
        signer = ECKey.import_key(ec.generate_private_key(signing_curve))
        payload = json.dumps({**CREDENTIAL, "issuer": {"id": did}}).encode()
        forged = jws.serialize_compact(
            {"alg": alg, "typ": "vc+jwt", "kid": f"{did}#0"},
            payload,
            signer,
            algorithms=[alg],
        )
        _c, _k, proof = checks(forged, vc_jwt.VC_JOSE)
        assert proof.status == "failed"
        assert f"Key for '{alg}' not supported" in proof.message


def test_a_critical_header_extension_is_refused():
    issuer = ECKey.generate_key("P-256")
    did = did_jwk(issuer.as_dict(private=False))
    payload = json.dumps({**CREDENTIAL, "issuer": {"id": did}}).encode()
    from joserfc.jws import JWSRegistry

    forged = jws.serialize_compact(
        {"alg": "ES256", "typ": "vc+jwt", "kid": f"{did}#0", "crit": ["b64"], "b64": True},
        payload,
        issuer,
        algorithms=["ES256"],
        registry=JWSRegistry(strict_check_header=False),
    )  # fmt: skip
    _c, _k, proof = checks(forged, vc_jwt.VC_JOSE)
    assert proof.status == "failed" and "'crit'" in proof.message


def test_a_jose_token_within_its_exp_and_nbf_passes():
    now = int(NOW.timestamp())
    good, _did = python_signed(
        {"typ": "vc+jwt"},
        {**CREDENTIAL, "iat": now, "nbf": now - HOUR, "exp": now + HOUR},
    )
    credential, key, proof = checks(good, vc_jwt.VC_JOSE)
    assert (key.status, proof.status) == ("passed", "passed"), (key, proof)
    assert not {"iat", "nbf", "exp"} & set(credential)


def test_a_relative_kid_needs_an_iss_to_be_resolved_against():
    key = ECKey.generate_key("P-256")
    did = did_jwk(key.as_dict(private=False))
    without, _did = python_signed({"typ": "vc+jwt", "kid": "#0"}, CREDENTIAL, key)
    _c, checked_key, proof = checks(without, vc_jwt.VC_JOSE)
    assert checked_key.status == "failed" and proof.status == "skipped"
    assert "'#0' is relative and the token has no 'iss'" in checked_key.message
    with_iss, _did = python_signed(
        {"typ": "vc+jwt", "kid": "#0", "iss": did}, CREDENTIAL, key
    )
    _c, checked_key, proof = checks(with_iss, vc_jwt.VC_JOSE)
    assert (checked_key.status, proof.status) == ("passed", "passed")
    assert checked_key.message == f"{did}#0 is an assertion method of the issuer."
