"""The schema check: 1EdTech's official OB 3.0 JSON Schemas, offline, and a few extra rules.

The schemas in ``schemas/`` (see ``schemas/README.md``) are loaded into a
``referencing`` registry by their ``$id``; there is no retrieval hook, so a
``$ref`` to anything else is unresolvable and validation never reaches the
network. Which schema a credential meets depends on how it is secured:

- a JSON-LD credential (an embedded Data Integrity proof) meets the
  **JSON-LD adaptation** (``ACHIEVEMENT_CREDENTIAL``), which accepts the
  single values JSON-LD compaction writes (a ``proof`` object, a ``type``
  string);
- the credential inside a JWT (a VC-JWT ``vc`` claim, a ``vc+jwt`` payload)
  meets the **formal 2024-09 schema** (``ACHIEVEMENT_CREDENTIAL_FORMAL``),
  which wants arrays;
- an ``EndorsementCredential`` meets the endorsement schema (1EdTech
  publishes only its JSON-LD adaptation).

The official schemas describe VC Data Model 2.0 credentials (first
``@context`` ``https://www.w3.org/ns/credentials/v2``, ``validFrom``,
``validUntil``). A credential on VC Data Model 1.1 meets the same schema in
its VC 1.1 form, made here at load time: the first ``@context`` is
``https://www.w3.org/2018/credentials/v1`` and the dates are ``issuanceDate``
and ``expirationDate``, as in the schemas 1EdTech published for OB 3.0 before
3.0.3 (under the same ``$id``, since replaced). Nothing else changes.

``insignia_ob_v3p0_extra_rules.json`` holds the rules of the data model the
official schemas leave out; a failure names the rule. For example::

    >>> schema_errors(credential_without_criteria)
    ["credentialSubject.achievement: 'criteria' is a required property"]
    >>> check_schema(credential_without_criteria, "data-integrity")
    Failed("The official OB 3.0 AchievementCredential schema (JSON-LD
    adaptation) is not met: credentialSubject.achievement: 'criteria' is a
    required property")

The ``date-time`` format the schemas name is checked (RFC 3339, with a time
zone), and the extra rules' ``uri`` (a scheme, then ``:``). Whatever the
document holds, the check ends in a message, never an exception.
"""

from __future__ import annotations

import itertools
import json
import re
import reprlib
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft201909Validator, FormatChecker
from jsonschema.exceptions import ValidationError, relevance
from referencing import Registry, Resource

from ._checks import Failed
from .build import VC2_CONTEXT

__all__ = [
    "ACHIEVEMENT_CREDENTIAL",
    "ACHIEVEMENT_CREDENTIAL_FORMAL",
    "ENDORSEMENT_CREDENTIAL",
    "EXTRA_RULES",
    "check_schema",
    "schema_errors",
]

_PURL = "https://purl.imsglobal.org/spec/ob/v3p0/schema"
ACHIEVEMENT_CREDENTIAL = f"{_PURL}/json/ob_v3p0_achievementcredential_schema.json"
# The formal 2024-09 file's $id names the json-ld path, as published.
ACHIEVEMENT_CREDENTIAL_FORMAL = (
    f"{_PURL}/json-ld/ob_v3p0_achievementcredential_schema.json"
)
ENDORSEMENT_CREDENTIAL = f"{_PURL}/json/ob_v3p0_endorsementcredential_schema.json"
EXTRA_RULES = "urn:insignia:schema:ob_v3p0_extra_rules"

VC1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
_VC11_PREFIX = "urn:insignia:schema:vc11-form:"
_SINGLE_TYPES_PREFIX = "urn:insignia:schema:single-types:"
_SINGLE_TYPES_RULE = "Insignia's extra rule “a single type names its class”: "
# VC Data Model 2.0, section 4.9: validFrom and validUntil replace VC 1.1's
# issuanceDate and expirationDate.
_VC11_NAMES = {"validFrom": "issuanceDate", "validUntil": "expirationDate"}

_NAMES = {
    ACHIEVEMENT_CREDENTIAL: "AchievementCredential schema (JSON-LD adaptation)",
    ACHIEVEMENT_CREDENTIAL_FORMAL: "AchievementCredential schema (formal, 2024-09)",
    ENDORSEMENT_CREDENTIAL: "EndorsementCredential schema (JSON-LD adaptation)",
}
_JSON_LD = "data-integrity"
_MAX_ERRORS = 50  # per schema: enough to report, bounded for hostile input
_MAX_SHOWN = 5
# Validation costs up to about 0.15 ms per JSON value (a 1 MB credential of
# 3,500 values: a quarter of a second); ours hold a few hundred values.
MAX_VALUES = 10_000
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxlist = _REPR.maxdict = 3
_REPR.maxlevel = 2


# --- loading ----------------------------------------------------------------------------


def _vc11_form(node: Any) -> Any:
    """Return a copy of a schema with VC 1.1's first context and date names."""
    if isinstance(node, list):
        return [_vc11_form(item) for item in node]
    if not isinstance(node, dict):
        return _VC11_NAMES.get(node, node) if isinstance(node, str) else node
    copy = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            copy[key] = {_VC11_NAMES.get(k, k): _vc11_form(v) for k, v in value.items()}
        elif key == "enum" and value == [VC2_CONTEXT]:
            copy[key] = [VC1_CONTEXT]
        elif key == "required":
            copy[key] = [_VC11_NAMES.get(name, name) for name in value]
        elif key in ("description", "$comment", "title"):
            copy[key] = value
        else:
            copy[key] = _vc11_form(value)
    if "$id" in copy:
        copy["$id"] = _VC11_PREFIX + node["$id"]
    return copy


def _single_types(node: Any) -> Any:
    """Return a copy of a JSON-LD adaptation whose single ``type`` strings name the class.

    The adaptation lets ``type`` be one IRI, any IRI, where the formal
    schema wants an array containing the class ("The type MUST include the
    IRI 'Evidence'", B.1); here the single IRI must be the class too.
    """
    if isinstance(node, list):
        return [_single_types(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _single_types(value) for key, value in node.items()}
    branches = copy.get("properties", {}).get("type", {}).get("oneOf")
    if isinstance(branches, list) and len(branches) == 2 and "contains" in branches[1]:
        copy["properties"]["type"]["oneOf"] = [branches[1]["contains"], branches[1]]
    if "$id" in copy:
        copy["$id"] = _SINGLE_TYPES_PREFIX + node["$id"]
    return copy


@cache
def _registry() -> Registry:
    folder = resources.files(__package__) / "schemas"
    contents = [
        json.loads(entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".json")
    ]
    by_id = {schema["$id"]: schema for schema in contents}
    for schema_id in _NAMES:
        vc11 = _vc11_form(by_id[schema_id])
        by_id[vc11["$id"]] = vc11
    for schema_id in (ACHIEVEMENT_CREDENTIAL, ENDORSEMENT_CREDENTIAL):
        for form in (schema_id, _VC11_PREFIX + schema_id):
            tightened = _single_types(by_id[form])
            by_id[tightened["$id"]] = tightened
    return Registry().with_resources(
        (schema_id, Resource.from_contents(schema))
        for schema_id, schema in by_id.items()
    )


_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\"<>\\^`{|}]*")


def _is_date_time(value: object) -> bool:
    """RFC 3339, section 5.6 ``date-time``: a full date, a time and a time zone."""
    if not isinstance(value, str):
        return True  # formats apply to strings only (JSON Schema 2019-09, 7.1)
    match = _DATE_TIME.fullmatch(value)
    if not match:
        return False
    # A leap second (":60") is a valid RFC 3339 time that datetime cannot hold.
    text = value[: match.start(3)] + "59" + value[match.end(3) :]
    try:
        datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return int(match.group(3)) <= 60


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


def _format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("date-time")(_is_date_time)
    checker.checks("uri")(_is_uri)
    return checker


@cache
def _validator(schema_id: str) -> Draft201909Validator:
    return Draft201909Validator(
        _registry()[schema_id].contents,
        registry=_registry(),
        format_checker=_format_checker(),
    )


# --- messages ---------------------------------------------------------------------------


def _path(error: ValidationError) -> str:
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path.lstrip(".") or "(root)"


def _wrong_type(error: ValidationError) -> bool:
    """Return True when ``error`` only says its instance is of another JSON type."""
    if error.relative_path:
        return False
    if error.validator == "type":
        return True
    return error.validator in ("oneOf", "anyOf") and all(
        _wrong_type(e) for e in error.context
    )


def _reach(error: ValidationError) -> int:
    """Return how deep into the instance ``error`` (or its causes) got."""
    below = max((_reach(e) for e in error.context), default=0)
    return len(error.relative_path) + below


def _cause(error: ValidationError) -> ValidationError:
    """Descend from a ``oneOf``/``anyOf`` failure into the alternative meant.

    The alternative meant is the only one for the instance's JSON type (a
    list failing ``oneOf: [IRI, array of IRIs]`` failed the array branch)
    or, of several, the one that got furthest into the instance with the
    fewest failures (an issuer object failed as a Profile, not as a
    language map).
    """
    while error.validator in ("oneOf", "anyOf") and error.context:
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        meant = [b for b in branches.values() if not any(map(_wrong_type, b))]
        if len(meant) > 1:  # the one that got furthest, with the fewest failures
            reach = sorted(
                ((max(map(_reach, b)), -len(b)), i) for i, b in enumerate(meant)
            )
            if reach[-1][0] > reach[-2][0]:
                meant = [meant[reach[-1][1]]]
        if len(meant) != 1:
            break
        error = min(meant[0], key=relevance)
    return error


def _message(error: ValidationError) -> str:
    """Return ``path: message`` for the most precise cause of ``error``."""
    cause = _cause(error)
    message = cause.message
    if cause.validator == "contains" and isinstance(cause.validator_value, dict):
        wanted = cause.validator_value.get("enum") or [
            cause.validator_value.get("const")
        ]
        message = f"{{instance}} contains none of {', '.join(map(repr, wanted))}"
        message = message.format(instance=repr(cause.instance))
    whole = repr(cause.instance)
    if len(whole) > 80 and whole in message:
        message = message.replace(whole, _REPR.repr(cause.instance))
    elif len(message) > 300:
        message = message[:300] + "…"
    return f"{_path(cause)}: {message}"


def _count_values(document: Any, limit: int) -> int:
    """Count the JSON values in ``document``, stopping past ``limit``."""
    count, stack = 0, [document]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def _errors(
    schema_id: str, document: Any, name: Callable[[ValidationError], str] | None = None
) -> list[str]:
    """Return ``path: message`` for each violation (``name(error)`` prefixes it)."""
    try:
        found = itertools.islice(
            _validator(schema_id).iter_errors(document), _MAX_ERRORS
        )
        messages = [(name(error) if name else "") + _message(error) for error in found]
    except RecursionError:
        return ["(root): the document is nested too deeply to check."]
    except (TypeError, ValueError) as exc:
        # Only a mapping that is not JSON (keys that are not strings, say)
        # gets here: JSON text always parses to values a schema can read.
        return [f"(root): the document is not plain JSON ({type(exc).__name__})."]
    return list(dict.fromkeys(messages))


def _rule(error: ValidationError) -> str:
    """Name the extra rule (an item of the schema's ``allOf``) that ``error`` breaks."""
    rules = _registry()[EXTRA_RULES].contents["allOf"]
    return f"Insignia's extra rule “{rules[error.schema_path[1]]['title']}”: "


# --- the check --------------------------------------------------------------------------


def _types(document: Any) -> set[str]:
    types = document.get("type") if isinstance(document, Mapping) else None
    if isinstance(types, str):
        return {types}
    return (
        {t for t in types if isinstance(t, str)} if isinstance(types, list) else set()
    )


def _is_vc11(document: Any) -> bool:
    contexts = document.get("@context") if isinstance(document, Mapping) else None
    return isinstance(contexts, list) and bool(contexts) and contexts[0] == VC1_CONTEXT


def _official(document: Any, proof_format: str) -> tuple[str, str]:
    """Return the ``$id`` of the official schema ``document`` must meet, and its name."""
    types = _types(document)
    if "EndorsementCredential" in types and not types & {
        "AchievementCredential",
        "OpenBadgeCredential",
    }:
        schema_id = ENDORSEMENT_CREDENTIAL
    elif proof_format == _JSON_LD:
        schema_id = ACHIEVEMENT_CREDENTIAL
    else:
        schema_id = ACHIEVEMENT_CREDENTIAL_FORMAL
    name = f"the official OB 3.0 {_NAMES[schema_id]}"
    if _is_vc11(document):
        return _VC11_PREFIX + schema_id, f"{name} in its VC Data Model 1.1 form"
    return schema_id, name


def _violations(document: Any, proof_format: str) -> tuple[str, list[str], list[str]]:
    """Return the official schema's name, its violations and the extra rules'."""
    schema_id, name = _official(document, proof_format)
    if _count_values(document, MAX_VALUES) > MAX_VALUES:
        too_big = f"(root): more than {MAX_VALUES} JSON values, too many to check"
        return name, [too_big], []
    official = _errors(schema_id, document)
    extra = []
    if not official and _SINGLE_TYPES_PREFIX + schema_id in _registry():
        extra = _errors(
            _SINGLE_TYPES_PREFIX + schema_id, document, lambda _: _SINGLE_TYPES_RULE
        )
    if not schema_id.endswith(ENDORSEMENT_CREDENTIAL):
        extra += _errors(EXTRA_RULES, document, _rule)
    return name, official, extra


def schema_errors(document: Any, proof_format: str = _JSON_LD) -> list[str]:
    """Return the violations of ``document`` as ``"path: message"`` (empty if valid).

    ``proof_format`` is ``verify()``'s: ``"data-integrity"`` for a JSON-LD
    credential, anything else (``"vc-jwt"``, ``"vc-jose"``) for the
    credential carried in a JWT. A violation of an extra rule starts
    ``Insignia's extra rule “…”:``.
    """
    _, official, extra = _violations(document, proof_format)
    return official + extra


def _listed(messages: list[str]) -> str:
    more = len(messages) - _MAX_SHOWN
    return "; ".join(messages[:_MAX_SHOWN]) + (
        f" (and {more} more)" if more > 0 else ""
    )


def check_schema(credential: Any, proof_format: str = _JSON_LD) -> str:
    """Return the passed message, or raise ``Failed`` naming the schema or rule not met.

    A JWT payload that fails the formal schema but meets the JSON-LD
    adaptation (a single ``proof`` object where the formal schema wants an
    array, as in the ``vc`` claim of tokens Insignia issued before issue 18)
    passes with a note, as in 1EdTech's validator, which reports the formal
    schema's complaints as warnings then.
    """
    name, official, extra = _violations(credential, proof_format)
    note = ""
    if official and proof_format != _JSON_LD:
        lenient_name, lenient, _ = _violations(credential, _JSON_LD)
        if not lenient:
            note = f" It does not meet {name}: {_listed(official)}."
            name, official = lenient_name, []
    failures = []
    if official:
        failures.append(f"{name[0].upper()}{name[1:]} is not met: {_listed(official)}.")
    if extra:
        failures.append(_listed(extra) + ".")
    if failures:
        raise Failed(" ".join(failures))
    return f"The credential meets {name} and Insignia's extra rules.{note}"
