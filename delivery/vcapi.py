"""The DCC Learner Credential Wallet's way in: its deep link and a VC-API exchange.

The learner's page shows a deep link (``deep_link``)::

    dccrequest://request?issuer=did%3Aweb%3A...&vc_request_url=https%3A%2F%2F<host>%2Fvc-api%2Fexchanges%2F<reference>&challenge=<challenge>&auth_type=bearer

(or the same query after ``org.dcconsortium://request?``). The wallet reads
it as its ``app/lib/credentialRequest.ts`` does (learner-credential-wallet,
2024-12): ``auth_type`` ``bearer`` means no token, only the challenge in the
presentation. ``<reference>`` is the offer's secret URL reference (its
digest is what the offer keeps), so the exchange URL is as hard to guess as
an OID4VCI offer URL.

``POST /vc-api/exchanges/<reference>`` (``exchange``) answers, in the two
forms the wallet uses:

* ``{}`` (VC-API "initiate exchange", ``lib/exchanges.ts``): a
  ``verifiablePresentationRequest`` asking for ``DIDAuthentication`` by
  did:key or did:jwk, with the offer's ``challenge``, our ``domain`` and the
  exchange URL in ``interact``; then ``{"verifiablePresentation": <DIDAuth>}``
  (proof over the challenge *and* the domain) gets
  ``{"verifiablePresentation": <presentation holding the bound credential>}``.
* the DIDAuth presentation itself (the deep-link request,
  ``requestCredential``: the wallet signs the challenge without a domain) gets
  the presentation itself, which is what that code reads credentials from.

The credential is a copy of the award bound to the presenter's DID, signed
now (``actions.deliver``). The exchange is single use and expires with its
offer. Every refusal is ``{"error", "error_description"}``, nothing delivered.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.utils.timezone import now
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from badges import facts
from credentials import jsontext
from credentials.errors import DecodeError, InvalidProof
from credentials.holder_proof import check_didauth

from . import actions, codes
from .errors import OAuthError
from .models import Format, Offer, Protocol
from .responses import error_response, no_store

__all__ = ["DEEP_LINK_SCHEMES", "exchange_url", "deep_link", "domain", "exchange"]

#: The schemes the Learner Credential Wallet opens (its config.ts ``customProtocol``).
DEEP_LINK_SCHEMES = ("dccrequest", "org.dcconsortium")
_VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"

EXCHANGE_UNKNOWN = "There is no such exchange."
EXCHANGE_USED = "This exchange has already delivered its credential."
EXCHANGE_EXPIRED = "This exchange has expired: make a new request from the backpack."
NOT_JSON = "The body must be a JSON object: {} to start, or the DIDAuth presentation."
NOT_A_PRESENTATION = (
    "'verifiablePresentation' must be a VerifiablePresentation (DIDAuth)."
)


def exchange_url(reference: str) -> str:
    """Return the exchange's URL for an offer's reference: ``<base>/vc-api/exchanges/<reference>``."""
    return f"{facts.base_url()}/vc-api/exchanges/{reference}"


def domain() -> str:
    """Return the ``domain`` a DIDAuth proof must be signed for: our host (and port, if any)."""
    return urlsplit(facts.base_url()).netloc


def deep_link(offer: Offer, reference: str, *, scheme: str = "dccrequest") -> str:
    """Return the Learner Credential Wallet deep link of a VC-API offer.

    ``issuer`` is the award's issuer DID, ``vc_request_url`` the exchange URL,
    ``challenge`` the offer's single-use challenge, ``auth_type`` ``bearer``.
    """
    if scheme not in DEEP_LINK_SCHEMES:
        raise ValueError(f"Not a Learner Credential Wallet scheme: {scheme!r}.")
    if offer.protocol != Protocol.VC_API:
        raise ValueError("Only a VC-API offer has a Learner Credential Wallet link.")
    query = {
        "issuer": facts.issuer_did(offer.award.issuer),
        "vc_request_url": exchange_url(reference),
        "challenge": offer.challenge,
        "auth_type": "bearer",
    }
    return f"{scheme}://request?" + urlencode(query)


def _offer(reference: str) -> Offer:
    """Return the VC-API offer with this reference if it can still deliver; else OAuthError."""
    offer = (
        Offer.objects.filter(
            reference_digest=codes.digest(reference), protocol=Protocol.VC_API
        )
        .select_related("award__issuer")
        .first()
    )
    if offer is None:
        raise OAuthError("invalid_request", EXCHANGE_UNKNOWN, 404)
    if offer.redeemed_at is not None:
        raise OAuthError("invalid_request", EXCHANGE_USED, 410)
    if offer.expires_at <= now():
        raise OAuthError("invalid_request", EXCHANGE_EXPIRED, 410)
    return offer


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        body = jsontext.loads(request.body or b"{}")
    except RequestDataTooBig:
        raise OAuthError("invalid_request", "The body is too large.", 413) from None
    except (DecodeError, ValueError):
        raise OAuthError("invalid_request", NOT_JSON) from None
    if not isinstance(body, dict):
        raise OAuthError("invalid_request", NOT_JSON)
    return body


def _is_presentation(value: Any) -> bool:
    types = value.get("type") if isinstance(value, dict) else None
    types = types if isinstance(types, list) else [types]
    return "VerifiablePresentation" in types


def _request_for(offer: Offer, reference: str) -> dict[str, Any]:
    """The VC-API verifiable presentation request: DIDAuthentication over challenge and domain."""
    return {
        "verifiablePresentationRequest": {
            "query": [
                {
                    "type": "DIDAuthentication",
                    "acceptedMethods": [{"method": "key"}, {"method": "jwk"}],
                }
            ],
            "challenge": offer.challenge,
            "domain": domain(),
            "interact": {
                "service": [
                    {
                        "type": "UnmediatedPresentationService2021",
                        "serviceEndpoint": exchange_url(reference),
                    }
                ]
            },
        }
    }


def _answer(request: HttpRequest, reference: str) -> dict[str, Any]:
    body = _body(request)
    offer = _offer(reference)
    wrapped = "verifiablePresentation" in body
    presentation = body.get("verifiablePresentation") if wrapped else body
    if not wrapped and not _is_presentation(body):
        if body:
            raise OAuthError("invalid_request", NOT_JSON)
        return _request_for(offer, reference)
    if not _is_presentation(presentation):
        raise OAuthError("invalid_request", NOT_A_PRESENTATION)
    try:
        holder = check_didauth(
            presentation,
            challenge=offer.challenge,
            domain=domain(),
            domain_required=wrapped,
        )
    except InvalidProof as exc:
        raise OAuthError(exc.oauth_error, exc.description) from exc
    delivery = actions.deliver(offer=offer, holder_id=holder, fmt=Format.LDP_VC)
    held = {
        "@context": [_VC2_CONTEXT],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [delivery.credential],
    }
    return {"verifiablePresentation": held} if wrapped else held


@csrf_exempt  # a wallet posts here, with no session; the reference and the proof are its credentials
@require_POST
def exchange(request: HttpRequest, reference: str) -> JsonResponse:
    """``POST /vc-api/exchanges/<reference>``: the presentation request, or the credential for a DIDAuth."""
    try:
        return no_store(_answer(request, reference))
    except OAuthError as error:
        return error_response(error)
