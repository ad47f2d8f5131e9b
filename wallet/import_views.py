"""The learner's pages for badges imported from elsewhere: import, look, check again, download, remove."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.ratelimit import hit, limited_page
from verifier import inputs
from verifier.views import too_many_checks

from . import actions
from .access import access_imported
from .actions.imports import TOO_LARGE
from .display_images import IMAGE_POLICY, image_response
from .views import sharing_context


def import_limit() -> int:
    """Imports and re-checks per minute per learner (``IMPORT_RATE_LIMIT``, default 20)."""
    return settings.IMPORT_RATE_LIMIT


def _too_many(request: HttpRequest) -> int | None:
    return hit(request, "import", limit=import_limit(), who=f"user-{request.user.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def import_badge(request: HttpRequest) -> HttpResponse:
    """Show the three ways to bring a badge; on POST verify it and store it, or say why not."""
    if request.method != "POST":
        return render(request, "wallet/import.html", {"form": {}})
    context = {"form": request.POST}
    wait = _too_many(request)
    if wait:
        context["errors"] = [
            _("Too many imports: try again in %(s)d seconds.") % {"s": wait}
        ]
        return limited_page(request, "wallet/import.html", context, wait)
    upload = request.FILES.get("file")
    if upload is not None and upload.size > inputs.MAX_UPLOAD_BYTES:
        # Refused on its declared size, before a byte of it is read.
        context["errors"] = [_(TOO_LARGE) % {"mb": inputs.MAX_UPLOAD_BYTES // 2**20}]
        return render(request, "wallet/import.html", context, status=400)
    try:
        held = actions.import_credential(user=request.user, **_given(request, upload))
    except actions.ImportRefused as exc:
        context.update(
            errors=exc.messages,
            verdict=exc.verdict,
            existing=exc.existing,
            award=exc.award,
        )
        return render(request, "wallet/import.html", context, status=400)
    messages.success(request, _("Verified and added to your backpack."))
    return redirect("wallet:imported", held.uuid)


def _given(request: HttpRequest, upload) -> dict:
    """The one way the learner used: a file, else a link, else pasted text (kept as sent)."""
    if upload is not None:
        return {"data": upload.read(), "filename": upload.name or ""}
    if request.POST.get("url", "").strip():
        return {"url": request.POST["url"].strip()}
    return {"text": request.POST.get("text", "")}


@login_required
@require_GET
def imported(request: HttpRequest, held_id) -> HttpResponse:
    """What an imported badge certifies, its last verification and what can be done with it."""
    held = access_imported(request.user, held_id)
    return render(
        request,
        "wallet/imported.html",
        {
            **sharing_context(request.user, held),
            "held": held,
            "recipient": held.report.get("recipient_matches"),
        },
    )


@login_required
@require_POST
def imported_check(request: HttpRequest, held_id) -> HttpResponse:
    held = access_imported(request.user, held_id)
    wait = _too_many(request)
    if wait:
        messages.error(request, too_many_checks(wait))
        return redirect("wallet:imported", held.uuid)
    held = actions.recheck_credential(user=request.user, held=held)
    if held.state == "valid":
        messages.success(
            request, _("Checked again: the badge is genuine and in force.")
        )
    elif held.state == "revoked":
        messages.warning(
            request, _("Checked again: the issuer has revoked this badge.")
        )
    elif held.state == "expired":
        messages.warning(
            request, _("Checked again: the badge is genuine but has expired.")
        )
    else:
        messages.warning(request, _("Checked again: the badge could not be verified."))
    return redirect("wallet:imported", held.uuid)


@login_required
@require_GET
def imported_original(request: HttpRequest, held_id) -> HttpResponse:
    """The bytes exactly as received, as a download."""
    held = access_imported(request.user, held_id)
    response = HttpResponse(
        bytes(held.received or b""),
        content_type=held.received_type or "application/octet-stream",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, held.received_name or "badge"
    )
    return _private(response)


@login_required
@require_GET
def imported_image(request: HttpRequest, held_id) -> HttpResponse:
    """The checked display image (a PNG decoded by Pillow, or a re-serialised SVG)."""
    return _private(image_response(access_imported(request.user, held_id)))


@login_required
@require_POST
def imported_remove(request: HttpRequest, held_id) -> HttpResponse:
    held = access_imported(request.user, held_id)
    title = held.title
    actions.remove_imported(user=request.user, held=held)
    messages.success(
        request, _("“%(title)s” is removed from your backpack.") % {"title": title}
    )
    return redirect("wallet:backpack")


def _private(response: HttpResponse) -> HttpResponse:
    response["Content-Security-Policy"] = IMAGE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
