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


@pytest.mark.parametrize(
    "text, detail",
    [
        ('{"n": NaN}', "NaN is not a number JSON allows"),
        ('{"n": -Infinity}', "-Infinity is not a number JSON allows"),
        ('{"n": 1e999999}', "the number 1e999999 is too large"),
        ('{"n": ' + "9" * 5000 + "}", "a number of 5000 digits is too long"),
        ('{"a": "\\ud800"}', "a lone UTF-16 surrogate is not text"),
        ('{"\\udfff": 1}', "a lone UTF-16 surrogate is not text"),
    ],
)
def test_what_python_accepts_and_json_does_not_is_refused(text, detail):
    with pytest.raises(jsontext.NotJSON) as caught:
        jsontext.loads(text)
    assert caught.value.detail == detail


def test_large_but_fine_numbers_and_real_surrogate_pairs_are_kept():
    value = jsontext.loads(
        '{"n": ' + "9" * 4300 + ', "f": 1e308, "s": "\\ud83c\\udf93"}'
    )
    assert value["s"] == "🎓" and value["f"] == 1e308 and len(str(value["n"])) == 4300
