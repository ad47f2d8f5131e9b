"""Staff pages for bulk awarding: upload, preview, confirm, progress, result, and CSV downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from badges.access import access_badge_class
from issuers.models import Role

from . import actions, export, parsing
from .access import access_upload
from .forms import UploadForm
from .models import RowStatus, UploadStatus

# Statuses of an upload that still needs the task queue.
ACTIVE = (UploadStatus.PREVIEWED, UploadStatus.CONFIRMED, UploadStatus.PROCESSING)


def _queue_paused() -> bool:
    """Whether bulk work is paused because the task queue (the broker) cannot be reached."""
    from config import health

    return not health.broker()[0]


# The preview lists at most this many rows (the problems first); the error CSV has them all.
PREVIEW_ROWS = 500


@login_required
def upload_new(request: HttpRequest, badge_class_id) -> HttpResponse:
    """Upload a recipients CSV for preview; nothing is awarded yet."""
    badge_class = access_badge_class(request.user, badge_class_id, role=Role.AWARDER)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            upload = actions.create_upload(
                badge_class=badge_class,
                acting_user=request.user,
                data=parsing.read_upload(file),
                filename=file.name,
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            return redirect("bulk:upload-detail", upload.uuid)
    return render(
        request,
        "bulk/upload_form.html",
        {"badge_class": badge_class, "form": form, "columns": parsing.COLUMNS,
         "max_rows": parsing.MAX_ROWS, "max_mb": parsing.MAX_BYTES // 2**20,
         "queue_paused": _queue_paused()},
    )  # fmt: skip


@login_required
def upload_detail(request: HttpRequest, upload_id) -> HttpResponse:
    """The preview (before confirming), the progress (while awarding) or the result."""
    upload = access_upload(request.user, upload_id)
    rows = upload.rows.select_related("award")
    problems = rows.filter(status__in=[RowStatus.INVALID, RowStatus.FAILED])
    others = rows.exclude(status__in=[RowStatus.INVALID, RowStatus.FAILED])
    shown = list(problems[:PREVIEW_ROWS])
    shown += list(others[: PREVIEW_ROWS - len(shown)])
    return render(
        request,
        "bulk/upload_detail.html",
        {"upload": upload, "badge_class": upload.badge_class, "rows": shown,
         "more_rows": upload.total - len(shown), "columns": parsing.COLUMNS,
         "queue_paused": upload.status in ACTIVE and _queue_paused()},
    )  # fmt: skip


@login_required
@require_POST
def upload_confirm(request: HttpRequest, upload_id) -> HttpResponse:
    upload = access_upload(request.user, upload_id, role=Role.AWARDER)
    try:
        actions.confirm_upload(upload=upload, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Confirmed. The badges are being awarded."))
    return redirect("bulk:upload-detail", upload.uuid)


@login_required
def upload_errors_csv(request: HttpRequest, upload_id) -> HttpResponse:
    """The rows that were not awarded, with an ``error`` column, to fix and upload again."""
    upload = access_upload(request.user, upload_id)
    return export.csv_response(
        f"errors-{upload.uuid}.csv", export.ERROR_COLUMNS, export.error_rows(upload)
    )


@login_required
def template_csv(request: HttpRequest) -> HttpResponse:
    """The template: every column, with one example row."""
    return export.csv_response(
        "insignia-recipients-template.csv",
        list(parsing.COLUMNS),
        export.template_rows(),
    )


@login_required
def awards_csv(request: HttpRequest, badge_class_id) -> HttpResponse:
    """A badge class's awards as CSV, with the Awards page's ``q`` and ``state`` filters."""
    badge_class = access_badge_class(request.user, badge_class_id, role=Role.AWARDER)
    awards = export.filter_awards(
        badge_class.awards.all(),
        query=request.GET.get("q", "").strip(),
        state=request.GET.get("state", ""),
    )
    return export.csv_response(
        f"awards-{badge_class.uuid}.csv",
        export.AWARD_COLUMNS,
        export.award_rows(awards),
    )
