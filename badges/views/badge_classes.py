"""Staff pages for designing badge classes, and their public pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from issuers.access import access_issuer, issuer_role
from issuers.forms import apply_errors
from issuers.image_responses import stored_image_response
from issuers.models import Role
from issuers.translations import LANGUAGE_CHOICES, LANGUAGE_NAMES

from .. import actions
from ..access import access_badge_class, public_badge_class
from ..completeness import completeness
from ..forms import (
    LIST_FORMSETS,
    SECTIONS,
    BadgeClassForm,
    BadgeClassTranslationForm,
    build_formsets,
    form_sections,
    formset_values,
)
from ..models import BadgeClass


def _edit_page(
    request: HttpRequest, *, issuer, badge_class: BadgeClass | None
) -> HttpResponse:
    """Create (``badge_class=None``) or edit a badge class: one form, four list formsets."""
    institution = issuer.institution
    data = request.POST if request.method == "POST" else None
    initial = None
    if badge_class is not None:
        initial = {
            name: getattr(badge_class, name) for name in BadgeClassForm._meta.fields
        }
        initial |= {
            "image_alt": badge_class.image_alt,
            "tags_text": ", ".join(badge_class.tags),
            "prerequisite_badges": badge_class.prerequisite_badges.all(),
        }
    form = BadgeClassForm(
        data,
        request.FILES or None,
        instance=BadgeClass(issuer=issuer),
        initial=initial,
        institution=institution,
        exclude_pk=badge_class.pk if badge_class else None,
        has_image=bool(badge_class and badge_class.image),
    )
    formsets = build_formsets(data, institution=institution, badge_class=badge_class)
    if (
        data is not None
        and form.is_valid()
        and all(fs.is_valid() for fs in formsets.values())
    ):
        upload = request.FILES.get("image")
        arguments = {
            **form.action_values(),
            **formset_values(formsets),
            "prerequisite_badges": list(form.cleaned_data["prerequisite_badges"]),
            "image": upload.read() if upload else None,
            "acting_user": request.user,
        }
        try:
            if badge_class is None:
                badge_class = actions.create_badge_class(issuer=issuer, **arguments)
            else:
                actions.update_badge_class(badge_class=badge_class, **arguments)
        except ValidationError as exc:
            apply_errors(form, exc, formsets)
        else:
            messages.success(request, _("Badge class saved."))
            return _after_saving(request, badge_class)
    lists = [
        (key, formsets[key], title, fields)
        for key, (_cls, title, fields) in LIST_FORMSETS.items()
    ]
    sections = form_sections(form, formsets)
    return render(
        request,
        "badges/badge_class_form.html",
        {
            "form": form,
            "sections": sections,
            "error_sections": [s for s in sections if s.has_errors],
            "lists": lists,
            "issuer": issuer,
            "badge_class": badge_class,
        },
    )


def _after_saving(request: HttpRequest, badge_class: BadgeClass) -> HttpResponse:
    """The detail page, or with "Save and continue" the form again at the next section."""
    section = request.POST.get("next_section", "")
    if section in {anchor for anchor, _title, _fields in SECTIONS}:
        edit = reverse("badges:badge-class-edit", args=[badge_class.uuid])
        return redirect(f"{edit}#{section}")
    return redirect("badges:badge-class-detail", badge_class.uuid)


@login_required
def badge_class_create(request: HttpRequest, issuer_id) -> HttpResponse:
    issuer = access_issuer(request.user, issuer_id, role=Role.EDITOR)
    if issuer.is_archived:
        messages.error(request, _(actions.ISSUER_ARCHIVED))
        return redirect("issuers:issuer-detail", issuer.uuid)
    return _edit_page(request, issuer=issuer, badge_class=None)


@login_required
def badge_class_edit(request: HttpRequest, badge_class_id) -> HttpResponse:
    badge_class = access_badge_class(request.user, badge_class_id, role=Role.EDITOR)
    if badge_class.is_archived:
        messages.error(request, _(actions.ARCHIVED_READ_ONLY))
        return redirect("badges:badge-class-detail", badge_class.uuid)
    return _edit_page(request, issuer=badge_class.issuer, badge_class=badge_class)


@login_required
def badge_class_detail(request: HttpRequest, badge_class_id) -> HttpResponse:
    badge_class = access_badge_class(request.user, badge_class_id)
    if (language := request.GET.get("lang")) in LANGUAGE_NAMES:
        # The "Add or edit a translation" form: no script needed to get there.
        return redirect("badges:badge-class-translation", badge_class.uuid, language)
    role = issuer_role(request.user, badge_class.issuer)
    translations = [
        (code, _(LANGUAGE_NAMES[code])) for code in badge_class.translation_languages()
    ]
    return render(
        request,
        "badges/badge_class_detail.html",
        {
            "badge_class": badge_class,
            "completeness": completeness(badge_class),
            "can_edit": Role.rank(role) >= Role.rank(Role.EDITOR),
            "translations": translations,
            "language_choices": [
                (c, n) for c, n in LANGUAGE_CHOICES if c != badge_class.language
            ],
        },
    )


@login_required
def badge_class_translation(
    request: HttpRequest, badge_class_id, language: str
) -> HttpResponse:
    badge_class = access_badge_class(request.user, badge_class_id, role=Role.EDITOR)
    if language not in LANGUAGE_NAMES or language == badge_class.language:
        raise Http404
    form = BadgeClassTranslationForm(
        request.POST or None, badge_class=badge_class, language=language
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_badge_class_translation(
                badge_class=badge_class,
                language=language,
                texts=form.texts(),
                outcomes=form.outcomes(),
                acting_user=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Translation saved."))
            return redirect("badges:badge-class-detail", badge_class.uuid)
    return render(
        request,
        "translation.html",
        {
            "form": form,
            "language_name": _(LANGUAGE_NAMES[language]),
            "back_url": reverse("badges:badge-class-detail", args=[badge_class.uuid]),
            "back_label": badge_class.name,
        },
    )


@login_required
@require_POST
def badge_class_publish(request: HttpRequest, badge_class_id) -> HttpResponse:
    badge_class = access_badge_class(request.user, badge_class_id, role=Role.EDITOR)
    try:
        actions.publish_badge_class(badge_class=badge_class, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Published. The public page is live."))
    return redirect("badges:badge-class-detail", badge_class.uuid)


@login_required
@require_POST
def badge_class_archive(request: HttpRequest, badge_class_id) -> HttpResponse:
    badge_class = access_badge_class(request.user, badge_class_id, role=Role.EDITOR)
    actions.archive_badge_class(badge_class=badge_class, acting_user=request.user)
    messages.success(
        request, _("Archived. It can no longer be awarded; its public page stays.")
    )
    return redirect("badges:badge-class-detail", badge_class.uuid)


@login_required
def badge_class_preview(request: HttpRequest, badge_class_id) -> HttpResponse:
    """The public page as it will look, for staff, drafts included."""
    badge_class = access_badge_class(request.user, badge_class_id)
    return render(
        request,
        "badges/public_badge_class.html",
        {"badge_class": badge_class, "preview": True},
    )


@login_required
@require_safe
def badge_class_image(request: HttpRequest, badge_class_id) -> HttpResponse:
    """The image for staff pages, drafts included."""
    badge_class = access_badge_class(request.user, badge_class_id)
    if not badge_class.image:
        raise Http404
    return stored_image_response(request, badge_class.image, public=False)


# --- Public pages ------------------------------------------------------------


def public_badge_class_page(request: HttpRequest, badge_class_id) -> HttpResponse:
    badge_class = public_badge_class(badge_class_id)
    return render(
        request, "badges/public_badge_class.html", {"badge_class": badge_class}
    )


@require_safe
def public_badge_class_image(request: HttpRequest, badge_class_id) -> HttpResponse:
    """A published badge class's image at its stable URL (``<badge class>/image``), cacheable by anyone."""
    badge_class = public_badge_class(badge_class_id)
    if not badge_class.image:
        raise Http404
    return stored_image_response(request, badge_class.image, public=True)
