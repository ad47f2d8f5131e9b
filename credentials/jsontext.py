"""Reading JSON from strangers: bounded nesting, one error for everything that is not JSON.

Python's parser refuses very deep input with ``RecursionError`` (50,000
nested ``[`` is enough), and shallower but still absurd nesting makes every
recursive step after it (JSON-LD expansion, schema checks) slow or fragile.
No credential, context or DID document nests anywhere near ``MAX_DEPTH``
levels (an OB 3.0 credential with every EU element is about 8)::

    >>> loads('{"a": [1, {"b": 2}]}')
    {'a': [1, {'b': 2}]}
    >>> loads("[" * 50_000 + "]" * 50_000)
    Traceback (most recent call last):
    NestingError: The JSON is nested more than 100 levels deep.

Python's parser also accepts what JSON (RFC 8259) does not: ``NaN`` and
``Infinity``, numbers too large for a float (``1e999999`` becomes ``inf``)
and lone UTF-16 surrogates (``"\\ud800"``, which no UTF-8 text can hold);
and it refuses integers over 4,300 digits with a ``ValueError`` about
``sys.set_int_max_str_digits``. Each ends here in a ``NotJSON`` naming it,
so nothing downstream meets a value it cannot write back out.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .errors import DecodeError

__all__ = ["MAX_DEPTH", "NestingError", "NotJSON", "loads", "check_depth"]

MAX_DEPTH = 100


class NestingError(DecodeError):
    """The JSON nests lists and objects deeper than anything a credential needs."""

    code = "too_deep"


class NotJSON(DecodeError):
    """The text is not JSON; ``detail`` says why in the parser's words."""

    code = "not_json"

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"This is not JSON ({detail}).")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_constant(name: str) -> Any:
    raise NotJSON(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise NotJSON(f"the number {text[:20]} is too large")
    return value


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > 4300:
        raise NotJSON(f"a number of {len(text.lstrip('-'))} digits is too long")
    return int(text)


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """Return the parsed JSON; raise ``NestingError`` if it nests too deep, ``NotJSON`` if it is not JSON."""
    try:
        value = json.loads(
            text, parse_constant=_no_constant, parse_float=_finite, parse_int=_integer
        )
    except RecursionError:
        raise NestingError(_too_deep(max_depth)) from None
    except (
        ValueError,
        TypeError,
    ) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise NotJSON(str(getattr(exc, "msg", exc))) from None
    check_depth(value, max_depth=max_depth)
    return value


def check_depth(value: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """Raise ``NestingError`` when ``value`` nests lists and objects deeper than ``max_depth``.

    Iterative, so it is safe on any depth the parser let through. A string
    (or key) holding a lone surrogate raises ``NotJSON``.
    """
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise NotJSON("a lone UTF-16 surrogate is not text")
            continue
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            raise NestingError(_too_deep(max_depth))
        stack.extend((child, depth + 1) for child in children)


def _too_deep(max_depth: int) -> str:
    return f"The JSON is nested more than {max_depth} levels deep."
