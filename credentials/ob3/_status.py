"""The status check: is the credential's bit set in its issuer's status list?

Nothing here does I/O: status lists and DID documents come from the
caller's resolvers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from ..errors import CredentialError, DecodeError
from ..loader import OfflineLoader
from ..report import PASSED, REVOKED, SKIPPED, STATUS_UNAVAILABLE, SUSPENDED
from . import data_integrity
from ._checks import (
    DidResolver,
    Failed,
    StatusListFetcher,
    _issuer_id,
    _KeyResolver,
    _parse_datetime,
)
from .status_list import is_set


def check_status(
    credential: Mapping[str, Any],
    *,
    fetch_status_list: StatusListFetcher,
    resolve_did_document: DidResolver,
    loader: OfflineLoader,
    cryptosuites: Collection[str],
    now: datetime,
) -> tuple[str, str]:
    """Pass when the credential's status bit is clear; fail with a code otherwise.

    A set ``revocation`` bit fails with ``REVOKED``, a set ``suspension``
    bit with ``SUSPENDED`` (Bitstring Status List v1.0, section 2.1); a set
    bit of another purpose fails without a code. A status that cannot be
    learned fails with ``STATUS_UNAVAILABLE``.
    """
    entry = credential.get("credentialStatus")
    if entry is None:
        return SKIPPED, "The credential has no credentialStatus."
    try:
        purpose, index, bit_set = _status_bit(
            entry,
            _issuer_id(credential),
            fetch_status_list=fetch_status_list,
            resolve_did_document=resolve_did_document,
            loader=loader,
            cryptosuites=cryptosuites,
            now=now,
        )
    except Failed as exc:
        raise Failed(str(exc), STATUS_UNAVAILABLE) from None
    if bit_set and purpose == "revocation":
        raise Failed(
            f"The credential has been revoked (revocation bit {index} is set).",
            REVOKED,
        )
    if bit_set and purpose == "suspension":
        raise Failed(
            f"The credential is suspended (suspension bit {index} is set).", SUSPENDED
        )
    if bit_set:
        raise Failed(f"The credential's {purpose} bit {index} is set.")
    state = {"revocation": "revoked", "suspension": "suspended"}.get(purpose, purpose)
    return PASSED, f"Not {state} (bit {index} is clear)."


def _status_bit(
    entry: Any,
    issuer_id: str,
    *,
    fetch_status_list: StatusListFetcher,
    resolve_did_document: DidResolver,
    loader: OfflineLoader,
    cryptosuites: Collection[str],
    now: datetime,
) -> tuple[Any, int, bool]:
    """Return ``(statusPurpose, statusListIndex, bit)`` for a status entry, from its verified list."""
    if isinstance(entry, list):
        if len(entry) != 1:
            raise Failed("Exactly one credentialStatus entry is supported.")
        entry = entry[0]
    if (
        not isinstance(entry, Mapping)
        or entry.get("type") != "BitstringStatusListEntry"
    ):
        raise Failed("Only BitstringStatusListEntry status entries are supported.")
    url = entry.get("statusListCredential")
    purpose = entry.get("statusPurpose")
    try:
        index = int(entry.get("statusListIndex"))
    except (TypeError, ValueError):
        raise Failed("statusListIndex is not an integer.") from None
    if not isinstance(url, str):
        raise Failed("The status entry has no statusListCredential URL.")
    try:
        status_list = fetch_status_list(url)
    except Exception as exc:  # the injected fetcher's failure is a failed check
        raise Failed(f"The status list {url} could not be fetched: {exc}") from exc
    if not isinstance(status_list, Mapping):
        raise Failed(f"The status list {url} is not a JSON object.")
    status_list = dict(status_list)
    # Section 3.2, step 5: the list must be verified, and issued by the issuer.
    if _issuer_id(status_list) != issuer_id:
        raise Failed("The status list was not issued by the credential's issuer.")
    if "BitstringStatusListCredential" not in (status_list.get("type") or []):
        raise Failed("The status list is not a BitstringStatusListCredential.")
    keys = _KeyResolver(resolve_did_document, issuer_id)
    try:
        data_integrity.verify_proof(
            status_list,
            resolve_key=keys.multikey,
            loader=loader,
            cryptosuites=cryptosuites,
        )
    except CredentialError as exc:
        raise Failed(f"The status list's proof is not valid: {exc}") from exc
    if status_list.get("validUntil") is not None and now >= _parse_datetime(
        status_list["validUntil"], "validUntil"
    ):
        raise Failed("The status list has expired.")
    subject = status_list.get("credentialSubject")
    if not isinstance(subject, Mapping):
        raise Failed("The status list has no credentialSubject object.")
    if subject.get("statusPurpose") != purpose:
        raise Failed("The status list's statusPurpose does not match the entry's.")
    try:
        return purpose, index, is_set(subject.get("encodedList"), index)
    except DecodeError as exc:
        raise Failed(f"The status list cannot be read: {exc}") from exc
