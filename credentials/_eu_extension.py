"""Insignia's EU micro-credential extension: elements Open Badges has no property for.

The Council Recommendation on micro-credentials (2022/C 243/02, Annex I) lists
the mandatory and optional elements; OB 2.0 and OB 3.0 cover some of them
(title, issuer, criteria, alignment, ...). The rest travel in one JSON object,
the same shape in both formats:

* OB 2.0: a BadgeClass property ``"extensions:EuMicroCredentialExtension"``
  with its own ``@context`` (OB 2.0 "Extensions", section 4), e.g.::

      "extensions:EuMicroCredentialExtension": {
        "@context": "https://badges.example.edu/public/contexts/eu-microcredential/v1",
        "type": ["Extension", "extensions:EuMicroCredentialExtension"],
        "eqfLevel": 5, "workloadHours": 150, ...
      }

* OB 3.0: an Achievement property ``"euMicroCredential"`` whose value has
  ``"type": "EuMicroCredential"``, with the context URL added to the
  credential's ``@context`` list.

The context is served by each deployment at ``extension_context_url(base)``;
term IRIs live under that URL's fragment namespace. The context defines no
term that the VC 2.0 or OB 3.0 contexts protect.

Learning outcomes, partners and stacking targets carry an ``id`` under the
badge class's URL (``<badge class>#outcome-1``, ``#partner-1``,
``#stack-target-1``), so that two of them never become RDF blank nodes that
look alike: RDFC-1.0 canonicalisation (section 4.4.1) bounds the work it
spends telling such nodes apart, and verifiers refuse credentials that need
more (see ``_rdfc.py``). ``id`` is the ``@id`` alias of the VC 2.0 and OB 2.0
contexts; the context's terms are unchanged (``EU_EXTENSION_CHANGELOG.md``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .types import BadgeClassFacts

__all__ = [
    "EXTENSION_CONTEXT_PATH",
    "extension_context_url",
    "extension_context",
    "eu_elements",
]

EXTENSION_CONTEXT_PATH = "/public/contexts/eu-microcredential/v1"

# JSON name -> (IRI fragment, JSON-LD term options)
# Numbers that may have a fraction (hours, credits) carry no "@type": JSON-LD
# writes a fractional JSON number in the xsd:double form ("6.5E0"), which is
# not a valid xsd:decimal; untyped, they become xsd:integer or xsd:double.
_TERMS: dict[str, dict[str, Any]] = {
    "EuMicroCredential": {},
    "EuMicroCredentialExtension": {},
    # The OB 3.0 Achievement property that holds the elements.
    "euMicroCredential": {},
    "learningOutcomes": {"@container": "@list"},
    "outcomeText": {},
    "assessmentTypes": {"@container": "@set"},
    "assessor": {},
    "identityVerification": {},
    "workloadHours": {},
    "credits": {},
    "creditSystem": {},
    "calendarDuration": {"@type": "xsd:duration"},
    "eqfLevel": {"@type": "xsd:integer"},
    "nqfLevel": {},
    "nqfFramework": {},
    "iscedFCode": {},
    "iscedFName": {},
    "participationForms": {"@container": "@set"},
    "languagesOfInstruction": {"@container": "@set"},
    "qualityAssurance": {},
    "qaType": {},
    "qaBody": {},
    "qaBodyUrl": {"@type": "@id"},
    "accreditation": {},
    "isFullQualification": {"@type": "xsd:boolean"},
    "partOfQualification": {},
    "prerequisites": {},
    "prerequisiteBadges": {"@type": "@id", "@container": "@set"},
    "stackableTowards": {"@container": "@set"},
    "targetName": {},
    "targetUrl": {"@type": "@id"},
    "creditsContributed": {},
    "validityPeriod": {"@type": "xsd:duration"},
    "courseProvider": {},
    "partners": {"@container": "@set"},
    "partnerName": {},
    "partnerUrl": {"@type": "@id"},
    "partnerRole": {},
    "isParticipationBadge": {"@type": "xsd:boolean"},
}


def extension_context_url(base_url: str) -> str:
    """Return the absolute URL at which ``base_url``'s deployment serves the context."""
    return base_url.rstrip("/") + EXTENSION_CONTEXT_PATH


def extension_context(base_url: str) -> dict[str, Any]:
    """Return the JSON-LD context served at ``extension_context_url(base_url)``."""
    ns = extension_context_url(base_url) + "#"
    terms: dict[str, Any] = {"xsd": "http://www.w3.org/2001/XMLSchema#"}
    for name, options in _TERMS.items():
        terms[name] = {"@id": ns + name, **options} if options else ns + name
    return {"@context": {"@version": 1.1, **terms}}


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop unstated elements: None, empty strings and empty lists."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def eu_elements(badge: BadgeClassFacts) -> dict[str, Any]:
    """Return the extension's properties for ``badge`` (no ``@context`` or ``type``).

    Unstated elements are left out rather than sent empty.
    """
    validity = f"P{badge.validity_months}M" if badge.validity_months else None
    quality = _compact(
        {
            "qaType": badge.qa_type,
            "qaBody": badge.qa_body,
            "qaBodyUrl": badge.qa_body_url,
            "accreditation": badge.accreditation,
        }
    )
    return _compact(
        {
            "learningOutcomes": [
                {"id": f"{badge.id}#outcome-{n}", "outcomeText": o.text}
                for n, o in enumerate(badge.learning_outcomes, start=1)
            ],
            "assessmentTypes": list(badge.assessment_types),
            "assessor": badge.assessor,
            "identityVerification": badge.identity_verification,
            "workloadHours": _number(badge.workload_hours),
            "credits": _number(badge.credits),
            "creditSystem": badge.credit_system if badge.credits is not None else "",
            "calendarDuration": badge.duration,
            "eqfLevel": badge.eqf_level,
            "nqfLevel": badge.nqf_level,
            "nqfFramework": badge.nqf_framework,
            "iscedFCode": badge.isced_f_code,
            "iscedFName": badge.isced_f_name,
            "participationForms": list(badge.participation_forms),
            "languagesOfInstruction": list(badge.languages_of_instruction),
            "qualityAssurance": quality,
            "isFullQualification": badge.is_full_qualification,
            "partOfQualification": badge.part_of_qualification,
            "prerequisites": badge.prerequisites,
            "prerequisiteBadges": list(badge.prerequisite_badges),
            "stackableTowards": [
                _compact(
                    {
                        "id": f"{badge.id}#stack-target-{n}",
                        "targetName": t.name,
                        "targetUrl": t.url,
                        "creditsContributed": _number(t.credits),
                    }
                )
                for n, t in enumerate(badge.stack_targets, start=1)
            ],
            "validityPeriod": validity,
            "courseProvider": badge.course_provider,
            "partners": [
                _compact(
                    {
                        "id": f"{badge.id}#partner-{n}",
                        "partnerName": p.name,
                        "partnerUrl": p.url,
                        "partnerRole": p.role,
                    }
                )
                for n, p in enumerate(badge.partners, start=1)
            ],
            "isParticipationBadge": badge.is_participation,
        }
    )
