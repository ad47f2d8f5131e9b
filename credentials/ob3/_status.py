"""The status check: has the credential's issuer revoked or suspended it?

Three status methods are read, each entry of ``credentialStatus`` (one
object or a list) by its ``type``:

=========================== ==================================================
``BitstringStatusListEntry`` W3C Bitstring Status List v1.0: a bit in a
                             ``BitstringStatusListCredential``
``StatusList2021Entry``      W3C CCG Status List 2021, its predecessor (the same
                             bit in a ``StatusList2021Credential``, whose
                             ``encodedList`` has no multibase prefix)
``1EdTechRevocationList``    1EdTech Revocation List Status Method 1.0: the
                             credential's ``id`` among ``revokedCredentials``
                             of the list at the entry's ``id``
=========================== ==================================================

A status list credential must be issued by the credential's issuer and carry
a valid proof (checked like the credential's own); a revocation list must
name the credential's issuer. With several entries, every entry is checked:
one that proves revocation makes the credential revoked; otherwise one whose
status cannot be learned (unreachable, unreadable, not the issuer's, or a
method not read here) makes it unavailable, never "valid"; then a set
suspension bit makes it suspended.

Nothing here does I/O: status lists and DID documents come from the
caller's resolvers (``fetch_status_list`` serves every list, whatever its
method).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..errors import DecodeError
from ..loader import OfflineLoader
from ..report import FAILED, PASSED, REVOKED, SKIPPED, STATUS_UNAVAILABLE, SUSPENDED
from ._checks import (
    DidResolver,
    Failed,
    StatusListFetcher,
    _issuer_id,
    _parse_datetime,
    verify_data_integrity,
)
from .status_list import is_set

BITSTRING_ENTRY = "BitstringStatusListEntry"
STATUS_LIST_2021_ENTRY = "StatusList2021Entry"
REVOCATION_LIST_1EDTECH = "1EdTechRevocationList"
# Each entry may cost a fetch; more than this many are not a real credential.
MAX_ENTRIES = 8

# Outcomes of one entry.
_CLEAR, _SET, _UNAVAILABLE = "clear", "set", "unavailable"


@dataclass(frozen=True)
class _Outcome:
    state: str
    message: str
    purpose: str = ""


@dataclass(frozen=True)
class _Context:
    credential: Mapping[str, Any]
    fetch: Callable[[str], Any]
    resolve_did_document: DidResolver
    loader: OfflineLoader
    cryptosuites: Collection[str]
    now: datetime


def check_status(
    credential: Mapping[str, Any],
    *,
    fetch_status_list: StatusListFetcher,
    resolve_did_document: DidResolver,
    loader: OfflineLoader,
    cryptosuites: Collection[str],
    now: datetime,
) -> tuple[str, str]:
    """Pass when no entry says revoked or suspended and each could be checked.

    Fail with ``REVOKED`` when an entry proves revocation (a set
    ``revocation`` bit, Bitstring Status List v1.0 section 2.1, or the
    credential listed in a 1EdTech revocation list), else with
    ``STATUS_UNAVAILABLE`` when an entry's status cannot be learned, else
    with ``SUSPENDED`` for a set ``suspension`` bit; a set bit of another
    purpose fails without a code.
    """
    entries = credential.get("credentialStatus")
    if entries is None or entries == []:
        return SKIPPED, "The credential has no credentialStatus."
    entries = entries if isinstance(entries, list) else [entries]
    lists: dict[str, Any] = {}

    def fetch(url: str) -> Any:
        # Entries of several purposes often share a list: fetch each URL once.
        if url not in lists:
            lists[url] = fetch_status_list(url)
        return lists[url]

    context = _Context(
        credential, fetch, resolve_did_document, loader, cryptosuites, now
    )
    outcomes = [_entry_outcome(entry, context) for entry in entries[:MAX_ENTRIES]]
    if len(entries) > MAX_ENTRIES:
        outcomes.append(
            _Outcome(
                _UNAVAILABLE,
                f"The credential has {len(entries)} credentialStatus entries; "
                f"only the first {MAX_ENTRIES} are checked.",
            )
        )
    return _verdict(outcomes)


def _verdict(outcomes: list[_Outcome]) -> tuple[str, str]:
    """Combine the entries' outcomes: revoked, then unavailable, then suspended."""
    ranked = [
        (lambda o: o.state == _SET and o.purpose == "revocation", REVOKED),
        (lambda o: o.state == _UNAVAILABLE, STATUS_UNAVAILABLE),
        (lambda o: o.state == _SET and o.purpose == "suspension", SUSPENDED),
        (lambda o: o.state == _SET, ""),
    ]
    for matches, code in ranked:
        deciding = [o for o in outcomes if matches(o)]
        if deciding:
            rest = [o for o in outcomes if o is not deciding[0]]
            raise Failed(_sentences([deciding[0], *rest]), code)
    return PASSED, _sentences(outcomes)


def _sentences(outcomes: list[_Outcome]) -> str:
    return " ".join(o.message for o in outcomes)


def _entry_outcome(entry: Any, context: _Context) -> _Outcome:
    """Check one ``credentialStatus`` entry by its method."""
    method = _method_name(entry)
    read = {
        BITSTRING_ENTRY: _bit_outcome,
        STATUS_LIST_2021_ENTRY: _bit_outcome,
        REVOCATION_LIST_1EDTECH: _revocation_list_outcome,
    }.get(method)
    if read is None:
        if method is None:
            message = "A credentialStatus entry has no type this verifier can read."
        else:
            message = f"The status method {method} is not one this verifier can check."
        return _Outcome(_UNAVAILABLE, message)
    try:
        return read(method, entry, context)
    except Failed as exc:
        return _Outcome(_UNAVAILABLE, str(exc))


def _method_name(entry: Any) -> str | None:
    if not isinstance(entry, Mapping):
        return None
    kind = entry.get("type")
    if isinstance(kind, list) and len(kind) == 1:
        kind = kind[0]
    return kind if isinstance(kind, str) else None


def _fetched(
    url: str, context: _Context, *, revocation_list: bool = False
) -> dict[str, Any]:
    """Return the status list credential (or 1EdTech revocation list) at ``url``."""
    try:
        document = context.fetch(url)
    except Exception as exc:  # the injected fetcher's failure is a failed check
        # Whole sentences, one per kind of list, for the translators.
        if revocation_list:
            raise Failed(
                f"The revocation list {url} could not be fetched: {exc}"
            ) from exc
        raise Failed(f"The status list {url} could not be fetched: {exc}") from exc
    if not isinstance(document, Mapping):
        if revocation_list:
            raise Failed(f"The revocation list {url} is not a JSON object.")
        raise Failed(f"The status list {url} is not a JSON object.")
    return dict(document)


# --- Bitstring Status List v1.0 and Status List 2021 -------------------------------------

# Per method: the list credential's type, its subject's type, and whether
# encodedList carries the multibase "u" prefix.
_BIT_METHODS = {
    BITSTRING_ENTRY: ("BitstringStatusListCredential", "BitstringStatusList", True),
    STATUS_LIST_2021_ENTRY: ("StatusList2021Credential", "StatusList2021", False),
}


def _bit_outcome(method: str, entry: Mapping[str, Any], context: _Context) -> _Outcome:
    """Read the entry's bit from its verified list (Bitstring Status List v1.0, 3.2).

    Status List 2021 (section 5.1 "Validate Algorithm") is the same
    algorithm with other type names and no multibase prefix.
    """
    list_type, subject_type, multibase = _BIT_METHODS[method]
    url = entry.get("statusListCredential")
    purpose = entry.get("statusPurpose")
    try:
        index = int(entry.get("statusListIndex"))
    except (TypeError, ValueError):
        raise Failed("statusListIndex is not an integer.") from None
    if not isinstance(url, str):
        raise Failed("The status entry has no statusListCredential URL.")
    issuer_id = _issuer_id(context.credential)
    status_list = _fetched(url, context)
    # Section 3.2, step 5: the list must be verified, and issued by the issuer.
    if _issuer_id(status_list) != issuer_id:
        raise Failed("The status list was not issued by the credential's issuer.")
    if list_type not in _types(status_list):
        raise Failed(f"The status list is not a {list_type}.")
    _verify_list_proof(status_list, context)
    _check_not_expired(status_list, context.now)
    subject = status_list.get("credentialSubject")
    if not isinstance(subject, Mapping):
        raise Failed("The status list has no credentialSubject object.")
    if not multibase and subject_type not in _types(subject):
        raise Failed(f"The status list's credentialSubject is not a {subject_type}.")
    if subject.get("statusPurpose") != purpose:
        raise Failed("The status list's statusPurpose does not match the entry's.")
    try:
        bit_set = is_set(subject.get("encodedList"), index, multibase=multibase)
    except DecodeError as exc:
        raise Failed(f"The status list cannot be read: {exc}") from exc
    return _bit_message(purpose, index, bit_set)


def _types(document: Mapping[str, Any]) -> list[Any]:
    kind = document.get("type")
    return kind if isinstance(kind, list) else [kind]


def _verify_list_proof(status_list: dict[str, Any], context: _Context) -> None:
    """Check the list's proof as the credential's own is checked (any suite verify() reads)."""
    key, proof = verify_data_integrity(
        status_list,
        resolve_did_document=context.resolve_did_document,
        loader=context.loader,
        cryptosuites=context.cryptosuites,
    )
    for check in (key, proof):
        if check.status == FAILED:
            exc = check.message
            raise Failed(f"The status list's proof is not valid: {exc}")


def _check_not_expired(status_list: Mapping[str, Any], now: datetime) -> None:
    # validUntil (VC 2.0, section 4.9) or expirationDate on a VC 1.1 list.
    for name in ("validUntil", "expirationDate"):
        if status_list.get(name) is not None and now >= _parse_datetime(
            status_list[name], name
        ):
            raise Failed("The status list has expired.")


def _bit_message(purpose: Any, index: int, bit_set: bool) -> _Outcome:
    if bit_set and purpose == "revocation":
        message = f"The credential has been revoked (revocation bit {index} is set)."
    elif bit_set and purpose == "suspension":
        message = f"The credential is suspended (suspension bit {index} is set)."
    elif bit_set:
        message = f"The credential's {purpose} bit {index} is set."
    elif purpose == "revocation":
        message = f"Not revoked (bit {index} is clear)."
    elif purpose == "suspension":
        message = f"Not suspended (bit {index} is clear)."
    else:
        message = f"Not {purpose} (bit {index} is clear)."
    return _Outcome(_SET if bit_set else _CLEAR, message, str(purpose))


# --- 1EdTech Revocation List Status Method 1.0 -------------------------------------------


def _revocation_list_outcome(
    _method: str, entry: Mapping[str, Any], context: _Context
) -> _Outcome:
    """Look the credential up in its issuer's 1EdTech revocation list.

    The entry's ``id`` is the list's URL. The list names its ``issuer`` and
    has ``revokedCredentials``, each with the ``id`` of a credential,
    ``revoked`` (true when omitted) and an optional ``revocationReason``
    (1EdTech Revocation List Status Method 1.0; 1EdTech's validator reads the
    key ``revokedCredential``, which is read too). The list is not signed:
    it is trusted as the document at the URL the signed credential names,
    published for the same issuer.
    """
    url = entry.get("id")
    if not isinstance(url, str):
        raise Failed("The 1EdTechRevocationList entry has no id: the list's URL.")
    issuer_id = _issuer_id(context.credential)
    credential_id = context.credential.get("id")
    if not isinstance(credential_id, str):
        raise Failed("The credential has no id to look up in its revocation list.")
    revocation_list = _fetched(url, context, revocation_list=True)
    listed_issuer = revocation_list.get("issuer")
    if isinstance(listed_issuer, Mapping):
        listed_issuer = listed_issuer.get("id")
    if listed_issuer != issuer_id:
        raise Failed("The revocation list is not the credential's issuer's.")
    for item in _revoked_items(revocation_list):
        if item.get("id") != credential_id or item.get("revoked", True) is False:
            continue
        reason = item.get("revocationReason")
        message = (
            "The credential has been revoked (its issuer's revocation list lists it)."
        )
        if isinstance(reason, str) and reason.strip():
            reason = reason.strip()
            message = f"{message} Reason given by the issuer: {reason}"
        return _Outcome(_SET, message, "revocation")
    return _Outcome(_CLEAR, "Not revoked (not in the issuer's revocation list).")


def _revoked_items(revocation_list: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    items: list[Any] = []
    for key in ("revokedCredentials", "revokedCredential"):
        value = revocation_list.get(key, [])
        if not isinstance(value, list):
            raise Failed(f"The revocation list's {key} is not a list.")
        items.extend(value)
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            raise Failed("The revocation list has an entry without a credential id.")
        if not isinstance(item.get("revoked", True), bool):
            raise Failed(
                "The revocation list has an entry whose revoked is not true or false."
            )
    return items
