"""The authorization server's endpoints: registration, consent, token, revocation, and the
learner's list of connected applications."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oauth2_provider import views as dot

from config import ratelimit
from credentials import jsontext
from credentials.errors import DecodeError
from delivery import oid4vci
from delivery.metadata import PRE_AUTHORIZED_GRANT

from . import actions, scopes
from .access import access_connected, connected_applications
from .registration import RegistrationError, read_metadata, registration_response

MAX_REGISTRATION_BYTES = 64 * 1024


def _no_store(body: dict, status: int) -> JsonResponse:
    """A JSON answer that carries credentials or errors about them: never cached (RFC 6749 §5.1)."""
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


def _oauth_error(error: str, description: str, status: int = 400) -> JsonResponse:
    return _no_store({"error": error, "error_description": description}, status)


def _too_many(wait: int) -> JsonResponse:
    response = _oauth_error(
        "slow_down", "Too many requests: try again later.", status=429
    )
    response["Retry-After"] = str(wait)
    return response


@csrf_exempt
def register(request: HttpRequest) -> HttpResponse:
    """RFC 7591 §3: POST the client metadata; 201 with the client's id and secret."""
    if request.method != "POST":
        response = _oauth_error("invalid_request", "Register with POST.", status=405)
        response["Allow"] = "POST"
        return response
    wait = ratelimit.hit(
        request, "oauth-register", limit=settings.OAUTH_REGISTRATION_RATE_LIMIT
    )
    if wait is not None:
        return _too_many(wait)
    if len(request.body) > MAX_REGISTRATION_BYTES:
        return _oauth_error(
            "invalid_client_metadata",
            f"The registration request is larger than {MAX_REGISTRATION_BYTES} bytes.",
            status=413,
        )
    try:
        data = jsontext.loads(request.body)
        metadata = read_metadata(
            data, allow_loopback_http=settings.OAUTH_ALLOW_LOOPBACK_HTTP
        )
        application, secret = actions.register_client(metadata=metadata)
    except DecodeError as exc:
        return _oauth_error("invalid_client_metadata", f"The body is not JSON: {exc}")
    except RegistrationError as exc:
        return _oauth_error(exc.error, exc.description)
    except ValidationError as exc:
        return _oauth_error("invalid_client_metadata", " ".join(exc.messages))
    return _no_store(registration_response(application, metadata, secret), 201)


def server_metadata(request: HttpRequest) -> HttpResponse:
    """RFC 8414 authorization server metadata, for clients that look beyond OB 3.0's discovery.

    OB 3.0's discovery document names no revocation endpoint; this does.
    """
    base = settings.PUBLIC_BASE_URL

    def url(name: str) -> str:
        return base + reverse(f"authserver:{name}")

    response = JsonResponse(
        {
            "issuer": base,
            "authorization_endpoint": url("authorize"),
            "token_endpoint": url("token"),
            "registration_endpoint": url("register"),
            "revocation_endpoint": url("revoke"),
            "scopes_supported": list(scopes.DESCRIPTIONS),
            "response_types_supported": ["code"],
            "grant_types_supported": [
                "authorization_code",
                "refresh_token",
                PRE_AUTHORIZED_GRANT,
            ],
            # OID4VCI 1.0 section 12.3: wallets redeem pre-authorized codes without a client id.
            "pre-authorized_grant_anonymous_access_supported": True,
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "revocation_endpoint_auth_methods_supported": ["client_secret_basic"],
            "service_documentation": base + reverse("hostapi:discovery"),
        }
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


class ConsentView(dot.AuthorizationView):
    """The consent page (OB 3.0 §7.1.2): who asks, for what, in the learner's words."""

    template_name = "authserver/consent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = context.get("application")
        context["client"] = (
            getattr(application, "profile", None) if application else None
        )
        context["scope_words"] = scopes.describe(context.get("scopes") or [])
        return context


class _RateLimited:
    """The token endpoint's limit per client address, for the token and revocation views."""

    def post(self, request, *args, **kwargs):
        wait = ratelimit.hit(
            request, "oauth-token", limit=settings.OAUTH_TOKEN_RATE_LIMIT
        )
        if wait is not None:
            return _too_many(wait)
        return super().post(request, *args, **kwargs)


class _PreAuthorizedGrant:
    """OID4VCI's pre-authorized code grant goes to the wallet delivery; every other grant is DOT's."""

    def post(self, request, *args, **kwargs):
        if request.POST.get("grant_type") == PRE_AUTHORIZED_GRANT:
            return oid4vci.token(request)
        return super().post(request, *args, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
class TokenView(_RateLimited, _PreAuthorizedGrant, dot.TokenView):
    """The token endpoint (RFC 6749 §3.2)."""


@method_decorator(csrf_exempt, name="dispatch")
class RevokeTokenView(_RateLimited, dot.RevokeTokenView):
    """RFC 7009 token revocation."""


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    """The learner's connected applications, each with what it may do and a way to end it."""
    connections = [
        (c, scopes.describe(c.scopes)) for c in connected_applications(request.user)
    ]
    return render(request, "authserver/applications.html", {"connections": connections})


@login_required
@require_POST
def disconnect(request: HttpRequest, client_id: str) -> HttpResponse:
    application = access_connected(request.user, client_id)
    actions.disconnect_application(user=request.user, application=application)
    messages.success(
        request,
        _("%(name)s is disconnected: it can no longer reach your backpack.")
        % {"name": application.name},
    )
    return redirect("authserver:applications")
