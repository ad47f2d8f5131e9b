"""The verifier accepts credentials that other software made, and rejects their bad variants.

* OB 3.0 signed by Digital Bazaar's ``@digitalbazaar/vc`` (eddsa-rdfc-2022) and by
  ``jose`` (VC-JWT), each run with a fresh Ed25519 key and a ``did:key`` issuer
  (``tests/js/sign-external.mjs``); the status list is theirs too, hosted on a
  local server.
* OB 2.0 hosted and signed assertions served by another host on 127.0.0.1
  (``tests/obv/site.py``).

The fetch client reaches 127.0.0.1 only because these tests allow-list it.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from credentials import ob2
from credentials.hashing import hash_identity
from credentials.ob2.sign import sign_ob2
from credentials.ob3 import status_list
from tests.node import run_node
from verifier import inputs

SALT = "c0ffee"


def external_credential(status_url: str, *, valid_until: str | None = None) -> dict:
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:5b7e3b8e-7b6f-4bde-9d2a-c0a0f9e3a001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Forklift safety",
        "issuer": {"id": "replaced by the signer", "type": ["Profile"], "name": "Another Training Centre"},
        "validFrom": "2025-03-01T09:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
                            "identityHash": hash_identity("driver@example.org", SALT), "salt": SALT}],
            "achievement": {
                "id": "urn:uuid:5b7e3b8e-7b6f-4bde-9d2a-c0a0f9e3a002", "type": ["Achievement"],
                "name": "Forklift safety", "description": "Operates a counterbalance forklift safely.",
                "criteria": {"narrative": "Passed a practical test."}, "achievementType": "Certificate",
            },
        },
        "credentialStatus": {"id": f"{status_url}#94567", "type": "BitstringStatusListEntry",
                             "statusPurpose": "revocation", "statusListIndex": "94567", "statusListCredential": status_url},
    }  # fmt: skip
    if valid_until:
        credential["validUntil"] = valid_until
    return credential


def signed_elsewhere(site, *, revoked=(), valid_until=None) -> dict:
    cast, server, _signer = site
    status_url = f"{cast.base_url}/status/{len(server.documents)}"
    unsigned_list = status_list.status_list_credential(
        list_url=status_url,
        issuer_did="replaced",
        revoked_indexes=revoked,
        valid_from=datetime(2025, 1, 1, tzinfo=UTC),
    )
    out = run_node(
        "sign-external.mjs",
        {
            "credential": external_credential(status_url, valid_until=valid_until),
            "statusList": unsigned_list,
        },
    )
    server.put_json(status_url, out["statusList"])
    return out


def statuses(verdict) -> dict:
    return {c.name: c.status for c in verdict.checks}


def test_a_digital_bazaar_credential_verifies(site, allow_local, db):
    out = signed_elsewhere(site)
    verdict = inputs.verify_pasted(json.dumps(out["dataIntegrity"]))
    assert verdict.valid, verdict.checks
    assert (
        verdict.certified["name"] == "Forklift safety"
        and verdict.certified["issuer"] == "Another Training Centre"
    )
    assert inputs.recipient_matches(verdict, "driver@example.org") is True


def test_a_jose_vc_jwt_verifies(site, allow_local, db):
    out = signed_elsewhere(site)
    verdict = inputs.verify_pasted(out["jwt"])
    assert verdict.valid, verdict.checks
    assert verdict.proof_format == "vc-jwt"


def test_their_tampered_revoked_and_expired_variants_fail_the_right_check(
    site, allow_local, db
):
    out = signed_elsewhere(site)
    tampered = copy.deepcopy(out["dataIntegrity"])
    tampered["credentialSubject"]["achievement"]["name"] = "Crane operator"
    assert statuses(inputs.verify_pasted(json.dumps(tampered)))["proof"] == "failed"

    revoked = signed_elsewhere(site, revoked={94567})
    for form in (json.dumps(revoked["dataIntegrity"]), revoked["jwt"]):
        assert statuses(inputs.verify_pasted(form))["status"] == "failed"

    past = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    expired = signed_elsewhere(site, valid_until=past)
    assert (
        statuses(inputs.verify_pasted(json.dumps(expired["dataIntegrity"])))["validity"]
        == "failed"
    )


def test_a_status_list_that_cannot_be_fetched_fails_the_status_check(
    site, allow_local, db
):
    out = signed_elsewhere(site)
    _cast, server, _signer = site
    server.documents.pop(
        urlsplit(out["dataIntegrity"]["credentialStatus"]["statusListCredential"]).path
    )
    verdict = inputs.verify_pasted(json.dumps(out["dataIntegrity"]))
    assert (
        statuses(verdict)["status"] == "failed"
        and statuses(verdict)["proof"] == "passed"
    )


def test_an_ob2_assertion_hosted_elsewhere_verifies_by_url(site, allow_local, db):
    cast, _server, _signer = site
    verdict = inputs.verify_url(cast.hosted.id)
    assert verdict.valid, verdict.checks
    assert verdict.proof_format == "ob2-hosted"
    assert verdict.certified["issuer"] == cast.issuer.name


def test_an_ob2_signed_assertion_from_elsewhere_verifies(site, allow_local, db):
    cast, _server, signer = site
    jws = sign_ob2(
        ob2.assertion(cast.hosted, verification="signed", key_url=cast.key_url), signer
    )
    verdict = inputs.verify_pasted(jws)
    assert verdict.valid, verdict.checks
    assert verdict.proof_format == "ob2-signed"


def test_ob2_revoked_and_expired_assertions_from_elsewhere_fail_the_right_check(
    site, allow_local, db
):
    cast, _server, signer = site
    assert statuses(inputs.verify_url(cast.revoked.id))["status"] == "failed"
    assert statuses(inputs.verify_url(cast.expired.id))["validity"] == "failed"
    jws = sign_ob2(
        ob2.assertion(cast.revoked, verification="signed", key_url=cast.key_url), signer
    )
    assert statuses(inputs.verify_pasted(jws))["status"] == "failed"


def test_without_the_allow_list_the_local_host_is_refused(site, db):
    cast, _server, _signer = site
    verdict = inputs.verify_url(cast.hosted.id)
    assert verdict.valid is False
    assert "private or reserved address" in verdict.checks[0].message


def test_an_issuer_known_by_its_web_address_publishes_its_keys_there(
    site, allow_local, db
):
    """OB 3.0 issuers may be https URLs (as in 1EdTech's examples): their document is fetched."""
    from credentials import did as did_lib
    from credentials import keys, ob3

    cast, server, _signer = site
    issuer = f"{cast.base_url}/profiles/web-issuer"
    key = keys.generate_ed25519_key()
    kid = keys.key_id(key)
    server.put_json(
        issuer, did_lib.did_document(issuer, [(kid, key.public_key(), True)])
    )
    credential = external_credential("unused")
    del credential["credentialStatus"]
    credential["issuer"]["id"] = issuer
    signed = ob3.sign(
        credential,
        key,
        verification_method=did_lib.verification_method_id(issuer, kid),
        created=datetime(2025, 3, 1, 9, tzinfo=UTC),
        base_url=cast.base_url,
    )
    verdict = inputs.verify_pasted(json.dumps(signed))
    assert statuses(verdict)["issuer_key"] == "passed", verdict.checks
    assert verdict.valid
    # A key the issuer's document does not list is refused.
    forged = ob3.sign(
        credential,
        keys.generate_ed25519_key(),
        verification_method=did_lib.verification_method_id(issuer, kid),
        created=datetime(2025, 3, 1, 9, tzinfo=UTC),
        base_url=cast.base_url,
    )
    assert statuses(inputs.verify_pasted(json.dumps(forged)))["proof"] == "failed"
