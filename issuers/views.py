"""Staff pages for institutions, issuers and staff, and the public issuer page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.views import act_by_link, link_sign_up_form
from audit.describe import describe, kind_label
from audit.models import AuditEvent
from config.paging import paginate
from credentials.did import did_for

from . import actions
from .access import (
    access_institution,
    access_issuer,
    access_membership,
    institution_role,
    issuers_for,
    parse_uuid,
)
from .forms import (
    InstitutionForm,
    InviteForm,
    IssuerForm,
    RoleForm,
    TranslationForm,
    apply_errors,
)
from .image_responses import stored_image_response
from .models import Invitation, Issuer, KeyAlgorithm, Membership, Role, SigningKey


def _upload(request: HttpRequest, name: str = "image") -> bytes | None:
    upload = request.FILES.get(name)
    return upload.read() if upload else None


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    from .access import institutions_for

    institutions = institutions_for(request.user).prefetch_related("issuers")
    if institutions.count() == 1 and not request.GET.get("all"):
        return redirect("issuers:institution-detail", institutions.first().uuid)
    return render(request, "issuers/dashboard.html", {"institutions": institutions})


@login_required
def institution_create(request: HttpRequest) -> HttpResponse:
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            institution = actions.create_institution(
                acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Institution created. Add its first issuer next.")
            )
            return redirect("issuers:institution-detail", institution.uuid)
    return render(request, "issuers/institution_form.html", {"form": form})


@login_required
def institution_detail(request: HttpRequest, institution_id) -> HttpResponse:
    institution = access_institution(request.user, institution_id)
    role = institution_role(request.user, institution)
    can_manage = Role.rank(role) >= Role.rank(Role.ADMIN)
    issuers = (
        issuers_for(request.user).filter(institution=institution)
        if not role
        else institution.issuers.all()
    )
    context = {
        "institution": institution,
        "role": role,
        "can_manage": can_manage,
        "issuers": issuers.prefetch_related("badge_classes"),
    }
    if can_manage:
        context |= {
            "memberships": Membership.objects.filter(
                institution=institution
            ).select_related("user")
            | Membership.objects.filter(issuer__institution=institution).select_related(
                "user", "issuer"
            ),
            "invitations": Invitation.objects.pending().filter(institution=institution)
            | Invitation.objects.pending().filter(issuer__institution=institution),
            "invite_form": InviteForm(issuers=institution.issuers.all()),
            "role_choices": Role.choices,
            "audit_events": AuditEvent.objects.for_institution(
                institution
            ).select_related("actor")[:20],
            # The same, in sentences: {% include "audit/_events.html" with entries=audit_entries %}.
            "audit_entries": describe(
                AuditEvent.objects.for_institution(institution).select_related("actor")[
                    :20
                ]
            ),
        }
    return render(request, "issuers/institution_detail.html", context)


@login_required
def institution_edit(request: HttpRequest, institution_id) -> HttpResponse:
    institution = access_institution(request.user, institution_id, role=Role.ADMIN)
    form = InstitutionForm(
        request.POST or None,
        instance=None,
        initial=_initial(institution, InstitutionForm),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_institution(
                institution=institution, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("issuers:institution-detail", institution.uuid)
    return render(
        request,
        "issuers/institution_form.html",
        {"form": form, "institution": institution},
    )


def _initial(instance, form_class) -> dict:
    return {name: getattr(instance, name) for name in form_class._meta.fields}


@login_required
def issuer_create(request: HttpRequest, institution_id) -> HttpResponse:
    institution = access_institution(request.user, institution_id, role=Role.ADMIN)
    form = IssuerForm(
        request.POST or None,
        request.FILES or None,
        initial={"country": institution.country},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "image"}
        try:
            issuer = actions.create_issuer(
                institution=institution,
                acting_user=request.user,
                image=_upload(request),
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Issuer created."))
            return redirect("issuers:issuer-detail", issuer.uuid)
    return render(
        request, "issuers/issuer_form.html", {"form": form, "institution": institution}
    )


@login_required
def issuer_detail(request: HttpRequest, issuer_id) -> HttpResponse:
    from .access import issuer_role

    issuer = access_issuer(request.user, issuer_id)
    role = issuer_role(request.user, issuer)
    badge_classes = issuer.badge_classes.all()
    return render(
        request,
        "issuers/issuer_detail.html",
        {
            "issuer": issuer,
            "role": role,
            "role_label": dict(Role.choices).get(role, ""),
            "can_edit": Role.rank(role) >= Role.rank(Role.EDITOR),
            "can_manage": Role.rank(role) >= Role.rank(Role.ADMIN),
            "badge_classes": badge_classes,
            "signing_keys": SigningKey.objects.filter(issuer=issuer).order_by(
                "algorithm", "-created_at"
            ),
            "did": did_for(settings.PUBLIC_BASE_URL, str(issuer.uuid)),
            "translation_languages": [
                (c, n) for c, n in settings.LANGUAGES if c != issuer.language
            ],
            "audit_entries": describe(
                AuditEvent.objects.for_issuer(issuer).select_related("actor")[:10]
            )
            if Role.rank(role) >= Role.rank(Role.ADMIN)
            else [],
        },
    )


@login_required
def issuer_edit(request: HttpRequest, issuer_id) -> HttpResponse:
    issuer = access_issuer(request.user, issuer_id, role=Role.ADMIN)
    form = IssuerForm(
        request.POST or None,
        request.FILES or None,
        initial=_initial(issuer, IssuerForm),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "image"}
        try:
            actions.update_issuer(
                issuer=issuer, acting_user=request.user, image=_upload(request), **data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("issuers:issuer-detail", issuer.uuid)
    return render(
        request,
        "issuers/issuer_form.html",
        {"form": form, "issuer": issuer, "institution": issuer.institution},
    )


@login_required
@require_POST
def issuer_archive(request: HttpRequest, issuer_id) -> HttpResponse:
    issuer = access_issuer(request.user, issuer_id, role=Role.ADMIN)
    actions.archive_issuer(issuer=issuer, acting_user=request.user)
    messages.success(request, _("Issuer archived. Its public pages stay online."))
    return redirect("issuers:issuer-detail", issuer.uuid)


@login_required
@require_POST
def issuer_rotate_key(request: HttpRequest, issuer_id) -> HttpResponse:
    """Retire the issuer's active key for one algorithm and create a new one (administrators)."""
    issuer = access_issuer(request.user, issuer_id, role=Role.ADMIN)
    algorithm = request.POST.get("algorithm", "")
    if algorithm not in KeyAlgorithm.values:
        messages.error(request, _("Choose a key type."))
    else:
        actions.rotate_signing_key(
            issuer=issuer, algorithm=algorithm, acting_user=request.user
        )
        messages.success(
            request,
            _("New key created. Badges signed with the old key keep verifying."),
        )
    return redirect("issuers:issuer-detail", issuer.uuid)


@login_required
@require_POST
def staff_invite(request: HttpRequest, institution_id) -> HttpResponse:
    institution = access_institution(request.user, institution_id)
    form = InviteForm(request.POST, issuers=institution.issuers.all())
    if form.is_valid():
        issuer_uuid = form.cleaned_data["issuer"]
        scope = (
            access_issuer(request.user, issuer_uuid, role=Role.ADMIN)
            if issuer_uuid
            else institution
        )
        if scope is institution:
            access_institution(request.user, institution_id, role=Role.ADMIN)
        try:
            actions.invite_staff(
                scope=scope,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
    else:
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}",
            )
    return redirect("issuers:institution-detail", institution.uuid)


@login_required
@require_POST
def staff_change_role(
    request: HttpRequest, institution_id, membership_id: int
) -> HttpResponse:
    institution = access_institution(request.user, institution_id)
    membership = access_membership(request.user, membership_id, institution=institution)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            actions.change_role(
                membership=membership,
                role=form.cleaned_data["role"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Role changed."))
    return redirect("issuers:institution-detail", institution.uuid)


@login_required
@require_POST
def staff_remove(
    request: HttpRequest, institution_id, membership_id: int
) -> HttpResponse:
    institution = access_institution(request.user, institution_id)
    membership = access_membership(request.user, membership_id, institution=institution)
    try:
        actions.remove_staff(membership=membership, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Removed."))
    return redirect("issuers:institution-detail", institution.uuid)


@login_required
@require_POST
def invitation_revoke(
    request: HttpRequest, institution_id, invitation_id
) -> HttpResponse:
    institution = access_institution(request.user, institution_id)
    invitation = (
        Invitation.objects.filter(
            uuid=parse_uuid(invitation_id), institution=institution
        ).first()
        or Invitation.objects.filter(
            uuid=parse_uuid(invitation_id), issuer__institution=institution
        ).first()
    )
    if invitation is None:
        raise Http404
    if invitation.issuer_id:
        access_issuer(request.user, invitation.issuer.uuid, role=Role.ADMIN)
    else:
        access_institution(request.user, institution_id, role=Role.ADMIN)
    actions.revoke_invitation(invitation=invitation, acting_user=request.user)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("issuers:institution-detail", institution.uuid)


def invitation_accept(request: HttpRequest, secret: str) -> HttpResponse:
    """Accept an invitation: signed-in users confirm; newcomers create their account here."""
    invitation = Invitation.objects.filter(digest=Invitation.digest_of(secret)).first()
    if invitation is None or not invitation.is_pending:
        return render(
            request,
            "issuers/invitation_invalid.html",
            status=410 if invitation else 404,
        )
    form = link_sign_up_form(request, invitation.email)
    if request.method == "POST":
        accepted, membership = act_by_link(
            request,
            form,
            invitation.email,
            lambda: actions.accept_invitation(secret=secret, user=request.user),
        )
        if accepted:
            messages.success(
                request,
                _("Welcome! You are now %(role)s at %(scope)s.")
                % {"role": membership.get_role_display(), "scope": membership.scope},
            )
            return redirect(
                "issuers:institution-detail", membership.scope_institution.uuid
            )
    return render(
        request,
        "issuers/invitation_accept.html",
        {"invitation": invitation, "form": form},
    )


# --- Public pages ------------------------------------------------------------


def public_issuer(request: HttpRequest, issuer_id) -> HttpResponse:
    issuer = (
        Issuer.objects.select_related("institution")
        .filter(uuid=parse_uuid(issuer_id))
        .first()
    )
    if issuer is None:
        raise Http404
    badge_classes = issuer.badge_classes.published()
    return render(
        request,
        "issuers/public_issuer.html",
        {"issuer": issuer, "badge_classes": badge_classes},
    )


@require_safe
def public_issuer_image(request: HttpRequest, issuer_id) -> HttpResponse:
    """The issuer's logo at its stable URL (``<issuer>/image``), cacheable by anyone."""
    issuer = Issuer.objects.filter(uuid=parse_uuid(issuer_id)).first()
    if issuer is None or not issuer.image:
        raise Http404
    return stored_image_response(request, issuer.image, public=True)


@login_required
def issuer_audit_log(request: HttpRequest, issuer_id) -> HttpResponse:
    """Everything that changed at an issuer, newest first, in sentences, filterable by kind (administrators)."""
    issuer = access_issuer(request.user, issuer_id, role=Role.ADMIN)
    events = AuditEvent.objects.for_issuer(issuer).select_related("actor")
    codes = AuditEvent.objects.for_issuer(issuer).values_list("action", flat=True)
    kinds = sorted({code.split(".")[0] for code in codes.distinct().order_by()})
    kind = request.GET.get("kind", "")
    if kind in kinds:
        events = events.filter(action__startswith=kind + ".")
    else:
        kind = ""
    page = paginate(request, events)
    return render(
        request,
        "issuers/audit_log.html",
        {
            "issuer": issuer,
            "page_obj": page,
            "entries": describe(page.object_list),
            "kinds": [(k, kind_label(k)) for k in kinds],
            "kind": kind,
        },
    )


@login_required
def issuer_translation(request: HttpRequest, issuer_id, language: str) -> HttpResponse:
    """Translate an issuer's public name and description into one language (administrators)."""
    from .translations import LANGUAGE_NAMES

    issuer = access_issuer(request.user, issuer_id, role=Role.ADMIN)
    if language not in LANGUAGE_NAMES or language == issuer.language:
        raise Http404
    form = TranslationForm(request.POST or None, instance=issuer, language=language)
    if request.method == "POST" and form.is_valid():
        translations = {**issuer.translations, language: form.texts()}
        try:
            actions.update_issuer(
                issuer=issuer, acting_user=request.user, translations=translations
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Translation saved."))
            return redirect("issuers:issuer-detail", issuer.uuid)
    return render(
        request,
        "translation.html",
        {
            "form": form,
            "language_name": _(LANGUAGE_NAMES[language]),
            "back_url": reverse("issuers:issuer-detail", args=[issuer.uuid]),
            "back_label": issuer.name,
        },
    )
