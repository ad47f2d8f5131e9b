"""The public verifier: a page at /verify and POST /api/v1/verify, for anyone, rate-limited.

Both refuse a body they would not accept before reading any of it, judging
from the request's headers alone: a ``Content-Length`` over
``max_request_bytes()`` gets 413, and a chunked body (``Transfer-Encoding:
chunked``, length unknown) gets 411. Without this, Django would stream a
100 MB upload to a temporary file before the view could look at its size.
"""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from badges.access import public_award
from badges.views.public import json_response, wants_json
from config.parsers import BoundedJSONParser
from config.ratelimit import hit, limited_page
from credentials.report import VerificationReport

from . import awards, inputs

# Room for the form's other fields when DATA_UPLOAD_MAX_MEMORY_SIZE sets no limit.
FORM_FIELDS_ROOM = 2**20


def too_many_checks(wait: int) -> str:
    return _("Too many checks: try again in %(s)d seconds.") % {"s": wait}


def verify_limit() -> int:
    """Checks per minute per client address (``VERIFY_RATE_LIMIT``)."""
    return settings.VERIFY_RATE_LIMIT


def max_request_bytes() -> int:
    """Return the longest body either endpoint reads: the file plus the other fields.

    Django already refuses more than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` of
    non-file form data (``RequestDataTooBig``), so a longer body could never
    be accepted, and is refused unread.
    """
    room = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return inputs.MAX_UPLOAD_BYTES + (FORM_FIELDS_ROOM if room is None else room)


def _too_large_message() -> str:
    return _("The file is larger than %(mb)d MB.") % {
        "mb": inputs.MAX_UPLOAD_BYTES // 2**20
    }


def _too_large_verdict() -> VerificationReport:
    return inputs.failed_report(_too_large_message(), "file")


def _refusal(request: HttpRequest) -> tuple[int, str] | None:
    """Return ``(status, message)`` for a body not to be read at all, else None.

    Only headers are looked at. A chunked body has no length to judge (and
    Django's WSGI request reads nothing without ``CONTENT_LENGTH``), so it is
    refused rather than taken for an empty form.
    """
    if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
        return 411, _(
            "Send the file with a Content-Length header: "
            "uploads of unknown length are refused."
        )
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None  # Django reads no body without a valid length.
    if length > max_request_bytes():
        return 413, _too_large_message()
    return None


def _run(
    *, url: str = "", text: str = "", upload=None, email: str = ""
) -> VerificationReport | None:
    if upload is not None:
        if upload.size > inputs.MAX_UPLOAD_BYTES:
            verdict = _too_large_verdict()
        else:
            verdict = inputs.verify_file(upload.read())
    elif url.strip():
        verdict = inputs.verify_url(url.strip())
    elif text.strip():
        verdict = inputs.verify_pasted(text)
    else:
        return None
    if email:
        verdict = replace(
            verdict, recipient_match=inputs.recipient_matches(verdict, email)
        )
    return verdict


@csrf_exempt  # The CSRF check reads the body's token, so it runs after the size check.
def verify_page(request: HttpRequest) -> HttpResponse:
    """Drop in a link, a baked image or a file, or paste JSON or a JWT; get a verdict."""
    refusal = _refusal(request) if request.method == "POST" else None
    if refusal is None:
        return _verify_page(request)
    status_code, message = refusal
    if status_code == 413:
        context = {"verdict": _too_large_verdict(), "form": {}}
    else:
        context = {"error": message, "form": {}}
    return render(request, "verifier/verify.html", context, status=status_code)


@csrf_protect
def _verify_page(request: HttpRequest) -> HttpResponse:
    verdict, error = None, ""
    if request.method == "POST":
        wait = hit(request, "verify", limit=verify_limit())
        if wait:
            return limited_page(
                request, "verifier/verify.html", {"error": too_many_checks(wait)}, wait
            )
        verdict = _run(
            url=request.POST.get("url", ""),
            text=request.POST.get("text", ""),
            upload=request.FILES.get("file"),
            email=request.POST.get("email", ""),
        )
        if verdict is None:
            error = _("Give a link, a file or a pasted credential.")
    return render(
        request,
        "verifier/verify.html",
        {"verdict": verdict, "error": error, "form": request.POST},
    )


def verdict_json(verdict: VerificationReport) -> dict:
    return {
        "valid": verdict.valid,
        "version": verdict.version,
        "format": verdict.proof_format,
        "checks": [
            {"name": c.name, "status": c.status, "message": c.message, "code": c.code}
            for c in verdict.checks
        ],
        "recipient_matches": verdict.recipient_match,
        "certifies": verdict.certified,
        "credential": verdict.credential,
    }


class VerifyApi(APIView):
    """Verify any Open Badges 2.0 or 3.0 credential: a URL, a file (multipart ``file``) or ``text``."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [BoundedJSONParser, MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        url = serializers.URLField(required=False, allow_blank=True)
        text = serializers.CharField(
            required=False, allow_blank=True, trim_whitespace=False
        )
        file = serializers.FileField(required=False)
        email = serializers.CharField(
            required=False,
            allow_blank=True,
            help_text="Check this address against the recipient.",
        )

    @extend_schema(
        request=InputSerializer, responses={200: dict}, operation_id="verify"
    )
    def post(self, request):
        refusal = _refusal(request)
        if refusal is not None:
            return _refused(*refusal)
        wait = hit(request, "verify", limit=verify_limit())
        if wait:
            return Response(
                {
                    "code": "rate_limited",
                    "detail": too_many_checks(wait),
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(wait)},
            )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        verdict = _run(
            url=values.get("url", ""),
            text=values.get("text", ""),
            upload=values.get("file"),
            email=values.get("email", ""),
        )
        if verdict is None:
            return Response(
                {
                    "code": "validation_error",
                    "detail": _("Give a url, a file or text."),
                    "fields": {},
                },
                status=400,
            )
        return Response(verdict_json(verdict))


def _refused(status_code: int, message: str) -> Response:
    """Return the API's error for a body refused unread (413 or 411)."""
    if status_code == 413:
        code = "file_too_large"
        fields = {"file": [{"code": code, "message": message}]}
    else:
        code, fields = "length_required", {}
    return Response(
        {"code": code, "detail": message, "fields": fields}, status=status_code
    )


@require_GET
def award_verify(request: HttpRequest, award_id) -> HttpResponse:
    """Verify this award's signed forms in one step and show the named checks."""
    award = public_award(award_id)
    reports = awards.verify_award(award)
    if wants_json(request) and request.GET.get("format") == "json":
        ob2_check = reports.ob2_signature.check("proof")
        return json_response(
            {
                "valid": reports.valid,
                "ob3_data_integrity": [
                    c.__dict__ for c in reports.ob3_data_integrity.checks
                ],
                "ob3_jwt": [c.__dict__ for c in reports.ob3_jwt.checks],
                "ob2_signature": {
                    "status": ob2_check.status,
                    "message": ob2_check.message,
                },
            },
            content_type="application/json",
        )
    return render(
        request,
        "verifier/award_verify.html",
        {
            "award": award,
            "badge_class": award.badge_class,
            "result": reports,
        },
    )
