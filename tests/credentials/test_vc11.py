"""verify() reads OB 3.0 credentials built on VC Data Model 1.1 as well as on VC 2.0.

OB 3.0 was published on VC 1.1 (``issuanceDate``, ``expirationDate``, the
``https://www.w3.org/2018/credentials/v1`` context), and wallets still hold
credentials issued that way, so a verifier of other people's badges reads
both. The dates keep their meaning (VC 2.0, section 4.9); the proof is always
checked on the document as signed.
"""

import hashlib
import warnings
from datetime import timedelta
from pathlib import Path

import pytest
from fixtures.ob3 import facts
from joserfc import jwt
from joserfc.errors import SecurityWarning
from joserfc.jwk import OKPKey

from credentials import did, ob3
from credentials.ob3.verification import FAILED, PASSED, SKIPPED, verify

VC1 = "https://www.w3.org/2018/credentials/v1"
CONTEXTS = Path(__file__).parents[2] / "credentials" / "contexts"
NPM_VC1 = (
    Path(__file__).parents[1]
    / "js"
    / "node_modules"
    / "@digitalbazaar"
    / "credentials-context"
    / "contexts"
    / "v1.jsonld"
)


@pytest.fixture(scope="module")
def keys():
    return facts.issuer_keys(1)


def vc11_credential(**changes) -> dict:
    """Return an unsigned OpenBadgeCredential in VC 1.1 form, like the spec's examples."""
    credential = {
        "@context": [
            VC1,
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
            "https://w3id.org/security/data-integrity/v1",
        ],
        "id": "urn:uuid:2f7d51b4-7c53-4a5e-9d0f-0c1a0d3e9b11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": facts.ISSUER_DID, "type": "Profile", "name": "RVT"},
        "issuanceDate": "2025-03-01T09:00:00Z",
        "expirationDate": "2028-03-01T09:00:00Z",
        "name": "MAG welding",
        "credentialSubject": {
            "id": "did:example:carol",
            "type": "AchievementSubject",
            "achievement": {
                "id": f"{facts.BASE_URL}/public/badges/mag",
                "type": "Achievement",
                "criteria": {"narrative": "Weld three fillet test pieces."},
                "description": "Metal active gas welding of fillet welds.",
                "name": "MAG welding",
            },
        },
    }
    credential.update(changes)
    return {k: v for k, v in credential.items() if v is not None}


def sign(keys, credential: dict) -> dict:
    (key_id, key), *_ = keys
    return ob3.sign(
        credential,
        key,
        verification_method=did.verification_method_id(facts.ISSUER_DID, key_id),
        created=facts.ISSUED_ON,
        base_url=facts.BASE_URL,
    )


def check(keys, document, now=facts.NOW, **options):
    def resolve(subject):
        if subject != facts.ISSUER_DID:
            raise LookupError(subject)
        return facts.did_document_for(keys)

    def no_status_list(url):
        raise LookupError(url)

    return verify(
        document,
        now=now,
        resolve_did_document=resolve,
        fetch_status_list=no_status_list,
        base_url=facts.BASE_URL,
        **options,
    )


def test_it_accepts_a_signed_vc11_credential(keys):
    report = check(keys, sign(keys, vc11_credential()))

    assert [(c.name, c.status) for c in report.checks] == [
        ("format", PASSED),
        ("schema", PASSED),
        ("issuer_key", PASSED),
        ("proof", PASSED),
        ("validity", PASSED),
        ("status", SKIPPED),
    ]
    assert report.check("format").message == (
        "An OpenBadgeCredential with known contexts. It is built on VC Data Model 1.1."
    )
    assert report.check("validity").message == (
        "Valid from 2025-03-01T09:00:00Z until 2028-03-01T09:00:00Z."
    )
    assert report.valid is True


def test_the_report_keeps_the_credential_as_signed(keys):
    signed = sign(keys, vc11_credential())

    report = check(keys, signed)

    assert report.credential == signed
    assert "validFrom" not in report.credential


def test_an_expired_vc11_credential_fails_validity(keys):
    report = check(keys, sign(keys, vc11_credential()), now=facts.EXPIRES)

    assert report.check("validity").status == FAILED
    assert report.check("validity").message == (
        "The credential expired at 2028-03-01T09:00:00Z."
    )
    assert report.check("proof").status == PASSED


def test_a_vc11_credential_is_not_valid_before_its_issuance_date(keys):
    report = check(
        keys,
        sign(keys, vc11_credential()),
        now=facts.ISSUED_ON - timedelta(seconds=1),
    )

    assert report.check("validity").message == (
        "The credential is not valid before 2025-03-01T09:00:00Z."
    )
    assert report.valid is False


def test_a_vc11_credential_needs_an_issuance_date(keys):
    report = check(keys, sign(keys, vc11_credential(issuanceDate=None)))

    assert report.check("format").status == FAILED
    assert report.check("format").message == (
        "A VC Data Model 1.1 credential needs an issuanceDate "
        "(VC Data Model 1.1, section 4.6)."
    )


def test_a_vc11_credential_cannot_use_the_vc2_date_names(keys):
    unsigned = vc11_credential(validFrom="2025-03-01T09:00:00Z")

    report = check(keys, unsigned)

    assert report.check("format").message == (
        "A VC Data Model 1.1 credential cannot use validFrom: "
        "its dates are issuanceDate and expirationDate."
    )
    assert report.valid is False


def test_failures_name_the_vc11_properties(keys):
    report = check(keys, sign(keys, vc11_credential(issuanceDate="yesterday")))

    assert report.check("schema").status == FAILED
    assert report.check("schema").message == (
        "The official OB 3.0 AchievementCredential schema (JSON-LD adaptation) "
        "in its VC Data Model 1.1 form is not met: "
        "issuanceDate: 'yesterday' is not a 'date-time'."
    )
    assert report.check("validity").message == (
        "issuanceDate 'yesterday' is not a valid dateTime."
    )


def test_the_proof_covers_the_vc11_dates_as_signed(keys):
    signed = sign(keys, vc11_credential())
    signed["expirationDate"] = "2099-01-01T00:00:00Z"

    report = check(keys, signed)

    assert report.check("proof").status == FAILED
    assert report.valid is False


def test_a_vc2_credential_is_not_renamed():
    """issuanceDate means nothing in a VC 2.0 credential: validFrom is still required."""
    credential = facts.unsigned_credential()
    credential["issuanceDate"] = credential.pop("validFrom")

    report = check(facts.issuer_keys(1), credential)

    assert report.check("validity").message == "validFrom is missing or not a string."


def test_the_shipped_vc11_context_is_the_npm_package_file():
    """credentials/contexts/README.md: copied from @digitalbazaar/credentials-context."""
    shipped = (CONTEXTS / "www.w3.org_2018_credentials_v1.json").read_bytes()

    assert shipped == NPM_VC1.read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == (
        "00d7dd6d3ad8b920e3e550dd3a3d9090bffcac84cdbf943da6924b3e0a5c8bb8"
    )


def vc11_claims(credential: dict, **changes) -> dict:
    """Return VC 1.1 JWT claims (VC Data Model 1.1, section 6.3.1) for ``credential``."""
    claims = {
        "iss": facts.ISSUER_DID,
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["id"],
        "nbf": int(facts.ISSUED_ON.timestamp()),
        "exp": int(facts.EXPIRES.timestamp()),
        "vc": credential,
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def vc11_token(keys, claims: dict) -> str:
    (key_id, key), *_ = keys
    header = {
        "alg": "EdDSA",
        "typ": "JWT",
        "kid": did.jwk_method_id(facts.ISSUER_DID, key_id),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SecurityWarning)
        return jwt.encode(header, claims, OKPKey.import_key(key), algorithms=["EdDSA"])


def test_a_vc11_vc_jwt_signed_with_a_published_key_is_accepted(keys):
    credential = vc11_credential()

    report = check(keys, vc11_token(keys, vc11_claims(credential)))

    assert report.check("proof").status == PASSED, report.check("proof").message
    assert report.valid is True, report.checks
    assert report.credential == credential


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"nbf": 1262304000}, "'nbf' does not match the credential's issuanceDate"),
        ({"exp": None}, "'exp' does not match the credential's expirationDate"),
        ({"iss": "did:web:evil.example"}, "'iss' does not match the credential's issuer"),
        ({"jti": "urn:uuid:other"}, "'jti' does not match the credential's id"),
        ({"sub": "did:example:mallory"}, "'sub' does not match the credential's "
         "credentialSubject.id"),
    ],
)  # fmt: skip
def test_vc11_jwt_claims_must_say_what_the_credential_says(keys, changes, message):
    """VC Data Model 1.1, section 6.3.1: nbf, exp, iss, jti and sub represent the vc's own."""
    token = vc11_token(keys, vc11_claims(vc11_credential(), **changes))

    report = check(keys, token)

    assert report.check("proof").status == FAILED
    assert message in report.check("proof").message


def test_an_exp_claim_needs_an_expiration_date(keys):
    credential = vc11_credential(expirationDate=None)

    report = check(keys, vc11_token(keys, vc11_claims(credential)))

    assert report.check("proof").message == (
        "The JWT claim 'exp' does not match the credential's expirationDate."
    )
