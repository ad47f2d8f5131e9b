"""The OB 3.0 API's views: read the request, call an access function or an action, answer.

Plain Django views, not DRF: every answer, errors included, is the
specification's shape (``Imsx_StatusInfo``), and a body is read only after
its size is known to be within ``MAX_BODY_BYTES``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import wraps

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from accounts.actions import change_name
from authserver import scopes
from config import ratelimit
from credentials import jsontext
from credentials.errors import DecodeError
from wallet.actions import ImportRefused, upsert_credential
from wallet.actions.upserts import JSON_TYPES, JWS_TYPE

from . import paging
from .auth import bearer_token
from .credentials import list_credentials
from .discovery import service_description
from .errors import (
    INTERNAL_SERVER_ERROR,
    INVALID_DATA,
    NOT_ALLOWED,
    SERVER_BUSY,
    ApiError,
    status_info,
)
from .profile import profile_of, requested_name

log = logging.getLogger(__name__)

# A credential with its images inline stays well under this; a baked image is no API body.
MAX_BODY_BYTES = 2 * 1024 * 1024
DISCOVERY_MAX_AGE = 3600

# How a refused upsert answers: (status, code minor). Anything else is 400 invalid_data.
_REFUSALS = {
    "too_large": (413, INVALID_DATA),
    "status_unknown": (503, SERVER_BUSY),  # the status list could not be read: later
}


def api_view(methods: dict[str, str | None]):
    """Answer the methods named (each with its scope, None: no token needed); 405 for others."""

    def decorate(view):
        @csrf_exempt  # bearer tokens, never cookies
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            allowed = ", ".join(methods)
            try:
                if request.method not in methods:
                    raise ApiError(
                        405,
                        NOT_ALLOWED,
                        f"{request.method} is not allowed here; use {allowed}.",
                        headers={"Allow": allowed},
                    )
                scope = methods[request.method]
                token = bearer_token(request, scope) if scope else None
                if token is not None:
                    _within_rate(request, token)
                response = view(request, token, *args, **kwargs)
            except ApiError as error:
                return error.response()
            except (OperationalError, InterfaceError):
                # The database is restarting or away: every write rolled back, so retry.
                log.warning(
                    "The OB 3.0 API found the database away on %s", request.path
                )
                return status_info(
                    503,
                    SERVER_BUSY,
                    "The database is not answering right now. Nothing was changed: try again shortly.",
                    headers={"Retry-After": "10"},
                )
            except Exception:  # a fault here still answers in the API's shape
                log.exception(
                    "The OB 3.0 API failed on %s %s", request.method, request.path
                )
                return status_info(
                    500, INTERNAL_SERVER_ERROR, "The server failed; try again later."
                )
            response.setdefault("Cache-Control", "no-store")
            return response

        return wrapper

    return decorate


def _within_rate(request, token) -> None:
    """Count the call against its application and learner; raise a 429 over the limit.

    The OB 3.0 API's own retry rule (§6.4) reads ``Retry-After`` on a non-2xx answer.
    """
    wait = ratelimit.hit(
        request,
        "ob3-api",
        limit=settings.OB3_API_RATE_LIMIT,
        who=f"{token.application_id}:{token.user_id}",
    )
    if wait is not None:
        raise ApiError(
            429,
            SERVER_BUSY,
            f"Too many calls: at most {settings.OB3_API_RATE_LIMIT} a minute for one "
            "application and learner. Try again later.",
            headers={"Retry-After": str(wait)},
        )


@api_view({"GET": None, "HEAD": None})
def discovery(request, token):
    """getServiceDescription: the Service Description Document, cacheable, with an ETag."""
    body = json.dumps(service_description(), indent=2).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if _matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={DISCOVERY_MAX_AGE}"
    return response


def _matches(header: str, etag: str) -> bool:
    tags = {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}
    return "*" in tags or etag in tags


@api_view({"GET": scopes.CREDENTIAL_READONLY, "POST": scopes.CREDENTIAL_UPSERT})
def credentials(request, token):
    """getCredentials (paged) and upsertCredential."""
    if request.method == "POST":
        return _upsert(request, token)
    page = paging.read_page(request.GET)
    start = min(page.offset, 10**9)
    stop = None if page.limit is None else start + page.limit
    listing = list_credentials(token.user, start=start, stop=stop, since=page.since)
    response = JsonResponse(listing.body)
    url = settings.PUBLIC_BASE_URL + reverse("hostapi:credentials")
    for name, value in paging.headers(page, listing.total, url).items():
        response[name] = value
    return response


def _upsert(request, token):
    media_type = request.content_type or ""
    if media_type not in (*JSON_TYPES, JWS_TYPE):
        raise ApiError(
            415,
            INVALID_DATA,
            "Send the credential as application/json or application/vc+ld+json "
            "(JSON-LD), or as text/plain (a compact JWS).",
        )
    data = _body(request)
    try:
        _held, created = upsert_credential(
            user=token.user, data=data, media_type=media_type
        )
    except ImportRefused as refused:
        status, code = _REFUSALS.get(refused.code, (400, INVALID_DATA))
        headers = {"Retry-After": "1800"} if status == 503 else None
        raise ApiError(status, code, _describe(refused), headers=headers) from None
    return HttpResponse(data, status=201 if created else 200, content_type=media_type)


def _describe(refused: ImportRefused) -> str:
    return f"{' '.join(refused.messages)} ({refused.code})"


def _body(request) -> bytes:
    """Return the request body; a 413 before reading when it is, or would be, too large."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise ApiError(
            400, INVALID_DATA, "The Content-Length is not a number."
        ) from None
    too_large = ApiError(
        413, INVALID_DATA, f"The body is larger than {MAX_BODY_BYTES} bytes."
    )
    if declared > MAX_BODY_BYTES:
        raise too_large
    data = request.read(MAX_BODY_BYTES + 1)
    if len(data) > MAX_BODY_BYTES:
        raise too_large
    return data


@api_view({"GET": scopes.PROFILE_READONLY, "PUT": scopes.PROFILE_UPDATE})
def profile(request, token):
    """getProfile and putProfile (a change of name only)."""
    user = token.user
    if request.method == "PUT":
        if (request.content_type or "") not in JSON_TYPES:
            raise ApiError(415, INVALID_DATA, "Send the Profile as application/json.")
        try:
            body = jsontext.loads(_body(request).decode("utf-8"))
        except (DecodeError, UnicodeDecodeError) as exc:
            raise ApiError(400, INVALID_DATA, f"The body is not JSON: {exc}") from None
        name = requested_name(user, body)
        if name is not None:
            change_name(user=user, name=name, client_id=token.application.client_id)
    return JsonResponse(profile_of(user))
