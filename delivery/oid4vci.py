"""The OID4VCI 1.0 pre-authorized code flow: issuer metadata, offer, token, nonce, credential.

A wallet scans ``openid-credential-offer://?credential_offer_uri=...`` and

1. GETs the Credential Offer (section 4.1.3) at ``/oid4vci/offers/<reference>``;
2. GETs ``/.well-known/openid-credential-issuer`` (section 12.2) and the RFC
   8414 metadata (``authserver``);
3. POSTs the pre-authorized code and PIN to ``/oauth/token`` (section 6),
   which ``authserver`` hands to ``token`` here;
4. POSTs to ``/oid4vci/nonce`` for a ``c_nonce`` (section 7);
5. POSTs the Credential Request with a ``jwt`` key proof to
   ``/oid4vci/credential`` (section 8) and receives the bound copy.

Errors are ``{"error", "error_description"}``, never cached.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from badges.facts import base_url
from config import ratelimit
from credentials import holder_proof
from credentials.errors import CredentialError

from . import actions, codes, metadata
from .access import access_offer_by_token, access_open_offer
from .credential_request import parse_credential_request
from .errors import OAuthError
from .models import Format, Protocol
from .responses import error_response, no_store

OFFER_SCHEME = "openid-credential-offer://"
OFFER_GONE = "No such offer: it has expired, has been used, or never existed."
TX_CODE_DESCRIPTION = gettext_noop("Enter the six-digit PIN shown next to the QR code.")


def offer_url(reference: str) -> str:
    """The Credential Offer URL (``credential_offer_uri``) of the offer with ``reference``."""
    return base_url() + reverse("delivery:offer", args=[reference])


def offer_link(reference: str) -> str:
    """The link or QR code text a wallet opens (section 4.1: offer by reference)."""
    return (
        OFFER_SCHEME + "?" + urlencode({"credential_offer_uri": offer_url(reference)})
    )


@require_GET
def issuer_metadata(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(metadata.issuer_metadata())
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def credential_offer(request: HttpRequest, reference: str) -> HttpResponse:
    """The Credential Offer object (section 4.1.1); the pre-authorized code is derived, not stored."""
    try:
        offer = access_open_offer(reference, protocol=Protocol.OID4VCI)
    except Http404:
        return error_response(OAuthError("not_found", OFFER_GONE, 404))
    grant = {"pre-authorized_code": codes.pre_authorized_code(reference)}
    if offer.has_tx_code:
        grant["tx_code"] = {
            "input_mode": "numeric",
            "length": codes.TX_CODE_LENGTH,
            "description": _(TX_CODE_DESCRIPTION),
        }
    return no_store(
        {
            "credential_issuer": metadata.credential_issuer(),
            "credential_configuration_ids": list(metadata.CONFIGURATIONS),
            "grants": {metadata.PRE_AUTHORIZED_GRANT: grant},
        }
    )


def _single(request: HttpRequest, name: str) -> str | None:
    values = request.POST.getlist(name)
    if len(values) > 1:  # RFC 6749 section 3.2: parameters must not repeat
        raise OAuthError("invalid_request", f"{name} is repeated.")
    return values[0] if values else None


def token(request: HttpRequest) -> HttpResponse:
    """The Token Request with the pre-authorized code grant (section 6.1), anonymous access.

    Reached through ``/oauth/token`` (``authserver.views.TokenView``), which
    rate-limits it per client address like every token request.
    """
    try:
        code = _single(request, "pre-authorized_code")
        tx_code = _single(request, "tx_code")
        if not code:
            raise OAuthError("invalid_request", "pre-authorized_code is missing.")
        _offer, access_token = actions.redeem_pre_authorized_code(
            code=code, tx_code=tx_code
        )
    except OAuthError as error:
        return error_response(error)
    return no_store(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": settings.OID4VCI_ACCESS_TOKEN_SECONDS,
        }
    )


@csrf_exempt
@require_POST
def nonce(request: HttpRequest) -> HttpResponse:
    """A fresh ``c_nonce`` (section 7.2); limited per client address, as token requests are."""
    wait = ratelimit.hit(
        request, "oid4vci-nonce", limit=settings.OAUTH_TOKEN_RATE_LIMIT
    )
    if wait is not None:
        response = error_response(
            OAuthError("slow_down", "Too many requests: try again later.", 429)
        )
        response["Retry-After"] = str(wait)
        return response
    return no_store({"c_nonce": actions.new_nonce()})


def _bearer(request: HttpRequest) -> str:
    scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return value.strip()


def _holder(proof_jwt: str) -> holder_proof.HolderKey:
    try:
        return holder_proof.check_proof_jwt(
            proof_jwt,
            audience=metadata.credential_issuer(),
            nonce=actions.consume_nonce,
            now=now(),
            max_age=settings.OID4VCI_NONCE_SECONDS,
        )
    except CredentialError as exc:
        code = getattr(exc, "oauth_error", "invalid_proof")
        raise OAuthError(code, exc.description) from exc


@csrf_exempt
@require_POST
def credential(request: HttpRequest) -> HttpResponse:
    """The Credential Endpoint (section 8): one copy bound to the key the proof shows."""
    try:
        offer = access_offer_by_token(_bearer(request))
        wanted = parse_credential_request(
            request.body, request.headers.get("Content-Type", "")
        )
        holder = _holder(wanted.proof_jwt)
        delivery = actions.deliver(offer=offer, holder_id=holder.did, fmt=wanted.fmt)
    except OAuthError as error:
        return error_response(error)
    issued = delivery.credential if wanted.fmt == Format.LDP_VC else delivery.jwt
    return no_store({"credentials": [{"credential": issued}]})
