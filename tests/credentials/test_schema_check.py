"""The schema check: 1EdTech's official OB 3.0 schemas, Insignia's few extra rules, hostile input.

The inputs of 1EdTech's own validator test suite (``fixtures/1edtech-validator/ob30``)
go through ``check_schema`` alone: their proofs and keys are other checks' work.
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path

import pytest
from fixtures.ob3 import facts

from credentials.ob3._checks import Failed
from credentials.ob3._schema import check_schema, schema_errors
from credentials.ob3.verification import verify

VALIDATOR = Path(__file__).parent / "fixtures" / "1edtech-validator" / "ob30"


def vector(name: str) -> dict:
    return json.loads((VALIDATOR / name).read_text(encoding="utf-8"))


def failure(credential, proof_format="data-integrity") -> str:
    with pytest.raises(Failed) as caught:
        check_schema(credential, proof_format)
    return str(caught.value)


@pytest.mark.parametrize(
    "name",
    ["simple.json", "complete.json", "simple_v1.json", "endorsement-valid.json"],
)
def test_the_validators_valid_inputs_meet_the_official_schema(name):
    assert schema_errors(vector(name)) == []
    assert "official OB 3.0" in check_schema(vector(name))


def test_a_vc11_credential_meets_the_vc11_form_of_the_schema():
    message = check_schema(vector("simple_v1.json"))
    assert message == (
        "The credential meets the official OB 3.0 AchievementCredential schema "
        "(JSON-LD adaptation) in its VC Data Model 1.1 form and Insignia's extra rules."
    )
    without_date = vector("simple_v1.json")
    del without_date["issuanceDate"]
    assert schema_errors(without_date) == [
        "(root): 'issuanceDate' is a required property"
    ]


def test_complete_v1_breaks_the_schema_where_it_really_does():
    """Its endorsements have no id and its identityType 'email' is not in the vocabulary."""
    errors = schema_errors(vector("complete_v1.json"))
    assert "endorsement[0]: 'id' is a required property" in errors
    assert (
        "credentialSubject.identifier[0].identityType: 'email' is not valid "
        "under any of the given schemas"
    ) in errors


# Each simple-err input with a schema or type error, and the property it names.
SCHEMA_ERRORS = {
    "simple-err-context.json": "@context[0]: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json' is not one of ['https://www.w3.org/ns/credentials/v2']",
    "simple-err-credential-subject-achievement-result-description-type.json": "Insignia's extra rule “a single type names its class”: credentialSubject.achievement.resultDescription[2].type: 'InvalidResultDescription' is not one of ['ResultDescription']",
    "simple-err-credential-subject-identifier-type.json": "credentialSubject.identifier[0].type: 'InvalidIdentityObject' is not one of ['IdentityObject']",
    "simple-err-credential-subject-profile-type.json": "Insignia's extra rule “a single type names its class”: credentialSubject.source.type: 'InvalidProfile' is not one of ['Profile']",
    "simple-err-credential-subject-result-type.json": "credentialSubject.result[1].type: ['InvalidResult'] contains none of 'Result'",
    "simple-err-credential-subject-type.json": "credentialSubject.type: ['InvalidAchievementSubject'] contains none of 'AchievementSubject'",
    "simple-err-evidence-type.json": "Insignia's extra rule “a single type names its class”: evidence[1].type: 'InvalidEvidence' is not one of ['Evidence']",
    "simple-err-issuer-otheridentifier-type.json": "issuer.otherIdentifier[1].type: 'InvalidIdentifierEntry' is not one of ['IdentifierEntry']",
    "simple-err-issuer-parentorg-type.json": "issuer.parentOrg.type: ['InvalidProfile'] contains none of 'Profile'",
    "simple-err-issuer-type.json": "issuer: {'id': 'https://example.com/issuers/876543', 'name': 'Example Corp', 'type': ['InvalidProfile']} is not valid under any of the given schemas",
    "simple-err-issuer.json": "(root): 'issuer' is a required property",
    "simple-err-type.json": "type: ['VerifiableCredential', 'OtherCredential'] contains none of 'AchievementCredential', 'OpenBadgeCredential'",
}


@pytest.mark.parametrize("name", sorted(SCHEMA_ERRORS))
def test_the_validators_schema_error_inputs_fail_naming_the_property(name):
    assert SCHEMA_ERRORS[name] in schema_errors(vector(name))
    assert SCHEMA_ERRORS[name] in failure(vector(name))


def test_every_simple_err_input_with_a_schema_error_is_listed():
    """The others are about dates, proofs or keys: the schema check passes them."""
    others = {
        "simple-err-expired.json",
        "simple-err-issued.json",  # a date error, whose file also lacks an achievement
        "simple-err-proof-method-no-scheme.json",
        "simple-err-proof-method-unknown-did-method.json",
        "simple-err-proof-method-unknown-scheme.json",
        "simple-err-proof-method.json",
        "simple-err-proof-value.json",
    }
    names = {p.name for p in VALIDATOR.glob("simple-err-*.json")}
    assert names == set(SCHEMA_ERRORS) | others
    for name in others - {"simple-err-issued.json"}:
        assert schema_errors(vector(name)) == [], name


def test_a_failure_says_which_schema_failed():
    credential = facts.unsigned_credential()
    del credential["credentialSubject"]["achievement"]["criteria"]
    assert failure(credential) == (
        "The official OB 3.0 AchievementCredential schema (JSON-LD adaptation) "
        "is not met: credentialSubject.achievement: 'criteria' is a required property."
    )
    assert failure(credential, "vc-jwt").startswith(
        "The official OB 3.0 AchievementCredential schema (formal, 2024-09) is not met:"
    )


def test_a_failed_extra_rule_is_named():
    credential = facts.unsigned_credential()
    del credential["credentialSubject"]["identifier"]
    credential["issuer"]["url"] = "rvt.example.lv"
    assert failure(credential) == (
        "Insignia's extra rule “an AchievementSubject has an id or an identifier”: "
        "credentialSubject: 'identifier' is a required property; "
        "Insignia's extra rule “identifiers are URIs”: "
        "issuer.url: 'rvt.example.lv' is not a 'uri'."
    )


def test_dates_are_checked_as_rfc3339():
    for bad in (
        "yesterday",
        "2025-03-01T09:00:00",
        "2025-02-30T09:00:00Z",
        "2025-03-01",
    ):
        credential = facts.unsigned_credential()
        credential["validFrom"] = bad
        assert schema_errors(credential) == [f"validFrom: {bad!r} is not a 'date-time'"]
    credential["validFrom"] = "2016-12-31T23:59:60Z"  # a leap second
    assert schema_errors(credential) == []


def test_a_jwt_payload_with_a_single_proof_passes_with_a_note():
    """1EdTech's validator warns, not fails, when only the formal schema complains."""
    claim = facts.unsigned_credential()
    claim["proof"] = {"type": "DataIntegrityProof"}
    message = check_schema(claim, "vc-jwt")
    assert message.startswith(
        "The credential meets the official OB 3.0 AchievementCredential schema "
        "(JSON-LD adaptation) and Insignia's extra rules. It does not meet the "
        "official OB 3.0 AchievementCredential schema (formal, 2024-09): proof: "
    )
    assert check_schema(claim).endswith("extra rules.")


# --- hostile input ----------------------------------------------------------------------


def nested(depth: int):
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "document",
    [
        None,
        "a string",
        42,
        [],
        {"@context": None, "type": {"a": 1}},
        {1: "not a string key"},
        {"credentialSubject": nested(99)},
        {"evidence": [{"type": 7}] * 100_000},
    ],
    ids=["null", "string", "number", "list", "odd-types", "int-key", "deep", "huge"],
)
def test_bad_input_ends_in_a_failed_check_never_an_exception(document):
    message = failure(document)
    assert message.startswith("The official OB 3.0")
    assert len(message) < 2000


def test_a_credential_too_big_to_check_fails_quickly():
    start = time.perf_counter()
    message = failure({"evidence": [{"type": 7}] * 1_000_000})
    assert message.endswith("(root): more than 10000 JSON values, too many to check.")
    assert time.perf_counter() - start < 60  # only a hang fails this


def test_a_deeply_nested_credential_fails_the_check_in_verify():
    credential = facts.unsigned_credential()
    credential["credentialSubject"]["achievement"]["tag"] = nested(95)
    report = verify(
        credential,
        now=facts.NOW,
        resolve_did_document=lambda _: {},
        fetch_status_list=lambda _: {},
        base_url=facts.BASE_URL,
    )
    assert report.check("schema").status == "failed"
    assert "credentialSubject.achievement.tag" in report.check("schema").message


def big_credential(size: int) -> dict:
    """Our credential with evidence entries added until its JSON is about ``size`` bytes."""
    credential = facts.unsigned_credential()
    entry = {
        "id": "https://badges.example.edu/media/evidence/a.jpg",
        "type": ["Evidence"],
        "name": "Test piece",
        "narrative": "Photo of the test piece, " + "welded " * 300,
    }
    count = size // len(json.dumps(entry))
    credential["evidence"] = [
        dict(entry, id=f"{entry['id']}#{i}") for i in range(count)
    ]
    return credential


def test_a_one_megabyte_credential_is_checked_and_a_mutated_copy_fails():
    credential = big_credential(1_000_000)
    assert len(json.dumps(credential)) > 900_000
    start = time.perf_counter()
    assert schema_errors(credential) == []
    elapsed = time.perf_counter() - start
    print(f"1 MB credential: {elapsed * 1000:.0f} ms")  # noqa: T201 - the measurement
    mutated = copy.deepcopy(credential)
    mutated["evidence"][-1]["type"] = ["Photo"]
    assert schema_errors(mutated) == [
        f"evidence[{len(mutated['evidence']) - 1}].type: ['Photo'] contains none of 'Evidence'"
    ]
