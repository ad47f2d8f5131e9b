"""The demo loader (``make run``) writes its logos and badge images to the bucket, and they serve from it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from badges.models import BadgeClass
from issuers.models import Issuer

pytestmark = pytest.mark.django_db


def test_the_demo_loads_its_images_into_the_bucket(bucket, client, media_root):
    call_command("load_demo", force=True, stdout=io.StringIO())
    images = [i.image.name for i in Issuer.objects.exclude(image="")]
    images += [b.image.name for b in BadgeClass.objects.exclude(image="")]
    assert len(images) > 10
    assert set(images) <= set(bucket.keys())
    assert not media_root.exists() or not any(
        p.is_file() for p in media_root.rglob("*")
    )
    badge_class = BadgeClass.objects.published().exclude(image="").first()
    response = client.get(f"/public/badges/{badge_class.uuid}/image")
    assert response.status_code == 200
    assert response.content == bucket.read(badge_class.image.name)
