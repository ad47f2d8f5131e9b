"""The certificate settings page: signatory, signature or seal image, directory listing, preview."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from audit.models import AuditEvent
from issuers.models import Issuer
from tests.factories import SVG_OK, png_bytes


def _url(issuer, tail: str = "") -> str:
    return f"/staff/issuers/{issuer.uuid}/certificate/{tail}"


def _post(client, issuer, **values):
    data = {
        "signatory_name": "Jānis Bērziņš",
        "signatory_title": "Director",
        "listed_in_directory": "on",
    }
    data.update(values)
    return client.post(_url(issuer), {k: v for k, v in data.items() if v is not None})


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 200),  # owner
        ("adam", 200),  # administrator
        ("erin", 403),  # editor
        ("aaron", 403),  # awarder
        ("ivy", 403),  # editor of this issuer only
        ("carol", 404),  # a learner
        ("mallory", 404),  # staff of another institution
    ],
)
def test_only_administrators_reach_the_settings(cast, client, who, status):
    client.force_login(getattr(cast, who))
    for path in ("", "sample.pdf"):
        assert client.get(_url(cast.welding, path)).status_code == status, path
    response = _post(client, cast.welding)
    assert response.status_code == (302 if status == 200 else status)
    issuer = Issuer.objects.get(pk=cast.welding.pk)
    assert issuer.listed_in_directory is (status == 200)


def test_signed_out_visitors_are_sent_to_sign_in(cast, client):
    response = client.get(_url(cast.welding))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_an_unknown_issuer_is_not_found(cast, client):
    client.force_login(cast.alice)
    assert client.get("/staff/issuers/nope/certificate/").status_code == 404


def test_an_administrator_sets_the_signatory_signature_and_listing(cast, client):
    client.force_login(cast.adam)
    page = client.get(_url(cast.welding)).content.decode()
    assert "Sample certificate (PDF)" in page
    response = _post(
        client,
        cast.welding,
        signature_image=SimpleUploadedFile("seal.svg", SVG_OK, "image/svg+xml"),
    )
    assert response.status_code == 302
    issuer = Issuer.objects.get(pk=cast.welding.pk)
    assert (issuer.signatory_name, issuer.signatory_title) == (
        "Jānis Bērziņš",
        "Director",
    )
    assert issuer.listed_in_directory is True
    assert issuer.signature_image.name.endswith(".svg")
    event = AuditEvent.objects.filter(action="issuer.updated").latest("id")
    assert event.actor_id == cast.adam.pk
    assert event.data["signatory_name"] == ["", "Jānis Bērziņš"]
    assert "signature_image" in event.data
    assert client.get(_url(cast.welding, "signature")).status_code == 200
    # The sample certificate shows the settings.
    sample = client.get(_url(cast.welding, "sample.pdf"))
    assert sample["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(sample.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Jānis Bērziņš" in text and "Director" in text
    assert sum(len(page.images) for page in reader.pages) == 3  # badge, seal, QR code
    # Removing the image.
    _post(client, cast.welding, remove_signature_image="on")
    assert not Issuer.objects.get(pk=cast.welding.pk).signature_image


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "contains a script",
        ),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='x()'/>", "event handler"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><image href='http://evil.example/x.png'/></svg>",
            "external resource",
        ),
        (png_bytes()[:100], "damaged"),
        (b"GIF89a not a png", "Upload a PNG or SVG image."),
        (png_bytes((20000, 100)), "the limit is"),
    ],
)
def test_a_hostile_signature_image_is_refused_with_a_clear_message(
    cast, client, content, message
):
    client.force_login(cast.alice)
    response = _post(
        client,
        cast.welding,
        signature_image=SimpleUploadedFile("seal.svg", content),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    issuer = Issuer.objects.get(pk=cast.welding.pk)
    assert not issuer.signature_image
    assert issuer.signatory_name == ""  # nothing saved


def test_without_a_badge_class_there_is_no_sample(cast, client):
    client.force_login(cast.alice)
    assert (
        "Create a badge class to preview"
        in client.get(_url(cast.electrics)).content.decode()
    )
    assert client.get(_url(cast.electrics, "sample.pdf")).status_code == 404
