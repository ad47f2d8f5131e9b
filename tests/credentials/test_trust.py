"""The issuer's identity evidence (credentials.trust): registries, domains, the evidence classes."""

from __future__ import annotations

import pytest

from credentials import trust
from credentials.trust import IssuerClaim, RegistryError, identify, parse_registry

FRESH_KEY = "did:key:z6MkpLDL3RoAoMRTwTgo3rs39ZwssfaPKtGdZw7AGRN7CK4W"
# The shape of the DCC community registry (digitalcredentials/dcc-community-registry).
DCC_SHAPED = {
    "meta": {"created": "2022-10-27T17:57:31+00:00", "updated": "2025-03-25T18:29:52+00:00"},
    "registry": {
        FRESH_KEY: {"name": "My University", "location": "Cambridge, MA, USA", "url": "https://digitalcredentials.mit.edu"},
        "did:web:credentials.myschool.ca": {"name": "My School", "url": "https://some.domain.ca"},
    },
}  # fmt: skip


def registry(name: str = "DCC Community Registry"):
    return parse_registry(DCC_SHAPED, name=name)


def test_a_dcc_shaped_registry_is_read_with_names_urls_and_locations():
    read = registry()
    assert read.name == "DCC Community Registry"
    entry = read.entry(FRESH_KEY)
    assert (entry.name, entry.url, entry.location) == (
        "My University",
        "https://digitalcredentials.mit.edu",
        "Cambridge, MA, USA",
    )
    assert read.entry("did:key:z6MkOther") is None


def test_the_earlier_entries_shape_and_a_registry_naming_itself_are_read():
    read = parse_registry(
        {"meta": {"name": "Pilot"}, "entries": {FRESH_KEY: {"name": "X"}}}, name=""
    )
    assert read.name == "Pilot" and read.entry(FRESH_KEY).name == "X"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "The trust registry is not a JSON object."),
        ({"meta": {}}, 'The trust registry has no "registry" object of identifiers.'),
        ({"registry": []}, 'The trust registry has no "registry" object of identifiers.'),
        ({"registry": {FRESH_KEY: "My University"}}, f"The trust registry's entry for {FRESH_KEY} has no name."),
        ({"registry": {FRESH_KEY: {"name": "  "}}}, f"The trust registry's entry for {FRESH_KEY} has no name."),
    ],
)  # fmt: skip
def test_a_document_that_is_not_a_registry_is_refused_precisely(document, message):
    with pytest.raises(RegistryError) as caught:
        parse_registry(document, name="R")
    assert caught.value.description == message
    assert caught.value.code == "bad_registry"


def test_the_claim_is_read_from_an_ob3_issuer_object_or_uri():
    claim = trust.issuer_claim(
        {
            "credentialSubject": {},
            "issuer": {"id": FRESH_KEY, "name": "Riga Tech", "url": "https://rtu.lv"},
        }
    )
    assert claim == IssuerClaim(FRESH_KEY, "Riga Tech", "https://rtu.lv")
    assert trust.issuer_claim({"issuer": FRESH_KEY}) == IssuerClaim(FRESH_KEY)
    language_map = trust.issuer_claim(
        {"issuer": {"id": FRESH_KEY, "name": [{"@value": "RTU", "@language": "lv"}]}}
    )
    assert language_map.name == "RTU"


def test_the_ob2_claim_comes_from_the_profile_else_from_the_hosted_origin():
    assertion = {
        "id": "https://badges.example.org/a/1",
        "verification": {"type": "hosted"},
    }
    profile = {
        "id": "https://badges.example.org/issuer",
        "name": "FE",
        "url": "https://fe.example.ie/",
    }
    assert trust.issuer_claim(assertion, {"issuer": profile}) == IssuerClaim(
        "https://badges.example.org/issuer", "FE", "https://fe.example.ie/"
    )
    assert trust.issuer_claim(assertion).id == "https://badges.example.org"
    signed = {
        "id": "urn:uuid:1",
        "verification": {"creator": "https://keys.example.org/k1"},
    }
    assert trust.issuer_claim(signed).id == "https://keys.example.org"
    assert trust.issuer_claim(None) == IssuerClaim()  # fmt: skip


def test_a_fresh_did_key_is_self_asserted_whatever_name_it_claims():
    claim = IssuerClaim(FRESH_KEY, "Rīgas Tehniskā universitāte", "https://www.rtu.lv")
    identity = identify(claim, proven=True)
    assert identity.code == "self_asserted" and identity.confirmed is False
    assert identity.method == "did:key" and identity.name == claim.name
    assert identify(IssuerClaim("did:jwk:eyJrdHkiOiJPS1AifQ"), proven=True).code == (
        "self_asserted"
    )


def test_a_registry_listing_wins_and_a_different_claimed_name_is_flagged():
    claim = IssuerClaim(FRESH_KEY, "Harvard University")
    identity = identify(claim, proven=True, registries=[registry()])
    assert identity.code == "registry" and identity.confirmed is True
    assert (
        identity.name == "My University"
        and identity.claimed_name == "Harvard University"
    )
    assert identity.name_mismatch is True
    same = identify(
        IssuerClaim(FRESH_KEY, " my  UNIVERSITY "), proven=True, registries=[registry()]
    )
    assert same.name_mismatch is False  # fmt: skip


def test_the_first_registry_listing_an_identifier_is_the_one_named():
    first, second = registry("First"), registry("Second")
    assert (
        identify(
            IssuerClaim(FRESH_KEY), proven=True, registries=[first, second]
        ).registry
        == "First"
    )


def test_did_web_matches_the_issuer_url_host_only_when_the_hosts_are_the_same():
    def code(did: str, url: str) -> str:
        return identify(IssuerClaim(did, "X", url), proven=True).code

    assert code("did:web:rtu.lv", "https://www.rtu.lv/") == "did_web_domain_match"
    assert (
        code("did:web:badges.rtu.lv%3A8443:issuers:1", "https://badges.rtu.lv")
        == "did_web_domain_match"
    )
    assert code("did:web:evil.example", "https://www.rtu.lv") == "did_web"
    assert (
        code("did:web:badges.rtu.lv", "https://rtu.lv") == "did_web"
    )  # subdomains: both shown
    assert code("did:web:rtu.lv", "") == "did_web"
    identity = identify(
        IssuerClaim("did:web:evil.example", "RTU", "https://www.rtu.lv"), proven=True
    )
    assert (identity.domain, identity.url_domain) == ("evil.example", "www.rtu.lv")  # fmt: skip


def test_an_https_identifier_is_judged_by_its_host():
    match = identify(
        IssuerClaim("https://fe.example.ie/issuer", "FE", "https://fe.example.ie/"),
        proven=True,
    )
    other = identify(
        IssuerClaim("https://api.badgr.io/issuer/x", "FE", "https://fe.example.ie/"),
        proven=True,
    )
    assert match.code == "web_domain_match" and match.confirmed is True
    assert other.code == "web_domain" and other.domain == "api.badgr.io"  # fmt: skip


def test_our_own_issuer_is_the_platform_and_our_name_is_shown():
    claim = IssuerClaim("did:web:badges.example.edu:issuers:1", "Old name")
    identity = identify(
        claim, proven=True, ours="Welding school", registries=[registry()]
    )
    assert identity.code == "platform" and identity.name == "Welding school"
    assert identity.name_mismatch is True


def test_without_a_proven_signature_there_is_no_identity_at_all():
    identity = identify(
        IssuerClaim(FRESH_KEY, "X"), proven=False, ours="Ours", registries=[registry()]
    )
    assert (identity.code, identity.reason) == ("unknown", "not_proven")
    assert identify(IssuerClaim(), proven=True).reason == "no_issuer"
    other = identify(IssuerClaim("did:ethr:0xabc", "X"), proven=True)
    assert (other.code, other.reason, other.method) == ("unknown", "other_method", "did:ethr")  # fmt: skip


def test_the_json_form_is_stable():
    identity = identify(
        IssuerClaim(FRESH_KEY, "Harvard"),
        proven=True,
        registries=[registry()],
        unavailable=["Down"],
    )
    assert identity.as_json() == {
        "code": "registry", "confirmed": True, "id": FRESH_KEY, "name": "My University",
        "claimed_name": "Harvard", "name_mismatch": True, "method": "did:key", "domain": "",
        "url": "", "url_domain": "",
        "registry": {"name": "DCC Community Registry", "entry_name": "My University",
                     "entry_url": "https://digitalcredentials.mit.edu", "entry_location": "Cambridge, MA, USA"},
        "reason": "", "unavailable_registries": ["Down"],
    }  # fmt: skip


def test_hosts_are_read_from_did_web_and_urls():
    assert trust.did_web_host("did:web:Example.COM%3A8443:a:b") == "example.com"
    assert trust.did_web_host("did:key:z6Mk") == ""
    assert trust.url_host("https://WWW.Example.com:8443/x") == "www.example.com"
    assert (
        trust.url_host("ftp://example.com") == ""
        and trust.url_host("http://[::1") == ""
    )
    assert trust.same_domain("www.rtu.lv", "rtu.lv") and not trust.same_domain("", "")
