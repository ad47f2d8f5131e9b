"""The one way actions write audit events."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEvent


def record(
    action: str,
    *,
    actor,
    target: models.Model,
    institution=None,
    issuer=None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write an audit event for ``target``, identified by its public UUID when it has one."""
    target_id = getattr(target, "uuid", None) or target.pk
    return AuditEvent.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        target_type=target._meta.label_lower,
        target_id=str(target_id),
        institution=institution,
        issuer=issuer,
        data=data or {},
    )


def changed_fields(instance: models.Model, before: dict[str, Any]) -> dict[str, Any]:
    """Return ``{field: [old, new]}`` for the fields of ``before`` that now differ."""
    changes = {}
    for name, old in before.items():
        new = getattr(instance, name)
        if old != new:
            changes[name] = [_jsonable(old), _jsonable(new)]
    return changes


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool | type(None) | list | dict):
        return value
    return str(value)
