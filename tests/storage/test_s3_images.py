"""Issuer logos and badge-class images on S3-protocol storage (moto's server on a local port).

Uploads go through the real staff form and API; the bucket is read back with
the tests' own boto3 client; the public URLs are the ones signed into
credentials.
"""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from badges.actions import award_badge, update_badge_class
from credentials import baking
from issuers.actions import update_issuer
from issuers.models import Issuer
from tests.badges.test_api_badge_classes import client_for, data_uri, full_payload
from tests.factories import SVG_OK, png_bytes

pytestmark = pytest.mark.django_db

CONTENT_NAME = re.compile(
    r"^(issuers|badges)/[0-9a-f-]{36}/(logo|image)-([0-9a-f]{32})\.(png|svg)$"
)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def files_under(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_default_storage_is_the_bucket_with_private_objects_and_no_signed_urls(
    bucket,
):
    storage = storages["default"]
    assert type(storage).__name__ == "S3Storage"
    assert storage.bucket_name == bucket.name
    assert storage.endpoint_url == bucket.server.endpoint
    assert storage.secret_key == "test/se+cret"  # unquoted from STORAGE_URL
    assert (storage.default_acl, storage.querystring_auth) == ("private", False)


def test_an_issuer_logo_uploaded_through_the_staff_form_is_stored_in_the_bucket(
    cast, client, bucket, media_root
):
    client.force_login(cast.adam)
    response = client.post(
        f"/staff/institutions/{cast.acme.uuid}/issuers/new/",
        {
            "name": "Health and safety",
            "url": "https://acme.example.org/hs",
            "email": "hs@acme.example.org",
            "country": "LV",
            "language": "en",
            "image": SimpleUploadedFile(
                "logo.svg", SVG_OK, content_type="image/svg+xml"
            ),
        },
    )
    assert response.status_code == 302, response.content
    issuer = Issuer.objects.get(name="Health and safety")
    match = CONTENT_NAME.match(issuer.image.name)
    assert match, issuer.image.name
    assert issuer.image.name.startswith(f"issuers/{issuer.uuid}/logo-")
    stored = bucket.read(issuer.image.name)
    assert b"<svg" in stored and b"<circle" in stored
    assert match.group(3) == digest(stored)  # the name is the content's digest
    acl = bucket.server.client().get_object_acl(
        Bucket=bucket.name, Key=issuer.image.name
    )
    assert [g["Permission"] for g in acl["Grants"]] == [
        "FULL_CONTROL"
    ]  # the owner only
    assert files_under(media_root) == []


def test_a_badge_class_image_created_through_the_api_is_stored_in_the_bucket(
    cast, bucket, media_root
):
    png = png_bytes((240, 240), "teal")
    response = client_for(cast.erin).post(
        f"/api/v1/issuers/{cast.welding.uuid}/badge-classes",
        full_payload(image=data_uri(png)),
        format="json",
    )
    assert response.status_code == 201, response.json()
    badge_class = cast.welding.badge_classes.get(uuid=response.json()["id"])
    assert (
        badge_class.image.name == f"badges/{badge_class.uuid}/image-{digest(png)}.png"
    )
    assert bucket.read(badge_class.image.name) == png
    assert files_under(media_root) == []


def test_the_public_image_url_serves_the_stored_bytes_with_long_lived_cache_headers(
    cast, client, bucket
):
    url = f"/public/badges/{cast.badge_class.uuid}/image"
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == bucket.read(cast.badge_class.image.name)
    assert response["Content-Type"] == "image/png"
    assert response["ETag"] == f'"{digest(response.content)}"'
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=86400" in cache_control
    assert "stale-while-revalidate=" in cache_control
    assert "immutable" not in cache_control  # the URL stays when the image changes
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Access-Control-Allow-Origin"] == "*"

    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == response["ETag"]
    assert again["Cache-Control"] == cache_control
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_an_issuer_logo_is_served_from_the_bucket_at_its_stable_url(
    cast, client, bucket
):
    issuer = update_issuer(issuer=cast.welding, acting_user=cast.alice, image=SVG_OK)
    response = client.get(f"/public/issuers/{issuer.uuid}/image")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == bucket.read(issuer.image.name)
    assert (
        client.get(
            f"/public/issuers/{issuer.uuid}/image", HTTP_IF_NONE_MATCH=response["ETag"]
        ).status_code
        == 304
    )
    assert client.post(f"/public/issuers/{issuer.uuid}/image").status_code == 405


def test_an_image_stored_under_an_older_name_gets_its_etag_from_its_bytes(
    cast, client, bucket
):
    png = png_bytes((100, 100), "olive")
    name = storages["default"].save(
        f"badges/{cast.badge_class.uuid}/image-0a1b2c3d.png", io.BytesIO(png)
    )
    type(cast.badge_class).objects.filter(pk=cast.badge_class.pk).update(image=name)
    response = client.get(f"/public/badges/{cast.badge_class.uuid}/image")
    assert response.content == png
    assert response["ETag"] == f'"{digest(png)}"'
    assert (
        client.get(
            f"/public/badges/{cast.badge_class.uuid}/image",
            HTTP_IF_NONE_MATCH=response["ETag"],
        ).status_code
        == 304
    )


@pytest.mark.parametrize(
    ("path", "unbake"),
    [
        ("assertions/{id}/image.png", baking.unbake_png),
        ("assertions/{id}/signed.png", baking.unbake_png),
        ("assertions/{id}/image.svg", baking.unbake_svg),
        (
            "credentials/{id}/image.png",
            lambda b: baking.unbake_png(b, keyword=baking.OB3_PNG_KEYWORD),
        ),
        ("credentials/{id}/image.svg", baking.unbake_svg_credential),
    ],
)
def test_baked_images_are_baked_from_the_image_in_the_bucket(
    cast, client, bucket, path, unbake
):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="zelma@example.org",
        acting_user=cast.aaron,
    )
    url = "/public/" + path.format(id=award.uuid)
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert unbake(response.content)
    if path.endswith(".png"):
        stored = Image.open(io.BytesIO(bucket.read(cast.badge_class.image.name)))
        baked = Image.open(io.BytesIO(response.content))
        assert baked.size == stored.size
        assert (
            baked.tobytes() == stored.tobytes()
        )  # the same pixels, with the assertion added
    assert response["ETag"] == f'"{digest(response.content)}"'
    assert response["Cache-Control"].startswith("public, max-age=3600")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_replacing_an_image_stores_a_new_object_and_deletes_the_old_one_on_commit(
    cast, client, bucket, django_capture_on_commit_callbacks
):
    url = f"/public/badges/{cast.badge_class.uuid}/image"
    old_name = cast.badge_class.image.name
    old_etag = client.get(url)["ETag"]
    new_png = png_bytes((300, 300), "maroon")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.erin).patch(
            f"/api/v1/badge-classes/{cast.badge_class.uuid}",
            {"image": data_uri(new_png)},
            format="json",
        )
    assert response.status_code == 200, response.json()
    cast.badge_class.refresh_from_db()
    assert cast.badge_class.image.name != old_name
    assert bucket.keys(f"badges/{cast.badge_class.uuid}/") == [
        cast.badge_class.image.name
    ]
    assert bucket.read(cast.badge_class.image.name) == new_png

    changed = client.get(url, HTTP_IF_NONE_MATCH=old_etag)
    assert changed.status_code == 200
    assert changed.content == new_png
    assert changed["ETag"] == f'"{digest(new_png)}"' != old_etag


def test_uploading_the_same_image_again_keeps_the_one_object(
    cast, bucket, django_capture_on_commit_callbacks
):
    name = cast.badge_class.image.name
    same = bucket.read(name)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        update_badge_class(
            badge_class=cast.badge_class, acting_user=cast.alice, image=same
        )
    cast.badge_class.refresh_from_db()
    assert cast.badge_class.image.name == name
    assert bucket.keys(f"badges/{cast.badge_class.uuid}/") == [name]
    assert callbacks == []  # nothing to delete


def test_an_image_missing_from_the_bucket_is_a_404_not_a_500(cast, client, bucket):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="zelma@example.org",
        acting_user=cast.aaron,
    )
    bucket.delete(cast.badge_class.image.name)
    assert (
        client.get(f"/public/badges/{cast.badge_class.uuid}/image").status_code == 404
    )
    assert client.get(f"/public/assertions/{award.uuid}/image.png").status_code == 404
    assert client.get(f"/public/credentials/{award.uuid}/image.svg").status_code == 404


def test_a_staff_preview_of_a_draft_stays_private(cast, client, bucket):
    from badges.actions import create_badge_class
    from tests.factories import complete_badge_class_values

    draft = create_badge_class(
        issuer=cast.welding, acting_user=cast.erin, **complete_badge_class_values()
    )
    assert client.get(f"/public/badges/{draft.uuid}/image").status_code == 404
    client.force_login(cast.erin)
    response = client.get(f"/staff/badge-classes/{draft.uuid}/image/")
    assert response.status_code == 200
    assert response.content == bucket.read(draft.image.name)
    assert response["Cache-Control"] == "private, no-cache"
    assert "Access-Control-Allow-Origin" not in response
    client.force_login(cast.mallory)
    assert client.get(f"/staff/badge-classes/{draft.uuid}/image/").status_code == 404
