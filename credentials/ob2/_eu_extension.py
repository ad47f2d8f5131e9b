"""The EU micro-credential extension as an OB 2.0 Extension: context document and JSON Schema.

OB 2.0 "Extensions": an extension's JSON-LD context document declares how to
validate it, with ``obi:validation`` entries naming the extension type
(``obi:validatesType``) and a JSON Schema (``obi:validationSchema``), e.g.::

    {
      "@context": {"EuMicroCredentialExtension": "https://host/...#EuMicro...", ...},
      "https://w3id.org/openbadges#validation": [{
        "https://w3id.org/openbadges#validatesType": "extensions:EuMicroCredentialExtension",
        "https://w3id.org/openbadges#validationSchema": "https://host/.../v1/schema.json"
      }]
    }

1EdTech's validator reports an error for an extension whose context lacks
these entries. The keys are written as full IRIs so that the document
defines no ``obi`` or ``extensions`` term that could clash with the OB 3.0
contexts, which read the same document. ``"@version": 1.1`` is dropped
because no JSON-LD 1.1 feature is used and JSON-LD 1.0 processors (every
OB 2.0 verifier) refuse a context that declares it.
"""

from __future__ import annotations

from typing import Any

from .._eu_extension import extension_context, extension_context_url

__all__ = ["extension_schema_url", "extension_context_document", "extension_schema"]

_OBI = "https://w3id.org/openbadges#"


def extension_schema_url(base_url: str) -> str:
    """Return the URL at which ``base_url``'s deployment serves the extension's JSON Schema."""
    return extension_context_url(base_url) + "/schema.json"


def extension_context_document(base_url: str) -> dict[str, Any]:
    """Return the context document to serve at ``extension_context_url(base_url)``."""
    context = {
        k: v
        for k, v in extension_context(base_url)["@context"].items()
        if k != "@version"
    }
    return {
        "@context": context,
        _OBI + "validation": [
            {
                _OBI + "validatesType": "extensions:EuMicroCredentialExtension",
                _OBI + "validationSchema": extension_schema_url(base_url),
            }
        ],
    }


def _strings() -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}}


def extension_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft-04, as OB 2.0 validators use) of the extension object."""
    text = {"type": "string"}
    number = {"type": "number", "minimum": 0}
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": "EU micro-credential extension (Insignia)",
        "description": "Council Recommendation 2022/C 243/02, Annex I elements of a badge class.",
        "type": "object",
        "properties": {
            "learningOutcomes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"outcomeText": text},
                    "required": ["outcomeText"],
                },
            },
            "assessmentTypes": _strings(),
            "assessor": text,
            "identityVerification": text,
            "workloadHours": number,
            "credits": number,
            "creditSystem": text,
            "calendarDuration": text,
            "eqfLevel": {"type": "integer", "minimum": 1, "maximum": 8},
            "nqfLevel": text,
            "nqfFramework": text,
            "iscedFCode": text,
            "iscedFName": text,
            "participationForms": _strings(),
            "languagesOfInstruction": _strings(),
            "qualityAssurance": {"type": "object"},
            "isFullQualification": {"type": "boolean"},
            "partOfQualification": text,
            "prerequisites": text,
            "prerequisiteBadges": _strings(),
            "stackableTowards": {"type": "array", "items": {"type": "object"}},
            "validityPeriod": text,
            "courseProvider": text,
            "partners": {"type": "array", "items": {"type": "object"}},
            "isParticipationBadge": {"type": "boolean"},
        },
    }
