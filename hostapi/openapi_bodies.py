"""The bodies in the discovery document: OpenAPI 3.0 renderings of the official OB 3.0 schemas.

OpenAPI 3.0 does not take JSON Schema 2019-09 as it is (no ``$defs``, no
``contains``), so each body is a plain description of its shape that names
its official schema file in ``externalDocs``; the tests check the answers
against the official files themselves.
"""

from __future__ import annotations

from typing import Any

_SCHEMA_FILES = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"


def ref(name: str) -> dict[str, str]:
    """Return a reference to the body schema ``name``."""
    return {"$ref": f"#/components/schemas/{name}"}


def _official(name: str) -> dict[str, str]:
    return {
        "description": "The official JSON Schema",
        "url": f"{_SCHEMA_FILES}ob_v3p0_{name}_schema.json",
    }


def schemas() -> dict[str, Any]:
    """Return ``components.schemas``: the request and response bodies."""
    text = {"type": "string"}
    return {
        "AchievementCredential": {
            "type": "object",
            "description": "An OB 3.0 AchievementCredential (OpenBadgeCredential), JSON-LD.",
            "required": ["@context", "id", "type", "issuer", "credentialSubject"],
            "additionalProperties": True,
            "externalDocs": _official("achievementcredential"),
        },
        "CompactJws": {
            "type": "string",
            "description": "A compact JWS (a VC-JWT): header.payload.signature.",
            "pattern": "^[^.]+\\.[^.]+\\.[^.]+$",
        },
        "GetOpenBadgeCredentialsResponse": {
            "type": "object",
            "properties": {
                "credential": {"type": "array", "items": ref("AchievementCredential")},
                "compactJwsString": {"type": "array", "items": ref("CompactJws")},
            },
            "additionalProperties": False,
            "externalDocs": _official("getopenbadgecredentialsresponse"),
        },
        "Profile": {
            "type": "object",
            "required": ["id", "type"],
            "properties": {"id": text, "type": text, "name": text, "email": text},
            "additionalProperties": True,
            "externalDocs": _official("profile"),
        },
        "Imsx_StatusInfo": {
            "type": "object",
            "required": ["imsx_codeMajor", "imsx_severity"],
            "properties": {
                "imsx_codeMajor": {
                    "type": "string",
                    "enum": ["failure", "processing", "success", "unsupported"],
                },
                "imsx_severity": {
                    "type": "string",
                    "enum": ["error", "status", "warning"],
                },
                "imsx_description": text,
                "imsx_codeMinor": {
                    "type": "object",
                    "properties": {
                        "imsx_codeMinorField": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "imsx_codeMinorFieldName": text,
                                    "imsx_codeMinorFieldValue": text,
                                },
                            },
                        }
                    },
                },
            },
            "additionalProperties": False,
            "externalDocs": _official("imsx_statusinfo"),
        },
    }
