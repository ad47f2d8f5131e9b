"""Account pages: signing up, e-mail addresses and their verification, API tokens, deletion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from issuers.forms import apply_errors

from . import actions
from .access import access_api_token, access_email_address
from .forms import (
    ApiTokenForm,
    DeleteAccountForm,
    EmailAddressForm,
    LearnerSignUpForm,
    SignInForm,
    SignUpForm,
)
from .models import ApiToken
from .tokens import ExpiredToken, InvalidToken, check_verification_token


def _next_url(request: HttpRequest) -> str:
    """Return the safe ``next`` URL of the request, or an empty string."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return ""


# --- Links mailed to an address (invitations, claim links) ------------------------------------


def link_sign_up_form(request: HttpRequest, email: str) -> SignUpForm | None:
    """The sign-up form for a visitor who followed a link mailed to ``email``; None if signed in."""
    if request.user.is_authenticated:
        return None
    return SignUpForm(request.POST or None, initial={"email": email}, fixed_email=email)


def act_by_link(request: HttpRequest, form: SignUpForm | None, email: str, then):
    """Answer a POST from a link mailed to ``email``: return ``(True, then())`` or ``(False, None)``.

    A visitor (``form`` given) first gets an account whose address is verified,
    since the link reached it, and is signed in. A refusal from either step is
    put on the form, or in the messages for someone already signed in.
    """
    try:
        if form is not None:
            if not form.is_valid():
                return False, None
            user = actions.create_account(
                email_verified=True,  # the link reached this address
                email=email,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return True, then()
    except ValidationError as exc:
        if form is not None:
            apply_errors(form, exc)
        else:
            messages.error(request, " ".join(exc.messages))
        return False, None


def signup(request: HttpRequest) -> HttpResponse:
    """Create a learner's account and send a link to verify the address.

    A taken address gets the same answer (its owner gets a notice instead),
    so the page does not tell who has an account. Nobody is signed in here.
    """
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url or "accounts:email-addresses")
    form = LearnerSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.sign_up(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                language=get_language(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            sent = reverse("accounts:signup-sent")
            return redirect(
                f"{sent}?{urlencode({'next': next_url})}" if next_url else sent
            )
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_sent.html", {"next": _next_url(request)})


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """Verify the address a link was sent to. Following it twice is harmless."""
    try:
        address = check_verification_token(token)
    except ExpiredToken:
        return render(
            request, "accounts/verify_invalid.html", {"expired": True}, status=410
        )
    except InvalidToken:
        return render(request, "accounts/verify_invalid.html", status=400)
    newly = actions.verify_email_address(address=address)
    return render(
        request, "accounts/verify_done.html", {"address": address, "newly": newly}
    )


@login_required
def email_addresses(request: HttpRequest) -> HttpResponse:
    """List the account's addresses and add another (it gets a verification link)."""
    form = EmailAddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            address = actions.add_email_address(
                user=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("We sent a link to %(email)s: follow it to verify the address.")
                % {"email": address.email},
            )
            return redirect("accounts:email-addresses")
    return render(
        request,
        "accounts/email_addresses.html",
        {
            "form": form,
            "addresses": request.user.email_addresses.all(),
            "sign_in_address": request.user.email.lower(),
        },
    )


@login_required
@require_POST
def email_address_resend(request: HttpRequest, address_id) -> HttpResponse:
    address = access_email_address(request.user, address_id)
    try:
        actions.resend_verification(address=address, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("We sent a new link to %(email)s.") % {"email": address.email},
        )
    return redirect("accounts:email-addresses")


@login_required
@require_POST
def email_address_remove(request: HttpRequest, address_id) -> HttpResponse:
    address = access_email_address(request.user, address_id)
    try:
        actions.remove_email_address(address=address, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(email)s was removed.") % {"email": address.email}
        )
    return redirect("accounts:email-addresses")


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        _token, new_secret = actions.create_api_token(
            user=request.user, name=form.cleaned_data["name"]
        )
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": tokens, "new_secret": new_secret},
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id) -> HttpResponse:
    token = access_api_token(request.user, token_id)
    actions.revoke_api_token(token=token, acting_user=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens")


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the signed-in account once the current password is given; then sign out."""
    from django.conf import settings

    from config.ratelimit import hit

    form = DeleteAccountForm(request.POST or None)
    status = 200
    if request.method == "POST":
        wait = hit(request, "delete-account", limit=settings.SIGN_IN_RATE_LIMIT)
        if wait:
            form.add_error(
                None, _("Too many attempts: try again in %(s)d seconds.") % {"s": wait}
            )
            status = 429
        elif form.is_valid():
            try:
                actions.delete_account(
                    user=request.user, password=form.cleaned_data["password"]
                )
            except ValidationError as exc:
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                logout(request)
                return redirect("accounts:account-deleted")
    hand_over = actions.ownerships_to_hand_over(request.user)
    return render(
        request,
        "accounts/delete_account.html",
        {"form": form, "hand_over": hand_over},
        status=status,
    )


def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account_deleted.html")


class SignInView(auth_views.LoginView):
    """Django's sign-in, with attempts limited per client address (``SIGN_IN_RATE_LIMIT`` a minute)."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm

    def post(self, request, *args, **kwargs):
        from django.conf import settings

        from config.ratelimit import hit

        wait = hit(request, "sign-in", limit=settings.SIGN_IN_RATE_LIMIT)
        if wait:
            form = self.get_form()
            form.add_error(
                None,
                _("Too many sign-in attempts: try again in %(s)d seconds.")
                % {"s": wait},
            )
            response = self.render_to_response(
                self.get_context_data(form=form), status=429
            )
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)
