"""The public directory: issuers that opted in (``Issuer.listed_in_directory``) and their
published badge classes, searchable and paged.

Everything shown goes through ``listed_issuers()``, so nothing of an issuer that
has not opted in, or that is archived (or whose institution is), ever appears.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from badges.choices import Status
from badges.models import BadgeClass
from config.paging import paginate

from .access import parse_uuid
from .models import Issuer
from .translations import LANGUAGE_NAMES

PER_PAGE = 24
EQF_LEVELS = range(1, 9)


def listed_issuers() -> QuerySet[Issuer]:
    """Issuers that asked to be listed and are not archived, nor is their institution."""
    return Issuer.objects.filter(
        listed_in_directory=True,
        archived_at__isnull=True,
        institution__archived_at__isnull=True,
    )


def listed_badge_classes() -> QuerySet[BadgeClass]:
    """Published badge classes of listed issuers."""
    return BadgeClass.objects.published().filter(issuer__in=listed_issuers())


def _search(request: HttpRequest) -> str:
    return " ".join(request.GET.get("q", "").split())[:200]


def _text_matches(query: str, *fields: str) -> Q:
    """Each word of ``query`` in one of ``fields`` (or in their translations)."""
    condition = Q()
    for word in query.split():
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__icontains": word})
        condition &= either
    return condition


@require_safe
def issuer_list(request: HttpRequest) -> HttpResponse:
    query = _search(request)
    issuers = (
        listed_issuers()
        .select_related("institution")
        .annotate(
            published_count=Count(
                "badge_classes", filter=Q(badge_classes__status=Status.PUBLISHED)
            )
        )
        .order_by("name", "pk")
    )
    if query:
        issuers = issuers.filter(
            _text_matches(
                query,
                "name",
                "description",
                "translations",
                "institution__name",
                "institution__translations",
                "locality",
            )
        )
    return render(
        request,
        "directory/issuers.html",
        {"query": query, "page_obj": paginate(request, issuers, PER_PAGE)},
    )


@require_safe
def badge_list(request: HttpRequest) -> HttpResponse:
    query = _search(request)
    badge_classes = listed_badge_classes().select_related("issuer__institution")
    if query:
        badge_classes = badge_classes.filter(
            _text_matches(
                query,
                "name",
                "description",
                "translations",
                "issuer__name",
                "issuer__institution__name",
            )
        )
    eqf = request.GET.get("eqf", "")
    if eqf.isdigit() and int(eqf) in EQF_LEVELS:
        badge_classes = badge_classes.filter(eqf_level=int(eqf))
    else:
        eqf = ""
    languages = _languages_offered()
    language = request.GET.get("language", "")
    if language in dict(languages):
        # The list is stored as JSON text (["lv", "en"]): the quoted code matches one entry.
        badge_classes = badge_classes.filter(
            languages_of_instruction__icontains=f'"{language}"'
        )
    else:
        language = ""
    issuer = _issuer_filter(request.GET.get("issuer", ""))
    if issuer is not None:
        badge_classes = badge_classes.filter(issuer=issuer)
    elif request.GET.get("issuer"):
        badge_classes = (
            badge_classes.none()
        )  # an unknown or unlisted issuer has none here
    return render(
        request,
        "directory/badges.html",
        {
            "query": query,
            "eqf": eqf,
            "eqf_levels": EQF_LEVELS,
            "language_filter": language,
            "language_choices": languages,
            "issuer": issuer,
            "page_obj": paginate(
                request, badge_classes.order_by("name", "pk"), PER_PAGE
            ),
        },
    )


def _issuer_filter(value: str) -> Issuer | None:
    """The listed issuer named by ``?issuer=``; None for none, an unknown or an unlisted one."""
    if not value:
        return None
    try:
        return listed_issuers().filter(uuid=parse_uuid(value)).first()
    except Http404:
        return None


def _languages_offered() -> list[tuple[str, str]]:
    """(code, name) of the languages of instruction of listed classes, named in the page's language."""
    codes = set()
    for values in listed_badge_classes().values_list(
        "languages_of_instruction", flat=True
    ):
        codes.update(code for code in values or () if code in LANGUAGE_NAMES)
    names = [(code, gettext(LANGUAGE_NAMES[code])) for code in codes]
    return sorted(names, key=lambda item: item[1])
