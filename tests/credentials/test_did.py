"""did:web identifiers, DID documents that survive key rotation, and JWK Sets."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credentials import did
from credentials._multikey import (
    decode_public_key_multibase,
    public_key_from_jwk,
    public_key_multibase,
)
from credentials.errors import DecodeError

UUID = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"


def test_it_makes_a_did_per_issuer_under_the_host():
    assert (
        did.did_for("https://badges.example.edu", UUID)
        == f"did:web:badges.example.edu:issuers:{UUID}"
    )


def test_a_port_is_percent_encoded():
    assert (
        did.did_for("https://localhost:8443/", UUID)
        == f"did:web:localhost%3A8443:issuers:{UUID}"
    )


def test_the_document_url_follows_the_did_web_read_rules():
    assert (
        did.did_document_url(f"did:web:badges.example.edu:issuers:{UUID}")
        == f"https://badges.example.edu/issuers/{UUID}/did.json"
    )
    assert did.did_document_url(f"did:web:localhost%3A8443:issuers:{UUID}") == (
        f"https://localhost:8443/issuers/{UUID}/did.json"
    )
    assert (
        did.did_document_url("did:web:example.com")
        == "https://example.com/.well-known/did.json"
    )


@pytest.mark.parametrize(
    "bad", ["did:key:z6Mk", "did:web:", "did:web:a.example#key-1", "https://a.example"]
)
def test_it_refuses_what_is_not_a_did_web(bad):
    with pytest.raises(DecodeError):
        did.did_document_url(bad)


def test_the_document_lists_active_and_retired_keys_as_assertion_methods():
    subject = did.did_for("https://badges.example.edu", UUID)
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    document = did.did_document(
        subject, [("key-1", old.public_key(), False), ("key-2", new.public_key(), True)]
    )
    assert document["id"] == subject
    assert document["assertionMethod"] == [
        f"{subject}#key-1",
        f"{subject}#key-1-jwk",
        f"{subject}#key-2",
        f"{subject}#key-2-jwk",
    ]
    assert document["authentication"] == [f"{subject}#key-2", f"{subject}#key-2-jwk"]
    methods = {m["id"]: m for m in document["verificationMethod"]}
    assert methods[f"{subject}#key-1"]["type"] == "Multikey"
    assert methods[f"{subject}#key-1"]["publicKeyMultibase"].startswith("z6Mk")
    assert public_key_multibase(
        decode_public_key_multibase(methods[f"{subject}#key-1"]["publicKeyMultibase"])
    ) == (public_key_multibase(old.public_key()))
    jwk = methods[f"{subject}#key-2-jwk"]["publicKeyJwk"]
    assert jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519" and "d" not in jwk
    assert public_key_multibase(public_key_from_jwk(jwk)) == public_key_multibase(
        new.public_key()
    )


def test_the_jwks_names_keys_by_their_method_urls():
    subject = did.did_for("https://badges.example.edu", UUID)
    key = Ed25519PrivateKey.generate()
    (jwk,) = did.jwks([("key-1", key.public_key(), True)], did=subject)["keys"]
    assert jwk["kid"] == f"{subject}#key-1-jwk"
    assert jwk["alg"] == "EdDSA"
    assert "d" not in jwk
