"""The import pages: three ways in, a detail page with the checks, check again, download, remove.

Every page of an import is the learner's alone: anyone else gets the same 404.
"""

from __future__ import annotations

import copy
import json
import random
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from badges.actions import award_badge, revoke_award
from badges.choices import RecipientType
from badges.facts import assertion_url
from tests.factories import EmailAddressFactory
from tests.obv.site import ob2_site
from tests.verifier.test_verifier_external import signed_elsewhere
from verifier import inputs
from wallet.actions import (
    add_to_collection,
    create_collection,
    import_credential,
    share,
)
from wallet.models import CollectionEntry, ShareLink, StoredCredential

IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.IMPORT_RATE_LIMIT = 10_000  # the rate-limit test sets its own


@pytest.fixture
def ours(cast):
    """An award made here to a web address of carol's: importable, recipient not confirmed."""
    return award_badge(
        badge_class=cast.badge_class,
        recipient_type=RecipientType.URL,
        recipient_identity="https://carol.example.org/",
        acting_user=cast.aaron,
        notify=False,
    )


@pytest.fixture
def carol(client, cast):
    client.force_login(cast.carol)
    return client


@pytest.fixture
def held(cast, ours):
    return import_credential(user=cast.carol, url=assertion_url(ours))


def page_of(response) -> str:
    return response.content.decode()


def test_the_import_page_offers_a_link_a_file_and_a_paste(carol):
    html = page_of(carol.get("/wallet/import/"))
    for form in ('id="import-link"', 'id="import-file"', 'id="import-text"'):
        assert form in html
    assert 'enctype="multipart/form-data"' in html


def test_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/wallet/import/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_importing_by_link_lands_on_the_badge_with_its_checks(carol, cast, ours):
    response = carol.post("/wallet/import/", {"url": assertion_url(ours)})
    held = StoredCredential.objects.get(user=cast.carol, award=None)
    assert (
        response.status_code == 302
        and response["Location"] == f"/wallet/imported/{held.uuid}/"
    )
    html = page_of(carol.get(response["Location"]))
    assert (
        cast.badge_class.name in html and "Verified and added to your backpack." in html
    )
    assert (
        "recipient not confirmed" in html and "Weld fillet welds in position PB" in html
    )
    assert html.count('<span class="pill published">passed</span>') == 6
    assert f'action="/wallet/imported/{held.uuid}/check/"' in html
    assert f'href="/wallet/imported/{held.uuid}/original"' in html
    assert f'action="/wallet/imported/{held.uuid}/remove/"' in html
    assert f'src="/wallet/imported/{held.uuid}/image"' in html


def test_an_uploaded_baked_png_downloads_byte_for_byte(carol, client, cast, ours):
    png = client.get(f"/public/assertions/{ours.uuid}/image.png").content
    response = carol.post(
        "/wallet/import/", {"file": SimpleUploadedFile("welding badge.png", png)}
    )
    assert response.status_code == 302
    held = StoredCredential.objects.get(user=cast.carol)
    original = carol.get(f"/wallet/imported/{held.uuid}/original")
    assert original.content == png and original["Content-Type"] == "image/png"
    assert original["Content-Disposition"] == 'attachment; filename="welding badge.png"'
    assert original["X-Content-Type-Options"] == "nosniff"
    image = carol.get(f"/wallet/imported/{held.uuid}/image")
    assert image.content == png and image["Content-Type"] == "image/png"


def test_an_svg_image_is_served_under_a_strict_policy(carol, client, cast, ours):
    svg = client.get(f"/public/credentials/{ours.uuid}/image.svg").content
    carol.post("/wallet/import/", {"file": SimpleUploadedFile("badge.svg", svg)})
    held = StoredCredential.objects.get(user=cast.carol)
    image = carol.get(f"/wallet/imported/{held.uuid}/image")
    assert image["Content-Type"] == "image/svg+xml"
    assert image["Content-Security-Policy"] == IMAGE_POLICY
    assert image["X-Content-Type-Options"] == "nosniff"
    assert carol.get(f"/wallet/imported/{held.uuid}/original").content == svg


def test_pasted_text_is_stored_exactly_as_sent(carol, cast, ours):
    document = inputs.fetch_document(assertion_url(ours)).decode()
    text = "\r\n  " + json.dumps(json.loads(document), indent=4) + "\r\n"
    assert carol.post("/wallet/import/", {"text": text}).status_code == 302
    held = StoredCredential.objects.get(user=cast.carol)
    assert bytes(held.received) == text.encode() and held.received_name == "badge.json"
    assert carol.get(f"/wallet/imported/{held.uuid}/original").content == text.encode()


def test_a_refused_import_shows_why_and_the_failed_checks(carol, cast, settings):
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    EmailAddressFactory(user=cast.carol, email="driver@example.org")
    with ob2_site() as site:
        tampered = copy.deepcopy(signed_elsewhere(site)["dataIntegrity"])
        tampered["credentialSubject"]["achievement"]["name"] = "Crane operator"
        response = carol.post("/wallet/import/", {"text": json.dumps(tampered)})
    html = page_of(response)
    assert response.status_code == 400
    assert "This badge failed verification, so it was not added" in html
    assert (
        '<span class="pill archived">failed</span>' in html and "Crane operator" in html
    )
    assert not StoredCredential.objects.exists()


def test_a_duplicate_links_to_the_badge_already_held(carol, held):
    response = carol.post("/wallet/import/", {"url": held.source_url})
    assert response.status_code == 400
    assert f'href="/wallet/imported/{held.uuid}/"' in page_of(response)


def test_an_award_made_here_links_to_its_backpack_entry(carol, cast):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="carol@example.org",
        acting_user=cast.aaron,
    )
    response = carol.post("/wallet/import/", {"url": assertion_url(award)})
    assert response.status_code == 400
    assert f'href="/wallet/awards/{award.uuid}/"' in page_of(response)


def test_an_oversized_upload_is_refused_before_it_is_read(carol, monkeypatch):
    def unreachable(**given):
        raise AssertionError("the upload should have been refused first")

    monkeypatch.setattr(inputs, "MAX_UPLOAD_BYTES", 2**20)
    monkeypatch.setattr("wallet.actions.import_credential", unreachable)
    upload = SimpleUploadedFile("huge.png", b"\x89PNG" + b"\x00" * 2**20)
    response = carol.post("/wallet/import/", {"file": upload})
    assert response.status_code == 400 and "The file is larger than 1 MB." in page_of(
        response
    )
    assert not StoredCredential.objects.exists()


def test_check_again_shows_a_revocation(carol, cast, ours, held):
    response = carol.post(f"/wallet/imported/{held.uuid}/check/")
    assert response.status_code == 302
    assert "the badge is genuine and in force" in page_of(
        carol.get(response["Location"])
    )
    revoke_award(award=ours, reason="Awarded by mistake", acting_user=cast.alice)
    html = page_of(
        carol.get(carol.post(f"/wallet/imported/{held.uuid}/check/")["Location"])
    )
    assert '<span class="pill archived">revoked</span>' in html
    assert "The issuer has revoked this badge." in html and "Awarded by mistake" in html


def test_removing_deletes_the_badge_its_collection_entries_and_share_links(
    carol, cast, held
):
    collection = create_collection(user=cast.carol, name="Welding")
    add_to_collection(user=cast.carol, collection=collection, held=held)
    share(user=cast.carol, credential=held)
    response = carol.post(f"/wallet/imported/{held.uuid}/remove/")
    assert response.status_code == 302 and response["Location"] == "/wallet/"
    assert not StoredCredential.objects.filter(pk=held.pk).exists()
    assert not CollectionEntry.objects.exists() and not ShareLink.objects.exists()
    assert carol.get(f"/wallet/imported/{held.uuid}/").status_code == 404


def test_an_outsider_gets_404_on_every_page_of_someone_elses_import(client, cast, held):
    client.force_login(cast.mallory)
    base = f"/wallet/imported/{held.uuid}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "original").status_code == 404
    assert client.get(base + "image").status_code == 404
    assert client.post(base + "check/").status_code == 404
    assert client.post(base + "remove/").status_code == 404
    assert client.get("/wallet/imported/not-a-uuid/").status_code == 404
    assert StoredCredential.objects.filter(pk=held.pk).exists()


def test_an_award_made_here_is_not_an_import(carol, cast):
    from wallet.actions import accept_award

    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="carol@example.org",
        acting_user=cast.aaron,
    )
    accepted = accept_award(user=cast.carol, award=award)
    assert carol.get(f"/wallet/imported/{accepted.uuid}/").status_code == 404


def test_imports_are_rate_limited_per_learner(client, cast, settings, monkeypatch):
    # One window throughout, a different one on each run (Redis keys outlive a run).
    window = 1_800_000_000.0 + 60 * random.randrange(10**6)
    monkeypatch.setattr("config.ratelimit.clock", lambda: window + 10)
    settings.IMPORT_RATE_LIMIT = 2
    client.force_login(cast.carol)
    codes = [
        client.post(
            "/wallet/import/", {"text": "x"}, REMOTE_ADDR=f"10.0.0.{i}"
        ).status_code
        for i in range(3)
    ]
    assert codes == [400, 400, 429]
    limited = client.post("/wallet/import/", {"text": "x"})
    assert limited.status_code == 429 and re.fullmatch(r"\d+", limited["Retry-After"])
    client.force_login(cast.alice)
    assert client.post("/wallet/import/", {"text": "x"}).status_code == 400
