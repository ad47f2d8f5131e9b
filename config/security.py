"""The Content-Security-Policy header on every HTML page.

Every script and style comes from this site's static files: no inline
``<script>``, no event-handler attributes, no ``style=""``. A page that needs
another policy sets the header itself, and this middleware leaves it alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if HEADER not in response and content_type.startswith("text/html"):
            response[HEADER] = settings.CONTENT_SECURITY_POLICY
        return response
