"""Badges are baked into PNG and SVG images, read back, and hostile images are refused."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credentials.baking import (
    OB3_PNG_KEYWORD,
    bake_png,
    bake_svg,
    bake_svg_credential,
    unbake_png,
    unbake_svg,
    unbake_svg_credential,
)
from credentials.errors import BakingError

FIXTURES = Path(__file__).parent / "fixtures" / "ob2"
PNG = (FIXTURES / "badge.png").read_bytes()
SVG = (FIXTURES / "badge.svg").read_bytes()
URL = "https://badges.example.edu/public/assertions/6f1c"
JWS = "eyJhbGciOiJSUzI1NiJ9.eyJpZCI6IjEifQ.c2lnbmF0dXJl"


def _chunk(ctype: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + ctype
        + data
        + struct.pack(">I", zlib.crc32(ctype + data))
    )


def _chunk_types(png: bytes) -> list[bytes]:
    types, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        types.append(png[pos + 4 : pos + 8])
        pos += 12 + length
    return types


# ------------------------------------------------------------------- PNG


def test_it_bakes_and_unbakes_a_png():
    baked = bake_png(PNG, URL)
    assert unbake_png(baked) == URL
    assert unbake_png(PNG) is None


def test_it_writes_an_uncompressed_itxt_chunk_before_iend():
    baked = bake_png(PNG, JWS)
    assert _chunk_types(baked)[-2:] == [b"iTXt", b"IEND"]
    assert _chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00" + JWS.encode()) in baked


def test_it_replaces_an_earlier_badge():
    twice = bake_png(bake_png(PNG, URL), JWS)
    assert unbake_png(twice) == JWS
    assert _chunk_types(twice).count(b"iTXt") == 1


def test_it_keeps_ob2_and_ob3_badges_apart():
    both = bake_png(bake_png(PNG, URL), JWS, keyword=OB3_PNG_KEYWORD)
    assert unbake_png(both) == URL
    assert unbake_png(both, keyword=OB3_PNG_KEYWORD) == JWS


def test_it_reads_compressed_itxt_and_legacy_text_chunks():
    body = PNG[:-12]
    compressed = _chunk(
        b"iTXt", b"openbadges\x00\x01\x00\x00\x00" + zlib.compress(URL.encode())
    )
    assert unbake_png(body + compressed + PNG[-12:]) == URL
    legacy = _chunk(b"tEXt", b"openbadges\x00" + URL.encode())
    assert unbake_png(body + legacy + PNG[-12:]) == URL


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_it_round_trips_any_text_through_a_png(payload):
    assert unbake_png(bake_png(PNG, payload)) == payload


def _with_bad_crc(png: bytes) -> bytes:
    corrupt = bytearray(png)
    corrupt[29] ^= 0xFF  # the last byte of IHDR's CRC (8 + 8 + 13 + 4 = 33 bytes)
    return bytes(corrupt)


HOSTILE_PNGS = {
    "not a png": (b"GIF89a" + b"\x00" * 20, "PNG signature is missing"),
    "empty": (b"", "PNG signature is missing"),
    "bad crc": (_with_bad_crc(PNG), "bad CRC in IHDR"),
    "truncated chunk": (PNG[:40], "Truncated PNG"),
    "truncated header": (PNG[:10], "chunk header at byte 8 is incomplete"),
    "huge length": (
        PNG[:8] + struct.pack(">I", 2**31) + b"IHDR" + b"\x00" * 20,
        "declares length",
    ),
    "no IHDR first": (
        PNG[:8] + _chunk(b"tEXt", b"a\x00b") + PNG[8:],
        "first chunk is not IHDR",
    ),
    "bad chunk type": (PNG[:8] + _chunk(b"IH1R", b""), "chunk type"),
    "data after IEND": (PNG + b"junk", "4 bytes after IEND"),
    "no IEND": (PNG[:-12], "Truncated PNG"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PNGS))
def test_it_refuses_hostile_pngs(name):
    data, message = HOSTILE_PNGS[name]
    for call in (lambda: unbake_png(data), lambda: bake_png(data, URL)):
        with pytest.raises(BakingError, match=message) as caught:
            call()
        assert caught.value.code == "baking_error"


def test_it_refuses_a_compression_bomb():
    bomb = zlib.compress(b"\x00" * (17 * 1024 * 1024))
    chunk = _chunk(b"iTXt", b"openbadges\x00\x01\x00\x00\x00" + bomb)
    with pytest.raises(BakingError, match="beyond the size limit"):
        unbake_png(PNG[:-12] + chunk + PNG[-12:])


# ------------------------------------------------------------------- SVG


def test_it_bakes_a_hosted_badge_into_an_svg():
    baked = bake_svg(SVG, verify_url=URL, assertion_json='{"id": "x"}')
    text = baked.decode()
    assert 'xmlns:openbadges="http://openbadges.org"' in text
    assert f'<openbadges:assertion verify="{URL}"><![CDATA[{{"id": "x"}}]]>' in text
    # Directly after the <svg> tag (OB 2.0 baking specification).
    assert (
        text.index("<openbadges:assertion") == text.index(">", text.index("<svg")) + 1
    )
    assert unbake_svg(baked) == URL


def test_it_bakes_a_signed_badge_into_an_svg():
    baked = bake_svg(SVG, jws=JWS)
    assert f'<openbadges:assertion verify="{JWS}"><![CDATA[{JWS}]]>' in baked.decode()
    assert unbake_svg(baked) == JWS


def test_it_replaces_an_earlier_svg_badge():
    twice = bake_svg(bake_svg(SVG, verify_url=URL), jws=JWS)
    assert twice.count(b"<openbadges:assertion") == 1
    assert twice.count(b"xmlns:openbadges") == 1
    assert unbake_svg(twice) == JWS


def test_it_bakes_a_self_closing_svg():
    baked = bake_svg(b'<svg xmlns="http://www.w3.org/2000/svg"/>', verify_url=URL)
    assert baked.endswith(b"</openbadges:assertion></svg>")
    assert unbake_svg(baked) == URL


def test_it_reads_the_body_when_there_is_no_verify_attribute():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
        b"<openbadges:assertion><![CDATA[ "
        + JWS.encode()
        + b" ]]></openbadges:assertion></svg>"
    )
    assert unbake_svg(svg) == JWS
    assert unbake_svg(SVG) is None


def test_it_escapes_cdata_terminators_in_the_body():
    body = '{"narrative": "a ]]> b"}'
    baked = bake_svg(SVG, verify_url=URL, assertion_json=body)
    svg_without_verify = baked.replace(f' verify="{URL}"'.encode(), b"")
    assert unbake_svg(svg_without_verify) == body


def test_it_bakes_ob3_credentials_into_svg():
    as_jwt = bake_svg_credential(SVG, JWS)
    assert b'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in as_jwt
    assert (
        f'<openbadges:credential verify="{JWS}"></openbadges:credential>'.encode()
        in as_jwt
    )
    assert unbake_svg_credential(as_jwt) == JWS
    as_json = bake_svg_credential(SVG, '{"type": ["VerifiableCredential"]}')
    assert b"<openbadges:credential><![CDATA[{" in as_json
    assert unbake_svg_credential(as_json) == '{"type": ["VerifiableCredential"]}'


def test_it_refuses_to_mix_namespaces_on_one_prefix():
    with pytest.raises(BakingError, match="already binds the openbadges prefix"):
        bake_svg_credential(bake_svg(SVG, verify_url=URL), JWS)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))))
def test_it_round_trips_any_text_through_an_svg(body):
    baked = bake_svg(SVG, verify_url=URL, assertion_json=body or None)
    assert unbake_svg(baked) == URL
    assert unbake_svg(baked.replace(f' verify="{URL}"'.encode(), b"")) == (
        body.strip() or None
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>"""

HOSTILE_SVGS = {
    "entity expansion": (BILLION_LAUGHS, "DOCTYPE is refused"),
    "external entity": (
        b'<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg"/>',
        "DOCTYPE is refused",
    ),
    "not xml": (b"\x89PNG\r\n", "Malformed SVG"),
    "not svg": (b"<html><body/></html>", "root element is <html>"),
    "undefined entity": (
        b'<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        "Malformed SVG",
    ),
    "utf-16": ('<svg xmlns="http://www.w3.org/2000/svg"/>'.encode("utf-16"), "UTF-8"),
    "latin-1": (b'<?xml version="1.0" encoding="ISO-8859-1"?><svg/>', "UTF-8"),
    "unclosed": (b'<svg xmlns="http://www.w3.org/2000/svg">', "Malformed SVG"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_SVGS))
def test_it_refuses_hostile_svgs(name):
    data, message = HOSTILE_SVGS[name]
    for call in (lambda: unbake_svg(data), lambda: bake_svg(data, verify_url=URL)):
        with pytest.raises(BakingError, match=message):
            call()


def test_it_removes_nested_earlier_badges_with_their_outer_element():
    nested = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
        b'<openbadges:assertion verify="a"><openbadges:assertion verify="b"/>'
        b'</openbadges:assertion><circle r="1"/></svg>'
    )
    baked = bake_svg(nested, verify_url=URL)
    assert baked.count(b"<openbadges:assertion") == 1
    assert b'<circle r="1"/>' in baked
    assert unbake_svg(baked) == URL


def test_it_refuses_text_that_xml_cannot_carry():
    with pytest.raises(ValueError, match="XML 1.0"):
        bake_svg(SVG, verify_url=URL, assertion_json="bell \x07")


def test_it_needs_a_url_or_a_jws_to_bake_an_svg():
    with pytest.raises(ValueError, match="verify_url"):
        bake_svg(SVG)
    with pytest.raises(ValueError, match="JWS alone"):
        bake_svg(SVG, verify_url=URL, jws=JWS)
    with pytest.raises(ValueError, match="not a compact JWS"):
        bake_svg(SVG, jws="not a jws")
