"""The OB 3.0 builder: a credential with every EU element that passes the schema."""

import pytest
from fixtures.ob3 import facts

from credentials import ob3
from credentials._eu_extension import extension_context_url
from credentials.ob3 import data_integrity
from credentials.ob3._schema import schema_errors
from credentials.types import Evidence, Recipient


@pytest.fixture
def credential():
    return facts.unsigned_credential()


def achievement_of(credential):
    return credential["credentialSubject"]["achievement"]


def test_it_names_the_vc2_ob3_and_extension_contexts_in_order(credential):
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        extension_context_url(facts.BASE_URL),
    ]


def test_it_is_an_open_badge_credential_with_the_award_dates(credential):
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == facts.award().credential_id
    assert credential["name"] == facts.BADGE.name
    assert credential["validFrom"] == "2025-03-01T09:00:00Z"
    assert credential["validUntil"] == "2028-03-01T09:00:00Z"


def test_an_award_without_expiry_has_no_valid_until():
    assert "validUntil" not in facts.unsigned_credential(expires=None)


def test_the_issuer_is_a_profile_identified_by_its_did_web(credential):
    issuer = credential["issuer"]
    assert issuer["id"] == facts.ISSUER_DID
    assert issuer["type"] == ["Profile"]
    assert issuer["name"] == "Rīgas Valsts tehnikums"
    assert issuer["image"] == {"id": facts.ISSUER.image_url, "type": "Image"}
    assert issuer["address"]["addressCountryCode"] == "LV"


def test_an_issuer_without_a_did_cannot_issue_ob3():
    from dataclasses import replace

    badge = replace(facts.BADGE, issuer=replace(facts.ISSUER, did=""))
    with pytest.raises(ValueError, match="did:web"):
        facts.unsigned_credential(badge_class=badge)


def test_the_recipient_appears_only_as_a_salted_hash(credential):
    subject = credential["credentialSubject"]
    assert "id" not in subject
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "identityHash": facts.hashed_email("carol@example.com"),
            "identityType": "emailAddress",
            "hashed": True,
            "salt": facts.SALT,
        }
    ]
    assert "carol@example.com" not in str(credential)


def test_the_subject_is_the_learners_did_when_known():
    credential = facts.unsigned_credential(
        recipient=Recipient(type="did", identity="did:key:z6MkcarolZ", hashed=False)
    )
    assert credential["credentialSubject"]["id"] == "did:key:z6MkcarolZ"
    assert "identifier" not in credential["credentialSubject"]


def test_the_achievement_maps_eu_elements_to_ob3_properties(credential):
    achievement = achievement_of(credential)
    assert achievement["id"] == facts.BADGE.id
    assert achievement["type"] == ["Achievement"]
    assert achievement["achievementType"] == "MicroCredential"
    assert achievement["criteria"] == {
        "id": facts.BADGE.criteria_url,
        "narrative": facts.BADGE.criteria_narrative,
    }
    assert achievement["creditsAvailable"] == 6
    assert achievement["fieldOfStudy"] == "Mechanics and metal trades"
    assert achievement["inLanguage"] == "lv"
    assert achievement["humanCode"] == "RVT-MAG-160"
    assert achievement["tag"] == ["welding", "metināšana"]
    assert achievement["image"] == {"id": facts.BADGE.image_url, "type": "Image"}
    assert achievement["creator"]["id"] == facts.ISSUER_DID
    assert achievement["resultDescription"] == [
        {
            "id": facts.BADGE.id + "#result",
            "type": ["ResultDescription"],
            "name": "Final practical exam grade",
            "resultType": "LetterGrade",
        }
    ]


def test_badge_and_learning_outcome_alignments_are_listed_once(credential):
    urls = [a["targetUrl"] for a in achievement_of(credential)["alignment"]]
    assert urls == [
        "http://data.europa.eu/esco/skill/abcd-welding",
        "http://data.europa.eu/esco/skill/efgh-prepare",
    ]


def test_the_remaining_eu_elements_travel_in_the_extension(credential):
    eu = achievement_of(credential)["euMicroCredential"]
    assert eu["type"] == "EuMicroCredential"
    assert eu["eqfLevel"] == 3
    assert eu["workloadHours"] == 160
    assert eu["learningOutcomes"] == [
        {
            "id": facts.BADGE.id + "#outcome-1",
            "outcomeText": "Prepare joints for MAG welding.",
        },
        {
            "id": facts.BADGE.id + "#outcome-2",
            "outcomeText": "Weld fillet joints in positions PA and PB.",
        },
    ]
    assert eu["qualityAssurance"]["qaType"] == "external"
    assert eu["stackableTowards"][0]["creditsContributed"] == 6.5
    assert eu["validityPeriod"] == "P36M"


def test_result_evidence_and_narrative_are_included(credential):
    assert credential["credentialSubject"]["result"] == [
        {
            "type": ["Result"],
            "value": "A",
            "status": "Completed",
            "resultDescription": facts.BADGE.id + "#result",
        }
    ]
    assert credential["evidence"] == [
        {
            "id": facts.BASE_URL + "/media/evidence/carol-weld.jpg",
            "type": ["Evidence"],
            "name": "Test piece photo",
        },
        {
            "type": ["Evidence"],
            "narrative": "Completed all three test pieces on the first attempt.",
        },
    ]


def test_it_names_the_official_achievement_credential_schema(credential):
    assert credential["credentialSchema"] == [
        {
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        }
    ]


def test_the_status_entry_points_into_the_bitstring_status_list(credential):
    assert credential["credentialStatus"] == {
        "id": facts.STATUS_LIST_URL + "#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": facts.STATUS_LIST_URL,
    }
    assert "credentialStatus" not in facts.unsigned_credential(status=None)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {
            "expires": None,
            "status": None,
            "result": None,
            "evidence": (),
            "narrative": "",
        },
    ],
    ids=["full", "minimal"],
)
def test_it_passes_the_ob3_schema_checks(changes):
    assert schema_errors(facts.unsigned_credential(**changes)) == []


def test_the_schema_checks_catch_a_missing_required_property(credential):
    del achievement_of(credential)["criteria"]
    assert schema_errors(credential) == [
        "credentialSubject.achievement: 'criteria' is a required property"
    ]


def test_naive_datetimes_are_a_programmer_error():
    from datetime import datetime

    with pytest.raises(ValueError, match="timezone-aware"):
        ob3.credential(
            facts.award(issued_on=datetime(2025, 1, 1)), base_url=facts.BASE_URL
        )


def test_it_still_produces_the_stored_signed_credential():
    """The wire format is stable: the fixed key reproduces the stored fixture byte for byte."""
    signed = ob3.sign(
        facts.unsigned_credential(),
        facts.fixed_key(),
        verification_method=facts.ISSUER_DID + "#key-1",
        created=facts.ISSUED_ON,
        base_url=facts.BASE_URL,
    )
    assert signed == facts.fixture("credential.signed.json")
    token = ob3.encode_jwt(
        signed, facts.fixed_key(), kid=facts.ISSUER_DID + "#key-1-jwk"
    )
    assert token == facts.fixture("credential.jwt")


def test_the_issuer_address_is_one_identified_node(credential):
    """The issuer appears as issuer and as creator; its address has one id, not two blank nodes."""
    address_id = facts.ISSUER.id + "#address"
    assert credential["issuer"]["address"]["id"] == address_id
    assert achievement_of(credential)["creator"]["address"]["id"] == address_id


def test_alignments_partners_and_stack_targets_are_identified(credential):
    achievement = achievement_of(credential)
    eu = achievement["euMicroCredential"]
    assert [a["id"] for a in achievement["alignment"]] == [
        facts.BADGE.id + "#alignment-1",
        facts.BADGE.id + "#alignment-2",
    ]
    assert eu["partners"][0]["id"] == facts.BADGE.id + "#partner-1"
    assert eu["stackableTowards"][0]["id"] == facts.BADGE.id + "#stack-target-1"


def test_identical_anonymous_evidence_is_listed_once():
    narrative = "Completed all three test pieces on the first attempt."
    credential = facts.unsigned_credential(
        evidence=(Evidence(narrative=narrative), Evidence(narrative=narrative)),
        narrative=narrative,
    )
    assert credential["evidence"] == [{"type": ["Evidence"], "narrative": narrative}]


def test_no_blank_node_of_the_credential_looks_like_another(credential):
    """RDFC-1.0 then needs no deep iteration, whatever verifiers allow."""
    work = data_integrity.canonicalization_work(credential, facts.loader())
    assert (work.alike, work.deep_iterations) == (0, 0)


def test_years_before_1000_keep_four_digits():
    from datetime import UTC, datetime

    from credentials.ob3 import format_datetime

    assert format_datetime(datetime(475, 3, 1, tzinfo=UTC)) == "0475-03-01T00:00:00Z"
