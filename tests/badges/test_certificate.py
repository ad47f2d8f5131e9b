"""The printable PDF certificate."""

from __future__ import annotations

from badges.actions import award_badge, set_badge_class_translation


def test_the_certificate_is_a_pdf_with_the_name_only_when_public(cast, client):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="c@example.org",
        recipient_name="Ilze Ozoliņa",
        acting_user=cast.aaron,
    )
    response = client.get(f"/public/assertions/{award.uuid}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    hidden = response.content
    type(award).objects.filter(pk=award.pk).update(show_name_publicly=True)
    shown = client.get(f"/public/assertions/{award.uuid}/certificate.pdf").content
    assert len(shown) > len(hidden)  # the name's glyphs join the embedded font subset


def test_the_certificate_follows_the_visitors_language(cast, client):
    set_badge_class_translation(
        badge_class=cast.badge_class,
        language="lv",
        texts={"name": "Metināšana: kakla šuves"},
        outcomes=["Metināt kakla šuves"],
        acting_user=cast.erin,
    )
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="c@example.org",
        acting_user=cast.aaron,
    )
    english = client.get(
        f"/public/assertions/{award.uuid}/certificate.pdf", HTTP_ACCEPT_LANGUAGE="en"
    ).content
    latvian = client.get(
        f"/public/assertions/{award.uuid}/certificate.pdf", HTTP_ACCEPT_LANGUAGE="lv"
    ).content
    assert (
        english.startswith(b"%PDF-")
        and latvian.startswith(b"%PDF-")
        and english != latvian
    )


def test_unknown_awards_have_no_certificate(client, db):
    assert (
        client.get(
            "/public/assertions/nope/certificate.pdf", HTTP_ACCEPT="text/html"
        ).status_code
        == 404
    )
