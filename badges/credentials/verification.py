"""Verify OB 3.0 credentials: a report of named checks, no exception for bad input.

``verify()`` accepts an ``OpenBadgeCredential`` with an embedded
``eddsa-rdfc-2022`` Data Integrity proof (a dict or its JSON text) or its
VC-JWT form (a compact JWS). It runs these checks, in order, each ending
``passed``, ``failed`` or ``skipped`` with a message:

========== ===============================================================
format     the document parses, is an OpenBadgeCredential, and every
           ``@context`` is one this package can process offline
schema     the credential satisfies the OB 3.0 schema checks (``_schema``)
issuer_key the verification method or ``kid`` belongs to the issuer's DID
           and is listed under ``assertionMethod`` (VC Data Model 2.0,
           section 7.1; Controlled Identifiers v1.0, section 3.3)
proof      the signature matches (Data Integrity EdDSA v1.0, section
           3.3.2; OB 3.0, section 8.2.6)
validity   ``validFrom`` <= now < ``validUntil`` (VC Data Model 2.0,
           sections 4.9 and 5.3)
status     the credential's bit in its Bitstring Status List is clear
           (Bitstring Status List v1.0, section 3.2)
========== ===============================================================

The caller injects the clock and every resolver, so this module does no I/O::

    report = verify(
        credential_json,
        now=datetime.now(UTC),
        resolve_did_document=lambda did: fetch_json(did_document_url(did)),
        fetch_status_list=lambda url: fetch_json(url),
        base_url="https://badges.example.edu",
    )
    report.valid                       # True
    [(c.name, c.status) for c in report.checks]
    # [('format', 'passed'), ('schema', 'passed'), ('issuer_key', 'passed'),
    #  ('proof', 'passed'), ('validity', 'passed'), ('status', 'passed')]

Only programmer errors (a naive ``now``, a wrong argument type) raise.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import _data_integrity, _vcjwt
from ._checks import (
    CHECK_NAMES,
    FAILED,
    PASSED,
    SKIPPED,
    Check,
    DidResolver,
    Failed,
    StatusListFetcher,
    check_format,
    check_schema,
    check_status,
    check_validity,
    parse,
    verify_data_integrity,
    verify_jwt,
)
from ._loader import OfflineLoader

__all__ = ["PASSED", "FAILED", "SKIPPED", "Check", "VerificationReport", "verify"]


@dataclass(frozen=True)
class VerificationReport:
    """The outcome of ``verify()``: the checks in order, and the parsed credential."""

    checks: tuple[Check, ...]
    credential: dict[str, Any] | None = None
    proof_format: str = ""  # "data-integrity", "vc-jwt", "ob2-hosted" or "ob2-signed"
    # Documents fetched on the way (OB 2.0: the BadgeClass and issuer profile), for display.
    documents: Mapping[str, Any] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """Return True when no check failed and the proof check passed."""
        return (
            all(c.status != FAILED for c in self.checks)
            and self.check("proof").status == PASSED
        )

    def check(self, name: str) -> Check:
        """Return the check called ``name``; raise ``KeyError`` for an unknown name."""
        for item in self.checks:
            if item.name == name:
                return item
        raise KeyError(name)


def verify(
    document_or_jwt: Mapping[str, Any] | str | bytes,
    *,
    now: datetime,
    resolve_did_document: DidResolver,
    fetch_status_list: StatusListFetcher,
    base_url: str | None = None,
    cryptosuites: Collection[str] = (_data_integrity.CRYPTOSUITE,),
    algorithms: Collection[str] = _vcjwt.DEFAULT_ALGORITHMS,
    documents: Mapping[str, Any] | None = None,
) -> VerificationReport:
    """Return a ``VerificationReport`` for an OB 3.0 credential (DI or VC-JWT).

    ``now`` must be timezone-aware. ``resolve_did_document(did)`` returns a
    DID document; ``fetch_status_list(url)`` returns a status list
    credential; either may raise, which fails the check that needed it.
    ``base_url`` names a deployment whose EU micro-credential context is
    accepted; ``documents`` registers further JSON-LD documents by URL.
    ``cryptosuites`` and ``algorithms`` are the allow-lists for Data
    Integrity proofs and JWT ``alg`` values.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware.")
    if base_url:
        loader = OfflineLoader.for_base_url(base_url, documents)
    else:
        loader = OfflineLoader(documents)
    checks: dict[str, Check] = {}
    credential: Any = None
    proof_format = ""

    def run(name: str, step: Callable[[], Any]) -> bool:
        try:
            result = step()
        except Failed as exc:
            checks[name] = Check(name, FAILED, str(exc))
            return False
        status, message = result if isinstance(result, tuple) else (PASSED, result)
        checks[name] = Check(name, status, message)
        return status == PASSED

    def report(skip_reason: str = "") -> VerificationReport:
        for name in CHECK_NAMES:
            checks.setdefault(name, Check(name, SKIPPED, skip_reason))
        ordered = tuple(checks[n] for n in CHECK_NAMES)
        return VerificationReport(
            ordered, credential if isinstance(credential, dict) else None, proof_format
        )

    try:
        proof_format, credential = parse(document_or_jwt)
    except Failed as exc:
        checks["format"] = Check("format", FAILED, str(exc))
        return report("The input could not be parsed.")
    if proof_format == "vc-jwt":
        # The signature is checked first, so a forged token fails "proof"
        # whatever its payload says.
        credential, checks["issuer_key"], checks["proof"] = verify_jwt(
            credential, resolve_did_document=resolve_did_document, algorithms=algorithms
        )
    if not run("format", lambda: check_format(credential, loader)):
        return report("The credential's format was not accepted.")
    run("schema", lambda: check_schema(credential))
    if proof_format == "data-integrity":
        checks["issuer_key"], checks["proof"] = verify_data_integrity(
            credential,
            resolve_did_document=resolve_did_document,
            loader=loader,
            cryptosuites=cryptosuites,
        )
    run("validity", lambda: check_validity(credential, now))
    run(
        "status",
        lambda: check_status(
            credential,
            fetch_status_list=fetch_status_list,
            resolve_did_document=resolve_did_document,
            loader=loader,
            cryptosuites=cryptosuites,
            now=now,
        ),
    )
    return report()
