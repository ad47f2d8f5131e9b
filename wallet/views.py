"""The learner's pages: the backpack, one entry in it, and claim links from award e-mails."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import SignUpForm
from accounts.models import verified_addresses
from issuers.forms import apply_errors

from . import actions
from .access import access_held_award, held_awards
from .models import HoldingStatus, StoredCredential
from .tokens import BadClaimToken, read_claim_token


def _holdings(user) -> dict[int, str]:
    return dict(
        StoredCredential.objects.filter(user=user, award__isnull=False).values_list(
            "award_id", "status"
        )
    )


@login_required
def backpack(request: HttpRequest) -> HttpResponse:
    """List every award to one of the learner's verified addresses; declined ones on request."""
    holdings = _holdings(request.user)
    show_declined = request.GET.get("declined") == "1"
    entries = [
        (award, holdings.get(award.pk, HoldingStatus.PENDING))
        for award in held_awards(request.user)
    ]
    declined = sum(1 for _award, status in entries if status == HoldingStatus.DECLINED)
    if not show_declined:
        entries = [e for e in entries if e[1] != HoldingStatus.DECLINED]
    return render(
        request,
        "wallet/backpack.html",
        {"entries": entries, "declined": declined, "show_declined": show_declined},
    )


@login_required
def entry(request: HttpRequest, award_id) -> HttpResponse:
    award = access_held_award(request.user, award_id)
    status = _holdings(request.user).get(award.pk, HoldingStatus.PENDING)
    return render(request, "wallet/entry.html", {"award": award, "holding": status})


@login_required
@require_POST
def accept(request: HttpRequest, award_id) -> HttpResponse:
    award = access_held_award(request.user, award_id)
    actions.accept_award(user=request.user, award=award)
    messages.success(request, _("Accepted. The badge is in your backpack."))
    return redirect("wallet:entry", award.uuid)


@login_required
@require_POST
def decline(request: HttpRequest, award_id) -> HttpResponse:
    award = access_held_award(request.user, award_id)
    actions.decline_award(user=request.user, award=award)
    messages.success(
        request,
        _("Declined. The badge is hidden from your backpack; you can accept it later."),
    )
    return redirect("wallet:backpack")


def claim(request: HttpRequest, token: str) -> HttpResponse:
    """Open a claim link: the holder lands on the award; others sign in, sign up or add the address."""
    try:
        award = read_claim_token(token)
    except BadClaimToken:
        return render(request, "wallet/claim_invalid.html", status=400)
    user = request.user
    if user.is_authenticated and award.recipient_identity in verified_addresses(user):
        return redirect("wallet:entry", award.uuid)
    email = award.recipient_identity
    form = None
    if not user.is_authenticated:
        form = SignUpForm(
            request.POST or None, initial={"email": email}, fixed_email=email
        )
    if request.method == "POST":
        from accounts.actions import create_account

        try:
            if form is not None:
                if not form.is_valid():
                    raise ValidationError("")
                user = create_account(
                    email_verified=True,  # the claim link reached this address
                    email=email,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
                login(
                    request, user, backend="django.contrib.auth.backends.ModelBackend"
                )
            else:
                actions.claim_address(user=user, award=award)
        except ValidationError as exc:
            if form is not None and exc.messages != [""]:
                apply_errors(form, exc)
            elif exc.messages != [""]:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The badge is in your backpack."))
            return redirect("wallet:entry", award.uuid)
    return render(
        request, "wallet/claim.html", {"award": award, "email": email, "form": form}
    )
