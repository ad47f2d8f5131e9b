"""Baking: carry a badge inside its PNG or SVG image, and read it back.

Open Badges 2.0 "Baking Specification":

* PNG: an ``iTXt`` chunk with the keyword ``openbadges``, uncompressed, whose
  text is the signed badge (compact JWS) or the hosted Assertion (its JSON or
  URL). The bytes of such a chunk are::

      00 00 00 4b  69 54 58 74           length, "iTXt"
      6f 70 65 6e 62 61 64 67 65 73 00   "openbadges" NUL
      00 00 00 00                        no compression, method 0, "" NUL, "" NUL
      68 74 74 70 73 3a 2f 2f ...        "https://..." (UTF-8 text)
      xx xx xx xx                        CRC-32 of type and data

* SVG: ``xmlns:openbadges="http://openbadges.org"`` on ``<svg>`` and, directly
  after the ``<svg>`` tag, ``<openbadges:assertion verify="...">`` whose
  ``verify`` is the JWS or the hosted Assertion URL; a hosted badge also puts
  the Assertion JSON in the element, wrapped in ``<![CDATA[...]]>``.

Open Badges 3.0, section 5.3 "Baked Badges", uses the same carriers with the
PNG keyword ``openbadgecredential`` and the SVG element
``<openbadges:credential>`` in the ``https://purl.imsglobal.org/ob/v3p0``
namespace: a VC-JWT goes in ``verify``, a JSON credential in CDATA.

Images are untrusted input. PNG chunks are parsed here with ``struct`` and
``zlib.crc32`` and every length, CRC and ordering rule is checked; SVG is
parsed with expat, and a document type declaration (the door to entity
expansion attacks) is refused. Every failure raises ``BakingError``.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from .errors import BakingError

__all__ = [
    "MAX_IMAGE_BYTES",
    "OB2_PNG_KEYWORD",
    "OB3_PNG_KEYWORD",
    "OB2_SVG_NAMESPACE",
    "OB3_SVG_NAMESPACE",
    "bake_png",
    "unbake_png",
    "bake_svg",
    "unbake_svg",
    "bake_svg_credential",
    "unbake_svg_credential",
]

MAX_IMAGE_BYTES = 16 * 1024 * 1024
OB2_PNG_KEYWORD = "openbadges"
OB3_PNG_KEYWORD = "openbadgecredential"
OB2_SVG_NAMESPACE = "http://openbadges.org"
OB3_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MAX_CHUNK_LENGTH = 2**31 - 1  # PNG, section 5.3: lengths are limited to 2^31 - 1
_TEXT_CHUNKS = (b"iTXt", b"tEXt", b"zTXt")
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_JWS_RE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")

# ---------------------------------------------------------------------- PNG


def _check_size(data: bytes) -> None:
    if len(data) > MAX_IMAGE_BYTES:
        raise BakingError(f"The image is larger than {MAX_IMAGE_BYTES} bytes.")


def _png_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """Return the ``(type, data)`` chunks of ``png``, checking its structure.

    Raise ``BakingError`` for a missing signature, a truncated chunk, a length
    beyond 2^31 - 1, a bad CRC, an invalid chunk type, a first chunk other
    than IHDR, or anything but nothing after IEND.
    """
    _check_size(png)
    if not png.startswith(PNG_SIGNATURE):
        raise BakingError("Not a PNG image: the PNG signature is missing.")
    chunks: list[tuple[bytes, bytes]] = []
    pos = len(PNG_SIGNATURE)
    while True:
        if pos + 8 > len(png):
            raise BakingError(
                f"Truncated PNG: chunk header at byte {pos} is incomplete."
            )
        length, ctype = struct.unpack(">I4s", png[pos : pos + 8])
        if length > _MAX_CHUNK_LENGTH:
            raise BakingError(
                f"Invalid PNG: chunk at byte {pos} declares length {length}."
            )
        if not all(65 <= b <= 90 or 97 <= b <= 122 for b in ctype):
            raise BakingError(f"Invalid PNG: chunk type {ctype!r} at byte {pos}.")
        end = pos + 8 + length + 4
        if end > len(png):
            raise BakingError(
                f"Truncated PNG: {ctype.decode()} chunk at byte {pos} lacks data."
            )
        data = png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[end - 4 : end])
        if crc != zlib.crc32(ctype + data):
            raise BakingError(
                f"Corrupt PNG: bad CRC in {ctype.decode()} chunk at byte {pos}."
            )
        if not chunks and ctype != b"IHDR":
            raise BakingError("Invalid PNG: the first chunk is not IHDR.")
        chunks.append((ctype, data))
        pos = end
        if ctype == b"IEND":
            break
    if pos != len(png):
        raise BakingError(f"Invalid PNG: {len(png) - pos} bytes after IEND.")
    return chunks


def _png_chunk(ctype: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + ctype
        + data
        + struct.pack(">I", zlib.crc32(ctype + data))
    )


def _keyword_of(data: bytes) -> bytes:
    return data.split(b"\x00", 1)[0]


def _check_keyword(keyword: str) -> bytes:
    raw = keyword.encode("latin-1", "strict")
    if not 1 <= len(raw) <= 79:  # PNG, section 11.3.4.3: keywords are 1-79 bytes
        raise ValueError(f"Invalid PNG text keyword {keyword!r}.")
    return raw


def _itxt_text(data: bytes) -> str:
    """Return the text of an ``iTXt`` chunk (PNG, section 11.3.4.5)."""
    try:
        _keyword, rest = data.split(b"\x00", 1)
        flag, method = rest[0], rest[1]
        _language, rest = rest[2:].split(b"\x00", 1)
        _translated, text = rest.split(b"\x00", 1)
    except (ValueError, IndexError) as exc:
        raise BakingError("Malformed iTXt chunk.") from exc
    if flag == 1:
        if method != 0:
            raise BakingError(f"iTXt chunk uses unknown compression method {method}.")
        inflater = zlib.decompressobj()
        try:
            text = inflater.decompress(text, MAX_IMAGE_BYTES)
        except zlib.error as exc:
            raise BakingError("iTXt chunk holds corrupt compressed text.") from exc
        if inflater.unconsumed_tail:
            raise BakingError("iTXt chunk decompresses beyond the size limit.")
    elif flag != 0:
        raise BakingError(f"iTXt chunk has invalid compression flag {flag}.")
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BakingError("iTXt chunk text is not UTF-8.") from exc


def bake_png(
    png_bytes: bytes, payload: str, *, keyword: str = OB2_PNG_KEYWORD
) -> bytes:
    """Return ``png_bytes`` carrying ``payload`` in an uncompressed ``iTXt`` chunk.

    The chunk goes just before IEND; any earlier text chunk with the same
    keyword is dropped, so baking twice replaces the badge. Use
    ``keyword=OB3_PNG_KEYWORD`` for an OB 3.0 credential. Raise
    ``BakingError`` if ``png_bytes`` is not a well-formed PNG.
    """
    raw_keyword = _check_keyword(keyword)
    chunks = _png_chunks(png_bytes)
    kept = [
        (ctype, data)
        for ctype, data in chunks
        if not (ctype in _TEXT_CHUNKS and _keyword_of(data) == raw_keyword)
    ]
    badge = raw_keyword + b"\x00\x00\x00\x00\x00" + payload.encode("utf-8")
    kept.insert(len(kept) - 1, (b"iTXt", badge))
    return PNG_SIGNATURE + b"".join(_png_chunk(ctype, data) for ctype, data in kept)


def unbake_png(png_bytes: bytes, *, keyword: str = OB2_PNG_KEYWORD) -> str | None:
    """Return the text baked into ``png_bytes`` under ``keyword``, or ``None``.

    An ``iTXt`` chunk wins over a legacy (OB 1.0) ``tEXt`` chunk, as in the
    1EdTech bakery. Raise ``BakingError`` if the PNG is malformed.
    """
    raw_keyword = _check_keyword(keyword)
    legacy = None
    for ctype, data in _png_chunks(png_bytes):
        if ctype not in _TEXT_CHUNKS or _keyword_of(data) != raw_keyword:
            continue
        if ctype == b"iTXt":
            return _itxt_text(data)
        if ctype == b"tEXt" and legacy is None:
            legacy = data[len(raw_keyword) + 1 :].decode("latin-1")
    return legacy


# ---------------------------------------------------------------------- SVG


@dataclass
class _SvgScan:
    """What one strict pass of expat over an SVG found (byte offsets)."""

    root_start: int = -1
    root_attrs: dict[str, str] = field(default_factory=dict)
    # (start, end) byte offsets of every element named ``wanted``
    spans: list[tuple[int, int]] = field(default_factory=list)
    first_verify: str | None = None
    first_text: list[str] = field(default_factory=list)
    found: bool = False


def _end_of_tag(data: bytes, start: int) -> int:
    """Return the offset just past the ``>`` ending the tag that starts at ``start``."""
    quote = 0
    for i in range(start, len(data)):
        byte = data[i]
        if quote:
            if byte == quote:
                quote = 0
        elif byte in (0x22, 0x27):
            quote = byte
        elif byte == 0x3E:
            return i + 1
    raise BakingError("Malformed SVG: unterminated tag.")


# The public identifiers of the SVG DTDs (SVG 1.1, appendix A; SVG 1.0).
_SVG_PUBLIC_IDS = {
    "-//W3C//DTD SVG 1.0//EN",
    "-//W3C//DTD SVG 1.1//EN",
    "-//W3C//DTD SVG 1.1 Basic//EN",
    "-//W3C//DTD SVG 1.1 Tiny//EN",
}


def _scan_svg(svg: bytes, wanted: str) -> _SvgScan:
    """Parse ``svg`` strictly and locate its root and the ``wanted`` elements."""
    _check_size(svg)
    if svg.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BakingError("SVG must be UTF-8 encoded.")
    scan = _SvgScan()
    parser = expat.ParserCreate()  # no namespace processing: names keep their prefixes
    stack: list[tuple[str, int]] = []
    depth_in_first = 0

    def refuse_doctype(*_args: object) -> None:
        raise BakingError(
            "SVG with a DOCTYPE is refused (no DTDs or entities allowed)."
        )

    def doctype(
        _name: str, _system: str | None, public: str | None, internal: int
    ) -> None:
        # Drawing programs write the SVG 1.0/1.1 DOCTYPE; with no internal
        # subset it declares nothing, and expat never reads the external DTD.
        if internal or public not in _SVG_PUBLIC_IDS:
            refuse_doctype()

    def xml_decl(_version: str, encoding: str | None, _standalone: int) -> None:
        if encoding and encoding.lower() not in ("utf-8", "us-ascii"):
            raise BakingError(f"SVG must be UTF-8 encoded, not {encoding}.")

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth_in_first
        offset = parser.CurrentByteIndex
        if not stack:
            if name != "svg":
                raise BakingError(f"Not an SVG image: the root element is <{name}>.")
            scan.root_start, scan.root_attrs = offset, attrs
        if name == wanted and not scan.found:
            scan.found = True
            scan.first_verify = attrs.get("verify")
            depth_in_first = len(stack) + 1
        stack.append((name, offset))

    def end(name: str) -> None:
        nonlocal depth_in_first
        _, offset = stack.pop()
        if name == wanted and all(n != wanted for n, _ in stack):
            # The end event sits at "</x>", or at "<x/>" for an empty element.
            # Nested badge elements go with their outermost one.
            scan.spans.append((offset, _end_of_tag(svg, parser.CurrentByteIndex)))
        if depth_in_first and len(stack) < depth_in_first:
            depth_in_first = -1

    def text(data: str) -> None:
        if depth_in_first > 0:
            scan.first_text.append(data)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.SkippedEntityHandler = refuse_doctype  # &x; left unread by that DTD
    parser.XmlDeclHandler = xml_decl
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as exc:
        raise BakingError(f"Malformed SVG: {exc}") from exc
    if scan.root_start < 0:
        raise BakingError("Not an SVG image: no root element.")
    return scan


def _cdata(text: str) -> str:
    if _XML_ILLEGAL_RE.search(text):
        raise ValueError("The text holds characters that XML 1.0 does not allow.")
    # "]]>" cannot appear inside CDATA; split it across two sections.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _attr(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _bake_svg(
    svg: bytes, *, element: str, namespace: str, verify: str | None, body: str | None
) -> bytes:
    qname = "openbadges:" + element
    scan = _scan_svg(svg, qname)
    declared = scan.root_attrs.get("xmlns:openbadges")
    if declared is not None and declared != namespace:
        raise BakingError(f"The SVG already binds the openbadges prefix to {declared}.")
    # Remove earlier badges of this kind, last first so offsets stay valid.
    for start, stop in sorted(scan.spans, reverse=True):
        svg = svg[:start] + svg[stop:]
    root_end = _end_of_tag(svg, scan.root_start)
    open_tag = svg[scan.root_start : root_end]
    self_closing = open_tag.endswith(b"/>")
    head = open_tag[:-2] if self_closing else open_tag[:-1]
    if declared is None:
        head += f' xmlns:openbadges="{namespace}"'.encode()
    verify_attr = f' verify="{_attr(verify)}"' if verify else ""
    badge = f"<{qname}{verify_attr}>{_cdata(body) if body else ''}</{qname}>".encode()
    tail = b"</svg>" if self_closing else b""
    return svg[: scan.root_start] + head + b">" + badge + tail + svg[root_end:]


def _unbake_svg(svg: bytes, element: str) -> str | None:
    scan = _scan_svg(svg, "openbadges:" + element)
    if not scan.found:
        return None
    return scan.first_verify or "".join(scan.first_text).strip() or None


def bake_svg(
    svg_bytes: bytes,
    *,
    verify_url: str | None = None,
    assertion_json: str | None = None,
    jws: str | None = None,
) -> bytes:
    """Return ``svg_bytes`` with an OB 2.0 ``<openbadges:assertion>`` element.

    Hosted badge: pass the Assertion URL as ``verify_url`` and, optionally,
    its JSON as ``assertion_json`` (placed in CDATA). Signed badge: pass only
    ``jws``; it becomes the ``verify`` attribute and, as the 1EdTech bakery
    does, the element's CDATA as well. An earlier baked assertion is
    replaced. Raise ``BakingError`` for an input that is not a safe SVG.
    """
    if jws is not None:
        if verify_url is not None or assertion_json is not None:
            raise ValueError("A signed badge is baked from its JWS alone.")
        if not _JWS_RE.match(jws):
            raise ValueError("jws is not a compact JWS.")
        verify, body = jws, jws
    elif verify_url:
        verify, body = verify_url, assertion_json
    else:
        raise ValueError("Give verify_url (hosted badge) or jws (signed badge).")
    return _bake_svg(
        svg_bytes,
        element="assertion",
        namespace=OB2_SVG_NAMESPACE,
        verify=verify,
        body=body,
    )


def unbake_svg(svg_bytes: bytes) -> str | None:
    """Return what to verify in an OB 2.0 baked SVG, or ``None`` if there is no badge.

    That is the first ``<openbadges:assertion>``'s ``verify`` attribute (a
    JWS or the hosted Assertion URL), or else its text content.
    """
    return _unbake_svg(svg_bytes, "assertion")


def bake_svg_credential(svg_bytes: bytes, credential: str) -> bytes:
    """Return ``svg_bytes`` with an OB 3.0 ``<openbadges:credential>`` element.

    OB 3.0, section 5.3.2: a VC-JWT (compact JWS) goes in the ``verify``
    attribute; a JSON credential (Data Integrity proof) goes in the element
    as CDATA.
    """
    if _JWS_RE.match(credential.strip()):
        verify, body = credential.strip(), None
    else:
        verify, body = None, credential
    return _bake_svg(
        svg_bytes,
        element="credential",
        namespace=OB3_SVG_NAMESPACE,
        verify=verify,
        body=body,
    )


def unbake_svg_credential(svg_bytes: bytes) -> str | None:
    """Return the OB 3.0 credential (VC-JWT or JSON) in ``svg_bytes``, or ``None``."""
    return _unbake_svg(svg_bytes, "credential")
