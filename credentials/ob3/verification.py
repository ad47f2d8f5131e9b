"""Verify OB 3.0 credentials: a report of named checks, no exception for bad input.

``verify()`` accepts an ``OpenBadgeCredential`` with embedded Data
Integrity proofs (a dict or its JSON text: one proof, a proof set or a
proof chain in any suite of ``cryptosuites``: ``eddsa-rdfc-2022``,
``eddsa-2022``, ``eddsa-jcs-2022``, ``ecdsa-rdfc-2019``,
``Ed25519Signature2020``), its
VC-JWT form (a compact JWS with a ``vc`` claim, ``proof_format``
``"vc-jwt"``) or the credential secured with JOSE (a ``vc+jwt`` whose
payload is the credential, ``"vc-jose"``). It runs these checks, in order, each ending
``passed``, ``failed`` or ``skipped`` with a message:

========== ===============================================================
format     the document parses, is an OpenBadgeCredential, and every
           ``@context`` is one this package can process offline
schema     the credential meets 1EdTech's official OB 3.0 JSON Schema and
           Insignia's extra rules (``_schema``)
issuer_key the verification method or ``kid`` belongs to the issuer's DID
           and is listed under ``assertionMethod`` (VC Data Model 2.0,
           section 7.1; Controlled Identifiers v1.0, section 3.3); a key
           carried in a VC-JWT's ``jwk`` header must be one of those
proof      the signature matches (Data Integrity EdDSA v1.0, section
           3.3.2; Data Integrity ECDSA v1.0, "Verify Proof"; OB 3.0,
           section 8.2.6); in a proof set every proof does, one of them
           the issuer's (VC Data Integrity 1.0, "Proof Sets")
validity   ``validFrom`` <= now < ``validUntil`` (VC Data Model 2.0,
           sections 4.9 and 5.3), or ``issuanceDate`` and
           ``expirationDate`` in a VC Data Model 1.1 credential
status     the credential's bit in its Bitstring Status List is clear
           (Bitstring Status List v1.0, section 3.2)
========== ===============================================================

A failed status check also carries a ``code`` for programs: ``REVOKED``
(``"revoked"``), ``SUSPENDED`` (``"suspended"``) or, when the status could
not be learned (list unreachable, unreadable, not the issuer's, or a status
method not read here), ``STATUS_UNAVAILABLE`` (``"status_unavailable"``).
Other checks have an empty code.

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

OB 3.0 credentials built on VC Data Model 1.1 (``@context`` starting with
``https://www.w3.org/2018/credentials/v1``, dated by ``issuanceDate`` and
``expirationDate``) are accepted too: OB 3.0 was published on VC 1.1 and
wallets still hold such credentials. Their format, schema and validity are
checked on the VC 2.0 reading that ``_vc2_reading()`` returns; the proof is
always checked on the document exactly as signed.

Only programmer errors (a naive ``now``, a wrong argument type) raise.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import datetime
from typing import Any

from ..jws import unverified_claims
from ..loader import OfflineLoader
from ..report import (
    CHECK_NAMES,
    FAILED,
    PASSED,
    REVOKED,
    SKIPPED,
    STATUS_UNAVAILABLE,
    SUSPENDED,
    Check,
    VerificationReport,
)
from . import data_integrity, vc_jwt
from ._checks import (
    DidResolver,
    Failed,
    StatusListFetcher,
    check_format,
    check_validity,
    parse,
    verify_data_integrity,
)
from ._jwt_checks import verify_jwt
from ._schema import check_schema
from ._status import check_status
from .build import VC2_CONTEXT

__all__ = [
    "PASSED",
    "FAILED",
    "SKIPPED",
    "REVOKED",
    "SUSPENDED",
    "STATUS_UNAVAILABLE",
    "Check",
    "VerificationReport",
    "verify",
    "unverified_claims",
]

VC1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
# VC Data Model 1.1 terms and the VC 2.0 terms they became (VC Data Model 2.0,
# section 4.9 "Validity Period": validFrom and validUntil replace
# issuanceDate and expirationDate, with the same meaning).
_VC11_DATES = {"issuanceDate": "validFrom", "expirationDate": "validUntil"}


def verify(
    document_or_jwt: Mapping[str, Any] | str | bytes,
    *,
    now: datetime,
    resolve_did_document: DidResolver,
    fetch_status_list: StatusListFetcher,
    base_url: str | None = None,
    cryptosuites: Collection[str] = data_integrity.CRYPTOSUITES,
    algorithms: Collection[str] = vc_jwt.DEFAULT_ALGORITHMS,
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
            checks[name] = Check(name, FAILED, str(exc), exc.code)
            return False
        status, message = result if isinstance(result, tuple) else (PASSED, result)
        checks[name] = Check(name, status, message)
        return status == PASSED

    def report(skip_reason: str = "") -> VerificationReport:
        for name in CHECK_NAMES:
            checks.setdefault(name, Check(name, SKIPPED, skip_reason))
        ordered = tuple(checks[n] for n in CHECK_NAMES)
        return VerificationReport(
            ordered,
            credential if isinstance(credential, dict) else None,
            proof_format,
            version="Open Badges 3.0",
        )

    try:
        proof_format, credential = parse(document_or_jwt)
    except Failed as exc:
        checks["format"] = Check("format", FAILED, str(exc))
        return report("The input could not be parsed.")
    if proof_format in (vc_jwt.VC_JWT, vc_jwt.VC_JOSE):
        # The signature is checked first, so a forged token fails "proof"
        # whatever its payload says.
        credential, checks["issuer_key"], checks["proof"] = verify_jwt(
            credential,
            resolve_did_document=resolve_did_document,
            algorithms=algorithms,
            form=proof_format,
            now=now,
        )
    # Format, schema and validity read a VC 1.1 credential in VC 2.0 terms;
    # the proof and status checks always see the credential as signed.
    reading = _vc2_reading(credential)
    if not run("format", lambda: _check_format(credential, reading, loader)):
        return report("The credential's format was not accepted.")
    # The schema check reads the credential as signed (a VC 1.1 one meets the
    # schema's VC 1.1 form) and knows how it is secured: JSON-LD or JWT.
    run("schema", lambda: check_schema(credential, proof_format))
    if proof_format == "data-integrity":
        checks["issuer_key"], checks["proof"] = verify_data_integrity(
            credential,
            resolve_did_document=resolve_did_document,
            loader=loader,
            cryptosuites=cryptosuites,
        )
    run(
        "validity",
        lambda: _in_vc11_terms(lambda r: check_validity(r, now), reading, credential),
    )
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


# --- VC Data Model 1.1 credentials -----------------------------------------------------


def _is_vc11(credential: Any) -> bool:
    """Return True when the first ``@context`` is VC 1.1's (VC Data Model 1.1, section 4.1)."""
    contexts = credential.get("@context") if isinstance(credential, Mapping) else None
    return isinstance(contexts, list) and bool(contexts) and contexts[0] == VC1_CONTEXT


def _vc2_reading(credential: Any) -> Any:
    """Return the credential as VC 2.0 names it: itself, or a renamed copy of a VC 1.1 one.

    The copy's first ``@context`` is VC 2.0's, and its ``issuanceDate`` and
    ``expirationDate`` (VC Data Model 1.1, sections 4.6 and 4.7: when the
    credential "becomes valid" and "ceases to be valid") are called
    ``validFrom`` and ``validUntil``, their VC 2.0 names (VC Data Model 2.0,
    section 4.9). For example::

        {"@context": [VC1_CONTEXT, OB], "issuanceDate": "2010-01-01T00:00:00Z", ...}
        # reads as
        {"@context": [VC2_CONTEXT, OB], "validFrom": "2010-01-01T00:00:00Z", ...}
    """
    if not _is_vc11(credential):
        return credential
    renamed = {
        _VC11_DATES.get(key, key): value
        for key, value in credential.items()
        if key != "@context"
    }
    return {"@context": [VC2_CONTEXT, *credential["@context"][1:]], **renamed}


def _check_format(credential: Any, reading: Any, loader: OfflineLoader) -> str:
    """Check the format on the VC 2.0 reading, and a VC 1.1 credential's own date rules."""
    if reading is credential:
        return check_format(credential, loader)
    mixed = sorted(set(_VC11_DATES.values()) & set(credential))
    if mixed:
        raise Failed(
            f"A VC Data Model 1.1 credential cannot use {', '.join(mixed)}: "
            "its dates are issuanceDate and expirationDate."
        )
    if "issuanceDate" not in credential:
        raise Failed(
            "A VC Data Model 1.1 credential needs an issuanceDate "
            "(VC Data Model 1.1, section 4.6)."
        )
    message = check_format(reading, loader)
    return f"{message} It is built on VC Data Model 1.1."


def _in_vc11_terms(check: Callable[[Any], Any], reading: Any, credential: Any) -> Any:
    """Run ``check`` on the reading; name a VC 1.1 credential's own properties if it fails."""
    try:
        return check(reading)
    except Failed as exc:
        if reading is credential:
            raise
        message = str(exc)
        for vc11_name, vc2_name in _VC11_DATES.items():
            message = message.replace(vc2_name, vc11_name)
        raise Failed(message, exc.code) from None
