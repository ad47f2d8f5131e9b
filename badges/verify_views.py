"""The public verifier: a page at /verify and POST /api/v1/verify, for anyone, rate-limited."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config.ratelimit import hit

from . import verifier


def verify_limit() -> int:
    """Checks per minute per client address (``VERIFY_RATE_LIMIT``)."""
    return settings.VERIFY_RATE_LIMIT


def _run(
    *, url: str = "", text: str = "", upload=None, email: str = ""
) -> verifier.Verdict | None:
    if upload is not None:
        if upload.size > verifier.MAX_UPLOAD_BYTES:
            verdict = verifier.Verdict(
                verifier._failed_report(
                    _("The file is larger than %(mb)d MB.")
                    % {"mb": verifier.MAX_UPLOAD_BYTES // 2**20}
                ),
                "",
                "file",
            )
        else:
            verdict = verifier.verify_file(upload.read())
    elif url.strip():
        verdict = verifier.verify_url(url.strip())
    elif text.strip():
        verdict = verifier.verify_pasted(text)
    else:
        return None
    if email:
        verdict = verifier.Verdict(
            verdict.report,
            verdict.version,
            verdict.source,
            verdict.certified,
            verifier.recipient_matches(verdict, email),
        )
    return verdict


def verify_page(request: HttpRequest) -> HttpResponse:
    """Drop in a link, a baked image or a file, or paste JSON or a JWT; get a verdict."""
    verdict, error = None, ""
    if request.method == "POST":
        wait = hit(request, "verify", limit=verify_limit())
        if wait:
            response = render(
                request,
                "badges/verify.html",
                {
                    "error": _("Too many checks: try again in %(s)d seconds.")
                    % {"s": wait}
                },
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
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
        "badges/verify.html",
        {"verdict": verdict, "error": error, "form": request.POST},
    )


def verdict_json(verdict: verifier.Verdict) -> dict:
    return {
        "valid": verdict.valid,
        "version": verdict.version,
        "format": verdict.report.proof_format,
        "checks": [
            {"name": c.name, "status": c.status, "message": c.message}
            for c in verdict.report.checks
        ],
        "recipient_matches": verdict.recipient_check,
        "certifies": verdict.certified,
        "credential": verdict.report.credential,
    }


class VerifyApi(APIView):
    """Verify any Open Badges 2.0 or 3.0 credential: a URL, a file (multipart ``file``) or ``text``."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

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
        wait = hit(request, "verify", limit=verify_limit())
        if wait:
            return Response(
                {
                    "code": "rate_limited",
                    "detail": _("Too many checks: try again in %(s)d seconds.")
                    % {"s": wait},
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
