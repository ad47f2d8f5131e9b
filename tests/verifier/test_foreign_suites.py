"""Data Integrity credentials that other software signs in the field's suites verify; forgeries fail.

``tests/js/sign-suites.mjs`` signs, with fresh keys each run (one Node
process for this module), OB 3.0 credentials on VC Data Model 1.1 and 2.0
with Digital Bazaar's ``@digitalbazaar/ed25519-signature-2020``
(Ed25519VerificationKey2020 keys), ``@digitalbazaar/ecdsa-rdfc-2019-cryptosuite``
(``@digitalbazaar/ecdsa-multikey`` P-256 and P-384 keys) and
``@digitalbazaar/eddsa-jcs-2022-cryptosuite``, issued by a did:key or by a
did:web whose DID document is served over HTTPS on 127.0.0.1
(``tests.https_site``), and proof sets signed by two of them. Each goes
through the public verifier as a visitor pastes it, and some through
``POST /api/v1/verify``; its forgeries (a changed name, a changed
proofValue, the key of another DID) fail the check that names the fault.
"""

from __future__ import annotations

import copy
import itertools
import json

import pytest
from rest_framework.test import APIClient

from credentials._multikey import decode_multibase_base58btc, multibase_base58btc
from credentials.hashing import hash_identity
from tests.https_site import https_site
from tests.node import run_node
from verifier import inputs

SALT = "9e11"
NAME = "Rope access, level 1"
SIGNERS = {
    "ed25519-2020": "Ed25519Signature2020",
    "ecdsa-p256": "ecdsa-rdfc-2019",
    "ecdsa-p384": "ecdsa-rdfc-2019",
    "eddsa-jcs": "eddsa-jcs-2022",
}
MODELS = ("vc1.1", "vc2.0")
DIDS = ("key", "web")
# name -> (signer, data model, issuer's DID method)
CASES = {
    f"{signer} {model} did:{did}": (signer, model, did)
    for signer, model, did in itertools.product(SIGNERS, MODELS, DIDS)
}
# name -> (issuer's signer, co-signer, data model, issuer's DID method)
SETS = {
    "set ecdsa-p256 + ed25519-2020 vc2.0 did:key": ("ecdsa-p256", "ed25519-2020", "vc2.0", "key"),
    "set ed25519-2020 + eddsa-jcs vc1.1 did:web": ("ed25519-2020", "eddsa-jcs", "vc1.1", "web"),
    "set eddsa-jcs + ecdsa-p384 vc2.0 did:web": ("eddsa-jcs", "ecdsa-p384", "vc2.0", "web"),
}  # fmt: skip


def credential(model: str) -> dict:
    vc = (
        "https://www.w3.org/2018/credentials/v1"
        if model == "vc1.1"
        else "https://www.w3.org/ns/credentials/v2"
    )
    dated = (
        {"issuanceDate": "2025-04-01T08:00:00Z"}
        if model == "vc1.1"
        else {"validFrom": "2025-04-01T08:00:00Z"}
    )
    return {
        "@context": [vc, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:7d4c1b8e-2f9a-4c3e-9b51-0a6e2f3d4c01",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": NAME,
        "issuer": {"id": "replaced by the signer", "type": ["Profile"], "name": "North Sea Rope Access"},
        **dated,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
                            "identityHash": hash_identity("climber@example.org", SALT), "salt": SALT}],
            "achievement": {
                "id": "urn:uuid:7d4c1b8e-2f9a-4c3e-9b51-0a6e2f3d4c02", "type": ["Achievement"],
                "name": NAME, "description": "Works at height on ropes under supervision.",
                "criteria": {"narrative": "Passed a practical assessment on a rope rig."},
            },
        },
    }  # fmt: skip


@pytest.fixture(scope="module")
def signed():
    """Serve the did:web document over HTTPS and sign every case in one Node run."""
    with https_site() as (base_url, site):
        web_did = "did:web:" + base_url.removeprefix("https://").replace(":", "%3A")
        out = run_node(
            "sign-suites.mjs",
            {
                "credentials": {model: credential(model) for model in MODELS},
                "webDid": web_did,
                "cases": [
                    {"name": name, "signer": signer, "model": model, "did": did}
                    for name, (signer, model, did) in CASES.items()
                ],
                "sets": [
                    {
                        "name": name,
                        "model": model,
                        "did": did,
                        "signers": [first, second],
                    }
                    for name, (first, second, model, did) in SETS.items()
                ],
            },
        )
        site.put_json(f"{base_url}/.well-known/did.json", out["webDocument"])
        yield out


def statuses(verdict) -> dict:
    return {c.name: c.status for c in verdict.checks}


def messages(verdict) -> dict:
    return {c.name: c.message for c in verdict.checks}


def pasted(document: dict):
    return inputs.verify_pasted(json.dumps(document))


def proofs_of(document: dict) -> list[dict]:
    proof = document["proof"]
    return proof if isinstance(proof, list) else [proof]


def name_changed(document: dict) -> dict:
    changed = copy.deepcopy(document)
    changed["credentialSubject"]["achievement"]["name"] = "Rope access, level 3"
    return changed


def proof_value_changed(document: dict, index: int = 0) -> dict:
    changed = copy.deepcopy(document)
    proof = proofs_of(changed)[index]
    raw = bytearray(decode_multibase_base58btc(proof["proofValue"]))
    raw[len(raw) // 2] ^= 0x01
    proof["proofValue"] = multibase_base58btc(bytes(raw))
    return changed


def key_of_another_did(document: dict, out: dict, signer: str) -> dict:
    """The issuer's proof names the did:key of another signer of this run."""
    other = next(name for name in SIGNERS if name != signer)
    did = out["dids"][other]
    changed = copy.deepcopy(document)
    proofs_of(changed)[0]["verificationMethod"] = (
        f"{did}#{did.removeprefix('did:key:')}"
    )
    return changed


@pytest.mark.parametrize("name", CASES)
def test_each_credential_verifies_pasted(name, signed, allow_local, db):
    signer, model, did = CASES[name]
    document = signed["cases"][name]
    verdict = pasted(document)
    assert verdict.valid, verdict.checks
    assert verdict.proof_format == "data-integrity"
    assert verdict.certified["name"] == NAME
    assert inputs.recipient_matches(verdict, "climber@example.org") is True
    assert messages(verdict)["proof"] == (
        f"The {SIGNERS[signer]} Data Integrity proof is valid."
    )
    method = proofs_of(document)[0]["verificationMethod"]
    assert method.startswith(f"did:{did}:")
    assert (
        messages(verdict)["issuer_key"]
        == f"{method} is an assertion method of the issuer."
    )
    if model == "vc1.1":
        assert "VC Data Model 1.1" in messages(verdict)["format"]


@pytest.mark.parametrize("name", CASES)
def test_each_forgery_fails_the_check_that_names_it(name, signed, allow_local, db):
    signer, _model, _did = CASES[name]
    document = signed["cases"][name]
    for forged in (name_changed(document), proof_value_changed(document)):
        verdict = pasted(forged)
        assert statuses(verdict)["proof"] == "failed", verdict.checks
        assert "does not match" in messages(verdict)["proof"]
        assert statuses(verdict)["issuer_key"] == "passed"
    verdict = pasted(key_of_another_did(document, signed, signer))
    assert statuses(verdict)["issuer_key"] == "failed", verdict.checks
    assert "does not belong to the issuer" in messages(verdict)["issuer_key"]
    assert verdict.valid is False


@pytest.mark.parametrize("name", SETS)
def test_a_proof_set_of_two_signers_verifies(name, signed, allow_local, db):
    first, second, _model, _did = SETS[name]
    document = signed["cases"][name]
    assert len(proofs_of(document)) == 2
    verdict = pasted(document)
    assert verdict.valid, verdict.checks
    suites = ", ".join(dict.fromkeys([SIGNERS[first], SIGNERS[second]]))
    assert messages(verdict)["proof"] == (
        f"All 2 Data Integrity proofs ({suites}) are valid; 1 of them by the issuer's key."
    )


@pytest.mark.parametrize("name", SETS)
def test_any_forged_proof_of_a_set_fails_it(name, signed, allow_local, db):
    first, _second, _model, _did = SETS[name]
    document = signed["cases"][name]
    forgeries = [name_changed(document)]
    forgeries += [proof_value_changed(document, index) for index in (0, 1)]
    forgeries.append(key_of_another_did(document, signed, first))
    issuer_method = proofs_of(document)[0]["verificationMethod"]
    for forged in forgeries:
        verdict = pasted(forged)
        assert statuses(verdict)["proof"] == "failed", verdict.checks
        assert verdict.valid is False
        if statuses(verdict)["issuer_key"] == "passed":
            # Only the issuer's own key is ever called the issuer's.
            assert messages(verdict)["issuer_key"] == (
                f"{issuer_method} is an assertion method of the issuer."
            )


def test_a_set_without_a_proof_by_the_issuer_fails_the_issuer_key(
    signed, allow_local, db
):
    """Only the co-signer's proof is left: valid, but not the issuer's."""
    document = copy.deepcopy(
        signed["cases"]["set ecdsa-p256 + ed25519-2020 vc2.0 did:key"]
    )
    document["proof"] = [document["proof"][1], document["proof"][1]]
    verdict = pasted(document)
    assert statuses(verdict)["issuer_key"] == "failed", verdict.checks
    assert (
        "None of the 2 proofs is by an assertion method of the issuer"
        in (messages(verdict)["issuer_key"])
    )
    assert statuses(verdict)["proof"] == "failed"


@pytest.mark.parametrize(
    "name",
    ["ed25519-2020 vc1.1 did:web", "ecdsa-p384 vc2.0 did:key", "eddsa-jcs vc2.0 did:web",
     "set ecdsa-p256 + ed25519-2020 vc2.0 did:key"],
)  # fmt: skip
def test_the_api_answers_the_same(name, signed, allow_local, db):
    client = APIClient()
    document = signed["cases"][name]
    response = client.post("/api/v1/verify", {"text": json.dumps(document)})
    assert response.status_code == 200, response.content
    assert response.json()["valid"] is True, response.json()["checks"]
    response = client.post(
        "/api/v1/verify", {"text": json.dumps(name_changed(document))}
    )
    assert response.json()["valid"] is False
