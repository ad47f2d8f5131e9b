"""Hosted, public documents: Open Badges 2.0 and 3.0 JSON, keys, DID documents, status lists, baked images.

Every URL here appears inside issued credentials and never changes.
Content negotiation: JSON(-LD) unless the client prefers HTML (browsers send
``text/html`` first); ``?format=json`` forces JSON. Public JSON is open to
every origin (CORS ``*``).
"""

from __future__ import annotations

import base64
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timezone import now
from django.views.decorators.http import require_GET

from credentials import baking, ob2
from credentials import did as did_lib
from issuers.access import public_issuer
from issuers.image_responses import (
    BAKED_CACHE,
    BAKED_SANDBOX,
    image_bytes_response,
    storage_outage_is_503,
)
from issuers.models import KeyAlgorithm, SigningKey
from issuers.stored_images import image_kind, read_image

from .. import facts
from ..access import public_award, public_badge_class
from ..models import Award

JSONLD = "application/ld+json"
VC_JWT = "application/vc+jwt"


def wants_json(request: HttpRequest) -> bool:
    """Return True unless the client lists HTML before any JSON type (browsers do)."""
    if request.GET.get("format") == "json":
        return True
    for part in request.headers.get("Accept", "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in (JSONLD, "application/json"):
            return True
        if media in ("text/html", "application/xhtml+xml"):
            return False
    return True


def json_response(
    document, *, status: int = 200, content_type: str = JSONLD
) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        status=status,
        content_type=content_type,
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Vary"] = "Accept"
    return response


def not_found(request: HttpRequest) -> HttpResponse:
    """404 in the negotiated format."""
    if wants_json(request):
        return json_response(
            {"code": "not_found", "detail": "No such object."},
            status=404,
            content_type="application/json",
        )
    raise Http404


def negotiated(view):
    """Answer 404 in JSON for machine clients when ``view`` raises Http404."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return not_found(request)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return require_GET(wrapper)


# --- Issuers ---------------------------------------------------------------------


@negotiated
def issuer(request: HttpRequest, issuer_id) -> HttpResponse:
    """OB 2.0 Issuer Profile (JSON-LD), or the public issuer page."""
    if not wants_json(request):
        from issuers.views import public_issuer as issuer_page

        return issuer_page(request, issuer_id)
    return json_response(
        ob2.issuer_profile(facts.issuer_facts(public_issuer(issuer_id)))
    )


@negotiated
def revocation_list(request: HttpRequest, issuer_id) -> HttpResponse:
    """OB 2.0 RevocationList: every revoked assertion of the issuer, with its reason."""
    issuer = public_issuer(issuer_id)
    revoked = Award.objects.filter(issuer=issuer).revoked().order_by("revoked_at")
    return json_response(
        ob2.revocation_list(
            facts.revocation_list_url(issuer),
            facts.issuer_url(issuer),
            [(facts.assertion_url(a), a.revocation_reason) for a in revoked],
        )
    )


@negotiated
def status_list(request: HttpRequest, issuer_id) -> HttpResponse:
    """OB 3.0 revocation: the issuer's signed Bitstring Status List credential."""
    from ..actions import published_status_list

    entry = published_status_list(issuer=public_issuer(issuer_id))
    response = json_response(entry.document)
    response["Cache-Control"] = "public, max-age=60"
    return response


@negotiated
def did_document(request: HttpRequest, issuer_id) -> HttpResponse:
    """The issuer's did:web DID document (at the path the did:web method prescribes)."""
    issuer = public_issuer(issuer_id)
    return json_response(
        facts.issuer_did_document(issuer),
        content_type="application/did+json",
    )


@negotiated
def jwks(request: HttpRequest, issuer_id) -> HttpResponse:
    """The issuer's Ed25519 public keys as a JWK Set (kid = the DID's JsonWebKey method)."""
    issuer = public_issuer(issuer_id)
    return json_response(
        did_lib.jwks(facts.issuer_ed25519_keys(issuer), did=facts.issuer_did(issuer)),
        content_type="application/jwk-set+json",
    )


@negotiated
def public_key(request: HttpRequest, kid: str) -> HttpResponse:
    """OB 2.0 CryptographicKey (PEM) for an RS256 key, active or retired."""
    key = (
        SigningKey.objects.select_related("issuer")
        .filter(kid=kid, algorithm=KeyAlgorithm.RS256)
        .first()
    )
    if key is None:
        raise Http404
    return json_response(
        ob2.cryptographic_key(
            facts.key_url(key), facts.issuer_url(key.issuer), key.public_key_pem
        )
    )


# --- Badge classes -----------------------------------------------------------------


@negotiated
def badge_class(request: HttpRequest, badge_class_id) -> HttpResponse:
    """OB 2.0 BadgeClass (with the EU extension), or the public badge class page."""
    if not wants_json(request):
        from .badge_classes import public_badge_class_page

        return public_badge_class_page(request, badge_class_id)
    return json_response(
        ob2.badge_class(
            facts.badge_class_facts(public_badge_class(badge_class_id)),
            base_url=facts.base_url(),
        )
    )


@require_GET
def context(request: HttpRequest) -> HttpResponse:
    """The EU micro-credential extension's JSON-LD context."""
    response = json_response(ob2.extension_context_document(facts.base_url()))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def context_schema(request: HttpRequest) -> HttpResponse:
    """The JSON Schema that OB 2.0 validators apply to the EU extension (named by the context)."""
    response = json_response(
        ob2.extension_schema(), content_type="application/schema+json"
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- Awards: OB 2.0 assertions ---------------------------------------------------------


@negotiated
def assertion(request: HttpRequest, award_id) -> HttpResponse:
    """OB 2.0 hosted Assertion (410 Gone with ``revoked: true`` once revoked), or the award page."""
    award = public_award(award_id)
    if not wants_json(request):
        return award_page(request, award)
    document = ob2.assertion(facts.award_facts(award), verification="hosted")
    return json_response(document, status=410 if award.is_revoked else 200)


@negotiated
def assertion_jws(request: HttpRequest, award_id) -> HttpResponse:
    """The signed OB 2.0 assertion (compact JWS, RS256), as a download."""
    award = public_award(award_id)
    response = HttpResponse(award.ob2_jws, content_type="application/jose")
    response["Content-Disposition"] = f'attachment; filename="badge-{award.uuid}.jws"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _class_image(award: Award) -> tuple[bytes, str]:
    """Return the class image's bytes and kind; 404 without one (StorageUnavailable: a 503)."""
    field = award.badge_class.image
    try:
        data = read_image(field)
    except FileNotFoundError:
        raise Http404 from None
    return data, image_kind(field.name)


def _as_svg(data: bytes, kind: str) -> bytes:
    """Return an SVG of the class image, wrapping a PNG in an ``<image>`` element."""
    if kind == "svg":
        return data
    encoded = base64.b64encode(data).decode("ascii")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="400" height="400" viewBox="0 0 400 400">'
        f'<image width="400" height="400" xlink:href="data:image/png;base64,{encoded}"/></svg>'
    ).encode()


def _image_response(
    request: HttpRequest, content: bytes, kind: str, filename: str
) -> HttpResponse:
    return image_bytes_response(
        request,
        content,
        kind=kind,
        cache_control=BAKED_CACHE,
        public=True,
        policy=BAKED_SANDBOX,
        filename=filename,
    )


@negotiated
@storage_outage_is_503
def assertion_image(
    request: HttpRequest, award_id, signed: bool, kind: str
) -> HttpResponse:
    """A baked OB 2.0 image: PNG (iTXt ``openbadges``) or SVG (``openbadges:assertion``).

    Hosted images carry the assertion URL; signed ones carry the JWS. PNGs
    exist for classes with a PNG image; SVGs for every class.
    """
    award = public_award(award_id)
    data, source_kind = _class_image(award)
    url = facts.assertion_url(award)
    if kind == "png":
        if source_kind != "png":
            raise Http404
        baked = baking.bake_png(data, award.ob2_jws if signed else url)
    else:
        svg = _as_svg(data, source_kind)
        if signed:
            baked = baking.bake_svg(svg, jws=award.ob2_jws)
        else:
            document = ob2.assertion(facts.award_facts(award), verification="hosted")
            baked = baking.bake_svg(
                svg, verify_url=url, assertion_json=json.dumps(document)
            )
    suffix = "-signed" if signed else ""
    return _image_response(request, baked, kind, f"badge-{award.uuid}{suffix}.{kind}")


# --- Awards: OB 3.0 credentials -------------------------------------------------------


@negotiated
def credential(request: HttpRequest, award_id) -> HttpResponse:
    """OB 3.0 OpenBadgeCredential: JSON-LD with its Data Integrity proof, VC-JWT, or the award page."""
    award = public_award(award_id)
    accept = request.headers.get("Accept", "")
    if VC_JWT in accept or request.GET.get("format") == "jwt":
        return _jwt_response(award, download=False)
    if not wants_json(request):
        return award_page(request, award)
    return json_response(
        award.ob3_credential,
        content_type="application/vc+ld+json" if "vc+ld" in accept else JSONLD,
    )


def _jwt_response(award: Award, *, download: bool) -> HttpResponse:
    response = HttpResponse(award.ob3_jwt, content_type=VC_JWT)
    response["Access-Control-Allow-Origin"] = "*"
    response["Vary"] = "Accept"
    if download:
        response["Content-Disposition"] = (
            f'attachment; filename="credential-{award.uuid}.jwt"'
        )
    return response


@negotiated
def credential_jwt(request: HttpRequest, award_id) -> HttpResponse:
    return _jwt_response(public_award(award_id), download=True)


@negotiated
@storage_outage_is_503
def credential_image(request: HttpRequest, award_id, kind: str) -> HttpResponse:
    """A baked OB 3.0 image (OB 3.0 section 5.3): PNG iTXt ``openbadgecredential`` or SVG ``openbadges:credential``."""
    award = public_award(award_id)
    data, source_kind = _class_image(award)
    signed = json.dumps(award.ob3_credential, ensure_ascii=False)
    if kind == "png":
        if source_kind != "png":
            raise Http404
        baked = baking.bake_png(data, signed, keyword=baking.OB3_PNG_KEYWORD)
    else:
        baked = baking.bake_svg_credential(_as_svg(data, source_kind), signed)
    return _image_response(request, baked, kind, f"credential-{award.uuid}.{kind}")


# --- The award page --------------------------------------------------------------------


def award_page(request: HttpRequest, award: Award) -> HttpResponse:
    """The human page shared by the OB 2.0 assertion and OB 3.0 credential URLs."""
    return render(
        request,
        "badges/award_page.html",
        {"award": award, "badge_class": award.badge_class, "now": now()},
        status=200,
    )


@negotiated
def certificate(request: HttpRequest, award_id) -> HttpResponse:
    """A printable PDF certificate with a QR code to the verification page.

    The recipient's name appears only when the learner made it public.
    """
    from ..certificate import certificate_pdf

    award = public_award(award_id)
    response = HttpResponse(
        certificate_pdf(award, include_name=award.show_name_publicly),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="certificate-{award.uuid}.pdf"'
    return response
