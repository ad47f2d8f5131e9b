"""Collections and share links: private by default, unguessable, revocable, previewable, verifiable."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils.timezone import now
from PIL import Image

from audit.models import AuditEvent
from badges.actions import publish_status_list, revoke_award
from badges.facts import base_url
from tests.factories import make_badge_class
from tests.notifications.helpers import give
from wallet import actions
from wallet.models import (
    Collection,
    CollectionEntry,
    HoldingStatus,
    ShareLink,
    StoredCredential,
)


class MetaTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = dict(attrs)
            key = a.get("property") or a.get("name")
            if key:
                self.tags[key] = a.get("content", "")


def meta(html: str) -> dict[str, str]:
    parser = MetaTags()
    parser.feed(html)
    return parser.tags


def accepted(cast, **kwargs) -> StoredCredential:
    award = give(cast, recipient="carol@example.org", **kwargs)
    return actions.accept_award(user=cast.carol, award=award)


def share_path(link: ShareLink) -> str:
    return f"/share/{link.token}"


def test_nothing_is_shared_until_the_learner_shares_it(cast, client):
    held = accepted(cast)
    assert not ShareLink.objects.exists()
    client.force_login(cast.carol)
    page = client.get(f"/wallet/awards/{held.award.uuid}/").content.decode()
    assert "This badge is private" in page
    response = client.post(f"/wallet/held/{held.uuid}/share/")
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert link.credential == held and link.is_live
    assert len(link.token) >= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", link.token)
    page = client.get(f"/wallet/awards/{held.award.uuid}/").content.decode()
    assert f"/share/{link.token}" in page
    # Sharing again returns the same live link.
    client.post(f"/wallet/held/{held.uuid}/share/")
    assert ShareLink.objects.count() == 1
    assert (
        AuditEvent.objects.filter(action="share_link.created", actor=cast.carol).count()
        == 1
    )


def test_tokens_are_unguessable_and_distinct(cast):
    held = accepted(cast)
    tokens = set()
    for _round in range(20):
        link = actions.share(user=cast.carol, credential=held)
        tokens.add(link.token)
        actions.revoke_share(user=cast.carol, link=link)
    assert len(tokens) == 20


def test_a_pending_or_declined_badge_cannot_be_shared(cast, client):
    award = give(cast, recipient="carol@example.org")
    client.force_login(cast.carol)
    page = client.get(f"/wallet/awards/{award.uuid}/").content.decode()
    assert "Accept the badge to share it" in page
    declined = actions.decline_award(user=cast.carol, award=award)
    assert client.post(f"/wallet/held/{declined.uuid}/share/").status_code == 404
    with pytest.raises(Exception, match="Accept the badge first"):
        actions.share(user=cast.carol, credential=declined)
    assert not ShareLink.objects.exists()


def test_the_share_page_shows_the_badge_with_preview_tags_to_a_visitor(cast, client):
    held = accepted(cast)
    cast.carol.full_name = "Carol Learner"
    cast.carol.save()
    link = actions.share(user=cast.carol, credential=held)
    response = client.get(share_path(link))  # a logged-out visitor
    assert response.status_code == 200
    assert "noindex" in response["X-Robots-Tag"]
    html = response.content.decode()
    name = held.award.badge_class.name
    assert name in html and "Carol Learner" in html
    tags = meta(html)
    assert tags["og:title"] == name
    assert "Carol Learner" in tags["og:description"]
    assert tags["og:url"] == f"{base_url()}/share/{link.token}"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["robots"].startswith("noindex")
    # The preview picture is a 1200 × 630 PNG card (social sites ignore SVG).
    assert tags["og:image"] == f"{base_url()}/share/{link.token}/card.png"
    assert tags["twitter:image"] == tags["og:image"]
    card = client.get(urlsplit(tags["og:image"]).path)
    assert card.status_code == 200 and card["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(card.content)) as picture:
        assert picture.size == (1200, 630)
    # The learning outcomes and the verify button are there.
    assert f"/share/{link.token}/{held.uuid}/verify" in html
    link.refresh_from_db()
    assert link.views == 1 and link.last_viewed_at is not None


def test_verifying_from_the_share_page_runs_the_award_checks(cast, client):
    held = accepted(cast)
    link = actions.share(user=cast.carol, credential=held)
    response = client.get(f"/share/{link.token}/{held.uuid}/verify")
    assert response.status_code == 302
    verdict = client.get(response["Location"])
    assert verdict.status_code == 200
    assert "Verified" in verdict.content.decode()


def test_a_revoked_award_says_so_on_its_share_page(cast, client):
    held = accepted(cast)
    link = actions.share(user=cast.carol, credential=held)
    revoke_award(award=held.award, reason="Exam irregularity", acting_user=cast.aaron)
    html = client.get(share_path(link)).content.decode()
    assert "Revoked" in html and "revoked this badge" in html


def test_stopping_sharing_kills_the_link_for_good(cast, client):
    held = accepted(cast)
    link = actions.share(user=cast.carol, credential=held)
    client.force_login(cast.carol)
    assert client.post(f"/wallet/held/{held.uuid}/unshare/").status_code == 302
    client.logout()
    gone = client.get(share_path(link))
    assert gone.status_code == 410
    assert "withdrawn" in gone.content.decode()
    assert client.get(f"/share/{link.token}/{held.uuid}/verify").status_code == 410
    # Sharing again makes a new link; the old one stays dead.
    again = actions.share(user=cast.carol, credential=held)
    assert again.token != link.token
    assert client.get(share_path(link)).status_code == 410
    assert client.get(share_path(again)).status_code == 200


def test_unknown_and_malformed_tokens_are_not_found(cast, client):
    held = accepted(cast)
    link = actions.share(user=cast.carol, credential=held)
    assert client.get("/share/nope").status_code == 404
    assert client.get(f"/share/{link.token[:-1]}").status_code == 404
    # A live link shows only its own badge.
    other = accepted(
        cast,
        badge_class=make_badge_class(
            issuer=cast.welding, acting_user=cast.alice, name="Other"
        ),
    )
    assert client.get(f"/share/{link.token}/{other.uuid}").status_code == 404
    assert client.get(f"/share/{link.token}/{other.uuid}/verify").status_code == 404
    assert client.get(f"/share/{link.token}/not-a-uuid").status_code == 404


def test_outsiders_cannot_share_collect_or_revoke_someone_elses_badges(cast, client):
    held = accepted(cast)
    collection = actions.create_collection(user=cast.carol, name="Job")
    link = actions.share(user=cast.carol, credential=held)
    client.force_login(cast.mallory)
    for path in (
        f"/wallet/held/{held.uuid}/share/",
        f"/wallet/held/{held.uuid}/unshare/",
        f"/wallet/held/{held.uuid}/linkedin/",
        f"/wallet/collections/{collection.uuid}/share/",
        f"/wallet/collections/{collection.uuid}/unshare/",
        f"/wallet/collections/{collection.uuid}/delete/",
        f"/wallet/collections/{collection.uuid}/add/",
    ):
        assert client.post(path, {"credential": held.uuid}).status_code == 404, path
    assert client.get(f"/wallet/collections/{collection.uuid}/").status_code == 404
    link.refresh_from_db()
    assert link.is_live and Collection.objects.filter(pk=collection.pk).exists()
    # Visitors are sent to sign in.
    client.logout()
    response = client.post(f"/wallet/held/{held.uuid}/share/")
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_linkedin_add_to_profile_fills_the_certification(cast, client):
    held = accepted(
        cast,
        issued_on=now().replace(year=2026, month=3, day=5),
        expires_at=now().replace(year=2029, month=3, day=5),
    )
    client.force_login(cast.carol)
    response = client.post(f"/wallet/held/{held.uuid}/linkedin/", {"kind": "profile"})
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert (url.netloc, url.path) == ("www.linkedin.com", "/profile/add")
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    link = ShareLink.objects.get(credential=held, revoked_at=None)
    assert query == {
        "startTask": "CERTIFICATION_NAME",
        "name": held.award.badge_class.name,
        "organizationName": held.award.issuer.name,
        "issueYear": "2026",
        "issueMonth": "3",
        "expirationYear": "2029",
        "expirationMonth": "3",
        "certUrl": f"{base_url()}/share/{link.token}",
        "certId": str(held.award.uuid),
    }
    post = client.post(f"/wallet/held/{held.uuid}/linkedin/", {"kind": "post"})
    url = urlsplit(post["Location"])
    assert url.path == "/sharing/share-offsite/"
    assert parse_qs(url.query) == {"url": [f"{base_url()}/share/{link.token}"]}
    assert ShareLink.objects.filter(credential=held).count() == 1


def test_a_collection_is_made_filled_ordered_shared_and_deleted(cast, client):
    first = accepted(cast)
    second = accepted(
        cast,
        badge_class=make_badge_class(
            issuer=cast.welding, acting_user=cast.alice, name="Second"
        ),
    )
    pending = give(
        cast,
        recipient="carol@example.org",
        badge_class=make_badge_class(
            issuer=cast.welding, acting_user=cast.alice, name="Pending"
        ),
    )
    client.force_login(cast.carol)
    response = client.post("/wallet/collections/", {"name": "  ", "description": ""})
    assert (
        response.status_code == 200
        and "Give the collection a name" in response.content.decode()
    )
    response = client.post("/wallet/collections/", {"name": "For my application"})
    collection = Collection.objects.get(user=cast.carol)
    assert response["Location"] == f"/wallet/collections/{collection.uuid}/"
    page = client.get(response["Location"]).content.decode()
    assert "Pending" not in page  # only badges the learner holds are offered
    for held in (first, second):
        client.post(
            f"/wallet/collections/{collection.uuid}/add/", {"credential": held.uuid}
        )
    assert [e.credential for e in collection.entries.all()] == [first, second]
    # Adding twice is refused with a message; nothing changes.
    client.post(
        f"/wallet/collections/{collection.uuid}/add/", {"credential": first.uuid}
    )
    assert collection.entries.count() == 2
    client.post(
        f"/wallet/collections/{collection.uuid}/move/",
        {"credential": second.uuid, "direction": "up"},
    )
    assert [e.credential for e in collection.entries.all()] == [second, first]
    # A pending award cannot be added (it is not held).
    fake = StoredCredential(
        user=cast.carol, award=pending, status=HoldingStatus.PENDING
    )
    with pytest.raises(Exception, match="Accept the badge first"):
        actions.add_to_collection(user=cast.carol, collection=collection, held=fake)

    client.post(f"/wallet/collections/{collection.uuid}/share/")
    link = ShareLink.objects.get(collection=collection)
    client.logout()
    response = client.get(share_path(link))
    assert response.status_code == 200
    html = response.content.decode()
    assert "For my application" in html
    assert html.index("Second") < html.index(first.award.badge_class.name)
    assert meta(html)["og:title"] == "For my application"
    assert "2 badges" in meta(html)["og:description"]
    # Each badge of the collection opens and verifies from the shared page.
    item = client.get(f"/share/{link.token}/{first.uuid}")
    assert (
        item.status_code == 200
        and first.award.badge_class.name in item.content.decode()
    )
    verify = client.get(f"/share/{link.token}/{first.uuid}/verify")
    assert verify.status_code == 302 and str(first.award.uuid) in verify["Location"]

    client.force_login(cast.carol)
    client.post(
        f"/wallet/collections/{collection.uuid}/remove/", {"credential": first.uuid}
    )
    client.logout()
    assert client.get(f"/share/{link.token}/{first.uuid}").status_code == 404
    client.force_login(cast.carol)
    client.post(f"/wallet/collections/{collection.uuid}/delete/")
    assert not Collection.objects.exists() and not ShareLink.objects.exists()
    assert StoredCredential.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    client.logout()
    assert client.get(share_path(link)).status_code == 404


def test_an_award_leaves_shares_when_its_address_leaves_the_account(cast, client):
    held = accepted(cast)
    link = actions.share(user=cast.carol, credential=held)
    from accounts.models import EmailAddress

    EmailAddress.objects.filter(email="carol@example.org").update(verified_at=None)
    client.force_login(cast.carol)
    assert client.post(f"/wallet/held/{held.uuid}/unshare/").status_code == 404
    # The link itself still stands: the award is still the learner's achievement.
    client.logout()
    assert client.get(share_path(link)).status_code == 200


def test_the_entry_page_lists_every_download(cast, client):
    held = accepted(cast)
    client.force_login(cast.carol)
    html = client.get(f"/wallet/awards/{held.award.uuid}/").content.decode()
    uuid = held.award.uuid
    for path in (
        f"/public/assertions/{uuid}/certificate.pdf",
        f"/public/credentials/{uuid}?format=json",
        f"/public/credentials/{uuid}.jwt",
        f"/public/credentials/{uuid}/image.svg",
        f"/public/credentials/{uuid}/image.png",  # the class image is a PNG
        f"/public/assertions/{uuid}/signed.png",
        f"/public/assertions/{uuid}/signed.svg",
        f"/public/assertions/{uuid}/assertion.jws",
    ):
        assert path in html, path
    # The public award page offers the same PNGs.
    award_page = client.get(f"/public/assertions/{uuid}", HTTP_ACCEPT="text/html")
    assert award_page["Content-Type"].startswith("text/html")
    assert f'href="/public/assertions/{uuid}/signed.png"' in award_page.content.decode()
    client.logout()
    for path in re.findall(r'href="(/public/[^"]+)"', html):
        assert client.get(path.replace("&amp;", "&")).status_code == 200, path


def test_expired_badges_are_shared_as_expired(cast, client):
    held = accepted(
        cast,
        issued_on=now() - timedelta(days=400),
        expires_at=now() - timedelta(days=1),
    )
    link = actions.share(user=cast.carol, credential=held)
    assert "Expired" in client.get(share_path(link)).content.decode()


def test_collection_entries_disappear_with_the_credential(cast):
    held = accepted(cast)
    collection = actions.create_collection(user=cast.carol, name="All")
    actions.add_to_collection(user=cast.carol, collection=collection, held=held)
    held.delete()
    assert not CollectionEntry.objects.exists()


def test_an_imported_badge_is_shared_previewed_and_verified_from_its_bytes(
    cast, client, settings
):
    from badges.actions import award_badge
    from badges.choices import RecipientType

    settings.IMPORT_RATE_LIMIT = 1000
    elsewhere = award_badge(
        badge_class=cast.badge_class,
        recipient_type=RecipientType.URL,
        recipient_identity="https://carol.example.org/",
        acting_user=cast.aaron,
        notify=False,
    )
    baked = client.get(f"/public/credentials/{elsewhere.uuid}/image.png").content
    held = actions.import_credential(user=cast.carol, data=baked, filename="badge.png")
    collection = actions.create_collection(user=cast.carol, name="Mixed")
    actions.add_to_collection(user=cast.carol, collection=collection, held=held)
    link = actions.share(user=cast.carol, collection=collection)

    html = client.get(share_path(link)).content.decode()
    image = f"/share/{link.token}/{held.uuid}/image"
    assert image in html
    assert meta(html)["og:image"] == f"{base_url()}/share/{link.token}/card.png"
    served = client.get(image)
    assert served.status_code == 200 and served.content == bytes(held.image)
    assert served["Content-Security-Policy"].startswith("default-src 'none'")
    page = client.get(f"/share/{link.token}/{held.uuid}").content.decode()
    assert cast.badge_class.name in page and "imported by its holder" in page
    verdict = client.get(f"/share/{link.token}/{held.uuid}/verify")
    assert verdict.status_code == 200
    assert "This badge is genuine and in force." in verdict.content.decode()
    # Revoked at the source: the shared page's verification sees it at once.
    revoke_award(award=elsewhere, reason="Error", acting_user=cast.aaron)
    publish_status_list(issuer=cast.welding)  # a task does it after the commit
    verdict = client.get(f"/share/{link.token}/{held.uuid}/verify").content.decode()
    assert "At least one check failed." in verdict
    # The learner's own pages for it are not public.
    assert client.get(f"/wallet/imported/{held.uuid}/").status_code == 302
    client.force_login(cast.mallory)
    assert client.get(f"/wallet/imported/{held.uuid}/").status_code == 404


def test_preview_cards_for_a_collection_and_its_badges_are_pngs(cast, client):
    held = accepted(cast)
    collection = actions.create_collection(
        user=cast.carol, name="Ēdināšana un darba drošība — portfolio"
    )
    actions.add_to_collection(user=cast.carol, collection=collection, held=held)
    link = actions.share(user=cast.carol, collection=collection)
    item = client.get(f"/share/{link.token}/{held.uuid}").content.decode()
    assert (
        meta(item)["og:image"]
        == f"{base_url()}/share/{link.token}/{held.uuid}/card.png"
    )
    for path in (
        f"/share/{link.token}/card.png",
        f"/share/{link.token}/{held.uuid}/card.png",
    ):
        response = client.get(path)
        assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    # Cards are cached, but never outlive what the link shows.
    actions.remove_from_collection(user=cast.carol, collection=collection, held=held)
    assert client.get(f"/share/{link.token}/{held.uuid}/card.png").status_code == 404
    actions.revoke_share(user=cast.carol, link=link)
    assert client.get(f"/share/{link.token}/card.png").status_code == 404


def test_the_card_wraps_long_titles_and_draws_png_badges():
    from tests.factories import png_bytes
    from wallet import og_card

    png = og_card.badge_card(
        title="A very long badge title " * 8,
        issuer="Daugavkrasta Technical School — Adult Education Centre",
        holder="Held by Līga Vītola",
        image=png_bytes(),
    )
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.size == (1200, 630)
        # The badge picture sits in its grey frame on the left.
        assert picture.convert("RGB").getpixel((60, 100)) == (0xF4, 0xF6, 0xF8)
    without = og_card.badge_card(title="T", issuer="I", holder="H", image=b"<svg/>")
    with Image.open(io.BytesIO(without)) as picture:
        assert picture.convert("RGB").getpixel((60, 100)) == (255, 255, 255)
