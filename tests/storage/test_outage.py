"""The object storage is down (its server killed): clean answers, never a 500, and the probe says so."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from badges.actions import award_badge
from config.storage import check_storage
from issuers.stored_images import STORAGE_DOWN
from tests.badges.test_api_badge_classes import client_for, data_uri
from tests.factories import SVG_OK, png_bytes

from .conftest import SECRET_KEY, MotoServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(tmp_path):
    """A moto server of this test's own, so killing it leaves the others' alone."""
    own = MotoServer(tmp_path)
    own.start()
    yield own
    own.stop()


@pytest.fixture
def down(cast, server):
    """The cast is stored, one award is signed, then the storage goes away."""
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="zelma@example.org",
        acting_user=cast.aaron,
    )
    server.stop()
    return award


def test_check_storage_reports_the_bucket_up_then_down(cast, bucket, server):
    ready, description = check_storage()
    assert ready is True, description
    assert bucket.name in description
    server.stop()
    ready, description = check_storage()
    assert ready is False
    assert bucket.name in description and "does not answer" in description
    assert SECRET_KEY not in description and "se%2B" not in description


def test_images_answer_503_with_retry_after_when_the_storage_is_down(
    cast, client, down
):
    for url in (
        f"/public/badges/{cast.badge_class.uuid}/image",
        f"/public/assertions/{down.uuid}/image.png",
        f"/public/assertions/{down.uuid}/signed.svg",
        f"/public/credentials/{down.uuid}/image.png",
    ):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "30"
        assert (
            response["Cache-Control"] == "no-store"
        )  # a cache keeps the last good image instead
    client.force_login(cast.erin)
    assert (
        client.get(f"/staff/badge-classes/{cast.badge_class.uuid}/image/").status_code
        == 503
    )


def test_a_cache_revalidating_a_content_addressed_image_gets_a_304_without_the_storage(
    cast, client, down
):
    etag = f'"{cast.badge_class.image.name.rsplit("-", 1)[1].split(".")[0]}"'
    response = client.get(
        f"/public/badges/{cast.badge_class.uuid}/image", HTTP_IF_NONE_MATCH=etag
    )
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_an_upload_while_the_storage_is_down_is_a_form_error_and_changes_nothing(
    cast, client, down
):
    before = cast.welding.image.name
    client.force_login(cast.alice)
    response = client.post(
        f"/staff/issuers/{cast.welding.uuid}/edit/",
        {
            "name": cast.welding.name,
            "url": cast.welding.url,
            "email": cast.welding.email,
            "country": "LV",
            "language": "en",
            "image": SimpleUploadedFile(
                "logo.svg", SVG_OK, content_type="image/svg+xml"
            ),
        },
    )
    assert response.status_code == 200
    assert str(STORAGE_DOWN) in response.context["form"].errors["image"][0]
    cast.welding.refresh_from_db()
    assert cast.welding.image.name == before


def test_an_api_upload_while_the_storage_is_down_is_a_clear_error(cast, down):
    response = client_for(cast.erin).patch(
        f"/api/v1/badge-classes/{cast.badge_class.uuid}",
        {"image": data_uri(png_bytes())},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["image"] == [
        {"code": "storage_unavailable", "message": str(STORAGE_DOWN)}
    ]


def test_the_certificate_still_prints_without_the_badge_image_when_the_storage_is_down(
    client, down, caplog
):
    response = client.get(f"/public/assertions/{down.uuid}/certificate.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "Certificate printed without the image of badge class" in caplog.text
