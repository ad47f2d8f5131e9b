"""The issuers' dashboard: one issuer's or one institution's figures, as a page and as CSV."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from issuers.access import (
    access_institution,
    access_issuer,
    institution_role,
    issuers_for,
)

from . import charts
from .figures import PERIODS, Counts, Figures, clean_period, figures_for

PERIOD_NAMES = {
    "30d": gettext_lazy("Last 30 days"),
    "12m": gettext_lazy("Last 12 months"),
    "all": gettext_lazy("All time"),
}

# Cells that a spreadsheet would read as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _scope_issuers(request: HttpRequest, institution) -> tuple[list, bool]:
    """The institution's issuers the user may see (all for institution-wide staff), and whether that is a part."""
    if institution_role(request.user, institution):
        return list(institution.issuers.all()), False
    return list(issuers_for(request.user).filter(institution=institution)), True


def _percent(rate: float | None) -> int | None:
    return None if rate is None else round(rate * 100)


def _rate_parts(total: Counts) -> list[dict]:
    """The stacked bar of the issued awards: accepted, declined, pending (widths add up to 100)."""
    parts = [
        ("accepted", _("Accepted"), total.accepted),
        ("declined", _("Declined"), total.declined),
        ("pending", _("Not answered yet"), total.pending),
    ]
    x = 0.0
    out = []
    for css, name, value in parts:
        width = 100 * value / total.issued if total.issued else 0
        out.append({"css": css, "name": name, "value": value, "x": round(x, 2),
                    "width": round(width, 2), "percent": round(width)})  # fmt: skip
        x += width
    return out


def _context(request: HttpRequest, figures: Figures, **scope) -> dict:
    window = figures.window
    series = figures.series()
    buckets = [bucket for bucket, _c in series]
    total = figures.total
    rows = [
        {"bucket": bucket, "label": charts.bucket_label(bucket, window.unit), "counts": c,
         "claim_percent": _percent(c.claim_rate), "accept_percent": _percent(c.accept_rate)}
        for bucket, c in series
    ]  # fmt: skip
    return {
        **scope,
        "figures": figures,
        "period": window.period,
        "periods": [(p, PERIOD_NAMES[p]) for p in PERIODS],
        "period_name": PERIOD_NAMES[window.period],
        "unit": window.unit,
        "first_bucket": buckets[0],
        "total": total,
        "claim_percent": _percent(total.claim_rate),
        "accept_percent": _percent(total.accept_rate),
        "rate_parts": _rate_parts(total),
        "rows": rows,
        "awards_chart": charts.bar_chart(
            buckets, [c.issued for _b, c in series], window.unit
        ),
        "links_chart": charts.line_chart(
            buckets,
            [
                ("views", [c.views for _b, c in series]),
                ("verifications", [c.verifications for _b, c in series]),
            ],
            window.unit,
        ),
        "per_badge_class": [
            {
                "badge_class": bc,
                "counts": c,
                "claim_percent": _percent(c.claim_rate),
                "accept_percent": _percent(c.accept_rate),
            }
            for bc, c in figures.per_badge_class()
        ],  # fmt: skip
        "per_issuer": [
            {
                "issuer": issuer,
                "counts": c,
                "claim_percent": _percent(c.claim_rate),
                "accept_percent": _percent(c.accept_rate),
            }
            for issuer, c in figures.per_issuer()
        ],  # fmt: skip
    }


@login_required
@require_safe
def issuer_insights(request: HttpRequest, issuer_id) -> HttpResponse:
    issuer = access_issuer(request.user, issuer_id)
    figures = figures_for([issuer], clean_period(request.GET.get("period")))
    context = _context(request, figures, issuer=issuer, scope=issuer)
    return render(request, "insights/issuer.html", context)


@login_required
@require_safe
def institution_insights(request: HttpRequest, institution_id) -> HttpResponse:
    institution = access_institution(request.user, institution_id)
    issuers, partial = _scope_issuers(request, institution)
    figures = figures_for(issuers, clean_period(request.GET.get("period")))
    context = _context(
        request,
        figures,
        institution=institution,
        scope=institution,
        partial=partial,
    )
    return render(request, "insights/institution.html", context)


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading quote."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(figures: Figures, name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"insights-{slugify(name) or 'figures'}-{figures.window.period}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a byte order mark: Excel then reads UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Period start"),
            _("Period"),
            _("Issuer"),
            _("Badge class"),
            _("Badge class ID"),
            _("Issued"),
            _("Claimed"),
            _("Accepted"),
            _("Declined"),
            _("Not answered yet"),
            _("Revoked"),
            _("Shares"),
            _("Share link views"),
            _("Verifications"),
            _("Wallet deliveries"),
        ]
    )
    unit = _("month") if figures.window.unit == "month" else _("week")
    language = get_language()
    for bucket, badge_class, c in figures.rows():
        writer.writerow(
            [
                bucket.isoformat(),
                unit,
                safe_cell(badge_class.issuer.localized("name", language)),
                safe_cell(badge_class.localized("name", language)),
                badge_class.uuid,
                c.issued,
                c.claimed,
                c.accepted,
                c.declined,
                c.pending,
                c.revoked,
                c.shares,
                c.views,
                c.verifications,
                c.deliveries,
            ]
        )
    return response


@login_required
@require_safe
def issuer_insights_csv(request: HttpRequest, issuer_id) -> HttpResponse:
    issuer = access_issuer(request.user, issuer_id)
    figures = figures_for([issuer], clean_period(request.GET.get("period")))
    return _csv(figures, issuer.name)


@login_required
@require_safe
def institution_insights_csv(request: HttpRequest, institution_id) -> HttpResponse:
    institution = access_institution(request.user, institution_id)
    issuers, _partial = _scope_issuers(request, institution)
    figures = figures_for(issuers, clean_period(request.GET.get("period")))
    return _csv(figures, institution.name)
