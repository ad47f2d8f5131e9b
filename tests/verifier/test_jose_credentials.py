"""JWT-secured credentials that other software issues verify, and every forgery of them fails.

``tests/js/sign-jose.mjs`` signs with ``jose`` and fresh keys (one Node
process for this module): VC 2.0 credentials secured with JOSE (VC-JOSE-COSE,
section 3.1: the payload is the credential, ``typ: vc+jwt``) and OB 3.0
VC-JWTs (section 8.2: a ``vc`` claim), with EdDSA, ES256 and ES384, issued by
a did:key (Ed25519, P-256, P-384), a did:jwk or a did:web whose DID document
(JsonWebKey or Multikey methods) is served over HTTPS on 127.0.0.1
(``tests.https_site``). Each goes through the public verifier as a
visitor brings it: pasted, to ``POST /api/v1/verify``, and baked into a PNG
and an SVG. The forgeries are made from the real tokens.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from credentials import baking
from tests.https_site import https_site
from tests.node import run_node
from tests.verifier.test_verifier_external import external_credential
from verifier import inputs

FIXTURES = Path(__file__).resolve().parent.parent / "credentials" / "fixtures" / "ob2"
NAME = "Forklift safety"

# name: (form, alg, issuer's DID method, extra options for the signer)
CASES = {
    "jose-EdDSA-did:key": ("jose", "EdDSA", "key", {}),
    "jose-EdDSA-did:jwk": ("jose", "EdDSA", "jwk", {}),
    "jose-EdDSA-did:web": ("jose", "EdDSA", "web", {}),
    "jose-ES256-did:key": ("jose", "ES256", "key", {}),
    "jose-ES256-did:jwk": ("jose", "ES256", "jwk", {}),
    "jose-ES256-did:web": ("jose", "ES256", "web", {}),
    "jose-ES384-did:key": ("jose", "ES384", "key", {}),
    "jose-ES384-did:jwk": ("jose", "ES384", "jwk", {}),
    "jose-ES384-did:web": ("jose", "ES384", "web", {}),
    "jose-ES256-did:web-Multikey": ("jose", "ES256", "web", {"multikey": True}),
    "jose-ES384-did:web-Multikey": ("jose", "ES384", "web", {"multikey": True}),
    "jose-EdDSA-did:web-Multikey": ("jose", "EdDSA", "web", {"multikey": True}),
    # The drafts' typ, iss in the header and the payload, a kid relative to the DID.
    "jose-ES256-did:jwk-vc+ld+jwt": (
        "jose", "ES256", "jwk",
        {"typ": "vc+ld+jwt", "issHeader": True, "issClaim": True, "relativeKid": True},
    ),
    "vc-jwt-ES256-did:key": ("vc-jwt", "ES256", "key", {}),
    "vc-jwt-ES256-did:jwk": ("vc-jwt", "ES256", "jwk", {}),
    "vc-jwt-ES256-did:web": ("vc-jwt", "ES256", "web", {}),
    "vc-jwt-ES384-did:jwk": ("vc-jwt", "ES384", "jwk", {}),
    "vc-jwt-EdDSA-did:jwk": ("vc-jwt", "EdDSA", "jwk", {}),
}  # fmt: skip
PROOF_FORMAT = {"jose": "vc-jose", "vc-jwt": "vc-jwt"}


def credential() -> dict:
    """Another training centre's credential (that of test_verifier_external), without status."""
    unsigned = external_credential("https://unused.example/status")
    del unsigned["credentialStatus"]
    return unsigned


@pytest.fixture(scope="module")
def signed():
    """Serve the did:web document over HTTPS and sign every case in one Node run."""
    with https_site() as (base_url, site):
        web_did = "did:web:" + base_url.removeprefix("https://").replace(":", "%3A")
        out = run_node(
            "sign-jose.mjs",
            {
                "credential": credential(),
                "webDid": web_did,
                "cases": [
                    {"name": name, "form": form, "alg": alg, "did": did, **extra}
                    for name, (form, alg, did, extra) in CASES.items()
                ],
            },
        )
        site.put_json(f"{base_url}/.well-known/did.json", out["webDocument"])
        yield out["cases"]


@pytest.fixture
def api_client():
    return APIClient()


def statuses(verdict) -> dict:
    return {c.name: c.status for c in verdict.checks}


def messages(verdict) -> dict:
    return {c.name: c.message for c in verdict.checks}


def api(client, **data) -> dict:
    response = client.post("/api/v1/verify", data)
    assert response.status_code == 200, response.content
    return response.json()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def payload_changed(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(_unb64(payload))
    credential_ = claims.get("vc", claims)
    credential_["credentialSubject"]["achievement"]["name"] = "Crane operator"
    return ".".join([header, _b64(json.dumps(claims).encode()), signature])


def signature_changed(token: str) -> str:
    header, payload, signature = token.split(".")
    raw = bytearray(_unb64(signature))
    raw[len(raw) // 2] ^= 0x01
    return ".".join([header, payload, _b64(bytes(raw))])


def with_header(token: str, **changes) -> tuple[dict, str]:
    header = {**json.loads(_unb64(token.split(".")[0])), **changes}
    return header, _b64(json.dumps(header).encode())


def alg_none(token: str) -> str:
    _header, encoded = with_header(token, alg="none")
    return f"{encoded}.{token.split('.')[1]}."


def hs256_with_the_public_key(token: str, public_key: bytes) -> str:
    """The classic key-confusion forgery: HMAC with the issuer's public key as the secret."""
    _header, encoded = with_header(token, alg="HS256")
    signing_input = f"{encoded}.{token.split('.')[1]}".encode()
    mac = hmac.new(public_key, signing_input, hashlib.sha256).digest()
    return f"{signing_input.decode()}.{_b64(mac)}"


def public_key_of(case: dict) -> bytes:
    """The bytes of the issuer's public JWK, as a forger would take them from its DID."""
    did = case["did"]
    if did.startswith("did:jwk:"):
        return _unb64(did.removeprefix("did:jwk:"))
    return case["kid"].encode()


def forgeries(name: str, case: dict) -> dict[str, tuple[str, str, str]]:
    """Return forgery name -> (token, the check that must fail, a part of its message)."""
    form = CASES[name][0]
    bad_signature = "The JWT signature does not match the key."
    iss_message = (
        "The JWT header 'iss'"
        if form == "jose"
        else "The JWT claim 'iss' does not match the credential's issuer."
    )
    return {
        "payload changed": (payload_changed(case["token"]), "proof", bad_signature),
        "signature changed": (signature_changed(case["token"]), "proof", bad_signature),
        "signed by another key": (case["signedByAnother"], "proof", bad_signature),
        "kid of another DID": (
            case["kidOfAnother"], "issuer_key", f"does not belong to the issuer {case['did']}"
        ),
        "iss disagrees with issuer": (case["issDisagrees"], "proof", iss_message),
        "alg none": (alg_none(case["token"]), "proof", "The JWT algorithm 'none' is not allowed."),
        "HS256 with the public key": (
            hs256_with_the_public_key(case["token"], public_key_of(case)),
            "proof", "The JWT algorithm 'HS256' is not allowed.",
        ),
    }  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_each_credential_verifies_pasted_and_through_the_api(
    name, signed, allow_local, api_client, db
):
    case, (form, alg, _did, _extra) = signed[name], CASES[name]
    verdict = inputs.verify_pasted(case["token"])
    assert verdict.valid, verdict.checks
    assert verdict.version == "Open Badges 3.0"
    assert verdict.proof_format == PROOF_FORMAT[form]
    assert verdict.certified["name"] == NAME
    assert verdict.certified["issuer"] == "Another Training Centre"
    assert inputs.recipient_matches(verdict, "driver@example.org") is True
    kid = case["kid"] if case["kid"].startswith("did:") else case["did"] + case["kid"]
    assert (
        messages(verdict)["issuer_key"]
        == f"{kid} is an assertion method of the issuer."
    )
    if form == "jose":
        assert alg in messages(verdict)["proof"]
        # The JWT's own claims are not properties of the credential.
        assert "iss" not in verdict.credential and "iat" not in verdict.credential

    result = api(api_client, text=case["token"])
    assert result["valid"] is True, result["checks"]
    assert result["format"] == PROOF_FORMAT[form]


@pytest.mark.parametrize("name", CASES)
def test_each_credential_baked_into_a_png_and_an_svg_verifies(
    name, signed, allow_local, api_client, db
):
    token = signed[name]["token"]
    png = baking.bake_png(
        (FIXTURES / "badge.png").read_bytes(), token, keyword=baking.OB3_PNG_KEYWORD
    )
    svg = baking.bake_svg_credential((FIXTURES / "badge.svg").read_bytes(), token)
    for image, source in ((png, "png"), (svg, "svg")):
        verdict = inputs.verify_file(image)
        assert verdict.valid, (source, verdict.checks)
        assert verdict.source == source
        assert verdict.proof_format == PROOF_FORMAT[CASES[name][0]]
    result = api(api_client, file=_upload(png))
    assert result["valid"] is True, result["checks"]


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("badge.png", data, content_type="image/png")


@pytest.mark.parametrize("name", CASES)
def test_every_forgery_fails_its_check_with_a_precise_message(
    name, signed, allow_local, api_client, db
):
    form = CASES[name][0]
    for forgery, (token, check, message) in forgeries(name, signed[name]).items():
        verdict = inputs.verify_pasted(token)
        assert not verdict.valid, forgery
        # Still read as the OB 3.0 credential it pretends to be, never as OB 2.0.
        assert verdict.version == "Open Badges 3.0", forgery
        assert verdict.proof_format == PROOF_FORMAT[form], forgery
        assert statuses(verdict)[check] == "failed", (forgery, verdict.checks)
        assert message in messages(verdict)[check], (forgery, verdict.checks)
        if check == "proof":
            assert statuses(verdict)["issuer_key"] != "failed", (
                forgery,
                verdict.checks,
            )
        result = api(api_client, text=token)
        assert result["valid"] is False and result["format"] == PROOF_FORMAT[form]


def test_a_did_jwk_issuer_with_a_private_key_or_a_broken_key_is_refused(
    signed, allow_local, db
):
    token = signed["jose-ES256-did:jwk"]["token"]
    public = json.loads(
        _unb64(signed["jose-ES256-did:jwk"]["did"].removeprefix("did:jwk:"))
    )
    issuers = {
        "private": (
            {**public, "d": _b64(b"\x01" * 32)},
            "The did:jwk holds a private key ('d')",
        ),
        "symmetric": (
            {"kty": "oct", "k": _b64(b"secret")},
            "holds private or symmetric key material",
        ),
        "off its curve": ({**public, "y": public["x"]}, "is not a valid public key"),
        "another curve": (
            {**public, "crv": "P-521"},
            "only P-256 and P-384 are accepted",
        ),
    }
    for label, (jwk, message) in issuers.items():
        did = "did:jwk:" + _b64(json.dumps(jwk).encode())
        _header, payload, signature = token.split(".")
        _fields, header = with_header(token, kid=f"{did}#0")
        claims = json.loads(_unb64(payload))
        claims["issuer"]["id"] = did
        forged = ".".join([header, _b64(json.dumps(claims).encode()), signature])
        verdict = inputs.verify_pasted(forged)
        assert statuses(verdict)["issuer_key"] == "failed", (label, verdict.checks)
        assert message in messages(verdict)["issuer_key"], (label, verdict.checks)
        assert statuses(verdict)["proof"] == "skipped"
    _fields, header = with_header(token, kid="did:jwk:not*base64#0")
    claims = {**json.loads(_unb64(token.split(".")[1])), "issuer": "did:jwk:not*base64"}
    broken = ".".join([header, _b64(json.dumps(claims).encode()), "c2ln"])
    verdict = inputs.verify_pasted(broken)
    assert "base64url (without padding) of a JWK" in messages(verdict)["issuer_key"]
