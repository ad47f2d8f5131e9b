"""One way to page a long list: ``paginate`` for the view, ``templates/_pager.html`` for the page."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 50


def paginate(request: HttpRequest, items, per_page: int = PER_PAGE) -> Page:
    """The page of ``items`` asked for by ``?page=`` (the last one when past the end, the first when not a number).

    ``items`` must be ordered. Give the template ``page_obj`` and include ``_pager.html``;
    the pager keeps every other query parameter (search, filters) in its links.
    """
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    page.query_rest = query.urlencode()
    return page
