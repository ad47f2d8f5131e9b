"""1EdTech's official OB 3.0 API schemas (shipped in ``credentials/ob3/schemas/``), offline.

``schema_errors(document, name)`` checks a document against one of them
(``profile``, ``imsx_statusinfo``, ``getopenbadgecredentialsresponse``) with
JSON Schema 2019-09, as the files declare, and returns at most a few messages.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft201909Validator

NAMES = ("profile", "imsx_statusinfo", "getopenbadgecredentialsresponse")
_MAX = 10


@cache
def validator(name: str) -> Draft201909Validator:
    """Return the validator for the official ``ob_v3p0_<name>_schema.json``."""
    if name not in NAMES:
        raise KeyError(name)
    text = (
        resources.files("credentials.ob3")
        .joinpath("schemas", f"ob_v3p0_{name}_schema.json")
        .read_text("utf-8")
    )
    return Draft201909Validator(json.loads(text))


def schema_errors(document: Any, name: str) -> list[str]:
    """Return what in ``document`` breaks the official ``name`` schema (empty when it is met)."""
    messages = []
    for error in validator(name).iter_errors(document):
        where = ".".join(str(p) for p in error.absolute_path) or "(the document)"
        messages.append(f"{where}: {error.message[:200]}")
        if len(messages) >= _MAX:
            break
    return messages
