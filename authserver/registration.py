"""RFC 7591 client metadata as OB 3.0 §7.1.1 profiles it: read, checked, answered.

The rules, each refused with ``invalid_client_metadata`` or
``invalid_redirect_uri`` (RFC 7591 §3.2.2) and a description that names the
field:

* ``client_name``, ``client_uri``, ``logo_uri``, ``tos_uri``, ``policy_uri``,
  ``software_id``, ``software_version``, ``redirect_uris`` and ``scope`` are
  required; arrays are arrays even for one value;
* every URL is ``https`` (``http`` on 127.0.0.1, ::1 or localhost only when
  ``OAUTH_ALLOW_LOOPBACK_HTTP`` is on) and all of them share one host name;
* ``token_endpoint_auth_method`` is ``client_secret_basic``, ``grant_types``
  are ``authorization_code`` and ``refresh_token``, ``response_types`` is
  ``code``;
* scopes this server does not know are dropped from the registration (the
  response says which were kept); a registration left with none is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import scopes

REQUIRED_URLS = ("client_uri", "logo_uri", "tos_uri", "policy_uri")
REQUIRED_TEXT = ("client_name", "software_id", "software_version")
GRANT_TYPES = {"authorization_code", "refresh_token"}
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
MAX_TEXT = 255
MAX_URL = 2000
MAX_REDIRECT_URIS = 10


class RegistrationError(Exception):
    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


@dataclass(frozen=True)
class ClientMetadata:
    client_name: str
    client_uri: str
    logo_uri: str
    tos_uri: str
    policy_uri: str
    software_id: str
    software_version: str
    redirect_uris: list[str]
    scope: str
    contacts: list[str] = field(default_factory=list)


def read_metadata(data, *, allow_loopback_http: bool) -> ClientMetadata:
    """Return the checked metadata of a registration request body; raise RegistrationError."""
    if not isinstance(data, dict):
        raise _invalid("The registration request must be a JSON object.")
    text = {name: _text(data, name) for name in REQUIRED_TEXT}
    urls = {
        name: _url(data.get(name), name, allow_loopback_http) for name in REQUIRED_URLS
    }
    redirect_uris = _redirect_uris(data.get("redirect_uris"), allow_loopback_http)
    hosts = {urlsplit(u).hostname for u in [*urls.values(), *redirect_uris]}
    if len(hosts) > 1:
        raise _invalid(
            "All URLs must have the same host name (OB 3.0 §7.1.1); these have "
            + ", ".join(sorted(h or "" for h in hosts))
            + "."
        )
    _only(data, "token_endpoint_auth_method", {"client_secret_basic"}, single=True)
    _only(data, "grant_types", GRANT_TYPES)
    _only(data, "response_types", {"code"})
    return ClientMetadata(
        **text,
        **urls,
        redirect_uris=redirect_uris,
        scope=_scope(data.get("scope")),
        contacts=_contacts(data.get("contacts")),
    )


def registration_response(application, metadata: ClientMetadata, secret: str) -> dict:
    """The RFC 7591 §3.2.1 answer: the client's credentials and everything it registered."""
    return {
        "client_id": application.client_id,
        "client_secret": secret,
        "client_id_issued_at": int(application.created.timestamp()),
        "client_secret_expires_at": 0,
        "client_name": metadata.client_name,
        "client_uri": metadata.client_uri,
        "logo_uri": metadata.logo_uri,
        "tos_uri": metadata.tos_uri,
        "policy_uri": metadata.policy_uri,
        "software_id": metadata.software_id,
        "software_version": metadata.software_version,
        "redirect_uris": metadata.redirect_uris,
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "scope": metadata.scope,
        **({"contacts": metadata.contacts} if metadata.contacts else {}),
    }


def _invalid(description: str) -> RegistrationError:
    return RegistrationError("invalid_client_metadata", description)


def _text(data: dict, name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _invalid(f"{name} is required and must be a non-empty string.")
    if len(value) > MAX_TEXT:
        raise _invalid(f"{name} is longer than {MAX_TEXT} characters.")
    return value.strip()


def _url(
    value, name: str, allow_loopback_http: bool, error: str = "invalid_client_metadata"
) -> str:
    if not isinstance(value, str) or not value:
        raise RegistrationError(error, f"{name} is required and must be a URL.")
    if len(value) > MAX_URL:
        raise RegistrationError(error, f"{name} is longer than {MAX_URL} characters.")
    parts = urlsplit(value)
    loopback_http = (
        allow_loopback_http and parts.scheme == "http" and parts.hostname in LOOPBACK
    )
    if parts.scheme != "https" and not loopback_http:
        raise RegistrationError(error, f"{name} must be an https URL.")
    if not parts.hostname or parts.username or parts.password:
        raise RegistrationError(
            error, f"{name} must be an absolute URL without credentials."
        )
    if parts.fragment:
        raise RegistrationError(error, f"{name} must not have a fragment.")
    if any(c.isspace() for c in value):
        raise RegistrationError(error, f"{name} must not contain spaces.")
    return value


def _redirect_uris(value, allow_loopback_http: bool) -> list[str]:
    if not isinstance(value, list) or not value:
        raise RegistrationError(
            "invalid_redirect_uri",
            "redirect_uris is required and must be an array of URLs.",
        )
    if len(value) > MAX_REDIRECT_URIS:
        raise RegistrationError(
            "invalid_redirect_uri", f"At most {MAX_REDIRECT_URIS} redirect_uris."
        )
    return [
        _url(uri, "redirect_uris", allow_loopback_http, error="invalid_redirect_uri")
        for uri in value
    ]


def _only(data: dict, name: str, allowed: set[str], *, single: bool = False) -> None:
    if name not in data:
        return
    value = data[name]
    values = [value] if single else value
    if single and not isinstance(value, str):
        raise _invalid(f"{name} must be a string.")
    if not single and (not isinstance(value, list) or not value):
        raise _invalid(f"{name} must be a non-empty array of strings.")
    unsupported = [v for v in values if v not in allowed]
    if unsupported:
        raise _invalid(
            f"{name} may only be {', '.join(sorted(allowed))}; not {', '.join(map(str, unsupported))}."
        )


def _scope(value) -> str:
    if not isinstance(value, str) or not value.split():
        raise _invalid("scope is required: a space-separated list of scopes.")
    kept = [s for s in dict.fromkeys(value.split()) if s in scopes.DESCRIPTIONS]
    if not any(s in scopes.OB3_SCOPES for s in kept):
        raise _invalid(
            "scope names none of the Open Badges 3.0 scopes: "
            + " ".join(scopes.OB3_SCOPES)
        )
    return " ".join(kept)


def _contacts(value) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise _invalid("contacts must be an array of strings.")
    if len(value) > 10 or any(len(c) > MAX_TEXT for c in value):
        raise _invalid("contacts: at most 10, each at most 255 characters.")
    return value
