"""JSON Schema checks of OB 3.0 credentials, offline.

The schemas in ``schemas/`` are loaded into a ``referencing`` registry by
their ``$id``; a ``$ref`` to anything else is unresolvable (there is no
retrieval hook), so validation never reaches the network. See
``schemas/README.md`` for where the schema comes from. For example::

    >>> schema_errors(credential)
    []
    >>> schema_errors(credential_without_criteria)
    ["credentialSubject.achievement: 'criteria' is a required property"]
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from ._checks import Failed

__all__ = ["ACHIEVEMENT_CREDENTIAL", "check_schema", "schema_errors"]

ACHIEVEMENT_CREDENTIAL = "urn:insignia:schema:ob_v3p0_achievementcredential_checks"


@cache
def _registry() -> Registry:
    folder = resources.files(__package__) / "schemas"
    resources_by_id = []
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            contents = json.loads(entry.read_text(encoding="utf-8"))
            resources_by_id.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources_by_id).crawl()


@cache
def _validator(schema_id: str) -> Draft202012Validator:
    schema = _registry()[schema_id].contents
    return Draft202012Validator(
        schema, registry=_registry(), format_checker=FormatChecker()
    )


def schema_errors(document: Any, schema_id: str = ACHIEVEMENT_CREDENTIAL) -> list[str]:
    """Return the violations of ``document`` as ``"path: message"`` (empty if valid)."""
    errors = sorted(
        _validator(schema_id).iter_errors(document), key=lambda e: list(e.absolute_path)
    )
    messages = []
    for error in errors:
        path = ".".join(str(p) for p in error.absolute_path) or "(root)"
        messages.append(f"{path}: {error.message}")
    return messages


def check_schema(credential: Any) -> str:
    errors = schema_errors(credential)
    if errors:
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise Failed("; ".join(errors[:5]) + more)
    return "The credential satisfies the OB 3.0 schema checks."
