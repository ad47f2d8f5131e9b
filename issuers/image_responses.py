"""Images over HTTP: strong ETags, conditional GETs, a cache policy, and a 503 when storage is down.

Public images (an issuer's logo, a published badge class's image, the baked
assertion and credential images) are served by the app at the stable URLs
signed into credentials. Every replica serves the same bytes from the same
storage, and a CDN in front may keep them:

* ``ETag`` is strong: the digest in a content-addressed stored name (a
  conditional GET is then answered without asking the storage), else the
  SHA-256 of the bytes served. ``If-None-Match`` gets a 304.
* ``Cache-Control`` is long but not ``immutable``: the URL stays when an
  issuer changes its logo, so caches keep an image a day and then revalidate
  (cheaply, by ETag), and may serve the old one while they do, or while the
  storage is down. Baked images, whose content follows the award (a reissued
  credential), are kept an hour.
* Staff previews and drafts are ``private, no-cache``: never in a shared cache.
* ``X-Content-Type-Options: nosniff``, a sandboxing CSP (an SVG is a
  document), and the content type from the checked extension.

A storage that cannot be asked gives a 503 with ``Retry-After``; a missing
object a 404; never a 500.
"""

from __future__ import annotations

from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.translation import gettext as _

from config.storage import StorageUnavailable

from .stored_images import content_digest, digest_of, image_kind, read_image

DAY, WEEK = 86_400, 604_800
PUBLIC_CACHE = (
    f"public, max-age={DAY}, stale-while-revalidate={WEEK}, stale-if-error={WEEK}"
)
BAKED_CACHE = (
    f"public, max-age=3600, stale-while-revalidate={DAY}, stale-if-error={DAY}"
)
PRIVATE_CACHE = "private, no-cache"
SANDBOX = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
# A baked SVG of a PNG class image carries the PNG as a data: URI.
BAKED_SANDBOX = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
RETRY_AFTER = 30  # seconds


def stored_image_response(
    request: HttpRequest, field_file, *, public: bool
) -> HttpResponse:
    """Serve a stored issuer logo or badge-class image; 304, 404 or 503 as the case is."""
    if not field_file:
        raise Http404
    cache_control = PUBLIC_CACHE if public else PRIVATE_CACHE
    digest = content_digest(field_file.name)
    if digest is not None:
        headers = _headers(
            HttpResponse(), etag=digest, cache_control=cache_control, public=public
        )
        answer = get_conditional_response(
            request, etag=headers["ETag"], response=headers
        )
        if answer is not headers:
            return answer
    try:
        content = read_image(field_file)
    except FileNotFoundError:
        raise Http404 from None
    except StorageUnavailable:
        return storage_unavailable()
    return image_bytes_response(
        request,
        content,
        kind=image_kind(field_file.name),
        etag=digest,
        cache_control=cache_control,
        public=public,
    )


def image_bytes_response(
    request: HttpRequest,
    content: bytes,
    *,
    kind: str,
    cache_control: str,
    public: bool,
    etag: str | None = None,
    policy: str = SANDBOX,
    filename: str = "",
) -> HttpResponse:
    """Serve image bytes with an ETag (``etag``, else their digest): a 304 when it matches."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    _headers(
        response,
        etag=etag or digest_of(content),
        cache_control=cache_control,
        public=public,
        policy=policy,
    )
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _headers(
    response: HttpResponse,
    *,
    etag: str,
    cache_control: str,
    public: bool,
    policy: str = SANDBOX,
) -> HttpResponse:
    response["ETag"] = quote_etag(etag)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = policy
    if public:
        response["Access-Control-Allow-Origin"] = "*"
    return response


def storage_unavailable() -> HttpResponse:
    """A 503 that asks to come back shortly, and that no cache keeps."""
    response = HttpResponse(
        _("The image storage is not answering. Please try again shortly."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def storage_outage_is_503(view):
    """Answer a 503 (``storage_unavailable``) when ``view`` cannot read the storage."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except StorageUnavailable:
            return storage_unavailable()

    return wrapper
