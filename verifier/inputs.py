"""The public verifier: whatever a visitor brings (a URL, a baked image, JSON, a JWS or VC-JWT),
find the credential in it, verify it with the credential core, and say what it certifies.

Documents under this deployment's ``PUBLIC_BASE_URL`` are resolved in-process
(our own views answer them); everything else goes through ``verifier.fetching``.
Bad input never raises: it becomes a report with a failed ``format`` check.
"""

from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from credentials import baking, hashing, jsontext
from credentials import did as did_lib
from credentials.errors import BakingError, DecodeError
from credentials.jsontext import NestingError
from credentials.ob2.verification import looks_like_jws, verify_ob2
from credentials.ob3 import vc_jwt
from credentials.ob3.verification import verify
from credentials.report import (
    CHECK_NAMES,
    FAILED,
    REVOKED,
    SKIPPED,
    Check,
    VerificationReport,
)

from .fetching import FetchError, fetch

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# URL namespaces of the documents a credential may point to (config/urls.py).
PUBLIC_NAMESPACES = ("public", "did")
TOO_DEEP = gettext_noop("The JSON is nested more than %(n)d levels deep.")
PNG_SIGNATURE = baking.PNG_SIGNATURE


def failed_report(message: str, source: str = "") -> VerificationReport:
    """Return the report of input in which no credential could be found."""
    checks = [Check("format", FAILED, message)] + [
        Check(name, SKIPPED, _("Not checked: nothing could be read."))
        for name in CHECK_NAMES[1:]
    ]
    return VerificationReport(tuple(checks), source=source)


# --- Fetching: our own documents in-process, the rest through the safe client -----------------


def _local_response(url: str):
    """Answer a URL of this deployment with the public view that serves it, in-process.

    Only public documents (the ``public`` and ``did`` routes: hosted
    assertions, credentials, profiles, keys, status lists, contexts, DID
    documents) are read; anything else under our address is not a document
    a credential can point to, and is refused without running its view.
    """
    from django.test import RequestFactory

    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    if match is None or match.namespace not in PUBLIC_NAMESPACES:
        raise LookupError(
            _("There is no such document on this site: %(url)s") % {"url": url}
        )
    request = RequestFactory().get(
        parts.path, data=None, HTTP_ACCEPT="application/ld+json, application/json"
    )
    try:
        return match.func(request, *match.args, **match.kwargs)
    except Http404:
        raise LookupError(
            _("There is no such document on this site: %(url)s") % {"url": url}
        ) from None


def _is_ours(url: str) -> bool:
    """True for URLs of this deployment, whatever the scheme (did:web always says https)."""
    ours, theirs = urlsplit(settings.PUBLIC_BASE_URL), urlsplit(url)
    return (
        theirs.scheme in ("http", "https")
        and theirs.netloc.lower() == ours.netloc.lower()
    )


def fetch_document(url: str) -> bytes:
    """Return the bytes at ``url`` (JSON documents and images)."""
    if _is_ours(url):
        response = _local_response(url)
        if response.status_code not in (200, 410):
            raise LookupError(
                _("%(url)s answered %(status)s.")
                % {"url": url, "status": response.status_code}
            )
        return b"".join(response) if response.streaming else response.content
    fetched = fetch(
        url,
        accept="application/ld+json, application/json, image/png, image/svg+xml, application/vc+jwt",
    )
    if fetched.status not in (200, 410):
        raise LookupError(
            _("%(url)s answered %(status)s.") % {"url": url, "status": fetched.status}
        )
    return fetched.body


def fetch_json(url: str) -> dict:
    body = fetch_document(url)
    try:
        return jsontext.loads(body)
    except NestingError:
        raise LookupError(_(TOO_DEEP) % {"n": jsontext.MAX_DEPTH}) from None
    except DecodeError:
        raise LookupError(_("%(url)s is not JSON.") % {"url": url}) from None


def _resolve_did(did: str) -> dict:
    """Return the issuer's controller document: derived from a did:key or did:jwk, fetched for did:web.

    An issuer identified by a web address (OB 3.0 allows any URI, and
    1EdTech's own examples use https) publishes its keys in the document at
    that address, fetched through the safe client like everything else. The
    core then accepts only keys that document lists for the issuer.
    """
    if did.startswith("did:key:"):
        return did_lib.did_key_document(did)
    if did.startswith("did:jwk:"):
        return did_lib.did_jwk_document(did)  # the DID is its key: nothing to fetch
    if did.startswith(("https://", "http://")):
        return fetch_json(did.split("#", 1)[0])
    return fetch_json(did_lib.did_document_url(did))


# --- Finding the credential ---------------------------------------------------------------


def looks_like_image(data: bytes) -> bool:
    """A PNG, or markup (an SVG): bytes in which a baked badge would be."""
    return data.startswith(PNG_SIGNATURE) or data.lstrip()[:1] == b"<"


def unbake_image(data: bytes) -> tuple[str, str]:
    """Return (payload, "png"|"svg") from a baked image; raise ValueError when there is none."""
    if data.startswith(PNG_SIGNATURE):
        for keyword in (baking.OB3_PNG_KEYWORD, baking.OB2_PNG_KEYWORD):
            payload = baking.unbake_png(data, keyword=keyword)
            if payload:
                return payload, "png"
        raise ValueError(_("This PNG image carries no badge."))
    payload = baking.unbake_svg_credential(data) or baking.unbake_svg(data)
    if payload:
        return payload, "svg"
    raise ValueError(_("This SVG image carries no badge."))


def _is_ob3(document: dict) -> bool:
    contexts = document.get("@context")
    contexts = contexts if isinstance(contexts, list) else [contexts]
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    return (
        "https://www.w3.org/ns/credentials/v2" in contexts
        or "VerifiableCredential" in types
    )


def _verify_text(text: str, source: str) -> VerificationReport:
    """Verify a credential given as text: JSON, a compact JWS/JWT, or a URL."""
    text = text.strip()
    moment = now()
    ob3_options = {
        "now": moment,
        "resolve_did_document": _resolve_did,
        "fetch_status_list": fetch_json,
        "base_url": settings.PUBLIC_BASE_URL,
    }
    if text.startswith(("http://", "https://")):
        return verify_url(text)
    if looks_like_jws(text):
        # A VC-JWT ("vc" claim) or a credential secured with JOSE (vc+jwt,
        # the payload is the credential) is OB 3.0; any other JWS is an OB 2.0
        # signed assertion.
        if vc_jwt.token_form(text):
            return _with_our_reason(
                replace(verify(text, **ob3_options), source=source or "jwt")
            )
        return replace(
            verify_ob2(text, now=moment, fetch_json=fetch_json), source=source or "jws"
        )
    try:
        document = jsontext.loads(text)
    except NestingError:
        return failed_report(_(TOO_DEEP) % {"n": jsontext.MAX_DEPTH}, source)
    except jsontext.NotJSON as exc:
        return failed_report(
            _("This is not JSON, a JWT or a URL (%(error)s).") % {"error": exc.detail},
            source,
        )
    if not isinstance(document, dict):
        return failed_report(_("The JSON is not an object."), source)
    if _is_ob3(document):
        return _with_our_reason(
            replace(verify(document, **ob3_options), source=source or "json")
        )
    return replace(
        verify_ob2(document, now=moment, fetch_json=fetch_json), source=source or "json"
    )


def _with_our_reason(report: VerificationReport) -> VerificationReport:
    """Add the revocation reason to a revoked OB 3.0 credential of this platform.

    A status list says only that a bit is set; for our own credentials the
    reason is public (the hosted OB 2.0 assertion answers 410 with it).
    """
    status = report.check("status")
    credential = report.credential or {}
    prefix = settings.PUBLIC_BASE_URL + "/public/credentials/"
    url = credential.get("id")
    if status.code != REVOKED or not isinstance(url, str) or not url.startswith(prefix):
        return report
    from badges.access import public_award

    try:
        award = public_award(url.removeprefix(prefix))
    except Http404:
        return report
    if not award.revocation_reason:
        return report
    message = _("%(message)s Reason given by the issuer: %(reason)s") % {
        "message": status.message,
        "reason": award.revocation_reason,
    }
    checks = tuple(
        replace(c, message=message) if c is status else c for c in report.checks
    )
    return replace(report, checks=checks)


def verify_url(url: str) -> VerificationReport:
    """Verify what a URL points to: a hosted assertion, a credential, or a baked image."""
    try:
        body = fetch_document(url)
    except (FetchError, LookupError) as exc:
        return failed_report(str(exc), "url")
    if looks_like_image(body):
        return verify_file(body)
    try:
        document = jsontext.loads(body)
    except NestingError:
        return failed_report(_(TOO_DEEP) % {"n": jsontext.MAX_DEPTH}, "url")
    except DecodeError:
        text = body.decode("utf-8", "replace").strip()
        if looks_like_jws(text):
            return _verify_text(text, "url")
        return failed_report(_("The URL does not lead to a badge."), "url")
    if isinstance(document, dict) and not _is_ob3(document) and document.get("id"):
        # A hosted OB 2.0 assertion: verify it from its id, as the spec says.
        return replace(
            verify_ob2(str(document["id"]), now=now(), fetch_json=fetch_json),
            source="url",
        )
    return _verify_text(json.dumps(document), "url")


def verify_file(data: bytes) -> VerificationReport:
    """Verify an uploaded file: a baked PNG or SVG, or a JSON / JWT text file."""
    if len(data) > MAX_UPLOAD_BYTES:
        return failed_report(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20},
            "file",
        )
    if looks_like_image(data):
        try:
            payload, kind = unbake_image(data)
        except (BakingError, ValueError) as exc:
            return failed_report(getattr(exc, "description", str(exc)), "image")
        return _verify_text(payload, kind)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return failed_report(
            _("The file is neither an image with a badge nor text."), "file"
        )
    return _verify_text(text, "file")


def verify_pasted(text: str) -> VerificationReport:
    return _verify_text(text, "")


def recipient_matches(report: VerificationReport, email: str) -> bool | None:
    """Return whether ``email`` is the credential's hashed (or plain) recipient, or None if unknown."""
    credential = report.credential or {}
    email = email.strip()
    if not email or not credential:
        return None
    candidates = []
    if "recipient" in credential:  # OB 2.0 IdentityObject
        r = credential["recipient"]
        candidates.append(
            (r.get("identity", ""), r.get("salt", ""), bool(r.get("hashed")))
        )
    subject = credential.get("credentialSubject") or {}
    for identifier in (
        subject.get("identifier", []) if isinstance(subject, dict) else []
    ):
        candidates.append(
            (
                identifier.get("identityHash", ""),
                identifier.get("salt", ""),
                bool(identifier.get("hashed")),
            )
        )
    for identity, salt, hashed in candidates:
        if hashed and hashing.identity_matches(identity, salt or "", email):
            return True
        if not hashed and identity.strip().lower() == email.lower():
            return True
    return False if candidates else None
