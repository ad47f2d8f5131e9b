"""Account pages: personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import actions
from .forms import ApiTokenForm
from .models import ApiToken


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
    token = ApiToken.objects.filter(uuid=token_id, user=request.user).first()
    if token is None:
        raise Http404
    actions.revoke_api_token(token=token, acting_user=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens")
