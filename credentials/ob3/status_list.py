"""W3C Bitstring Status List v1.0: revocation lists for OB 3.0 credentials.

Each issuer publishes one ``BitstringStatusListCredential`` per list; bit
``i`` (counting from the most significant bit of the first byte) is 1 when
the credential with ``statusListIndex`` ``i`` is revoked (section 3.2
"Validate Algorithm"). The bitstring is at least 16 KiB (131,072 entries,
section 6.1 "Group Privacy"), GZIP-compressed and then multibase
base64url-encoded without padding (prefix ``u``, section 2.2 "encodedList")::

    >>> encode_list({94567}, size=131072)[:12]
    'uH4sIAAAAAAA'
    >>> 94567 in decode_list(encode_list({94567}))
    True

The credential looks like::

    {"@context": ["https://www.w3.org/ns/credentials/v2"],
     "id": "https://badges.example.edu/public/status/3",
     "type": ["VerifiableCredential", "BitstringStatusListCredential"],
     "issuer": "did:web:badges.example.edu:issuers:4f1c...",
     "validFrom": "2025-03-01T09:00:00Z",
     "credentialSubject": {"id": "https://badges.example.edu/public/status/3#list",
                           "type": "BitstringStatusList",
                           "statusPurpose": "revocation",
                           "encodedList": "uH4sIAAAAAAAAA..."}}

The W3C CCG's earlier Status List 2021, still issued by deployed wallets
and issuers (the Digital Credentials Consortium's among them), has the same
bitstring with the same bit order, GZIP-compressed, but base64-encoded
without the multibase prefix ("Status List 2021", section 2.3
``encodedList``; Digital Bazaar's ``@digitalbazaar/vc-status-list`` writes
the URL-safe alphabet without padding, other implementations the standard
alphabet). ``multibase=False`` reads that form::

    >>> is_set("H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",
    ...        94567, multibase=False)
    False
"""

from __future__ import annotations

import base64
import gzip
import zlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ..errors import DecodeError
from .build import VC2_CONTEXT, format_datetime

__all__ = ["MIN_SIZE", "encode_list", "decode_list", "is_set", "status_list_credential"]

MIN_SIZE = 131072
# A compressed list is small; refuse to inflate more than this (a gzip bomb).
_MAX_BYTES = 16 * 1024 * 1024


def encode_list(revoked_indexes: Iterable[int], size: int = MIN_SIZE) -> str:
    """Return the ``encodedList`` value with the bits of ``revoked_indexes`` set.

    Raise ``ValueError`` when ``size`` is below the spec's minimum or not a
    multiple of 8, or an index is outside the list.
    """
    if size < MIN_SIZE or size % 8:
        raise ValueError(
            f"The list size must be a multiple of 8 and at least {MIN_SIZE}."
        )
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        if not 0 <= index < size:
            raise ValueError(f"Index {index} is outside a list of {size} entries.")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0 makes the output depend on the bits only.
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def _bitstring(encoded: Any, *, multibase: bool = True) -> bytes:
    """Return the uncompressed bitstring of an ``encodedList``; raise ``DecodeError``."""
    if not isinstance(encoded, str):
        raise DecodeError("encodedList is missing or not a string.")
    if multibase:
        if not encoded.startswith("u"):
            raise DecodeError(
                "encodedList must be a multibase base64url value starting with 'u'."
            )
        body, altchars = encoded[1:], b"-_"
    else:
        # Either base64 alphabet (RFC 4648, sections 4 and 5), padded or not.
        body = encoded.rstrip("=")
        altchars = b"+/" if any(c in body for c in "+/") else b"-_"
    try:
        compressed = base64.b64decode(
            body + "=" * (-len(body) % 4), altchars=altchars, validate=True
        )
    except ValueError:
        raise DecodeError(
            "encodedList is not base64url."
            if multibase
            else "encodedList is not base64."
        ) from None
    return _gunzip(compressed)


def _gunzip(compressed: bytes) -> bytes:
    """Inflate a GZIP stream, refusing more than ``_MAX_BYTES`` of output (a gzip bomb)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        bits = inflater.decompress(compressed, _MAX_BYTES)
    except zlib.error:
        raise DecodeError("encodedList is not GZIP-compressed data.") from None
    if inflater.unconsumed_tail:
        raise DecodeError(
            f"encodedList inflates to more than {_MAX_BYTES // (1024 * 1024)} MiB; "
            "a status list that large is refused."
        )
    if not inflater.eof or not bits:
        raise DecodeError("encodedList is not a complete GZIP stream.")
    return bits


def decode_list(encoded: str, *, multibase: bool = True) -> set[int]:
    """Return the indexes set in ``encodedList``; raise ``DecodeError`` if malformed.

    ``multibase=False`` reads a Status List 2021 ``encodedList`` (no prefix).
    """
    bits = _bitstring(encoded, multibase=multibase)
    return {
        i * 8 + b
        for i, byte in enumerate(bits)
        if byte
        for b in range(8)
        if byte & (0x80 >> b)
    }


def is_set(encoded: str, index: int, *, multibase: bool = True) -> bool:
    """Return whether bit ``index`` is set; raise ``DecodeError`` if outside the list.

    Section 3.2 "Validate Algorithm", step 9: an index beyond the list is a
    range error, not "not revoked". ``multibase=False`` reads a Status List
    2021 ``encodedList`` (no prefix).
    """
    bits = _bitstring(encoded, multibase=multibase)
    if not 0 <= index < len(bits) * 8:
        raise DecodeError(f"Status list index {index} is outside the list.")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(
    *,
    list_url: str,
    issuer_did: str,
    revoked_indexes: Iterable[int],
    valid_from: datetime,
    size: int = MIN_SIZE,
    purpose: str = "revocation",
) -> dict[str, Any]:
    """Return the unsigned ``BitstringStatusListCredential`` (2.2) at ``list_url``.

    Sign it with the same Data Integrity proof as the credentials it serves
    (``data_integrity.add_proof``).
    """
    return {
        "@context": [VC2_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did,
        "validFrom": format_datetime(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_list(revoked_indexes, size),
        },
    }
