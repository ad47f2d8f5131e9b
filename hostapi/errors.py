"""Every error of the OB 3.0 API as an ``Imsx_StatusInfo`` body (OB 3.0 §6, "Imsx_StatusInfo").

The codes minor are the specification's enumeration (``imsx_codeMinorFieldValue``);
the description is English, as the API's other texts are. ``ApiError`` carries
one such answer up from wherever a request is refused; the views turn it into
a response with ``response()``.
"""

from __future__ import annotations

from django.http import JsonResponse

SYSTEM = "Insignia"  # imsx_codeMinorFieldName: the system that produced the code

# imsx_codeMinorFieldValue, by HTTP status where one status has one meaning here.
FORBIDDEN = "forbidden"
INTERNAL_SERVER_ERROR = "internal_server_error"
INVALID_DATA = "invalid_data"
INVALID_QUERY_PARAMETER = "invalid_query_parameter"
NOT_ALLOWED = "not_allowed"
NOT_FOUND = "not_found"
UNAUTHORIZED = "unauthorizedrequest"
SERVER_BUSY = "server_busy"


class ApiError(Exception):
    """A refused request: its HTTP status, code minor, description and extra headers."""

    def __init__(
        self,
        status: int,
        code_minor: str,
        description: str,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.code_minor = code_minor
        self.description = description
        self.headers = headers or {}

    def response(self) -> JsonResponse:
        """Return the ``Imsx_StatusInfo`` response for this error."""
        return status_info(
            self.status, self.code_minor, self.description, headers=self.headers
        )


def status_info(
    status: int,
    code_minor: str,
    description: str,
    *,
    headers: dict[str, str] | None = None,
) -> JsonResponse:
    """Return an ``Imsx_StatusInfo`` failure with ``status``; never cached."""
    body = {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_codeMinor": {
            "imsx_codeMinorField": [
                {
                    "imsx_codeMinorFieldName": SYSTEM,
                    "imsx_codeMinorFieldValue": code_minor,
                }
            ]
        },
    }
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def not_found(request, exception=None) -> JsonResponse:
    """Answer any unknown path under the API's prefix."""
    return status_info(404, NOT_FOUND, "There is no such resource in this API.")
