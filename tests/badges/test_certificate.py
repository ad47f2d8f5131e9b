"""The printable PDF certificate, read back with pypdf."""

from __future__ import annotations

import io
import os
import re

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from badges.actions import award_badge, revoke_award, set_badge_class_translation
from badges.certificate import certificate_pdf
from badges.certificate_images import Unusable, as_png
from badges.models import Award
from issuers.models import Issuer
from tests.factories import SVG_OK, png_bytes


def _text(pdf: bytes) -> str:
    """The PDF's text with runs of white space as one space (line breaks fall where they fall)."""
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _images(pdf: bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    return sum(len(page.images) for page in reader.pages)


def _award(cast, **values) -> Award:
    values.setdefault("recipient_identity", "c@example.org")
    return award_badge(badge_class=cast.badge_class, acting_user=cast.aaron, **values)


def _get(client, award, language="en") -> bytes:
    response = client.get(
        f"/public/assertions/{award.uuid}/certificate.pdf",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _store(field_file, content: bytes, name: str) -> None:
    """Put bytes in storage behind the upload checks, as the admin or an old release might have."""
    field_file.save(name, ContentFile(content), save=False)
    type(field_file.instance).objects.filter(pk=field_file.instance.pk).update(
        **{field_file.field.name: field_file.name}
    )


def test_the_certificate_is_a_pdf_with_the_name_only_when_public(cast, client):
    award = _award(cast, recipient_name="Ilze Ozoliņa")
    hidden = _text(_get(client, award))
    assert "Ilze Ozoliņa" not in hidden
    assert "Awarded to the holder of this credential" in hidden
    Award.objects.filter(pk=award.pk).update(show_name_publicly=True)
    shown = _text(_get(client, award))
    assert "This certifies that Ilze Ozoliņa" in shown
    assert "holder of this credential" not in shown
    assert "c@example.org" not in hidden + shown  # the e-mail address, never


def test_without_a_name_the_holder_is_named_by_the_credential(cast):
    award = _award(cast, recipient_name="")
    text = _text(certificate_pdf(award, include_name=True))
    assert "Awarded to the holder of this credential" in text
    assert "c@example.org" not in text


def test_it_names_the_badge_the_issuer_the_signatory_and_the_elements(cast):
    Issuer.objects.filter(pk=cast.welding.pk).update(
        signatory_name="Jānis Bērziņš", signatory_title="Director of studies"
    )
    award = _award(cast, recipient_name="Ilze Ozoliņa")
    Award.objects.filter(pk=award.pk).update(result="Excellent")
    award.refresh_from_db()
    text = _text(certificate_pdf(award, include_name=True))
    for expected in (
        "Ilze Ozoliņa",
        "MIG/MAG welding, fillet welds",
        "Fillet welds in all positions on steel plate.",
        "Acme Vocational",
        "Welding school",
        "Jānis Bērziņš",
        "Director of studies",
        # EU elements and learning outcomes
        "Weld fillet welds in position PB",
        "EQF level 4",
        "74 hours",
        "Quality assurance",
        "Form of participation",
        "Assessment",
        "Does not expire",
        "Excellent",
    ):
        assert expected in text, expected
    assert f"http://testserver/public/assertions/{award.uuid}/verify" in text or (
        f"/public/assertions/{award.uuid}/verify" in text
    )


def test_the_verify_address_is_printed_whole_under_the_qr_code(cast, settings):
    settings.PUBLIC_BASE_URL = "https://badges.example-university.eu"
    award = _award(cast)
    reader = PdfReader(io.BytesIO(certificate_pdf(award, include_name=False)))
    url = f"https://badges.example-university.eu/public/assertions/{award.uuid}/verify"
    assert url in reader.pages[0].extract_text()  # on one line, on the first page
    links = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert url in links


def test_it_says_when_the_award_was_revoked(cast):
    award = _award(cast)
    revoke_award(award=award, reason="Issued in error", acting_user=cast.alice)
    award.refresh_from_db()
    assert "REVOKED: Issued in error" in _text(
        certificate_pdf(award, include_name=False)
    )


def test_the_certificate_follows_the_visitors_language(cast, client):
    set_badge_class_translation(
        badge_class=cast.badge_class,
        language="lv",
        texts={"name": "Metināšana: kakla šuves"},
        outcomes=["Metināt kakla šuves"],
        acting_user=cast.erin,
    )
    award = _award(cast)
    english = _text(_get(client, award, "en"))
    latvian = _text(_get(client, award, "lv"))
    assert "MIG/MAG welding, fillet welds" in english
    assert "Metināšana: kakla šuves" in latvian
    assert "Metināt kakla šuves" in latvian
    assert "Metināšana" not in english
    # Labels from the Latvian catalogue: issued on, learning outcomes, verify.
    for label in ("Izsniegšanas datums", "Mācīšanās rezultāti", "Pārbaudīt"):
        assert label in latvian, label
    assert "Issued on" in english and "Issued on" not in latvian


def test_it_prints_the_logo_badge_and_signature_png_or_svg(cast):
    _store(cast.welding.image, SVG_OK, "logo.svg")
    _store(cast.welding.signature_image, png_bytes((300, 120), "black"), "sig.png")
    award = _award(cast)
    # The badge image (PNG), the logo (SVG drawn as PNG), the signature, the QR code.
    assert _images(certificate_pdf(award, include_name=False)) == 4


def test_an_svg_badge_is_drawn(cast):
    _store(cast.badge_class.image, SVG_OK, "image.svg")
    award = _award(cast)
    assert _images(certificate_pdf(award, include_name=False)) == 2  # badge, QR


HOSTILE = {
    "broken svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect',
    "svg with a doctype": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    # Drawn 1000 pixels wide this would need a 1000×100,000,000 bitmap: resvg aborts the process.
    "a needle of an svg": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 100000"><rect width="1" height="100000"/></svg>',
    "an svg miles wide": b'<svg xmlns="http://www.w3.org/2000/svg" width="1e9" height="1e9mm"/>',
    "not an image": b"<html><svg></svg> hello</html>" + os.urandom(64),
    "random bytes": os.urandom(2048),
    "truncated png": png_bytes()[:200],
}


def _bomb() -> bytes:
    """A PNG header claiming 60000×60000 pixels, with no image data worth the name."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


HOSTILE["decompression bomb png"] = _bomb()
HOSTILE["oversized file"] = png_bytes() + b"\0" * (6 * 1024 * 1024)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_image_is_left_out_and_the_certificate_still_prints(
    kind, cast, client
):
    content = HOSTILE[kind]
    name = "x.svg" if b"<svg" in content[:200] else "x.png"
    _store(cast.welding.image, content, "logo-" + name)
    _store(cast.welding.signature_image, content, "sig-" + name)
    _store(cast.badge_class.image, content, "badge-" + name)
    award = _award(cast)
    pdf = _get(client, award)
    assert "MIG/MAG welding, fillet welds" in _text(pdf)
    assert _images(pdf) == 1  # only the QR code
    with pytest.raises(Unusable):
        as_png(content)


def test_missing_images_do_not_break_the_certificate(cast, client):
    _store(cast.welding.image, png_bytes(), "logo.png")
    cast.welding.refresh_from_db()
    cast.welding.image.storage.delete(cast.welding.image.name)
    cast.badge_class.refresh_from_db()
    cast.badge_class.image.storage.delete(cast.badge_class.image.name)
    award = _award(cast)
    pdf = _get(client, award)
    assert _images(pdf) == 1 and "Welding school" in _text(pdf)


def test_latvian_letters_print(cast):
    Issuer.objects.filter(pk=cast.welding.pk).update(
        signatory_name="Ģirts Ķēniņš", signatory_title="Mācību daļas vadītājs"
    )
    award = _award(cast, recipient_name="Āris Čakšs-Ļūžēņa")
    text = _text(certificate_pdf(award, include_name=True))
    assert "Āris Čakšs-Ļūžēņa" in text
    assert "Ģirts Ķēniņš" in text and "Mācību daļas vadītājs" in text


def test_unknown_awards_have_no_certificate(client, db):
    assert (
        client.get(
            "/public/assertions/nope/certificate.pdf", HTTP_ACCEPT="text/html"
        ).status_code
        == 404
    )
