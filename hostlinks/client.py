"""The Open Badges 3.0 API as a Service Consumer calls it: discovery, registration, tokens, calls.

Every call goes through the safe fetch client (``verifier.fetching``) and
either returns what the remote host answered, checked, or raises
``RemoteError`` with a message for the learner that names the host, the step
and what was wrong. No secret ever goes into a message or a log line.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode, urljoin, urlsplit

from django.utils.translation import gettext as _

from verifier.fetching import Answer, FetchError, send

DISCOVERY_PATH = "/ims/ob/v3p0/discovery"
JSON = "application/json"
_NEXT = re.compile(r'<([^>]*)>\s*;\s*rel="?next"?', re.IGNORECASE)


class RemoteError(Exception):
    """A remote step that failed; the message is for the learner. ``retry``: worth trying later."""

    def __init__(self, message: str, *, retry: bool = False, code: str = "") -> None:
        super().__init__(message)
        self.retry = retry
        self.code = code  # the OAuth error code (RFC 6749 §5.2), when the host gave one


@dataclass(frozen=True)
class Discovery:
    url: str
    name: str
    api_base: str
    authorization_url: str
    token_url: str
    registration_url: str
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int | None
    scope: str


@dataclass(frozen=True)
class Page:
    credentials: list[dict]
    jws: list[str]
    next_url: str


def discovery_url(given: str) -> str:
    """Return the discovery URL for a host's base URL or its discovery URL itself."""
    given = given.strip()
    if urlsplit(given).path.rstrip("/").endswith(DISCOVERY_PATH):
        return given
    return given.rstrip("/") + DISCOVERY_PATH


def discover(url: str) -> Discovery:
    """Read the host's Service Description Document (OB 3.0 §6.3); raise RemoteError."""
    document = _json(_call("GET", url, _("reading its discovery document")), url)
    try:
        scheme = document["components"]["securitySchemes"]["OAuth2ACG"]
        flow = scheme["flows"]["authorizationCode"]
        found = {
            "authorization_url": flow["authorizationUrl"],
            "token_url": flow["tokenUrl"],
            "registration_url": scheme["x-imssf-registrationUrl"],
        }
        scopes = tuple(flow.get("scopes") or ())
    except (KeyError, TypeError):
        raise RemoteError(
            _(
                "%(host)s has no usable OB 3.0 discovery document: it names no OAuth 2.0 "
                "authorization code flow with a registration URL."
            )
            % {"host": _host(url)}
        ) from None
    servers = document.get("servers") if isinstance(document, dict) else None
    server = servers[0].get("url") if servers and isinstance(servers[0], dict) else ""
    api_base = urljoin(url, server) if server else url.rsplit("/discovery", 1)[0]
    for name, value in found.items():
        if not isinstance(value, str) or urlsplit(urljoin(url, value)).scheme not in (
            "http",
            "https",
        ):
            raise RemoteError(
                _("%(host)s's discovery document has no valid %(field)s.")
                % {"host": _host(url), "field": name.replace("_", " ")}
            )
    info = document.get("info") if isinstance(document.get("info"), dict) else {}
    name = scheme.get("x-imssf-name") or info.get("title") or _host(url)
    return Discovery(
        url=url,
        name=str(name)[:255],
        api_base=api_base.rstrip("/"),
        scopes=scopes,
        **{k: urljoin(url, v) for k, v in found.items()},
    )


def register(discovery: Discovery, metadata: dict) -> tuple[str, str, str]:
    """Register as a client (RFC 7591); return the client id, secret and granted scope."""
    answer = _call(
        "POST",
        discovery.registration_url,
        _("registering this site as an application"),
        body=json.dumps(metadata).encode(),
        headers={"Content-Type": JSON},
    )
    document = _json(answer, discovery.registration_url, oauth=True)
    client_id, secret = document.get("client_id"), document.get("client_secret")
    if not isinstance(client_id, str) or not isinstance(secret, str) or not secret:
        raise RemoteError(
            _("%(host)s accepted the registration but sent no client id and secret.")
            % {"host": _host(discovery.registration_url)}
        )
    return client_id, secret, str(document.get("scope") or metadata["scope"])


def exchange_code(token_url, client_id, secret, *, code, verifier, redirect_uri) -> Tokens:  # fmt: skip
    """Exchange an authorization code for tokens (RFC 6749 §4.1.3, RFC 7636)."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    return _token(token_url, client_id, secret, form, _("exchanging the code"))


def refresh(token_url, client_id, secret, refresh_token: str) -> Tokens:
    """Trade a refresh token for fresh tokens (RFC 6749 §6)."""
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    return _token(token_url, client_id, secret, form, _("renewing the access"))


METADATA_PATH = "/.well-known/oauth-authorization-server"


def revocation_url(token_url: str) -> str:
    """Return the host's RFC 7009 revocation endpoint.

    OB 3.0's discovery document names none, so it is read from the host's
    authorization server metadata (RFC 8414, at the token URL's origin) when
    that metadata is for this token endpoint and names one; otherwise it is
    the usual sibling of the token URL (``…/revoke``).
    """
    parts = urlsplit(token_url)
    document = None
    try:
        answer = send("GET", f"{parts.scheme}://{parts.netloc}{METADATA_PATH}")
        if answer.status == 200:
            document = json.loads(answer.body)
    except (FetchError, ValueError, UnicodeDecodeError):
        pass
    if isinstance(document, dict) and document.get("token_endpoint") == token_url:
        named = document.get("revocation_endpoint")
        if isinstance(named, str) and urlsplit(named).scheme in ("http", "https"):
            return named
    return token_url.rsplit("/token", 1)[0] + "/revoke"


def revoke(url: str, client_id: str, secret: str, token: str, hint: str) -> None:
    """Ask the host to revoke ``token`` at ``url`` (RFC 7009; OB 3.0 requires ``token_type_hint``).

    A host without a revocation endpoint, or away, is not an error: the
    tokens are forgotten here either way.
    """
    form = {"token": token, "token_type_hint": hint}
    headers = {**_basic(client_id, secret),
               "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
    try:
        send("POST", url, body=urlencode(form).encode(), headers=headers)
    except FetchError:
        pass


def get_credentials(url: str, token: str) -> Page:
    """Read one page of getCredentials; ``next_url`` is the Link header's rel="next" (or "")."""
    answer = _call("GET", url, _("reading your badges"), headers=_bearer(token))
    document = _json(answer, url)
    credentials = document.get("credential") or []
    jws = document.get("compactJwsString") or []
    if not isinstance(credentials, list) or not isinstance(jws, list):
        raise RemoteError(
            _("%(host)s sent a list of badges that is not in the OB 3.0 shape.")
            % {"host": _host(url)}
        )
    found = _NEXT.search(answer.headers.get("link", ""))
    return Page(
        credentials=[c for c in credentials if isinstance(c, dict)],
        jws=[j for j in jws if isinstance(j, str)],
        next_url=urljoin(url, found.group(1)) if found else "",
    )


def get_profile(api_base: str, token: str) -> dict:
    """Read getProfile: the learner's profile at the host."""
    url = api_base + "/profile"
    return _json(
        _call("GET", url, _("reading your profile"), headers=_bearer(token)), url
    )


def upsert_credential(api_base: str, token: str, body: bytes, content_type: str) -> int:
    """Send one credential with upsertCredential; return the status (200 replaced, 201 new)."""
    url = api_base + "/credentials"
    answer = _call(
        "POST",
        url,
        _("sending the badge"),
        body=body,
        headers={**_bearer(token), "Content-Type": content_type},
    )
    if answer.status not in (200, 201):
        raise RemoteError(_refusal(answer, url), retry=answer.status >= 500)
    return answer.status


# --- The common steps ------------------------------------------------------------------------


def _call(method: str, url: str, step: str, **options) -> Answer:
    try:
        return send(method, url, **options)
    except FetchError as exc:
        raise RemoteError(
            _("%(host)s could not be reached while %(step)s: %(reason)s")
            % {"host": _host(url), "step": step, "reason": str(exc)},
            retry=exc.code
            in ("timeout", "connection_failed", "too_slow", "dns_failure"),
        ) from None


def _token(token_url, client_id, secret, form, step) -> Tokens:
    answer = _call(
        "POST",
        token_url,
        step,
        body=urlencode(form).encode(),
        headers={**_basic(client_id, secret),
                 "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    document = _json(answer, token_url, oauth=True)
    access = document.get("access_token")
    if not isinstance(access, str) or not access:
        raise RemoteError(
            _("%(host)s sent no access token.") % {"host": _host(token_url)}
        )
    expires = document.get("expires_in")
    return Tokens(
        access_token=access,
        refresh_token=str(document.get("refresh_token") or ""),
        expires_in=int(expires) if isinstance(expires, int | float) else None,
        scope=str(document.get("scope") or ""),
    )


def _json(answer: Answer, url: str, *, oauth: bool = False) -> dict:
    """Return the JSON object of a 2xx answer; raise RemoteError naming what was wrong."""
    if not 200 <= answer.status < 300:
        raise RemoteError(
            _refusal(answer, url, oauth=oauth),
            retry=answer.status >= 500,
            code=_oauth_error(answer) if oauth else "",
        )
    try:
        document = json.loads(answer.body)
    except (ValueError, UnicodeDecodeError):
        document = None
    if not isinstance(document, dict):
        raise RemoteError(
            _("%(host)s did not answer with a JSON object (%(type)s).")
            % {"host": _host(url), "type": answer.content_type or "no content type"}
        )
    return document


def _refusal(answer: Answer, url: str, *, oauth: bool = False) -> str:
    """The words for a non-2xx answer, with the host's own reason when it gave one."""
    reason = ""
    try:
        document = json.loads(answer.body)
    except (ValueError, UnicodeDecodeError):
        document = None
    if isinstance(document, dict):
        if oauth or "error" in document:
            reason = " ".join(
                str(document.get(k) or "") for k in ("error", "error_description")
            ).strip()
        else:
            reason = str(document.get("imsx_description") or "")
    message = _("%(host)s refused with HTTP %(status)d.") % {
        "host": _host(url),
        "status": answer.status,
    }
    return f"{message} {reason[:300]}".strip()


def _oauth_error(answer: Answer) -> str:
    try:
        document = json.loads(answer.body)
    except (ValueError, UnicodeDecodeError):
        return ""
    error = document.get("error") if isinstance(document, dict) else ""
    return error if isinstance(error, str) else ""


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _basic(client_id: str, secret: str) -> dict[str, str]:
    pair = f"{quote_plus(client_id)}:{quote_plus(secret)}".encode()  # RFC 6749 §2.3.1
    return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
