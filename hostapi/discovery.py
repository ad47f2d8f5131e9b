"""The Service Description Document (OB 3.0 §7.1.1, getServiceDescription): a profiled OpenAPI 3.0.

Every URL is absolute, from ``settings.PUBLIC_BASE_URL``. The terms of
service and privacy policy are ``settings.TERMS_OF_SERVICE_URL`` and
``PRIVACY_POLICY_URL``, or this site's own plain pages when those are empty.
The body schemas are in ``openapi_bodies``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from authserver import scopes

from . import openapi_bodies
from .openapi_bodies import ref

VERSION = "3.0"
LOGO = "img/favicon.svg"


def absolute(path: str) -> str:
    """Return ``path`` (or an absolute URL, kept) under the public base URL."""
    if path.startswith(("https://", "http://")):
        return path
    return settings.PUBLIC_BASE_URL + path


def site_name() -> str:
    return settings.SITE_NAME or "Insignia"


def terms_url() -> str:
    return absolute(settings.TERMS_OF_SERVICE_URL or reverse("about:terms"))


def privacy_url() -> str:
    return absolute(settings.PRIVACY_POLICY_URL or reverse("about:privacy"))


def _error_responses(*codes: str) -> dict[str, Any]:
    words = {
        "400": "The request was not understood: a bad parameter or body.",
        "401": "No valid access token was given.",
        "403": "The access token lacks the operation's scope.",
        "404": "No such resource.",
        "405": "The method is not allowed.",
        "413": "The body is larger than the API takes.",
        "415": "The Content-Type is not one the operation takes.",
        "500": "A failure of the server.",
        "default": "The request was invalid or cannot be served.",
    }
    return {
        code: {
            "description": words[code],
            "content": {"application/json": {"schema": ref("Imsx_StatusInfo")}},
        }
        for code in codes
    }


def _credential_bodies(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": ref("AchievementCredential")},
            "application/vc+ld+json": {"schema": ref("AchievementCredential")},
            "text/plain": {"schema": ref("CompactJws")},
        },
    }


def _security(scope: str) -> list[dict[str, list[str]]]:
    return [{"OAuth2ACG": [scope]}]


def _paths() -> dict[str, Any]:
    get_errors = _error_responses("400", "401", "403", "405", "500", "default")
    write_errors = _error_responses(
        "400", "401", "403", "404", "405", "413", "415", "500", "default"
    )
    paging = {
        "X-Total-Count": {
            "description": "The total number of credentials the request selects.",
            "schema": {"type": "integer", "minimum": 0},
        },
        "Link": {
            "description": "Links to the first, last, next and previous pages (RFC 8288).",
            "schema": {"type": "string"},
        },
    }
    return {
        "/credentials": {
            "get": {
                "operationId": "getCredentials",
                "summary": "Get the learner's credentials.",
                "tags": ["OpenBadgeCredentials"],
                "parameters": [
                    _query(
                        "limit",
                        "The maximum number of credentials per page.",
                        {"type": "integer", "minimum": 1},
                    ),
                    _query(
                        "offset",
                        "The index of the first credential to return (from 0).",
                        {"type": "integer", "minimum": 0},
                    ),
                    _query(
                        "since",
                        "Only credentials issued after this time.",
                        {"type": "string", "format": "date-time"},
                    ),
                ],  # fmt: skip
                "responses": {
                    "200": {
                        "description": "The credentials, one page of them.",
                        "headers": paging,
                        "content": {
                            "application/json": {
                                "schema": ref("GetOpenBadgeCredentialsResponse")
                            }
                        },
                    },
                    **get_errors,
                },
                "security": _security(scopes.CREDENTIAL_READONLY),
            },
            "post": {
                "operationId": "upsertCredential",
                "summary": "Add a credential to the learner's backpack, or replace its equal.",
                "tags": ["OpenBadgeCredentials"],
                "requestBody": {
                    **_credential_bodies("The credential: JSON-LD, or a VC-JWT."),
                    "required": True,
                },
                "responses": {
                    "200": _credential_bodies(
                        "An equal credential was replaced (or was already held)."
                    ),
                    "201": _credential_bodies("The credential was added."),
                    **write_errors,
                },
                "security": _security(scopes.CREDENTIAL_UPSERT),
            },
        },
        "/profile": {
            "get": {
                "operationId": "getProfile",
                "summary": "Get the learner's profile.",
                "tags": ["OpenBadgeCredentials"],
                "responses": {
                    "200": _profile("The learner's profile."),
                    **get_errors,
                    **_error_responses("404"),
                },
                "security": _security(scopes.PROFILE_READONLY),
            },
            "put": {
                "operationId": "putProfile",
                "summary": "Change the learner's profile (the name only).",
                "tags": ["OpenBadgeCredentials"],
                "requestBody": {**_profile("The whole Profile."), "required": True},
                "responses": {
                    "200": _profile("The learner's profile after the change."),
                    **write_errors,
                },
                "security": _security(scopes.PROFILE_UPDATE),
            },
        },
        "/discovery": {
            "get": {
                "operationId": "getServiceDescription",
                "summary": "Get this Service Description Document.",
                "tags": ["Discovery"],
                "responses": {
                    "200": {
                        "description": "The Service Description Document.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    **_error_responses("default"),
                },
                "security": [],
            }
        },
    }


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "description": description,
        "required": False,
        "schema": schema,
        "style": "form",
    }


def _profile(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref("Profile")}},
    }


def service_description() -> dict[str, Any]:
    """Return the Service Description Document of this host."""
    logo = absolute(static(LOGO))
    token = absolute(reverse("authserver:token"))
    return {
        "openapi": "3.0.1",
        "info": {
            "title": site_name(),
            "description": "The Open Badges 3.0 API of this host.",
            "version": VERSION,
            "termsOfService": terms_url(),
            "x-imssf-privacyPolicyUrl": privacy_url(),
            "x-imssf-image": logo,
        },
        "servers": [
            {
                "url": absolute(reverse("hostapi:discovery").rsplit("/", 1)[0]),
                "description": "The OB 3.0 API of this host.",
            }
        ],
        "tags": [
            {
                "name": "OpenBadgeCredentials",
                "description": "Credentials and the learner's profile.",
            },
            {"name": "Discovery", "description": "This document."},
        ],  # fmt: skip
        "paths": _paths(),
        "components": {
            "securitySchemes": {
                "OAuth2ACG": {
                    "type": "oauth2",
                    "description": "OAuth 2.0 Authorization Code Grant authorization",
                    "x-imssf-name": site_name(),
                    "x-imssf-image": logo,
                    "x-imssf-registrationUrl": absolute(reverse("authserver:register")),
                    "x-imssf-privacyPolicyUrl": privacy_url(),
                    "x-imssf-termsOfServiceUrl": terms_url(),
                    "flows": {
                        "authorizationCode": {
                            "authorizationUrl": absolute(
                                reverse("authserver:authorize")
                            ),
                            "tokenUrl": token,
                            "refreshUrl": token,
                            "scopes": dict(scopes.SPEC_DESCRIPTIONS),
                        }
                    },
                }
            },
            "schemas": openapi_bodies.schemas(),
        },
    }
