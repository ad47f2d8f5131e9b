"""eddsa-rdfc-2022 proofs: the W3C test vectors, signing, and refusal of bad input."""

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fixtures.ob3 import facts

from credentials._multikey import (
    decode_public_key_multibase,
    decode_secret_key_multibase,
    public_key_multibase,
)
from credentials.errors import (
    DecodeError,
    InvalidSignature,
    UnsupportedAlgorithm,
)
from credentials.loader import OfflineLoader
from credentials.ob3 import data_integrity as di

VECTORS = Path(__file__).parent / "fixtures" / "vectors" / "eddsa-rdfc-2022"


def vector(name):
    text = (VECTORS / name).read_text()
    return json.loads(text) if name.endswith(".json") else text


@pytest.fixture
def vector_loader():
    return OfflineLoader(
        {
            "https://www.w3.org/ns/credentials/examples/v2": vector(
                "credentials-examples-v2.context.json"
            )
        }
    )


@pytest.fixture
def vector_key():
    return decode_secret_key_multibase(vector("keyPair.json")["privateKeyMultibase"])


def test_the_key_pair_vector_round_trips_through_multikey(vector_key):
    public = vector("keyPair.json")["publicKeyMultibase"]
    assert public_key_multibase(vector_key.public_key()) == public
    assert public_key_multibase(decode_public_key_multibase(public)) == public


def test_it_canonicalizes_the_vector_document_exactly(vector_loader):
    canonical = di.canonicalize(vector("unsigned.json"), vector_loader)
    assert canonical == vector("canonDoc.txt")
    assert (
        hashlib.sha256(canonical.encode()).hexdigest() == vector("docHash.txt").strip()
    )


def test_it_canonicalizes_the_vector_proof_config_exactly(vector_loader):
    canonical = di.canonicalize(vector("proofConfig.json"), vector_loader)
    assert canonical == vector("proofCanon.txt")
    assert (
        hashlib.sha256(canonical.encode()).hexdigest()
        == vector("proofHash.txt").strip()
    )


def test_the_hash_data_is_the_vectors_combined_hash(vector_loader):
    data = di.hash_data(
        vector("unsigned.json"), vector("proofConfig.json"), vector_loader
    )
    assert data.hex() == vector("combinedHash.txt").strip()


def test_signing_the_vector_reproduces_its_proof_value(vector_loader, vector_key):
    config = vector("proofConfig.json")
    signed = di.add_proof(
        vector("unsigned.json"),
        vector_key,
        verification_method=config["verificationMethod"],
        created=datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC),
        loader=vector_loader,
    )
    assert signed["proof"]["proofValue"] == vector("sigBTC58.txt").strip()
    assert signed == vector("signed.json")


def test_it_verifies_the_signed_vector(vector_loader, vector_key):
    """verify_proof() returns None for a valid proof, like cryptography's verify()."""
    result = di.verify_proof(
        vector("signed.json"),
        resolve_key=lambda method, purpose: vector_key.public_key(),
        loader=vector_loader,
    )
    assert result is None


def test_a_changed_value_breaks_the_vector_signature(vector_loader, vector_key):
    signed = vector("signed.json")
    signed["credentialSubject"]["alumniOf"] = "The School of Counterfeits"
    with pytest.raises(InvalidSignature, match="does not match"):
        di.verify_proof(
            signed,
            resolve_key=lambda m, p: vector_key.public_key(),
            loader=vector_loader,
        )


def test_another_key_does_not_verify(vector_loader):
    other = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(InvalidSignature):
        di.verify_proof(
            vector("signed.json"), resolve_key=lambda m, p: other, loader=vector_loader
        )


def test_a_cryptosuite_off_the_allow_list_is_refused(vector_loader, vector_key):
    signed = vector("signed.json")
    signed["proof"]["cryptosuite"] = "eddsa-jcs-2022"
    with pytest.raises(UnsupportedAlgorithm, match="eddsa-jcs-2022"):
        di.verify_proof(
            signed,
            resolve_key=lambda m, p: vector_key.public_key(),
            loader=vector_loader,
            cryptosuites=(di.CRYPTOSUITE,),
        )


def test_an_undefined_property_is_refused_instead_of_going_unsigned():
    """Safe mode: a term no context defines would vanish from the canonical form."""
    document = facts.unsigned_credential()
    document["credentialSubject"]["favouriteColour"] = "green"
    with pytest.raises(DecodeError, match="favouriteColour"):
        di.canonicalize(document, facts.loader())


def test_an_undefined_type_is_refused():
    document = facts.unsigned_credential()
    document["type"] = [
        "VerifiableCredential",
        "OpenBadgeCredential",
        "MadeUpCredential",
    ]
    with pytest.raises(DecodeError, match="MadeUpCredential"):
        di.canonicalize(document, facts.loader())


def test_the_whole_ob3_credential_with_eu_elements_signs_and_verifies():
    key = Ed25519PrivateKey.generate()
    signed = di.add_proof(
        facts.unsigned_credential(),
        key,
        verification_method=facts.ISSUER_DID + "#key-1",
        created=facts.ISSUED_ON,
        loader=facts.loader(),
    )
    assert signed["proof"]["proofValue"].startswith("z")
    di.verify_proof(
        signed, resolve_key=lambda m, p: key.public_key(), loader=facts.loader()
    )
