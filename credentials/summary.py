"""What a verified credential certifies, read from either version's documents, for display.

A verifier shows a person the facts they came for: the badge's name, issuer,
dates, learning outcomes and the EU micro-credential elements. OB 3.0 carries
them in the credential (``credentialSubject.achievement``, its
``euMicroCredential``); OB 2.0 in the BadgeClass and issuer Profile the
verification fetched (``report.documents``)::

    certified(report)["name"]       # "Welding: MIG/MAG basics"
    certified(report)["outcomes"]   # ["Set up a MIG welder safely", ...]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .report import VerificationReport

__all__ = ["certified"]


def certified(report: VerificationReport) -> dict[str, Any]:
    """Return the facts a verifier wants to read, from either version's documents."""
    credential = report.credential or {}
    if not credential:
        return {}
    if "credentialSubject" in credential:
        subject = credential.get("credentialSubject") or {}
        achievement = (
            subject.get("achievement") or {} if isinstance(subject, dict) else {}
        )
        issuer = credential.get("issuer") or {}
        eu = achievement.get("euMicroCredential") or {}
        criteria = achievement.get("criteria") or {}
        return _facts(
            name=achievement.get("name") or credential.get("name"),
            description=achievement.get("description"),
            issuer=issuer.get("name") if isinstance(issuer, dict) else issuer,
            criteria=criteria.get("narrative") if isinstance(criteria, dict) else "",
            # VC 2.0 names first, then VC 1.1's (issuanceDate, expirationDate).
            issued=credential.get("validFrom") or credential.get("issuanceDate"),
            expires=credential.get("validUntil") or credential.get("expirationDate"),
            eu=eu,
            credits=achievement.get("creditsAvailable"),
            field=achievement.get("fieldOfStudy"),
        )
    badge = report.documents.get("badge") or {}
    issuer = report.documents.get("issuer") or {}
    criteria = badge.get("criteria") or {}
    return _facts(
        name=badge.get("name"),
        description=badge.get("description"),
        issuer=issuer.get("name"),
        criteria=criteria.get("narrative") if isinstance(criteria, dict) else "",
        issued=credential.get("issuedOn"),
        expires=credential.get("expires"),
        eu=badge.get("extensions:EuMicroCredentialExtension") or {},
        credits=None,
        field=None,
    )


def _facts(
    *, name, description, issuer, criteria, issued, expires, eu, credits, field
) -> dict[str, Any]:
    outcomes = [
        o.get("outcomeText", "")
        for o in eu.get("learningOutcomes", [])
        if isinstance(o, dict)
    ]
    qa = eu.get("qualityAssurance") or {}
    return {
        "name": name or "",
        "description": description or "",
        "issuer": issuer or "",
        "criteria": criteria or "",
        "issued": (issued or "")[:10],
        "expires": (expires or "")[:10],
        "outcomes": outcomes,
        "workload_hours": eu.get("workloadHours"),
        "credits": eu.get("credits", credits),
        "credit_system": eu.get("creditSystem", ""),
        "eqf_level": eu.get("eqfLevel"),
        "nqf_level": eu.get("nqfLevel", ""),
        "nqf_framework": eu.get("nqfFramework", ""),
        "field_of_study": eu.get("iscedFName") or field or "",
        "assessment": eu.get("assessmentTypes", []),
        "identity_verification": eu.get("identityVerification", ""),
        "participation": eu.get("participationForms", []),
        "qa_type": qa.get("qaType", ""),
        "qa_body": qa.get("qaBody", ""),
        "full_qualification": eu.get("isFullQualification"),
        "part_of": eu.get("partOfQualification", ""),
    }
