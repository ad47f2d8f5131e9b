"""The public verifier: a page at /verify and POST /api/v1/verify, for anyone, rate-limited.

Both refuse a body they would not accept before reading any of it, judging
from the request's headers alone: a ``Content-Length`` over
``max_request_bytes()`` gets 413, and a chunked body (``Transfer-Encoding:
chunked``, length unknown) gets 411. Without this, Django would stream a
100 MB upload to a temporary file before the view could look at its size.
"""

from __future__ import annotations

import base64
from dataclasses import replace

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
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
from config import metrics
from config.parsers import BoundedJSONParser
from config.ratelimit import hit, limited_page
from credentials.report import CHECK_NAMES, VerificationReport
from credentials.trust import CODES, NO_ISSUER, NOT_PROVEN, OTHER_METHOD, PLATFORM

from . import awards, inputs, trust

# Room for the form's other fields when DATA_UPLOAD_MAX_MEMORY_SIZE sets no limit.
FORM_FIELDS_ROOM = 2**20
# A checked badge picture is put in the page itself only up to this size.
MAX_INLINE_PICTURE = 512 * 1024


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


@metrics.counts_verifications
def _run(
    *, url: str = "", text: str = "", upload=None, email: str = ""
) -> VerificationReport | None:
    if upload is not None:
        if upload.size > inputs.MAX_UPLOAD_BYTES:
            verdict = _too_large_verdict()
        else:
            verdict = inputs.verify_file(upload.read())
            upload.seek(0)
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
        {
            "verdict": verdict,
            "error": error,
            "form": request.POST,
            "image_url": picture(verdict, request.FILES.get("file")) if verdict else "",
        },
    )


def picture(verdict: VerificationReport, upload=None) -> str:
    """Return the badge's picture for the banner, or "".

    An award of this platform shows its badge class image. A baked image
    that was uploaded shows itself, as a ``data:`` URI, once it passes the
    checks the backpack applies to imports (``wallet.display_images``).
    Nothing else is fetched to draw the page.
    """
    from wallet.display_images import display_image  # the one set of image checks

    if trust.issuer_identity(verdict).code == PLATFORM:
        award = trust.our_award(verdict.credential or {})
        if award is not None and award.badge_class.image:
            return reverse("public:badge-class-image", args=[award.badge_class.uuid])
        return ""
    if upload is None or upload.size > inputs.MAX_UPLOAD_BYTES:
        return ""
    data = upload.read()
    if not inputs.looks_like_image(data):
        return ""
    image, kind = display_image(data, verdict)
    if image is None or len(image) > MAX_INLINE_PICTURE:
        return ""
    return f"data:{kind};base64,{base64.b64encode(image).decode('ascii')}"


def verdict_json(verdict: VerificationReport) -> dict:
    """Return a report as JSON; ``issuer`` is what the credential says of its issuer (kept
    with a stored report, so its evidence can be judged when shown: ``verifier.trust``)."""
    return {
        "valid": verdict.valid,
        "version": verdict.version,
        "format": verdict.proof_format,
        "issuer": trust.claim_json(verdict),
        "checks": [
            {"name": c.name, "status": c.status, "message": c.message, "code": c.code}
            for c in verdict.checks
        ],
        "recipient_matches": verdict.recipient_match,
        "certifies": verdict.certified,
        "credential": verdict.credential,
    }


class VerifyCheckSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=CHECK_NAMES)
    status = serializers.ChoiceField(choices=["passed", "failed", "skipped"])
    message = serializers.CharField()
    code = serializers.CharField(
        help_text="revoked, suspended, status_unavailable or empty."
    )


class IssuerClaimSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()


class TrustRegistryEntrySerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The registry, as configured.")
    entry_name = serializers.CharField()
    entry_url = serializers.CharField()
    entry_location = serializers.CharField()


class IssuerIdentitySerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=CODES,
        help_text="The evidence for who issued it, strongest first; stable.",
    )
    confirmed = serializers.BooleanField(
        help_text="True when the evidence ties the identifier to the named issuer."
    )
    id = serializers.CharField()
    name = serializers.CharField(
        help_text="The platform's or registry's name when they vouch, else the claimed one."
    )
    claimed_name = serializers.CharField()
    name_mismatch = serializers.BooleanField()
    method = serializers.CharField(help_text="did:key, did:web, https, ...")
    domain = serializers.CharField()
    url = serializers.CharField()
    url_domain = serializers.CharField()
    registry = TrustRegistryEntrySerializer(allow_null=True)
    reason = serializers.ChoiceField(choices=["", NOT_PROVEN, NO_ISSUER, OTHER_METHOD])
    unavailable_registries = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField(help_text="In the request's language.")
    details = serializers.ListField(child=serializers.CharField())


class VerifyResultSerializer(serializers.Serializer):
    """The report (for the API's schema: the view returns ``verdict_json`` and the identity)."""

    valid = serializers.BooleanField()
    version = serializers.CharField()
    format = serializers.CharField()
    issuer = IssuerClaimSerializer(help_text="What the credential says of its issuer.")
    checks = VerifyCheckSerializer(many=True)
    recipient_matches = serializers.BooleanField(allow_null=True)
    certifies = serializers.DictField()
    credential = serializers.DictField(allow_null=True)
    issuer_identity = IssuerIdentitySerializer()


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
        request=InputSerializer,
        responses={200: VerifyResultSerializer},
        operation_id="verify",
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
        return Response(
            {
                **verdict_json(verdict),
                "issuer_identity": trust.identity_json(trust.issuer_identity(verdict)),
            }
        )


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
    metrics.count_award_verification(reports)
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
