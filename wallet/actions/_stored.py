"""What an import stores beside the bytes: the verifier's report, the media type, a file name."""

from __future__ import annotations

from typing import Any

from credentials.report import VerificationReport
from verifier import inputs
from verifier.views import verdict_json

from ..display_images import PNG_TYPE, SVG_TYPE


def stored_report(
    verdict: VerificationReport, recipient: bool | None
) -> dict[str, Any]:
    """The verifier's JSON report, with whether the recipient is one of the user's addresses."""
    return {**verdict_json(verdict), "recipient_matches": recipient}


def media_type(data: bytes, verdict: VerificationReport) -> str:
    if data.startswith(inputs.PNG_SIGNATURE):
        return PNG_TYPE
    if data.lstrip()[:1] == b"<":
        return SVG_TYPE
    if data.lstrip()[:1] == b"{":
        return "application/ld+json"
    # VC-JWT and VC-JOSE-COSE credentials are both application/vc+jwt; an OB 2.0 JWS is not.
    if verdict.proof_format in ("vc-jwt", "vc-jose"):
        return "application/vc+jwt"
    return "application/jose"


def default_name(data: bytes, verdict: VerificationReport) -> str:
    extension = {
        PNG_TYPE: "png",
        SVG_TYPE: "svg",
        "application/ld+json": "json",
        "application/vc+jwt": "jwt",
        "application/jose": "jws",
    }[media_type(data, verdict)]
    return f"badge.{extension}"
