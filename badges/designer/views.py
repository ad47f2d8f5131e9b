"""The badge designer: a page per badge class, its live preview, saving and the PNG download.

Everything is drawn by ``svg.render`` on the server; the page's script asks
``design/preview.svg`` with the form's values as it changes, and without a
script the Preview button posts the form and the page draws the preview.
Staff need the role that edits the badge class (editor or stronger).
"""

from __future__ import annotations

import base64
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.shortcuts import render as render_page
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from badges.access import access_badge_class
from badges.actions import ARCHIVED_READ_ONLY
from badges.actions.design import save_badge_design
from badges.models import BadgeClass
from badges.rasterise import svg_to_png
from issuers.models import Role

from .forms import AltForm, DesignForm, initial_choices
from .logos import logo_png
from .svg import (
    DEFAULT_PALETTE,
    PALETTES,
    palette_swatch,
    render,
    shape_thumbnail,
)

PNG_WIDTH = 512
PREVIEW_POLICY = "default-src 'none'; img-src data:"


def _badge_class(request: HttpRequest, badge_class_id) -> BadgeClass:
    return access_badge_class(request.user, badge_class_id, role=Role.EDITOR)


def _svg(form: DesignForm, badge_class: BadgeClass, alt: str = "") -> bytes:
    design = form.design()
    logo = logo_png(badge_class.issuer) if design.logo else None
    return render(design, logo_png=logo, description=alt or design.title)


def default_alt(badge_class: BadgeClass) -> str:
    return _("Badge: %(title)s, %(issuer)s") % {
        "title": badge_class.name,
        "issuer": badge_class.issuer.name,
    }


@login_required
def designer(request: HttpRequest, badge_class_id) -> HttpResponse:
    badge_class = _badge_class(request, badge_class_id)
    if badge_class.is_archived:
        messages.error(request, _(ARCHIVED_READ_ONLY))
        return redirect("badges:badge-class-detail", badge_class.uuid)
    has_logo = bool(badge_class.issuer.image)
    if request.method != "POST":
        form = DesignForm(initial=initial_choices(badge_class), has_logo=has_logo)
        alt_form = AltForm(
            initial={"image_alt": badge_class.image_alt or default_alt(badge_class)}
        )
        start = DesignForm(initial_choices(badge_class), has_logo=has_logo)
        preview = _svg(start, badge_class) if start.is_valid() else None
        return _page(request, badge_class, form, alt_form, preview)
    data = request.POST.copy()
    action = data.get("action", "preview")
    if data.get("palette") in PALETTES:  # a palette button without the script
        data["primary"], data["accent"], data["text"] = PALETTES[data["palette"]][1]
        action = "preview"
    form = DesignForm(data, has_logo=has_logo)
    alt_form = AltForm(data)
    if not form.is_valid():
        return _page(request, badge_class, form, alt_form, None, status=400)
    if action == "png":
        return _png_download(badge_class, _svg(form, badge_class))
    if action == "save" and alt_form.is_valid():
        alt = alt_form.cleaned_data["image_alt"]
        try:
            save_badge_design(
                badge_class=badge_class,
                svg=_svg(form, badge_class, alt),
                design=form.design().as_json(),
                alt=alt,
                acting_user=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.update_error_dict({}).items():
                if field == "image_alt":
                    alt_form.add_error("image_alt", errors)
                else:
                    form.add_error(None, errors)
        else:
            messages.success(request, _("Badge image saved."))
            return redirect("badges:badge-class-detail", badge_class.uuid)
    preview = _svg(form, badge_class)
    status = 400 if alt_form.errors and action == "save" else 200
    return _page(request, badge_class, form, alt_form, preview, status=status)


def _page(request, badge_class, form, alt_form, preview: bytes | None, status=200):
    colours = _colours(form)
    context = {
        "badge_class": badge_class,
        "form": form,
        "alt_form": alt_form,
        "preview_uri": _data_uri(preview) if preview else "",
        "shape_choices": [
            (radio, _data_uri(shape_thumbnail(radio.data["value"], *colours)))
            for radio in form["shape"]
        ],
        "text_fields": [form["title"], form["subtitle"], form["logo"]],
        "palettes": [
            (key, label, colours, _data_uri(palette_swatch(*colours)))
            for key, (label, colours) in PALETTES.items()
        ],
    }
    return render_page(request, "badges/designer/designer.html", context, status=status)


def _colours(form: DesignForm) -> tuple[str, str, str]:
    """The colours the shape pictures are drawn in: the form's if valid, else its start."""
    fallback = PALETTES[DEFAULT_PALETTE][1]
    values = []
    for n, name in enumerate(("primary", "accent", "text")):
        value = form[name].value() or ""
        values.append(
            value if DesignForm.base_fields[name].regex.match(value) else fallback[n]
        )
    return tuple(values)


def _data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _png_download(badge_class: BadgeClass, svg: bytes) -> HttpResponse:
    response = HttpResponse(svg_to_png(svg, width=PNG_WIDTH), content_type="image/png")
    name = f"badge-{slugify(badge_class.name)[:60] or badge_class.uuid}.png"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@require_safe
def preview(request: HttpRequest, badge_class_id) -> HttpResponse:
    """The SVG for the form's values (GET parameters); 400 with ``{"errors": {field: [text]}}`` if they do not do."""
    badge_class = _badge_class(request, badge_class_id)
    form = DesignForm(request.GET, has_logo=bool(badge_class.issuer.image))
    if not form.is_valid():
        errors = {field: list(messages) for field, messages in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    response = HttpResponse(_svg(form, badge_class), content_type="image/svg+xml")
    response["Content-Security-Policy"] = PREVIEW_POLICY
    response["Cache-Control"] = "private, no-cache"
    return response
