"""The signed examples of the OB 3.0 specification, through our verifier and two others.

The examples are copied verbatim from 1EdTech's rendered specification
(``fixtures/spec/README.md`` names the repository, path and commit). Each is
checked three ways: by ``verification.verify()`` with the issuer's key served
the way the example publishes it, and independently by Digital Bazaar's
``@digitalbazaar/vc`` (Data Integrity) or ``jose`` (VC-JWT), run from
``tests/js``. A changed copy of an example must fail, so the agreement is not
a formality.
"""

import base64
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from credentials._multikey import (
    decode_multibase_base58btc,
    decode_public_key_multibase,
)
from credentials.errors import DecodeError, UnsupportedAlgorithm
from credentials.loader import OfflineLoader
from credentials.ob3 import data_integrity
from credentials.ob3.verification import (
    FAILED,
    PASSED,
    SKIPPED,
    STATUS_UNAVAILABLE,
    Check,
    verify,
)
from tests.node import run_node

SPEC = Path(__file__).parent / "fixtures" / "spec"
# The examples date from 2010 and 2022; the complete one expires in 2030.
NOW = datetime(2024, 1, 1, tzinfo=UTC)

OPEN_BADGES = [
    "file-contents",
    "basic",
    "alignment",
    "skill-assertion-case",
    "skill-assertion-ctdl",
]
DATA_INTEGRITY = [*OPEN_BADGES, "complete", "endorsement"]
JWTS = ["file-contents", "basic", "alignment", "endorsement"]
OPEN_BADGES_JWTS = ["file-contents", "basic", "alignment"]


def example(name: str) -> dict:
    return json.loads((SPEC / f"{name}.di.json").read_text(encoding="utf-8"))


def token(name: str) -> str:
    """Return the compact JWS: the rendered token without its line breaks."""
    return "".join((SPEC / f"{name}.jwt.txt").read_text(encoding="ascii").split())


def controller_document(credential: dict) -> dict:
    """Return the issuer document the example implies: its key as an assertion method.

    respec-vc names each key ``<issuer id>#<publicKeyMultibase>``, so the
    verification method's fragment is the published Ed25519 key.
    """
    method = credential["proof"][0]["verificationMethod"]
    controller, public_key_multibase = method.split("#")
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1",
        ],
        "id": controller,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": controller,
                "publicKeyMultibase": public_key_multibase,
            }
        ],
        "assertionMethod": [method],
    }


def serve(document: dict):
    def resolve(identifier: str) -> dict:
        if identifier != document["id"]:
            raise LookupError(f"no document for {identifier}")
        return document

    return resolve


def no_status_list(url: str) -> dict:
    raise LookupError(f"{url} is not served in these tests")


def verify_example(credential: dict, **options):
    return verify(
        credential,
        now=NOW,
        resolve_did_document=serve(controller_document(credential)),
        fetch_status_list=no_status_list,
        **options,
    )


def statuses(report) -> dict:
    return {check.name: check.status for check in report.checks}


def digital_bazaar(credential: dict, now: datetime = NOW) -> dict:
    document = controller_document(credential)
    return run_node(
        "verify-spec-di.mjs",
        {
            "credential": credential,
            "documents": {document["id"]: document},
            "now": now.isoformat(),
        },
    )


def header(jwt: str) -> dict:
    encoded = jwt.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))


# --- Data Integrity (eddsa-rdfc-2022 on VC Data Model 1.1) ----------------------------


@pytest.mark.parametrize("name", OPEN_BADGES)
def test_our_verifier_accepts_the_signed_open_badge_example(name):
    report = verify_example(example(name))

    assert statuses(report) == {
        "format": PASSED,
        "schema": PASSED,
        "issuer_key": PASSED,
        "proof": PASSED,
        "validity": PASSED,
        "status": SKIPPED,
    }, report.checks
    assert report.valid is True


def test_the_complete_example_verifies_but_its_revocation_list_is_not_published():
    """The proof holds; its 1EdTechRevocationList URL is an example, so its status is unavailable."""
    report = verify_example(example("complete"))

    assert report.check("proof").status == PASSED
    assert report.check("issuer_key").status == PASSED
    assert report.check("validity").message == (
        "Valid from 2010-01-01T00:00:00Z until 2030-01-01T00:00:00Z."
    )
    assert report.check("status") == Check(
        "status",
        FAILED,
        "The revocation list https://1edtech.edu/credentials/3732/revocations could not "
        "be fetched: https://1edtech.edu/credentials/3732/revocations is not served in "
        "these tests",
        code=STATUS_UNAVAILABLE,
    )
    assert report.valid is False


def test_the_endorsement_example_has_a_valid_proof_but_is_not_an_open_badge():
    credential = example("endorsement")
    report = verify_example(credential)

    assert report.check("format").status == FAILED
    assert report.check("format").message == (
        "The credential is not an OpenBadgeCredential."
    )
    # The signature itself is sound: the Data Integrity core accepts it.
    key = decode_public_key_multibase(
        credential["proof"][0]["verificationMethod"].split("#")[1]
    )
    loader = OfflineLoader()
    assert (
        data_integrity.verify_proof(
            credential, resolve_key=lambda method, purpose: key, loader=loader
        )
        is None
    )


@pytest.mark.parametrize("name", DATA_INTEGRITY)
def test_digital_bazaar_vc_verifies_the_example(name):
    assert digital_bazaar(example(name)) == {"verified": True, "errors": []}


def test_a_changed_example_fails_the_proof_check_in_both_verifiers():
    credential = example("basic")
    credential["credentialSubject"]["achievement"]["name"] = "Leadership"

    report = verify_example(credential)

    assert report.check("issuer_key").status == PASSED
    assert report.check("proof").status == FAILED
    assert report.check("proof").message == (
        "The signature does not match the document and key."
    )
    assert digital_bazaar(credential)["verified"] is False


def test_an_example_checked_with_another_issuers_key_fails_the_key_check():
    credential = example("basic")
    other = controller_document(example("complete"))
    report = verify(
        credential,
        now=NOW,
        resolve_did_document=serve(other),
        fetch_status_list=no_status_list,
    )

    assert report.check("issuer_key").status == FAILED
    assert report.valid is False


# --- The nested endorsements' placeholder proofs ----------------------------------------


def nested_endorsement() -> dict:
    """Return the first endorsement embedded in the complete example (SDE, 3732)."""
    achievement = example("complete")["credentialSubject"]["achievement"]
    return achievement["creator"]["endorsement"][0]


def test_the_nested_endorsement_proofs_are_placeholders_that_cannot_verify():
    """Written by hand into the example: no such cryptosuite, and no key to check with.

    Evidence: the cryptosuite is "eddsa-rdf-2022" (the suite is
    "eddsa-rdfc-2022"); the "key" in the verification method's fragment is
    the proofValue itself and decodes to 64 bytes, not an Ed25519 Multikey
    (0xed01 and 32 bytes); Digital Bazaar's verifier finds no proof it can
    check, exactly as ours refuses the suite.
    """
    endorsement = nested_endorsement()
    proof = endorsement["proof"][0]
    fragment = proof["verificationMethod"].split("#")[1]

    assert proof["cryptosuite"] == "eddsa-rdf-2022"
    assert proof["proofValue"] == fragment
    assert len(decode_multibase_base58btc(fragment)) == 64
    with pytest.raises(DecodeError):
        decode_public_key_multibase(fragment)
    with pytest.raises(UnsupportedAlgorithm, match="eddsa-rdf-2022"):
        data_integrity.verify_proof(
            endorsement,
            resolve_key=lambda method, purpose: pytest.fail("no key is needed"),
            loader=OfflineLoader(),
        )
    # Checked in 2015, while the endorsement is valid, so only its proof can fail.
    independent = digital_bazaar(endorsement, now=datetime(2015, 1, 1, tzinfo=UTC))
    assert independent["verified"] is False
    assert any("insufficient proofs matched" in e for e in independent["errors"])


def test_our_verifier_rejects_the_nested_endorsement():
    report = verify_example(nested_endorsement())

    assert report.valid is False
    assert report.check("format").status == FAILED
    assert report.check("proof").status != PASSED


# --- VC-JWT (RS256, public key in the JOSE header) --------------------------------------


@pytest.mark.parametrize("name", JWTS)
def test_jose_verifies_the_example_token_with_the_key_its_header_publishes(name):
    jwt = token(name)
    result = run_node(
        "verify-spec-jwt.mjs",
        {"jwt": jwt, "jwks": {"keys": [header(jwt)["jwk"]]}, "now": NOW.isoformat()},
    )

    assert result["verified"] is True, result["errors"]
    assert result["header"]["alg"] == "RS256"
    assert "kid" not in result["header"]


def test_a_changed_example_token_fails_in_jose():
    head, payload, signature = token("basic").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["vc"]["name"] = "Leadership Badge"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
    jwt = f"{head}.{forged.decode()}.{signature}"

    result = run_node(
        "verify-spec-jwt.mjs",
        {"jwt": jwt, "jwks": {"keys": [header(jwt)["jwk"]]}, "now": NOW.isoformat()},
    )

    assert result["verified"] is False


def claims_of(jwt: str) -> dict:
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def b64url(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def jwk_document(issuer_id: str, *jwks: dict, assertion: bool = True) -> dict:
    """Return the issuer's controller document publishing ``jwks`` as JsonWebKeys."""
    methods = [
        {
            "id": f"{issuer_id}#jwk-{number}",
            "type": "JsonWebKey",
            "controller": issuer_id,
            "publicKeyJwk": jwk,
        }
        for number, jwk in enumerate(jwks, 1)
    ]
    return {
        "id": issuer_id,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods] if assertion else [],
    }


def verify_token(jwt: str, document: dict, **options):
    return verify(
        jwt,
        now=NOW,
        resolve_did_document=serve(document),
        fetch_status_list=no_status_list,
        **options,
    )


def published(name: str) -> dict:
    """Return the issuer document of a token whose issuer publishes the header's key."""
    jwt = token(name)
    return jwk_document(claims_of(jwt)["iss"], header(jwt)["jwk"])


def rsa_signed(claims: dict, key, jose_header: dict) -> str:
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    return jwt.encode(jose_header, claims, RSAKey.import_key(key), algorithms=["RS256"])


@pytest.mark.parametrize("name", OPEN_BADGES_JWTS)
def test_our_verifier_accepts_the_example_token_when_the_issuer_publishes_its_key(
    name,
):
    jwt = token(name)
    report = verify_token(jwt, published(name))

    assert statuses(report) == {
        "format": PASSED,
        "schema": PASSED,
        "issuer_key": PASSED,
        "proof": PASSED,
        "validity": PASSED,
        "status": SKIPPED,
    }, report.checks
    assert report.check("issuer_key").message == (
        f"{claims_of(jwt)['iss']}#jwk-1 is an assertion method of the issuer."
    )
    assert report.check("format").message.endswith("built on VC Data Model 1.1.")
    assert report.credential == claims_of(jwt)["vc"]
    assert report.valid is True


def test_the_endorsement_token_verifies_but_is_not_an_open_badge():
    report = verify_token(token("endorsement"), published("endorsement"))

    assert report.check("issuer_key").status == PASSED
    assert report.check("proof").status == PASSED
    assert report.check("format").message == (
        "The credential is not an OpenBadgeCredential."
    )


def test_rs256_can_be_left_off_the_allow_list():
    report = verify_token(token("basic"), published("basic"), algorithms=("EdDSA",))

    assert report.check("proof") == Check(
        "proof", FAILED, "The JWT algorithm 'RS256' is not allowed."
    )


def test_a_jwk_the_issuer_does_not_publish_fails_the_key_check():
    """The header's key is self-attested: another key of the issuer's does not vouch for it."""
    jwt = token("basic")
    issuer_id = claims_of(jwt)["iss"]
    other_key = header(token("endorsement"))["jwk"]

    report = verify_token(jwt, jwk_document(issuer_id, other_key))

    assert report.check("issuer_key") == Check(
        "issuer_key",
        FAILED,
        "The key in the JOSE header 'jwk' is not published by the issuer: "
        f"no assertion method of {issuer_id} has this key.",
    )
    assert report.check("proof").status == SKIPPED
    assert report.valid is False


def test_a_published_key_that_is_not_an_assertion_method_fails_the_key_check():
    jwt = token("basic")
    document = jwk_document(claims_of(jwt)["iss"], header(jwt)["jwk"], assertion=False)

    report = verify_token(jwt, document)

    assert report.check("issuer_key").status == FAILED
    assert "is not published by the issuer" in report.check("issuer_key").message


def test_a_token_signed_with_the_forgers_own_jwk_passes_jose_but_not_our_key_check():
    """What a jwk header alone proves: only that someone holds the key they put there."""
    from cryptography.hazmat.primitives.asymmetric import rsa
    from joserfc.jwk import RSAKey

    genuine = token("basic")
    claims = claims_of(genuine)
    claims["vc"]["credentialSubject"]["achievement"]["name"] = "Leadership"
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forger_jwk = RSAKey.import_key(forger.public_key()).as_dict(private=False)
    forged = rsa_signed(
        claims, forger, {"alg": "RS256", "typ": "JWT", "jwk": forger_jwk}
    )

    independent = run_node(
        "verify-spec-jwt.mjs",
        {"jwt": forged, "jwks": {"keys": [forger_jwk]}, "now": NOW.isoformat()},
    )
    report = verify_token(forged, published("basic"))

    assert independent["verified"] is True
    assert report.check("issuer_key").status == FAILED
    assert report.check("proof").status == SKIPPED
    assert report.valid is False


def test_a_changed_example_token_fails_our_proof_check():
    head, _payload, signature = token("basic").split(".")
    claims = claims_of(token("basic"))
    claims["vc"]["name"] = "Leadership Badge"

    report = verify_token(f"{head}.{b64url(claims)}.{signature}", published("basic"))

    assert report.check("issuer_key").status == PASSED
    assert report.check("proof") == Check(
        "proof", FAILED, "The JWT signature does not match the key."
    )


@pytest.mark.parametrize("alg", ["HS256", "none"])
def test_an_hmac_or_unsigned_token_is_refused_even_when_listed(alg):
    """HS256 keyed with the published RSA modulus, the classic key confusion; or no signature."""
    import hashlib
    import hmac

    jwt = token("basic")
    signing_input = b64url({**header(jwt), "alg": alg}) + "." + jwt.split(".")[1]
    secret = header(jwt)["jwk"]["n"].encode()
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    signature = (
        base64.urlsafe_b64encode(mac).rstrip(b"=").decode() if alg == "HS256" else ""
    )

    report = verify_token(
        f"{signing_input}.{signature}", published("basic"), algorithms=(alg, "RS256")
    )

    assert report.check("proof") == Check(
        "proof", FAILED, f"The JWT algorithm {alg!r} is not allowed."
    )
    assert report.valid is False
