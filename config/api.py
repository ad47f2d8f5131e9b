"""API defaults: the single exception handler that gives every error one shape.

Every error response is::

    {"code": "validation_error", "detail": "Invalid input.",
     "fields": {"eqf_level": [{"code": "max_value", "message": "EQF levels run from 1 to 8."}]}}

``code`` is stable; ``fields`` appears for validation errors only, keyed by
field (list items as ``learning_outcomes.2.url``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from issuers.access import NOT_FOUND


def _field_errors(detail) -> dict[str, list[dict[str, str]]]:
    """Flatten DRF's nested error detail into ``{"a.0.b": [{"code", "message"}]}``."""
    fields: dict[str, list[dict[str, str]]] = {}

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), item)
        elif (
            isinstance(value, list)
            and value
            and not all(isinstance(v, exceptions.ErrorDetail) for v in value)
        ):
            for index, item in enumerate(value):
                walk(f"{prefix}.{index}", item)
        elif isinstance(value, list):
            for item in value:
                fields.setdefault(prefix or "non_field_errors", []).append(
                    {"code": item.code, "message": str(item)}
                )
        elif isinstance(value, exceptions.ErrorDetail):
            fields.setdefault(prefix or "non_field_errors", []).append(
                {"code": value.code, "message": str(value)}
            )

    walk("", detail)
    return fields


def _from_django(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail = {
            field: [
                exceptions.ErrorDetail(m, code=e.code or "invalid")
                for e in errors
                for m in e.messages
            ]
            for field, errors in exc.error_dict.items()
        }
    else:
        detail = {
            "non_field_errors": [
                exceptions.ErrorDetail(m, code=e.code or "invalid")
                for e in exc.error_list
                for m in e.messages
            ]
        }
    return exceptions.ValidationError(detail)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = {
            "code": "validation_error",
            "detail": "Invalid input.",
            "fields": _field_errors(exc.detail),
        }
    elif isinstance(exc, exceptions.ParseError):
        body = {"code": "malformed_request", "detail": str(exc.detail)}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        body = {"code": code, "detail": str(detail)}
    return Response(body, status=response.status_code, headers=_headers(response))


def _headers(response: Response) -> dict[str, str]:
    return {
        k: v
        for k, v in response.items()
        if k in ("WWW-Authenticate", "Retry-After", "Allow")
    }


def api_not_found(request, exception=None):
    """JSON 404 for unknown /api/ paths."""
    from django.http import JsonResponse

    return JsonResponse(
        {"code": "not_found", "detail": NOT_FOUND}, status=status.HTTP_404_NOT_FOUND
    )


@extend_schema_field(
    {
        "type": "string",
        "format": "uri",
        "pattern": "^https?://[a-z0-9-]+(\\.[a-z0-9-]+)+(/[A-Za-z0-9._~%/-]*)?$",
        "maxLength": 200,
    }
)
class WebAddressField(serializers.URLField):
    """A web page's address (http or https); the schema says so, not only "a URI"."""


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, naming the house style's nested serializers after their view.

    ``AwardRevokeApi.InputSerializer`` becomes the component ``AwardRevokeInput``
    (and ``AwardRevokeInputRequest`` for requests), so views' nested
    ``InputSerializer``/``OutputSerializer`` classes never collide.
    """

    def get_serializer_name(self, serializer, direction):
        name = super().get_serializer_name(serializer, direction)
        outer, dot, inner = type(serializer).__qualname__.rpartition(".")
        if dot and "." not in outer and outer.endswith(("Api", "View")):
            return outer.removesuffix("Api").removesuffix("View") + inner.removesuffix(
                "Serializer"
            )
        return name

    def _get_response_bodies(self, direction="response"):
        """Each operation's answers, with the error answers it can give in the one error shape."""
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        error = self._error_component()
        for code, response in responses.items():  # declared with a description only
            if code >= "400" and "content" not in response:
                response["content"] = {"application/json": {"schema": error}}
        for code, description in self._error_statuses():
            responses.setdefault(
                code,
                {
                    "description": description,
                    "content": {"application/json": {"schema": error}},
                },
            )
        return responses

    def _error_statuses(self) -> list[tuple[str, str]]:
        statuses = []
        if self.method in ("POST", "PUT", "PATCH"):
            statuses.append(
                (
                    "400",
                    "The request is malformed or a field is invalid (``fields`` says which).",
                )
            )
        if {} not in self.get_auth():
            statuses += [
                ("401", "No API token was given, or it is invalid or revoked."),
                ("403", "The token's user may not do this."),
            ]
        if "{" in self.path:
            statuses.append(
                ("404", "There is no such object, or it is not yours to see.")
            )
        return statuses

    def _error_component(self) -> dict:
        component = ResolvedComponent(
            name="ApiError",
            type=ResolvedComponent.SCHEMA,
            object="ApiError",
            schema={
                "type": "object",
                "description": "Every error answer (see config/api.py).",
                "properties": {
                    "code": {"type": "string"},
                    "detail": {"type": "string"},
                    "fields": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "code": {"type": "string"},
                                    "message": {"type": "string"},
                                },
                                "required": ["code", "message"],
                            },
                        },
                    },
                },
                "required": ["code", "detail"],
            },
        )
        self.registry.register_on_missing(component)
        return component.ref
