"""The status methods the field uses: Status List 2021, 1EdTech revocation lists, several entries.

Status List 2021 lists are built here from the specification (W3C CCG "Status
List 2021", section 2.3: the bitstring, most significant bit first, GZIP-
compressed and base64-encoded with no multibase prefix) and compared with
the specification's example and with a list made by Digital Bazaar's
``@digitalbazaar/vc-status-list``. 1EdTech's own validator inputs run with
the verdicts its test suite expects.
"""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

import pytest
from fixtures.ob3 import facts
from test_vc11 import vc11_credential

from credentials import did, ob3
from credentials.loader import OfflineLoader
from credentials.ob3 import status_list
from credentials.ob3._checks import Failed
from credentials.ob3._status import MAX_ENTRIES, check_status
from credentials.ob3.verification import (
    FAILED,
    PASSED,
    REVOKED,
    SKIPPED,
    STATUS_UNAVAILABLE,
    SUSPENDED,
    verify,
)

VC1 = "https://www.w3.org/2018/credentials/v1"
SL2021 = "https://w3id.org/vc/status-list/2021/v1"
DI = "https://w3id.org/security/data-integrity/v2"
OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
LIST_URL = f"{facts.BASE_URL}/status/2021/1"
SUSPENSION_URL = f"{facts.BASE_URL}/status/2021/2"
BITSTRING_URL = f"{facts.BASE_URL}/status/bitstring/1"
REVOCATIONS_URL = f"{facts.BASE_URL}/revocations"
CREDENTIAL_ID = "urn:uuid:6a1f0e7c-24a4-4a8e-a1b5-3f0c5f0d2b77"

# The example encodedList of "Status List 2021" (W3C CCG, section 2.3,
# example 2): 16 KiB of zeros.
SPEC_EXAMPLE = "H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
# Made by @digitalbazaar/vc-status-list 8.0.1 (createList({length: 131072}),
# setStatus(i, true) for 0, 9 and 94567, encode()).
DIGITAL_BAZAAR_0_9_94567 = (
    "H4sIAAAAAAAAA-3OQREAAAQAMJqJJroMXu7clmBdAQAAAAAAAAAAAADAM3kdAAAAAGBtAOiFV6EAQAAA"
)

VALIDATOR = Path(__file__).parent / "fixtures" / "1edtech-validator" / "ob30"
TESTLIST_URL = (
    "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/"
    "refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist"
)


def encoded_2021(indexes=(), *, size=131072, standard_alphabet=False) -> str:
    """Return a Status List 2021 encodedList built from the specification."""
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits))
    if standard_alphabet:
        return base64.b64encode(compressed).decode()
    return base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


class Issuer:
    """An issuer with a did:web key, the documents it publishes by URL, and verify()."""

    def __init__(self) -> None:
        self.keys = facts.issuer_keys(1)
        self.outsider_keys = facts.issuer_keys(1)
        self.documents: dict[str, object] = {}
        self.fetched: list[str] = []

    def sign(self, document: dict, *, keys=None) -> dict:
        (key_id, key), *_ = keys or self.keys
        return ob3.sign(
            document,
            key,
            verification_method=did.verification_method_id(facts.ISSUER_DID, key_id),
            created=facts.ISSUED_ON,
            base_url=facts.BASE_URL,
        )

    def resolve(self, subject: str) -> dict:
        if subject != facts.ISSUER_DID:
            raise LookupError(f"no DID document for {subject}")
        return facts.did_document_for(self.keys)

    def fetch(self, url: str) -> object:
        self.fetched.append(url)
        if url not in self.documents:
            raise LookupError(f"{url} answered 404.")
        return self.documents[url]

    def publish_2021(self, url=LIST_URL, purpose="revocation", **changes) -> None:
        self.documents[url] = self.sign(status_list_2021(url, purpose, **changes))

    def verify(self, credential: dict):
        return verify(
            credential,
            now=facts.NOW,
            resolve_did_document=self.resolve,
            fetch_status_list=self.fetch,
            base_url=facts.BASE_URL,
        )

    def status(self, credential: dict, *, signed: bool = True):
        """Return the status check of ``credential``, signed unless its terms cannot be.

        The status check runs whatever the proof check says, so entries no
        context defines are checked on the unsigned credential.
        """
        return self.verify(self.sign(credential) if signed else credential).check(
            "status"
        )


def status_list_2021(url, purpose="revocation", *, indexes=(), **changes) -> dict:
    """Return an unsigned StatusList2021Credential (Status List 2021, section 2.3)."""
    document = {
        "@context": [VC1, SL2021, DI],
        "id": url,
        "type": ["VerifiableCredential", "StatusList2021Credential"],
        "issuer": facts.ISSUER_DID,
        "issuanceDate": "2025-03-01T09:00:00Z",
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "StatusList2021",
            "statusPurpose": purpose,
            "encodedList": encoded_2021(indexes),
        },
    }
    subject = changes.pop("subject", {})
    document["credentialSubject"].update(subject)
    document.update(changes)
    return document


def entry_2021(index, url=LIST_URL, purpose="revocation") -> dict:
    return {
        "id": f"{url}#{index}",
        "type": "StatusList2021Entry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def entry_1edtech(url=REVOCATIONS_URL) -> dict:
    return {"id": url, "type": "1EdTechRevocationList"}


def credential(*entries) -> dict:
    """Return an unsigned VC 1.1 OpenBadgeCredential with these credentialStatus entries."""
    return vc11_credential(
        **{
            "@context": [VC1, OB, EXTENSIONS, SL2021, DI],
            "id": CREDENTIAL_ID,
            "expirationDate": None,
            "credentialStatus": entries[0] if len(entries) == 1 else list(entries),
        }
    )


@pytest.fixture
def issuer():
    return Issuer()


def assert_status(check, status, code, message):
    assert (check.status, check.code) == (status, code), check
    assert message in check.message, check


# --- Status List 2021 encodedList ---------------------------------------------------------


def test_the_specifications_example_is_16_kib_of_clear_bits():
    assert status_list.decode_list(SPEC_EXAMPLE, multibase=False) == set()
    assert status_list.is_set(SPEC_EXAMPLE, 131071, multibase=False) is False
    with pytest.raises(status_list.DecodeError, match="outside"):
        status_list.is_set(SPEC_EXAMPLE, 131072, multibase=False)


def test_a_digital_bazaar_list_reads_with_its_bits_most_significant_first():
    assert status_list.decode_list(DIGITAL_BAZAAR_0_9_94567, multibase=False) == {
        0,
        9,
        94567,
    }
    # The same bitstring as the one built here from the specification.
    ours = encoded_2021({0, 9, 94567})
    assert gzip.decompress(base64.urlsafe_b64decode(ours + "==")) == gzip.decompress(
        base64.urlsafe_b64decode(DIGITAL_BAZAAR_0_9_94567 + "==")
    )


def test_the_standard_base64_alphabet_with_padding_reads_the_same():
    standard = encoded_2021({5, 131071}, standard_alphabet=True)
    assert standard.endswith("=") or "+" in standard or "/" in standard
    assert status_list.decode_list(standard, multibase=False) == {5, 131071}


def test_a_bitstring_status_list_still_needs_its_multibase_prefix():
    with pytest.raises(status_list.DecodeError, match="starting with 'u'"):
        status_list.decode_list(SPEC_EXAMPLE)


# --- Status List 2021 entries -------------------------------------------------------------


def test_a_clear_status_list_2021_bit_passes(issuer):
    issuer.publish_2021(indexes={7})
    report = issuer.verify(issuer.sign(credential(entry_2021(94567))))
    assert report.check("status").status == PASSED
    assert report.check("status").message == "Not revoked (bit 94567 is clear)."
    assert report.valid is True, report.checks


def test_a_set_status_list_2021_revocation_bit_revokes(issuer):
    issuer.publish_2021(indexes={94567})
    assert_status(
        issuer.status(credential(entry_2021(94567))),
        FAILED,
        REVOKED,
        "The credential has been revoked (revocation bit 94567 is set).",
    )


def test_a_set_status_list_2021_suspension_bit_suspends(issuer):
    issuer.publish_2021(SUSPENSION_URL, "suspension", indexes={12})
    assert_status(
        issuer.status(credential(entry_2021(12, SUSPENSION_URL, "suspension"))),
        FAILED,
        SUSPENDED,
        "The credential is suspended (suspension bit 12 is set).",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"issuer": "did:web:elsewhere.example"},
            "The status list was not issued by the credential's issuer.",
        ),
        (
            {"type": ["VerifiableCredential"]},
            "The status list is not a StatusList2021Credential.",
        ),
        (
            {"subject": {"statusPurpose": "suspension"}},
            "The status list's statusPurpose does not match the entry's.",
        ),
        ({"expirationDate": "2025-04-01T00:00:00Z"}, "The status list has expired."),
        (
            {"subject": {"encodedList": "H4sI!!not base64"}},
            "The status list cannot be read: encodedList is not base64.",
        ),
        (
            {"subject": {"encodedList": base64.b64encode(b"not gzip").decode()}},
            "The status list cannot be read: encodedList is not GZIP-compressed data.",
        ),
        (
            {"subject": {"encodedList": "u" + encoded_2021()}},
            "The status list cannot be read: encodedList is not base64.",
        ),
        (
            {"subject": {"encodedList": 42}},
            "The status list cannot be read: encodedList is missing or not a string.",
        ),
        (
            {"subject": {"encodedList": encoded_2021(size=8192)}},
            "The status list cannot be read: Status list index 94567 is outside the list.",
        ),
    ],
)
def test_a_status_list_2021_that_cannot_be_trusted_or_read_is_unavailable(
    issuer, changes, message
):
    issuer.publish_2021(**changes)
    assert_status(
        issuer.status(credential(entry_2021(94567))),
        FAILED,
        STATUS_UNAVAILABLE,
        message,
    )


def test_a_gzip_bomb_is_refused_with_a_clear_message(issuer):
    bomb = base64.b64encode(gzip.compress(bytes(17 * 1024 * 1024))).decode()
    assert len(bomb) < 40_000
    issuer.publish_2021(subject={"encodedList": bomb})
    assert_status(
        issuer.status(credential(entry_2021(94567))),
        FAILED,
        STATUS_UNAVAILABLE,
        "encodedList inflates to more than 16 MiB; a status list that large is refused.",
    )


def test_a_status_list_2021_signed_by_another_key_is_unavailable(issuer):
    issuer.documents[LIST_URL] = issuer.sign(
        status_list_2021(LIST_URL), keys=issuer.outsider_keys
    )
    assert_status(
        issuer.status(credential(entry_2021(94567))),
        FAILED,
        STATUS_UNAVAILABLE,
        "The status list's proof is not valid",
    )


def test_an_unsigned_status_list_2021_is_unavailable(issuer):
    issuer.documents[LIST_URL] = status_list_2021(LIST_URL, indexes={94567})
    assert_status(
        issuer.status(credential(entry_2021(94567))),
        FAILED,
        STATUS_UNAVAILABLE,
        "The status list's proof is not valid",
    )


def test_an_unreachable_status_list_2021_is_unavailable(issuer):
    assert_status(
        issuer.status(credential(entry_2021(94567))),
        FAILED,
        STATUS_UNAVAILABLE,
        f"The status list {LIST_URL} could not be fetched: {LIST_URL} answered 404.",
    )


# --- 1EdTech Revocation List Status Method ------------------------------------------------


def revocation_list(*revoked, issuer=facts.ISSUER_DID, key="revokedCredentials"):
    """Return a revocation list (1EdTech Revocation List Status Method 1.0)."""
    return {"id": REVOCATIONS_URL, "issuer": issuer, key: list(revoked)}


def test_a_credential_in_its_issuers_revocation_list_is_revoked_with_the_reason(
    issuer,
):
    issuer.documents[REVOCATIONS_URL] = revocation_list(
        {"id": "urn:uuid:someone-else", "revocationReason": "Other"},
        {"id": CREDENTIAL_ID, "revoked": True, "revocationReason": "Awarded in error"},
    )
    assert_status(
        issuer.status(credential(entry_1edtech())),
        FAILED,
        REVOKED,
        "The credential has been revoked (its issuer's revocation list lists it). "
        "Reason given by the issuer: Awarded in error",
    )


def test_revoked_may_be_omitted_and_the_reason_too(issuer):
    issuer.documents[REVOCATIONS_URL] = revocation_list({"id": CREDENTIAL_ID})
    check = issuer.status(credential(entry_1edtech()))
    assert (check.status, check.code) == (FAILED, REVOKED)
    assert check.message == (
        "The credential has been revoked (its issuer's revocation list lists it)."
    )


def test_the_singular_key_1edtechs_validator_reads_counts_too(issuer):
    issuer.documents[REVOCATIONS_URL] = revocation_list(
        {"id": CREDENTIAL_ID}, key="revokedCredential"
    )
    assert issuer.status(credential(entry_1edtech())).code == REVOKED


@pytest.mark.parametrize(
    "document",
    [
        revocation_list(),
        revocation_list({"id": CREDENTIAL_ID, "revoked": False}),
        revocation_list({"id": "urn:uuid:someone-else"}),
        {"id": REVOCATIONS_URL, "issuer": {"id": facts.ISSUER_DID}},
    ],
)
def test_a_credential_not_in_the_list_is_not_revoked(issuer, document):
    issuer.documents[REVOCATIONS_URL] = document
    report = issuer.verify(issuer.sign(credential(entry_1edtech())))
    assert report.check("status").status == PASSED
    assert report.check("status").message == (
        "Not revoked (not in the issuer's revocation list)."
    )
    assert report.valid is True


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            revocation_list({"id": CREDENTIAL_ID}, issuer="did:web:elsewhere.example"),
            "The revocation list is not the credential's issuer's.",
        ),
        (
            {"id": REVOCATIONS_URL, "revokedCredentials": [{"id": CREDENTIAL_ID}]},
            "The revocation list is not the credential's issuer's.",
        ),
        (
            {"issuer": facts.ISSUER_DID, "revokedCredentials": {"id": CREDENTIAL_ID}},
            "The revocation list's revokedCredentials is not a list.",
        ),
        (
            revocation_list({"revocationReason": "no id"}),
            "The revocation list has an entry without a credential id.",
        ),
        (
            revocation_list("urn:uuid:a-bare-string"),
            "The revocation list has an entry without a credential id.",
        ),
        (
            revocation_list({"id": CREDENTIAL_ID, "revoked": "no"}),
            "The revocation list has an entry whose revoked is not true or false.",
        ),
        (
            ["not", "an", "object"],
            f"The revocation list {REVOCATIONS_URL} is not a JSON object.",
        ),
    ],
)
def test_a_revocation_list_that_cannot_be_trusted_or_read_is_unavailable(
    issuer, document, message
):
    issuer.documents[REVOCATIONS_URL] = document
    assert_status(
        issuer.status(credential(entry_1edtech())),
        FAILED,
        STATUS_UNAVAILABLE,
        message,
    )


def test_an_unreachable_revocation_list_is_unavailable(issuer):
    assert_status(
        issuer.status(credential(entry_1edtech())),
        FAILED,
        STATUS_UNAVAILABLE,
        f"The revocation list {REVOCATIONS_URL} could not be fetched",
    )


def test_a_revocation_list_entry_needs_the_lists_url_and_the_credential_an_id(
    issuer,
):
    issuer.documents[REVOCATIONS_URL] = revocation_list({"id": CREDENTIAL_ID})
    no_url = issuer.status(credential({"type": "1EdTechRevocationList"}))
    assert_status(
        no_url,
        FAILED,
        STATUS_UNAVAILABLE,
        "The 1EdTechRevocationList entry has no id: the list's URL.",
    )
    anonymous = credential(entry_1edtech())
    del anonymous["id"]
    assert_status(
        issuer.status(anonymous),
        FAILED,
        STATUS_UNAVAILABLE,
        "The credential has no id to look up in its revocation list.",
    )


# --- Several entries, and methods not read here -------------------------------------------


def bitstring_entry(index, purpose="revocation") -> dict:
    return {
        "id": f"{BITSTRING_URL}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": BITSTRING_URL,
    }


def publish_bitstring(issuer, revoked=()):
    unsigned = status_list.status_list_credential(
        list_url=BITSTRING_URL,
        issuer_did=facts.ISSUER_DID,
        revoked_indexes=revoked,
        valid_from=facts.ISSUED_ON,
    )
    issuer.documents[BITSTRING_URL] = issuer.sign(unsigned)


UNKNOWN = {"id": "https://status.example/1", "type": "RevocationList2020Status"}


def test_a_status_method_not_read_here_is_unavailable_never_valid(issuer):
    assert_status(
        issuer.status(credential(UNKNOWN), signed=False),
        FAILED,
        STATUS_UNAVAILABLE,
        "The status method RevocationList2020Status is not one this verifier can check.",
    )
    assert issuer.fetched == []


@pytest.mark.parametrize(
    "entry", ["https://status.example/1", {"id": "x"}, {"type": 3}]
)
def test_an_entry_without_a_readable_type_is_unavailable(issuer, entry):
    assert_status(
        issuer.status(credential(entry), signed=False),
        FAILED,
        STATUS_UNAVAILABLE,
        "A credentialStatus entry has no type this verifier can read.",
    )


def test_every_entry_is_checked_and_one_revocation_decides(issuer):
    publish_bitstring(issuer)
    issuer.publish_2021(indexes={3})
    check = issuer.status(
        credential(bitstring_entry(3), UNKNOWN, entry_2021(3)), signed=False
    )
    assert (check.status, check.code) == (FAILED, REVOKED)
    assert check.message == (
        "The credential has been revoked (revocation bit 3 is set). "
        "Not revoked (bit 3 is clear). "
        "The status method RevocationList2020Status is not one this verifier can check."
    )


def test_a_revocation_list_revocation_decides_over_an_unreachable_list(issuer):
    issuer.documents[REVOCATIONS_URL] = revocation_list({"id": CREDENTIAL_ID})
    check = issuer.status(credential(entry_2021(3), entry_1edtech()))
    assert (check.status, check.code) == (FAILED, REVOKED)


def test_an_unchecked_entry_makes_clear_entries_unavailable(issuer):
    publish_bitstring(issuer)
    check = issuer.status(credential(bitstring_entry(3), UNKNOWN), signed=False)
    assert (check.status, check.code) == (FAILED, STATUS_UNAVAILABLE)
    assert check.message.startswith("The status method RevocationList2020Status")
    assert "Not revoked (bit 3 is clear)." in check.message


def test_a_suspension_with_an_unchecked_revocation_is_unavailable(issuer):
    issuer.publish_2021(SUSPENSION_URL, "suspension", indexes={3})
    check = issuer.status(
        credential(entry_2021(3), entry_2021(3, SUSPENSION_URL, "suspension"))
    )
    assert (check.status, check.code) == (FAILED, STATUS_UNAVAILABLE)
    assert "The credential is suspended (suspension bit 3 is set)." in check.message


def test_a_suspension_with_a_clear_revocation_is_suspended(issuer):
    issuer.publish_2021(indexes=())
    issuer.publish_2021(SUSPENSION_URL, "suspension", indexes={3})
    check = issuer.status(
        credential(entry_2021(3), entry_2021(3, SUSPENSION_URL, "suspension"))
    )
    assert (check.status, check.code) == (FAILED, SUSPENDED)
    assert check.message == (
        "The credential is suspended (suspension bit 3 is set). "
        "Not revoked (bit 3 is clear)."
    )


def test_all_entries_clear_pass_and_say_so(issuer):
    publish_bitstring(issuer)
    issuer.publish_2021()
    issuer.documents[REVOCATIONS_URL] = revocation_list()
    check = issuer.status(
        credential(bitstring_entry(4), entry_2021(4), entry_1edtech()), signed=False
    )
    assert check.status == PASSED
    assert check.message == (
        "Not revoked (bit 4 is clear). Not revoked (bit 4 is clear). "
        "Not revoked (not in the issuer's revocation list)."
    )


def test_a_list_shared_by_two_entries_is_fetched_once(issuer):
    issuer.publish_2021()
    check = issuer.status(credential(entry_2021(4), entry_2021(5)))
    assert check.status == PASSED
    assert issuer.fetched == [LIST_URL]


def test_too_many_entries_are_not_all_fetched(issuer):
    issuer.publish_2021()
    entries = [entry_2021(i) for i in range(MAX_ENTRIES + 5)]
    check = issuer.status(credential(*entries))
    assert (check.status, check.code) == (FAILED, STATUS_UNAVAILABLE)
    assert check.message.startswith(
        f"The credential has {MAX_ENTRIES + 5} credentialStatus entries; "
        f"only the first {MAX_ENTRIES} are checked."
    )


def test_an_empty_list_of_entries_skips_the_check(issuer):
    check = issuer.status(credential())
    assert check.status == SKIPPED


# --- 1EdTech's validator inputs -----------------------------------------------------------


def validator_input(name: str) -> dict:
    return json.loads((VALIDATOR / name).read_text(encoding="utf-8"))


# 1EdTech's validator takes the key from the verification method's fragment
# ("[controller]#[publicKeyMultibase]"); its inputs' issuer publishes no
# document, so the offline server answers the controller document that
# convention describes.
VALIDATOR_ISSUER = "https://1edtech.edu/issuers/565049"
VALIDATOR_KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"


def validator_documents(subject: str) -> dict:
    if subject != VALIDATOR_ISSUER:
        raise LookupError(f"{subject} is not among the validator's assets")
    method = f"{VALIDATOR_ISSUER}#{VALIDATOR_KEY}"
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": VALIDATOR_ISSUER,
        "verificationMethod": [
            {"id": method, "type": "Multikey", "controller": VALIDATOR_ISSUER,
             "publicKeyMultibase": VALIDATOR_KEY}
        ],
        "assertionMethod": [method],
    }  # fmt: skip


def validator_assets(url: str) -> dict:
    """Serve the validator's published assets by their URLs (an offline document server)."""
    if url != TESTLIST_URL:
        raise LookupError(f"{url} is not among the validator's assets")
    return validator_input("bit-string-list/testlist")


@pytest.mark.parametrize(
    "name",
    [
        "bit-string-list/credential-status-revoked.json",
        "bit-string-list/credential-status-revoked-blank-nodes.json",
    ],
)
def test_1edtechs_bitstring_inputs_verify_and_are_revoked(name):
    report = verify(
        validator_input(name),
        now=facts.NOW,
        resolve_did_document=validator_documents,
        fetch_status_list=validator_assets,
    )
    checks = {c.name: (c.status, c.code) for c in report.checks}
    assert checks == {
        "format": (PASSED, ""),
        "schema": (PASSED, ""),
        "issuer_key": (PASSED, ""),
        "proof": (PASSED, ""),
        "validity": (PASSED, ""),
        "status": (FAILED, REVOKED),
    }, report.checks
    assert report.check("status").message == (
        "The credential has been revoked (revocation bit 23 is set)."
    )


def test_1edtechs_testlist_has_only_bit_23_set():
    subject = validator_input("bit-string-list/testlist")["credentialSubject"]
    assert status_list.decode_list(subject["encodedList"]) == {23}


def test_1edtechs_bitstring_input_moved_to_a_clear_bit_fails_its_proof_not_its_status():
    tampered = validator_input("bit-string-list/credential-status-revoked.json")
    tampered["credentialStatus"]["statusListIndex"] = 22
    report = verify(
        tampered,
        now=facts.NOW,
        resolve_did_document=validator_documents,
        fetch_status_list=validator_assets,
    )
    assert report.check("proof").status == FAILED
    assert report.check("status").status == PASSED
    assert report.valid is False


def test_1edtechs_revocation_list_input_is_revoked_by_its_issuers_list():
    """``ob30/credential-status-revoked.json``, its status check on its own.

    Its Ed25519Signature2020 proof is another part of the verifier's work;
    the revocation list it names at dc.1edtech.org is not among the
    published assets, so the list served here is written from the
    specification, naming the credential and its did:web issuer.
    """
    revoked = validator_input("credential-status-revoked.json")
    list_url = revoked["credentialStatus"]["id"]
    served = {
        list_url: {
            "id": list_url,
            "issuer": revoked["issuer"]["id"],
            "revokedCredentials": [
                {"id": revoked["id"], "revoked": True, "revocationReason": "Test"}
            ],
        }
    }

    def status_of(documents):
        try:
            return check_status(
                revoked,
                fetch_status_list=lambda url: documents[url],
                resolve_did_document=validator_documents,
                loader=OfflineLoader(),
                cryptosuites=("eddsa-rdfc-2022",),
                now=facts.NOW,
            )
        except Failed as exc:
            return FAILED, str(exc), exc.code

    assert status_of(served) == (
        FAILED,
        "The credential has been revoked (its issuer's revocation list lists it). "
        "Reason given by the issuer: Test",
        REVOKED,
    )
    assert status_of({}) == (
        FAILED,
        f"The revocation list {list_url} could not be fetched: '{list_url}'",
        STATUS_UNAVAILABLE,
    )
