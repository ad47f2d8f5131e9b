"""What an import stores: the bytes, the verifier's report, the media type, a file name, the picture."""

from __future__ import annotations

from typing import Any

from django.utils.timezone import now

from credentials.report import VerificationReport
from verifier import inputs
from verifier.views import verdict_json

from ..display_images import PNG_TYPE, SVG_TYPE, display_image
from ..models import HoldingStatus


def stored_fields(
    data: bytes,
    digest: str,
    verdict: VerificationReport,
    recipient: bool | None,
    *,
    credential_id: str,
    source: str,
    source_url: str = "",
    name: str = "",
) -> dict[str, Any]:
    """Return the fields of an accepted backpack entry for verified bytes, as every import stores them."""
    image, image_type = display_image(data, verdict)
    return {
        "status": HoldingStatus.ACCEPTED,
        "source": source,
        "source_url": source_url,
        "received": data,
        "received_type": media_type(data, verdict),
        "received_name": name[:255] or default_name(data, verdict),
        "received_sha256": digest,
        "credential_id": credential_id,
        "version": verdict.version,
        "facts": verdict.certified,
        "image": image,
        "image_type": image_type,
        "report": stored_report(verdict, recipient),
        "checked_at": now(),
        "valid": verdict.valid,
    }


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
