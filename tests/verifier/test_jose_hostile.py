"""Hostile JWTs that look like credentials secured with JOSE get a failed check, never an error.

Headers and payloads of every wrong JSON type, pasted and sent to
``POST /api/v1/verify``: each answer is a report (HTTP 200) read as OB 3.0,
with the check that failed saying why.
"""

from __future__ import annotations

import base64
import json

import pytest
from rest_framework.test import APIClient

from verifier import inputs

ISSUER = "did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJFZDI1NTE5IiwieCI6IjExcVlBWUt4Q3JmVlNfN1R5V1FIT2c3aGN2UGFwaU1scndJYWFQY0hVUm8ifQ"
CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": ISSUER},
}  # fmt: skip
HEADER = {"alg": "EdDSA", "typ": "vc+jwt", "kid": f"{ISSUER}#0"}
BAD_SIGNATURE = "The JWT signature does not match the key."


def b64(value) -> str:
    data = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def token(header: dict, payload, signature: str = "c2ln") -> str:
    return f"{b64(header)}.{b64(payload)}.{signature}"


HOSTILE = {
    "typ is a list": (token({**HEADER, "typ": ["vc+jwt"]}, CREDENTIAL), "proof", "'typ' is ['vc+jwt']; a credential secured with JOSE has 'vc+jwt' (VC-JOSE-COSE, section 3.1.1)."),
    "cty is an object": (token({**HEADER, "cty": {"a": 1}}, CREDENTIAL), "proof", "'cty' is {'a': 1}"),
    "kid is a list": (token({**HEADER, "kid": [1]}, CREDENTIAL), "proof", "'kid' is not a string"),
    "alg is a list": (token({**HEADER, "alg": ["EdDSA"]}, CREDENTIAL), "proof", "is not allowed"),
    "crit": (token({**HEADER, "crit": ["exp"]}, CREDENTIAL), "proof", "'crit'"),
    "iss is an object": (token({**HEADER, "iss": {"id": ISSUER}}, CREDENTIAL), "proof", BAD_SIGNATURE),
    "no kid, no jwk": (token({"alg": "EdDSA", "typ": "vc+jwt"}, CREDENTIAL), "proof", "neither 'kid' nor 'jwk'"),
    "issuer is a list": (token(HEADER, {**CREDENTIAL, "issuer": [ISSUER]}), "issuer_key", "no issuer id"),
    "issuer is a number": (token(HEADER, {**CREDENTIAL, "issuer": 7}), "issuer_key", "no issuer id"),
    "context is an object": (
        token(HEADER, {**CREDENTIAL, "@context": {"@vocab": "x"}, "type": "VerifiableCredential"}),
        "proof", BAD_SIGNATURE,
    ),
    "header is not JSON": (f"{b64(b'not json')}.{b64(CREDENTIAL)}.c2ln", "proof", "not a compact JWS"),
    "header is a list": (f"{b64([1, 2])}.{b64(CREDENTIAL)}.c2ln", "proof", "not a compact JWS"),
    "empty signature": (token(HEADER, CREDENTIAL, ""), "proof", BAD_SIGNATURE),
    "a huge exp": (token(HEADER, {**CREDENTIAL, "exp": 1e308}), "proof", BAD_SIGNATURE),
}  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_jose_token_fails_a_check_and_never_errors(name, db):
    text, check, message = HOSTILE[name]
    verdict = inputs.verify_pasted(text)
    assert verdict.version == "Open Badges 3.0", verdict.checks
    assert verdict.proof_format == "vc-jose"
    assert not verdict.valid
    failed = verdict.check(check)
    assert failed.status == "failed", verdict.checks
    assert message in failed.message, verdict.checks
    response = APIClient().post("/api/v1/verify", {"text": text})
    assert response.status_code == 200, response.content
    assert response.json()["valid"] is False
