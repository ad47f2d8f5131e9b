"""W3C Bitstring Status List v1.0: encoding, decoding and the list credential."""

import base64
import gzip

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fixtures.ob3 import facts

from credentials import ob3
from credentials.errors import DecodeError
from credentials.ob3 import data_integrity, status_list


def test_an_empty_list_is_16_kib_of_zeros_gzipped_in_base64url_multibase():
    encoded = status_list.encode_list(set())
    assert encoded.startswith("u")
    raw = gzip.decompress(
        base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    )
    assert raw == bytes(16384)


def test_bits_are_numbered_from_the_most_significant_bit_of_the_first_byte():
    encoded = status_list.encode_list({0, 9})
    raw = gzip.decompress(
        base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    )
    assert raw[:2] == bytes([0b1000_0000, 0b0100_0000])


def test_it_round_trips_the_revoked_indexes():
    revoked = {0, 7, 8, 94567, 131071}
    encoded = status_list.encode_list(revoked)
    assert status_list.decode_list(encoded) == revoked
    assert status_list.is_set(encoded, 94567) is True
    assert status_list.is_set(encoded, 94568) is False


def test_encoding_is_deterministic():
    assert status_list.encode_list({3}) == status_list.encode_list([3])


@pytest.mark.parametrize("size", [8, 131073])
def test_it_refuses_lists_below_the_minimum_or_not_whole_bytes(size):
    with pytest.raises(ValueError):
        status_list.encode_list(set(), size=size)


def test_an_index_outside_the_list_is_an_error_not_unrevoked():
    with pytest.raises(DecodeError, match="outside"):
        status_list.is_set(status_list.encode_list(set()), 131072)


@pytest.mark.parametrize(
    "bad", ["zabc", "u!!!", "u" + base64.urlsafe_b64encode(b"not gzip").decode()]
)
def test_malformed_lists_raise_decode_error(bad):
    with pytest.raises(DecodeError):
        status_list.decode_list(bad)


def test_the_list_credential_is_signed_with_the_same_proof():
    key = Ed25519PrivateKey.generate()
    unsigned = status_list.status_list_credential(
        list_url=facts.STATUS_LIST_URL,
        issuer_did=facts.ISSUER_DID,
        revoked_indexes={5},
        valid_from=facts.ISSUED_ON,
    )
    assert unsigned["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert unsigned["credentialSubject"]["statusPurpose"] == "revocation"
    signed = ob3.sign(
        unsigned,
        key,
        verification_method=facts.ISSUER_DID + "#key-1",
        created=facts.ISSUED_ON,
        base_url=facts.BASE_URL,
    )
    data_integrity.verify_proof(
        signed, resolve_key=lambda m, p: key.public_key(), loader=facts.loader()
    )
