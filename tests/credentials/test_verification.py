"""verify(): each way a credential can be wrong fails the right check, with a reason."""

import base64
import json
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from fixtures.ob3 import facts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credentials import did, ob3
from credentials.ob3 import status_list
from credentials.ob3.verification import (
    FAILED,
    PASSED,
    REVOKED,
    SKIPPED,
    STATUS_UNAVAILABLE,
    SUSPENDED,
    verify,
)


@dataclass
class World:
    """An issuer's keys, DID document, status list and the resolvers verify() needs."""

    keys: list = field(default_factory=lambda: facts.issuer_keys(2))
    active: str = "key-1"
    revoked: set = field(default_factory=set)
    status_list_available: bool = True
    purpose: str = "revocation"

    @property
    def private_key(self):
        return dict(self.keys)[self.active]

    def did_document(self):
        return facts.did_document_for(self.keys, active=self.active)

    def resolve(self, subject):
        if subject != facts.ISSUER_DID:
            raise LookupError(f"no DID document for {subject}")
        return self.did_document()

    def status_list(self, url):
        if not self.status_list_available:
            raise ConnectionError("503 Service Unavailable")
        unsigned = status_list.status_list_credential(
            list_url=url,
            issuer_did=facts.ISSUER_DID,
            revoked_indexes=self.revoked,
            valid_from=facts.ISSUED_ON,
            purpose=self.purpose,
        )
        return self.sign(unsigned)

    def sign(self, document, key_id=None):
        key_id = key_id or self.active
        return ob3.sign(
            document,
            dict(self.keys)[key_id],
            verification_method=did.verification_method_id(facts.ISSUER_DID, key_id),
            created=facts.ISSUED_ON,
            base_url=facts.BASE_URL,
        )

    def jwt(self, credential, key_id=None):
        key_id = key_id or self.active
        return ob3.encode_jwt(
            credential,
            dict(self.keys)[key_id],
            kid=did.jwk_method_id(facts.ISSUER_DID, key_id),
        )

    def verify(self, document, now=facts.NOW, **options):
        options.setdefault("base_url", facts.BASE_URL)
        return verify(
            document,
            now=now,
            resolve_did_document=self.resolve,
            fetch_status_list=self.status_list,
            **options,
        )


@pytest.fixture
def world():
    return World()


@pytest.fixture
def signed(world):
    return world.sign(facts.unsigned_credential())


def statuses(report):
    return {c.name: c.status for c in report.checks}


def assert_failed(report, name, message):
    check = report.check(name)
    assert check.status == FAILED, report.checks
    assert message in check.message
    assert report.valid is False


def b64(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_good_credential_passes_every_check(world, signed):
    report = world.verify(signed)
    assert statuses(report) == dict.fromkeys(
        ["format", "schema", "issuer_key", "proof", "validity", "status"], PASSED
    )
    assert report.valid is True
    assert report.proof_format == "data-integrity"


def test_its_json_text_verifies_too(world, signed):
    assert world.verify(json.dumps(signed)).valid is True


def test_a_good_vc_jwt_passes_every_check(world, signed):
    report = world.verify(world.jwt(signed))
    assert report.valid is True, report.checks
    assert report.proof_format == "vc-jwt"
    assert report.credential == {k: v for k, v in signed.items() if k != "proof"}


def test_a_tampered_credential_fails_the_proof(world, signed):
    signed["credentialSubject"]["achievement"]["name"] = "Master Welder"
    assert_failed(world.verify(signed), "proof", "signature does not match")


def test_a_tampered_jwt_fails_the_proof(world, signed):
    header, payload, signature = world.jwt(signed).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["vc"]["name"] = "Master Welder"
    report = world.verify(f"{header}.{b64(claims)}.{signature}")
    assert_failed(report, "proof", "JWT signature does not match")


def test_alg_none_fails_the_proof(world, signed):
    _, payload, _ = world.jwt(signed).split(".")
    unsigned = b64(
        {
            "alg": "none",
            "kid": did.jwk_method_id(facts.ISSUER_DID, "key-1"),
            "typ": "JWT",
        }
    )
    report = world.verify(f"{unsigned}.{payload}.", algorithms=["none", "EdDSA"])
    assert_failed(report, "proof", "'none' is not allowed")


def test_a_revoked_credential_fails_the_status_check(world, signed):
    world.revoked = {94567}
    report = world.verify(signed)
    assert_failed(report, "status", "revoked (revocation bit 94567 is set)")
    assert report.check("status").code == REVOKED
    assert report.check("proof").status == PASSED


def test_a_revoked_vc_jwt_fails_the_status_check_with_the_same_code(world, signed):
    world.revoked = {94567}
    assert world.verify(world.jwt(signed)).check("status").code == REVOKED


def with_purpose(world, purpose):
    world.purpose = purpose
    unsigned = facts.unsigned_credential()
    unsigned["credentialStatus"]["statusPurpose"] = purpose
    return world.sign(unsigned)


def test_a_suspended_credential_fails_the_status_check_as_suspended(world):
    signed = with_purpose(world, "suspension")
    world.revoked = {94567}
    report = world.verify(signed)
    assert_failed(report, "status", "suspended (suspension bit 94567 is set)")
    assert report.check("status").code == SUSPENDED


def test_a_clear_suspension_bit_passes(world):
    report = world.verify(with_purpose(world, "suspension"))
    assert report.check("status").message == "Not suspended (bit 94567 is clear)."
    assert report.check("status").code == ""


def test_a_set_bit_of_another_purpose_fails_without_a_code(world):
    signed = with_purpose(world, "refresh")
    world.revoked = {94567}
    report = world.verify(signed)
    assert_failed(report, "status", "The credential's refresh bit 94567 is set.")
    assert report.check("status").code == ""


def test_passed_and_other_checks_have_no_code(world, signed):
    assert {c.code for c in world.verify(signed).checks} == {""}


def test_an_expired_credential_fails_the_validity_check(world, signed):
    assert_failed(
        world.verify(signed, now=facts.EXPIRES),
        "validity",
        "expired at 2028-03-01T09:00:00Z",
    )


def test_a_credential_is_not_valid_before_its_valid_from(world, signed):
    report = world.verify(signed, now=facts.ISSUED_ON - timedelta(seconds=1))
    assert_failed(report, "validity", "not valid before 2025-03-01T09:00:00Z")


def test_an_unknown_context_fails_the_format_check(world, signed):
    signed["@context"].append("https://evil.example/context.json")
    report = world.verify(signed)
    assert_failed(
        report, "format", "Unknown @context https://evil.example/context.json"
    )
    assert statuses(report)["proof"] == SKIPPED


def test_another_deployments_extension_context_is_derived_without_its_base_url(
    world, signed
):
    # A verifier elsewhere (another deployment, no base URL of the issuer's) knows the context.
    report = world.verify(signed, base_url=None)
    assert report.check("format").status == PASSED
    assert report.check("proof").status == PASSED


def test_a_property_added_after_signing_fails_the_proof(world, signed):
    signed["credentialSubject"]["achievement"]["favouriteColour"] = "green"
    assert_failed(world.verify(signed), "proof", "do not define the property")


def test_a_key_not_in_the_did_document_fails_key_resolution(world):
    outsider = World()
    forged = outsider.sign(facts.unsigned_credential(), key_id="key-1")
    forged["proof"]["verificationMethod"] = facts.ISSUER_DID + "#key-9"
    report = world.verify(forged)
    assert_failed(
        report, "issuer_key", "key-9 is not listed under the issuer's assertionMethod"
    )
    assert report.check("proof").status == SKIPPED


def test_the_wrong_key_for_the_method_fails_the_proof(world):
    """A signature made with another key but naming the issuer's key-1."""
    outsider = World()
    forged = outsider.sign(facts.unsigned_credential())
    assert_failed(world.verify(forged), "proof", "signature does not match")


def test_a_key_of_another_did_fails_key_resolution(world, signed):
    signed["proof"]["verificationMethod"] = "did:web:evil.example#key-1"
    assert_failed(world.verify(signed), "issuer_key", "does not belong to the issuer")


def test_an_unresolvable_did_fails_key_resolution(world, signed):
    def resolve(subject):
        raise TimeoutError("did.json timed out")

    report = verify(
        signed,
        now=facts.NOW,
        resolve_did_document=resolve,
        fetch_status_list=world.status_list,
        base_url=facts.BASE_URL,
    )
    assert_failed(report, "issuer_key", "could not be resolved: did.json timed out")


def test_an_unsupported_cryptosuite_fails_the_proof(world, signed):
    signed["proof"]["cryptosuite"] = "ecdsa-sd-2023"
    assert_failed(
        world.verify(signed), "proof", "Unsupported cryptosuite 'ecdsa-sd-2023'"
    )


def test_the_cryptosuite_allow_list_is_the_callers(world, signed):
    assert_failed(
        world.verify(signed, cryptosuites=()),
        "proof",
        "Unsupported cryptosuite 'eddsa-rdfc-2022'",
    )


def test_a_status_list_that_cannot_be_fetched_fails_the_status_check(world, signed):
    world.status_list_available = False
    report = world.verify(signed)
    assert_failed(report, "status", "could not be fetched: 503 Service Unavailable")
    assert report.check("status").code == STATUS_UNAVAILABLE


def test_a_status_list_signed_by_someone_else_fails_the_status_check(world, signed):
    outsider = World()
    report = verify(
        signed,
        now=facts.NOW,
        resolve_did_document=world.resolve,
        fetch_status_list=outsider.status_list,
        base_url=facts.BASE_URL,
    )
    assert_failed(report, "status", "status list's proof is not valid")
    assert report.check("status").code == STATUS_UNAVAILABLE


def test_an_unreadable_status_entry_fails_as_unavailable(world):
    unsigned = facts.unsigned_credential()
    unsigned["credentialStatus"]["statusListIndex"] = "ninety"
    report = world.verify(world.sign(unsigned))
    assert_failed(report, "status", "statusListIndex is not an integer.")
    assert report.check("status").code == STATUS_UNAVAILABLE


def test_a_credential_without_status_skips_the_status_check(world):
    report = world.verify(world.sign(facts.unsigned_credential(status=None)))
    assert report.check("status").status == SKIPPED
    assert report.valid is True


def test_credentials_signed_with_a_retired_key_verify_after_rotation(world, signed):
    world.active = "key-2"
    assert world.verify(signed).valid is True
    assert world.verify(world.sign(facts.unsigned_credential())).valid is True


def test_a_schema_violation_fails_the_schema_check(world):
    unsigned = facts.unsigned_credential()
    del unsigned["credentialSubject"]["achievement"]["description"]
    report = world.verify(world.sign(unsigned))
    assert_failed(report, "schema", "'description' is a required property")
    assert report.check("proof").status == PASSED


def test_a_document_that_is_not_a_credential_fails_the_format_check(world):
    report = world.verify(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
        }
    )
    assert_failed(report, "format", "not an OpenBadgeCredential")


@pytest.mark.parametrize("garbage", ["not a credential", "{not json", "a.b.c"])
def test_garbage_input_fails_without_raising(world, garbage):
    report = world.verify(garbage)
    assert report.valid is False
    assert FAILED in statuses(report).values()


def test_a_naive_now_is_a_programmer_error(world, signed):
    with pytest.raises(ValueError, match="timezone-aware"):
        world.verify(signed, now=facts.NOW.replace(tzinfo=None))


@pytest.mark.parametrize(
    ("name", "credential"),
    [
        ("credential.signed.json", "credential.signed.json"),
        ("credential.jwt", "credential.signed.json"),
        # Issued before issue 18: anonymous outcomes and addresses, and a
        # VC-JWT whose sub is its jti and whose vc claim holds the proof.
        ("credential-2025.signed.json", "credential-2025.signed.json"),
        ("credential-2025.jwt", "credential-2025.signed.json"),
    ],
)
def test_it_accepts_the_stored_fixtures(name, credential):
    stored = {
        facts.ISSUER_DID: facts.fixture("did.json"),
        facts.STATUS_LIST_URL: facts.fixture("status-list.signed.json"),
    }
    report = verify(
        facts.fixture(name),
        now=facts.NOW,
        resolve_did_document=stored.__getitem__,
        fetch_status_list=stored.__getitem__,
        base_url=facts.BASE_URL,
    )
    assert report.valid is True, report.checks
    expected = facts.fixture(credential)
    if name == "credential.jwt":
        del expected["proof"]
    assert report.credential == expected


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
_SIGNED = World().sign(facts.unsigned_credential())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.lists(st.sampled_from(sorted(_SIGNED)), min_size=1, max_size=1),
    value=json_values,
)
def test_it_reports_instead_of_raising_whatever_a_property_holds(path, value):
    """Any value in any top-level property gives a report with a failure, never an exception."""
    credential = json.loads(json.dumps(_SIGNED))
    credential[path[0]] = value
    report = World().verify(credential)
    assert set(statuses(report)) == {
        "format",
        "schema",
        "issuer_key",
        "proof",
        "validity",
        "status",
    }
    if value != _SIGNED[path[0]]:
        assert report.valid is False


@settings(max_examples=60, deadline=None)
@given(value=json_values | st.text())
def test_it_reports_instead_of_raising_for_any_json_or_text(value):
    document = value if isinstance(value, (dict, str)) else json.dumps(value)
    report = World().verify(document)
    assert report.valid is False
