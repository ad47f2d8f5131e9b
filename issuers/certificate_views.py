"""Staff pages for an issuer's certificates: the signatory, the signature or seal image, the
directory listing, and a sample certificate to check the result.

Only issuer administrators (and owners) reach them (``access_issuer(role=ADMIN)``):
an outsider gets the same 404 as for an unknown issuer, a weaker role a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import actions
from .access import access_issuer
from .forms import CertificateSettingsForm, apply_errors
from .image_responses import stored_image_response
from .models import Issuer, Role


def _sample_class(issuer: Issuer):
    """The badge class a sample certificate shows: the latest published one, else the latest of any."""
    classes = issuer.badge_classes.order_by("-created_at")
    return classes.published().first() or classes.first()


@login_required
def certificate_settings(request: HttpRequest, issuer_id) -> HttpResponse:
    issuer = access_issuer(request.user, issuer_id, role=Role.ADMIN)
    form = CertificateSettingsForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "signatory_name": issuer.signatory_name,
            "signatory_title": issuer.signatory_title,
            "listed_in_directory": issuer.listed_in_directory,
        },
    )
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("signature_image")
        data = dict(form.cleaned_data)
        data.pop("signature_image")
        try:
            actions.update_certificate_settings(
                issuer=issuer,
                acting_user=request.user,
                signature_image=upload.read() if upload else None,
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("certificate-settings", issuer.uuid)
    issuer.refresh_from_db()  # a refused upload leaves the stored settings as they were
    return render(
        request,
        "issuers/certificate_settings.html",
        {
            "form": form,
            "issuer": issuer,
            "signatory_fields": [form["signatory_name"], form["signatory_title"]],
            "image_fields": [form["signature_image"]]
            + ([form["remove_signature_image"]] if issuer.signature_image else []),
            "directory_fields": [form["listed_in_directory"]],
            "sample_class": _sample_class(issuer),
        },
    )


@login_required
@require_safe
def certificate_signature(request: HttpRequest, issuer_id) -> HttpResponse:
    """The stored signature or seal image, for the settings page (private: not a public URL)."""
    issuer = access_issuer(request.user, issuer_id, role=Role.ADMIN)
    return stored_image_response(request, issuer.signature_image, public=False)


@login_required
@require_safe
def certificate_preview(request: HttpRequest, issuer_id) -> HttpResponse:
    """A sample certificate as the issuer's learners would get it, for a made-up holder.

    Nothing is saved: the award exists only for drawing (its verification
    address leads nowhere).
    """
    from badges.certificate import certificate_pdf
    from badges.models import Award

    issuer = access_issuer(request.user, issuer_id, role=Role.ADMIN)
    badge_class = _sample_class(issuer)
    if badge_class is None:
        raise Http404(_("Create a badge class first."))
    sample = Award(
        badge_class=badge_class,
        recipient_identity="",
        recipient_name=_("Alex Example"),
        issued_on=now(),
    )
    response = HttpResponse(
        certificate_pdf(sample, include_name=True), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'inline; filename="sample-certificate.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
