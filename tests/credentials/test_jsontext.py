"""Bounded JSON: parsed as usual up to MAX_DEPTH, a DecodeError (never RecursionError) beyond."""

import pytest

from credentials import jsontext
from credentials.errors import DecodeError


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_it_parses_json_up_to_the_limit():
    assert jsontext.loads('{"a": [1, {"b": 2}]}') == {"a": [1, {"b": 2}]}
    jsontext.loads(nested(jsontext.MAX_DEPTH))


@pytest.mark.parametrize("depth", [jsontext.MAX_DEPTH + 1, 5_000, 50_000, 500_000])
def test_deeper_json_is_refused_with_a_reason(depth):
    with pytest.raises(jsontext.NestingError, match="nested more than 100 levels"):
        jsontext.loads(nested(depth))


def test_objects_count_like_lists():
    deep = '{"a":' * 200 + "1" + "}" * 200
    with pytest.raises(jsontext.NestingError):
        jsontext.loads(deep)


@pytest.mark.parametrize("text", ["", "{", "nope", b"\xff\xfe\x00"])
def test_what_is_not_json_is_a_decode_error(text):
    with pytest.raises(DecodeError) as caught:
        jsontext.loads(text)
    assert not isinstance(caught.value, jsontext.NestingError)


def test_check_depth_is_iterative():
    value: list = []
    for _ in range(100_000):
        value = [value]
    with pytest.raises(jsontext.NestingError):
        jsontext.check_depth(value)
