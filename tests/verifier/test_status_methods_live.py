"""The public verifier reads the status methods other software publishes, over real HTTP.

Credentials and their status lists are signed by Digital Bazaar's
``@digitalbazaar/vc`` with a fresh did:key (``tests/js/sign-status-lists.mjs``,
which also builds each encodedList with Node's zlib as
``@digitalbazaar/bitstring`` does), served from a web server on 127.0.0.1
(``tests/obv/site.py``) and pasted into ``verifier.inputs.verify_pasted``:
Status List 2021 (a VC 1.1 credential, as the Digital Credentials Consortium
issues them), 1EdTech revocation lists and several entries at once. Every bad
list ends in a failed status check with a reason, never an error.

The fetch client reaches 127.0.0.1 only because these tests allow-list it.
"""

from __future__ import annotations

import base64
import copy
import gzip
import json

import pytest

from tests.node import run_node
from tests.verifier.test_verifier_external import external_credential
from verifier import inputs

VC1 = "https://www.w3.org/2018/credentials/v1"
OB_VC1 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"
EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
SL2021 = "https://w3id.org/vc/status-list/2021/v1"
DI = "https://w3id.org/security/data-integrity/v2"
LENGTH = 131072


def vc11_credential(number: int, *entries) -> dict:
    """A VC 1.1 OpenBadgeCredential with Status List 2021 entries, as DCC issues them."""
    credential = external_credential("unused")
    credential.pop("validFrom")
    credential.update(
        {
            "@context": [VC1, OB_VC1, SL2021, DI],
            "id": f"urn:uuid:0b9e2c1a-5f3d-4e8a-9c7b-{number:012d}",
            "issuer": {"id": "ISSUER", "type": "Profile", "name": "A DCC-style issuer"},
            "issuanceDate": "2025-03-01T09:00:00Z",
            "credentialStatus": entries[0] if len(entries) == 1 else list(entries),
        }
    )
    return credential


def vc2_credential(number: int, *entries) -> dict:
    credential = external_credential("unused")
    credential["@context"] = [*credential["@context"], EXTENSIONS]
    credential["id"] = f"urn:uuid:7c4d8e2f-1a3b-4c5d-8e9f-{number:012d}"
    credential["issuer"]["id"] = "ISSUER"
    credential["credentialStatus"] = entries[0] if len(entries) == 1 else list(entries)
    return credential


def entry_2021(url: str, index: int, purpose: str = "revocation") -> dict:
    return {
        "id": f"{url}#{index}",
        "type": "StatusList2021Entry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def list_2021(url: str, purpose: str = "revocation", *, encoded=None, **built) -> dict:
    """An unsigned StatusList2021Credential; its encodedList built by the Node script."""
    return {
        "@context": [VC1, SL2021, DI],
        "id": url,
        "type": ["VerifiableCredential", "StatusList2021Credential"],
        "issuer": "ISSUER",
        "issuanceDate": "2025-03-01T09:00:00Z",
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "StatusList2021",
            "statusPurpose": purpose,
            "encodedList": encoded
            if encoded is not None
            else {"set": built.get("set", []), "length": built.get("length", LENGTH)},
        },
    }


def bitstring_list(url: str, *, set_bits=()) -> dict:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": "ISSUER",
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": {"set": list(set_bits), "length": LENGTH, "multibase": True},
        },
    }


def bitstring_entry(url: str, index: int) -> dict:
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


BOMB = base64.urlsafe_b64encode(gzip.compress(bytes(17 * 1024 * 1024))).decode()


@pytest.fixture(scope="module")
def published(site):
    """Sign every case's credential and lists in one Node run; serve the lists."""
    cast, server, _signer = site
    url = f"{cast.base_url}/status-methods".__add__
    lists = {
        url("/2021/revocation"): list_2021(url("/2021/revocation"), set=[94567]),
        url("/2021/suspension"): list_2021(
            url("/2021/suspension"), "suspension", set=[94567]
        ),
        url("/2021/short"): list_2021(url("/2021/short"), set=[1], length=8192),
        url("/2021/bad-base64"): list_2021(url("/2021/bad-base64"), encoded="H4sI%%%"),
        url("/2021/bad-gzip"): list_2021(
            url("/2021/bad-gzip"), encoded=base64.b64encode(b"not gzip").decode()
        ),
        url("/2021/bomb"): list_2021(url("/2021/bomb"), encoded=BOMB),
        url("/bitstring"): bitstring_list(url("/bitstring")),
    }
    outsider_lists = {url("/2021/outsider"): list_2021(url("/2021/outsider"))}
    revocations = url("/2021/revocation")
    cases = {
        "revoked": vc11_credential(1, entry_2021(revocations, 94567)),
        "clear": vc11_credential(2, entry_2021(revocations, 94568)),
        "suspended": vc11_credential(
            3,
            entry_2021(revocations, 94568),
            entry_2021(url("/2021/suspension"), 94567, "suspension"),
        ),
        "not the issuer's": vc11_credential(4, entry_2021(url("/2021/outsider"), 5)),
        "unreachable": vc11_credential(5, entry_2021(url("/2021/missing"), 5)),
        "not JSON": vc11_credential(6, entry_2021(url("/2021/not-json"), 5)),
        "out of range": vc11_credential(7, entry_2021(url("/2021/short"), 94567)),
        "bad base64": vc11_credential(8, entry_2021(url("/2021/bad-base64"), 5)),
        "bad gzip": vc11_credential(9, entry_2021(url("/2021/bad-gzip"), 5)),
        "gzip bomb": vc11_credential(10, entry_2021(url("/2021/bomb"), 5)),
        "1edtech revoked": vc2_credential(11, edtech(url("/1edtech/list"))),
        "1edtech clear": vc2_credential(12, edtech(url("/1edtech/list"))),
        "1edtech not the issuer's": vc2_credential(13, edtech(url("/1edtech/other"))),
        "1edtech unreachable": vc2_credential(14, edtech(url("/1edtech/missing"))),
        "1edtech malformed": vc2_credential(15, edtech(url("/1edtech/malformed"))),
        "mixed revoked": vc2_credential(
            16, bitstring_entry(url("/bitstring"), 7), edtech(url("/1edtech/list"))
        ),
        "mixed unknown": vc2_credential(
            17,
            bitstring_entry(url("/bitstring"), 7),
            # Not a status method this verifier reads (nor one at all: a
            # term its shipped contexts define, so the credential's format
            # passes; embedded contexts are refused).
            {"id": url("/refresh"), "type": "1EdTechCredentialRefresh"},
        ),
    }
    names = list(cases)
    out = run_node(
        "sign-status-lists.mjs",
        {
            "credentials": list(cases.values()),
            "lists": lists,
            "outsiderLists": outsider_lists,
        },
    )
    assert "error" not in out, out
    for list_url, document in out["lists"].items():
        server.put_json(list_url, document)
    server.put_file(url("/2021/not-json"), "text/html", b"<html>Moved</html>")
    signed = dict(zip(names, out["credentials"], strict=True))
    issuer = out["did"]
    server.put_json(
        url("/1edtech/list"),
        {
            "id": url("/1edtech/list"),
            "issuer": issuer,
            "revokedCredentials": [
                {"id": signed["1edtech revoked"]["id"], "revoked": True,
                 "revocationReason": "Issued in error"},
                {"id": signed["mixed revoked"]["id"]},
                {"id": signed["1edtech clear"]["id"], "revoked": False},
            ],
        },
    )  # fmt: skip
    server.put_json(
        url("/1edtech/other"),
        {"issuer": out["outsider"], "revokedCredentials": []},
    )
    server.put_json(
        url("/1edtech/malformed"),
        {"issuer": issuer, "revokedCredentials": "all of them"},
    )
    return signed


def edtech(url: str) -> dict:
    return {"id": url, "type": "1EdTechRevocationList"}


def status_of(published, name):
    verdict = inputs.verify_pasted(json.dumps(published[name]))
    checks = {c.name: c for c in verdict.checks}
    # The signature is theirs and sound whatever the status says.
    assert checks["proof"].status == "passed", verdict.checks
    return verdict, checks["status"]


def test_a_clear_status_list_2021_credential_verifies(published, allow_local, db):
    verdict, status = status_of(published, "clear")
    assert status.message == "Not revoked (bit 94568 is clear)."
    assert verdict.valid is True, verdict.checks


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("revoked", "revoked", "The credential has been revoked (revocation bit 94567 is set)."),
        ("suspended", "suspended", "The credential is suspended (suspension bit 94567 is set)."),
        ("not the issuer's", "status_unavailable",
         "The status list was not issued by the credential's issuer."),
        ("unreachable", "status_unavailable", "could not be fetched"),
        ("not JSON", "status_unavailable", "is not JSON."),
        ("out of range", "status_unavailable",
         "The status list cannot be read: Status list index 94567 is outside the list."),
        ("bad base64", "status_unavailable",
         "The status list cannot be read: encodedList is not base64."),
        ("bad gzip", "status_unavailable",
         "The status list cannot be read: encodedList is not GZIP-compressed data."),
        ("gzip bomb", "status_unavailable",
         "encodedList inflates to more than 16 MiB; a status list that large is refused."),
        ("1edtech revoked", "revoked",
         "The credential has been revoked (its issuer's revocation list lists it). "
         "Reason given by the issuer: Issued in error"),
        ("1edtech not the issuer's", "status_unavailable",
         "The revocation list is not the credential's issuer's."),
        ("1edtech unreachable", "status_unavailable", "could not be fetched"),
        ("1edtech malformed", "status_unavailable",
         "The revocation list's revokedCredentials is not a list."),
        ("mixed revoked", "revoked",
         "The credential has been revoked (its issuer's revocation list lists it). "
         "Not revoked (bit 7 is clear)."),
        ("mixed unknown", "status_unavailable",
         "The status method 1EdTechCredentialRefresh is not one this verifier can check. "
         "Not revoked (bit 7 is clear)."),
    ],
)  # fmt: skip
def test_each_status_answer_is_a_failed_check_with_its_code(
    published, allow_local, db, name, code, message
):
    verdict, status = status_of(published, name)
    assert (status.status, status.code) == ("failed", code), status
    assert message in status.message, status
    assert verdict.valid is False


def test_a_credential_its_issuer_unrevoked_in_a_1edtech_list_verifies(
    published, allow_local, db
):
    verdict, status = status_of(published, "1edtech clear")
    assert status.message == "Not revoked (not in the issuer's revocation list)."
    assert verdict.valid is True, verdict.checks


def test_a_tampered_status_entry_fails_the_proof_not_quietly(
    published, allow_local, db
):
    moved = copy.deepcopy(published["revoked"])
    moved["credentialStatus"]["statusListIndex"] = "94568"
    verdict = inputs.verify_pasted(json.dumps(moved))
    checks = {c.name: c for c in verdict.checks}
    assert checks["proof"].status == "failed"
    assert verdict.valid is False


def test_the_public_api_answers_every_status_case_without_an_error(
    published, allow_local, db, client
):
    for name, credential in published.items():
        response = client.post(
            "/api/v1/verify",
            data=json.dumps({"text": json.dumps(credential)}),
            content_type="application/json",
        )
        assert response.status_code == 200, (name, response.content[:300])
        status = [c for c in response.json()["checks"] if c["name"] == "status"][0]
        assert status["status"] in ("passed", "failed"), (name, status)
