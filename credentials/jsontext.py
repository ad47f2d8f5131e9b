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
"""

from __future__ import annotations

import json
from typing import Any

from .errors import DecodeError

__all__ = ["MAX_DEPTH", "NestingError", "loads", "check_depth"]

MAX_DEPTH = 100


class NestingError(DecodeError):
    """The JSON nests lists and objects deeper than anything a credential needs."""

    code = "too_deep"


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """Return the parsed JSON; raise ``NestingError`` if it nests too deep, ``DecodeError`` if it is not JSON."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise NestingError(_too_deep(max_depth)) from None
    except (
        ValueError,
        TypeError,
    ) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise DecodeError(f"This is not JSON ({getattr(exc, 'msg', exc)}).") from None
    check_depth(value, max_depth=max_depth)
    return value


def check_depth(value: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """Raise ``NestingError`` when ``value`` nests lists and objects deeper than ``max_depth``.

    Iterative, so it is safe on any depth the parser let through.
    """
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
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
