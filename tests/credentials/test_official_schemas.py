"""What Insignia issues passes 1EdTech's official AchievementCredential schemas.

JSON-LD credentials are checked with the JSON-LD adaptation of the schema,
the ``vc`` claim of VC-JWTs with the formal 2024-09 schema (``proof``, when
present, must be an array there, so the claim carries none).
"""

import base64
import json

from fixtures.ob3 import facts
from fixtures.schemas import official


def vc_claim(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))[
        "vc"
    ]


def test_the_signed_json_ld_credential_passes_the_json_ld_schema():
    assert official.json_ld_errors(facts.fixture("credential.signed.json")) == []


def test_the_vc_jwt_vc_claim_passes_the_formal_schema():
    assert official.formal_errors(vc_claim(facts.fixture("credential.jwt"))) == []


def test_the_vc_claim_of_tokens_issued_before_failed_the_formal_schema():
    """Issue 18: the embedded proof was a single object, and the formal schema wants an array."""
    errors = official.formal_errors(vc_claim(facts.fixture("credential-2025.jwt")))
    assert len(errors) == 1 and errors[0].startswith("$.proof: ")
