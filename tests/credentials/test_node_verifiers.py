"""Independent verifiers accept what Insignia issues.

Digital Bazaar's ``@digitalbazaar/vc`` checks the Data Integrity proofs and
``jose`` the VC-JWTs.

The Node scripts live in ``tests/js`` and run with the exact package versions
of ``tests/js/package-lock.json`` (``make test`` installs them). They load
published contexts from their own npm packages, never from Insignia.
"""

import base64
import json

import pytest
from fixtures.ob3 import facts

from credentials import did, ob3
from credentials._eu_extension import extension_context, extension_context_url
from credentials.ob3 import status_list
from tests.node import run_node

NOW = "2025-06-01T12:00:00Z"


@pytest.fixture(scope="module")
def issuer():
    (key_id, key), *_ = facts.issuer_keys(1)
    method = did.verification_method_id(facts.ISSUER_DID, key_id)

    def sign(document):
        return ob3.sign(
            document,
            key,
            verification_method=method,
            created=facts.ISSUED_ON,
            base_url=facts.BASE_URL,
        )

    return {
        "key_id": key_id,
        "key": key,
        "sign": sign,
        "did_document": did.did_document(
            facts.ISSUER_DID, [(key_id, key.public_key(), True)]
        ),
        "jwks": did.jwks([(key_id, key.public_key(), True)], did=facts.ISSUER_DID),
    }


def documents(issuer, revoked=()):
    status = issuer["sign"](
        status_list.status_list_credential(
            list_url=facts.STATUS_LIST_URL,
            issuer_did=facts.ISSUER_DID,
            revoked_indexes=revoked,
            valid_from=facts.ISSUED_ON,
        )
    )
    return {
        facts.ISSUER_DID: issuer["did_document"],
        extension_context_url(facts.BASE_URL): extension_context(facts.BASE_URL),
        facts.STATUS_LIST_URL: status,
    }


def verify_di(issuer, credential, revoked=()):
    return run_node(
        "verify-di.mjs",
        {"credential": credential, "documents": documents(issuer, revoked), "now": NOW},
    )


def test_digital_bazaar_vc_verifies_our_data_integrity_credential(issuer):
    credential = issuer["sign"](facts.unsigned_credential())
    assert verify_di(issuer, credential) == {"verified": True, "errors": []}


def test_digital_bazaar_vc_verifies_a_minimal_credential_with_a_learner_did(issuer):
    credential = issuer["sign"](
        facts.unsigned_credential(
            subject_did="did:key:z6MkcarolZ", status=None, expires=None, result=None
        )
    )
    assert verify_di(issuer, credential)["verified"] is True


def test_digital_bazaar_vc_rejects_a_tampered_credential(issuer):
    credential = issuer["sign"](facts.unsigned_credential())
    credential["credentialSubject"]["achievement"]["euMicroCredential"]["eqfLevel"] = 8
    result = verify_di(issuer, credential)
    assert result["verified"] is False
    assert any("Invalid signature" in e for e in result["errors"]), result


def test_digital_bazaar_vc_sees_our_revocation_bit(issuer):
    credential = issuer["sign"](facts.unsigned_credential())
    result = verify_di(issuer, credential, revoked={94567})
    assert result["verified"] is False
    assert any("revoked" in e for e in result["errors"]), result


def test_jose_verifies_our_vc_jwt_against_the_jwks(issuer):
    credential = issuer["sign"](facts.unsigned_credential())
    token = ob3.encode_jwt(
        credential,
        issuer["key"],
        kid=did.jwk_method_id(facts.ISSUER_DID, issuer["key_id"]),
    )
    result = run_node(
        "verify-jwt.mjs", {"jwt": token, "jwks": issuer["jwks"], "now": NOW}
    )
    assert result["verified"] is True, result
    assert result["header"] == {
        "alg": "EdDSA",
        "kid": facts.ISSUER_DID + "#key-1-jwk",
        "typ": "JWT",
    }
    assert result["payload"]["vc"] == {
        k: v for k, v in credential.items() if k != "proof"
    }


def test_jose_rejects_a_tampered_vc_jwt(issuer):
    token = ob3.encode_jwt(
        facts.unsigned_credential(), issuer["key"], kid=facts.ISSUER_DID + "#key-1-jwk"
    )
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["vc"]["name"] = "Master Welder"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    result = run_node(
        "verify-jwt.mjs",
        {"jwt": f"{header}.{forged}.{signature}", "jwks": issuer["jwks"], "now": NOW},
    )
    assert result["verified"] is False
    assert any("signature verification failed" in e for e in result["errors"]), result
