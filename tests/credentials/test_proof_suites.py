"""The suites the verifier reads, on the W3C vc-di-eddsa vectors: proofs, intermediate values, tampering.

The vectors are not Open Badges, so they are checked at the proof level
(``data_integrity.verify_proofs``); keys come from their did:key documents
(``did.did_key_document``), as the verifier derives them.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from credentials import did
from credentials._multikey import (
    decode_multibase_base58btc,
    decode_multikey,
    ec_public_key_multibase,
    public_key_multibase,
)
from credentials.errors import DecodeError, InvalidSignature, UnsupportedAlgorithm
from credentials.loader import OfflineLoader
from credentials.ob3 import cryptosuites
from credentials.ob3 import data_integrity as di

FIXTURES = Path(__file__).parent / "fixtures" / "vectors"
VECTORS = FIXTURES / "vc-di-eddsa"

SINGLE = {
    "eddsa-jcs-2022": "eddsa-jcs-2022/signedJCS.json",
    "Ed25519Signature2020": "Ed25519Signature2020/signedEdSig.json",
}
SETS_AND_CHAINS = {
    "the set's first proof alone": ("proof-set-chain/signedProofSet1.json", 1),
    "a proof set of two": ("proof-set-chain/signedProofSet2.json", 2),
    "a chain over a set": ("proof-set-chain/signedProofChain1.json", 3),
    "a chain of four": ("proof-set-chain/signedProofChain2.json", 4),
}


def read(name: str):
    text = (VECTORS / name).read_text()
    return json.loads(text) if name.endswith(".json") else text


@pytest.fixture(scope="module")
def loader():
    examples = FIXTURES / "eddsa-rdfc-2022" / "credentials-examples-v2.context.json"
    return OfflineLoader(
        {
            "https://www.w3.org/ns/credentials/examples/v2": json.loads(
                examples.read_text()
            )
        }
    )


def did_key(method_id: str, _purpose: str = "assertionMethod"):
    """Return the key of a did:key verification method, through its DID document."""
    document = did.did_key_document(method_id.split("#", 1)[0])
    (method,) = [m for m in document["verificationMethod"] if m["id"] == method_id]
    return decode_multikey(method["publicKeyMultibase"])


def verified(document, loader, **options):
    return di.verify_proofs(document, resolve_key=did_key, loader=loader, **options)


def name_changed(document):
    changed = copy.deepcopy(document)
    changed["credentialSubject"]["alumniOf"] = "The School of Forgeries"
    return changed


def proof_value_changed(document, index=0):
    changed = copy.deepcopy(document)
    proof = (
        changed["proof"][index]
        if isinstance(changed["proof"], list)
        else changed["proof"]
    )
    raw = bytearray(decode_multibase_base58btc(proof["proofValue"]))
    raw[10] ^= 0x01
    proof["proofValue"] = di.multibase_base58btc(bytes(raw))
    return changed


@pytest.mark.parametrize("suite", SINGLE)
def test_the_single_proof_vectors_verify(suite, loader):
    (proof,) = verified(read(SINGLE[suite]), loader)
    assert proof.suite == suite


@pytest.mark.parametrize("suite", SINGLE)
def test_a_changed_name_or_proof_value_breaks_them(suite, loader):
    for forged in (
        name_changed(read(SINGLE[suite])),
        proof_value_changed(read(SINGLE[suite])),
    ):
        with pytest.raises(InvalidSignature, match="does not match"):
            verified(forged, loader)


@pytest.mark.parametrize("case", SETS_AND_CHAINS)
def test_proof_sets_and_chains_verify_proof_by_proof(case, loader):
    name, count = SETS_AND_CHAINS[case]
    proofs = verified(read(name), loader)
    assert [p.suite for p in proofs] == ["eddsa-rdfc-2022"] * count
    keys = read("proof-set-chain/multiKeyPairs.json")
    assert {p.verification_method.split("#")[1] for p in proofs} <= {
        k["publicKeyMultibase"] for k in keys.values()
    }


@pytest.mark.parametrize("case", SETS_AND_CHAINS)
def test_any_changed_proof_in_a_set_or_chain_fails(case, loader):
    name, count = SETS_AND_CHAINS[case]
    for index in range(count):
        with pytest.raises(InvalidSignature, match="does not match"):
            verified(proof_value_changed(read(name), index), loader)
    with pytest.raises(InvalidSignature):
        verified(name_changed(read(name)), loader)


@pytest.mark.parametrize("n, proofs_before", [(1, 2), (2, 3)])
def test_a_chained_proof_signs_the_document_with_the_proofs_it_names(
    n, proofs_before, loader
):
    """proofChainTempDoc<n>.json is what a chained proof signs, with the proofs it names."""
    chain = read(f"proof-set-chain/signedProofChain{n}.json")
    temp = read(f"proof-set-chain/proofChainTempDoc{n}.json")
    config = read(f"proof-set-chain/proofChainConfig{n}.json")
    chained = chain["proof"][proofs_before]
    previous = chained["previousProof"]
    named = [previous] if isinstance(previous, str) else previous
    assert temp["proof"] == [p for p in chain["proof"] if p.get("id") in named]
    data = di.hash_data(temp, {**config, "@context": temp["@context"]}, loader)
    did_key(config["verificationMethod"]).verify(
        decode_multibase_base58btc(chained["proofValue"]), data
    )


def test_a_chain_whose_previous_proof_is_missing_fails(loader):
    chain = read("proof-set-chain/signedProofChain2.json")
    del chain["proof"][0]
    with pytest.raises(InvalidSignature, match="previousProof names a proof"):
        verified(chain, loader)


def test_a_reordered_proof_set_still_verifies(loader):
    proof_set = read("proof-set-chain/signedProofSet2.json")
    proof_set["proof"].reverse()
    assert len(verified(proof_set, loader)) == 2


def test_too_many_proofs_are_refused_before_any_is_checked(loader):
    document = read(SINGLE["eddsa-jcs-2022"])
    document["proof"] = [document["proof"]] * (di.MAX_PROOFS + 1)
    with pytest.raises(DecodeError, match=f"at most {di.MAX_PROOFS} are checked"):
        verified(document, loader)


def test_the_allow_list_applies_to_every_proof_of_a_set(loader):
    proof_set = read("proof-set-chain/signedProofSet2.json")
    with pytest.raises(UnsupportedAlgorithm, match="eddsa-rdfc-2022"):
        verified(proof_set, loader, cryptosuites=("eddsa-jcs-2022",))


# --- intermediate values -----------------------------------------------------------


def test_jcs_forms_and_hashes_are_the_vectors(loader):
    signed = read("eddsa-jcs-2022/signedJCS.json")
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    config = read("eddsa-jcs-2022/proofConfigJCS.json")
    assert cryptosuites.jcs(unsigned).decode() == read("eddsa-jcs-2022/canonDocJCS.txt")
    assert cryptosuites.jcs(config).decode() == read("eddsa-jcs-2022/proofCanonJCS.txt")
    proof_hash = hashlib.sha256(cryptosuites.jcs(config)).hexdigest()
    doc_hash = hashlib.sha256(cryptosuites.jcs(unsigned)).hexdigest()
    assert proof_hash == read("eddsa-jcs-2022/proofHashJCS.txt").strip()
    assert doc_hash == read("eddsa-jcs-2022/docHashJCS.txt").strip()
    assert proof_hash + doc_hash == read("eddsa-jcs-2022/combinedHashJCS.txt").strip()
    assert (
        decode_multibase_base58btc(signed["proof"]["proofValue"]).hex()
        == read("eddsa-jcs-2022/sigHexJCS.txt").strip()
    )


def test_jcs_proof_options_must_open_the_documents_context(loader):
    signed = read("eddsa-jcs-2022/signedJCS.json")
    signed["proof"]["@context"] = ["https://www.w3.org/ns/credentials/examples/v2"]
    with pytest.raises(
        InvalidSignature, match="does not start with the proof's @context"
    ):
        verified(signed, loader)


def test_ed25519_signature_2020_forms_and_hashes_are_the_vectors(loader):
    signed = read("Ed25519Signature2020/signedEdSig.json")
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    config = {
        **read("Ed25519Signature2020/proofConfigEdSig.json"),
        "@context": signed["@context"],
    }
    assert di.canonicalize(unsigned, loader) == read(
        "Ed25519Signature2020/canonDocEdSig.txt"
    )
    assert di.canonicalize(config, loader) == read(
        "Ed25519Signature2020/proofCanonEdSig.txt"
    )
    proof_hash = hashlib.sha256(di.canonicalize(config, loader).encode()).hexdigest()
    doc_hash = hashlib.sha256(di.canonicalize(unsigned, loader).encode()).hexdigest()
    assert proof_hash == read("Ed25519Signature2020/proofHashEdSig.txt").strip()
    assert doc_hash == read("Ed25519Signature2020/docHashEdSig.txt").strip()
    assert (
        di.hash_data(unsigned, config, loader).hex()
        == read("Ed25519Signature2020/combinedHashEdSig.txt").strip()
        == proof_hash + doc_hash
    )
    assert (
        decode_multibase_base58btc(signed["proof"]["proofValue"]).hex()
        == read("Ed25519Signature2020/sigHexEdSig.txt").strip()
    )


def test_an_ed25519_signature_2020_proof_without_its_context_does_not_verify(loader):
    """VC 2.0's @vocab gives the terms other IRIs (issuer-dependent): another canonical form."""
    signed = read("Ed25519Signature2020/signedEdSig.json")
    signed["@context"] = signed["@context"][:2]
    with pytest.raises(InvalidSignature, match="does not match"):
        verified(signed, loader)


def test_the_employ_vector_hashes_and_signature_match():
    """Its citizenship/v4rc1 context is not vendored: its published canonical forms are checked."""
    folder = "eddsa-rdfc-2022-employ/"
    doc_hash = hashlib.sha256(read(folder + "canonDocDataInt.txt").encode()).hexdigest()
    proof_hash = hashlib.sha256(
        read(folder + "proofCanonDataInt.txt").encode()
    ).hexdigest()
    assert doc_hash == read(folder + "docHashDataInt.txt").strip()
    assert proof_hash == read(folder + "proofHashDataInt.txt").strip()
    combined = read(folder + "combinedHashDataInt.txt").strip()
    assert proof_hash + doc_hash == combined
    signed = read(folder + "signedDataInt.json")
    suite = cryptosuites.suite_for(
        signed["proof"], allowed=cryptosuites.VERIFY_CRYPTOSUITES
    )
    signature = decode_multibase_base58btc(signed["proof"]["proofValue"])
    assert signature.hex() == read(folder + "sigHexDataInt.txt").strip()
    suite.verify(
        did_key(signed["proof"]["verificationMethod"]),
        signature,
        bytes.fromhex(combined),
    )
    with pytest.raises(InvalidSignature):
        suite.verify(
            did_key(signed["proof"]["verificationMethod"]),
            signature,
            bytes.fromhex(
                combined.replace(combined[0], "0" if combined[0] != "0" else "1", 1)
            ),
        )


def test_the_pre_standard_eddsa_2022_name_verifies_as_eddsa_rdfc_2022(loader):
    """1EdTech's example keeps the old name in its signed proof options."""
    document = json.loads(
        (
            FIXTURES.parent / "1edtech-validator" / "ob30" / "simple-eddsa-2022.json"
        ).read_text()
    )

    def key_in_fragment(method_id, _purpose):
        return decode_multikey(method_id.split("#", 1)[1])

    (proof,) = di.verify_proofs(document, resolve_key=key_in_fragment, loader=loader)
    assert proof.suite == "eddsa-2022"
    document["proof"][0]["cryptosuite"] = "eddsa-rdfc-2022"
    with pytest.raises(InvalidSignature, match="does not match"):
        di.verify_proofs(document, resolve_key=key_in_fragment, loader=loader)


# --- keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "curve, opening", [(ec.SECP256R1, "zDn"), (ec.SECP384R1, "z82")]
)
def test_ecdsa_did_keys_resolve_to_a_multikey(curve, opening):
    public = ec.generate_private_key(curve()).public_key()
    multibase = ec_public_key_multibase(public)
    assert multibase.startswith(opening)
    document = did.did_key_document(f"did:key:{multibase}")
    (method,) = document["verificationMethod"]
    assert method["type"] == "Multikey"
    assert document["assertionMethod"] == [f"did:key:{multibase}#{multibase}"]
    assert (
        decode_multikey(method["publicKeyMultibase"]).public_numbers()
        == public.public_numbers()
    )


def test_a_suite_refuses_a_key_of_another_curve(loader):
    signed = read(SINGLE["eddsa-jcs-2022"])
    p256 = ec.generate_private_key(ec.SECP256R1()).public_key()
    with pytest.raises(InvalidSignature, match="Ed25519 keys, not with this P-256 key"):
        di.verify_proofs(signed, resolve_key=lambda m, p: p256, loader=loader)


def test_a_multikey_of_an_unknown_kind_is_refused():
    with pytest.raises(DecodeError, match="not an Ed25519, P-256 or P-384 Multikey"):
        decode_multikey(di.multibase_base58btc(b"\xe7\x01" + bytes(33)))
    with pytest.raises(DecodeError, match="not a compressed secp256r1 public key"):
        decode_multikey(di.multibase_base58btc(b"\x80\x24" + bytes(32)))
    assert public_key_multibase(
        did_key(read(SINGLE["eddsa-jcs-2022"])["proof"]["verificationMethod"])
    )
