"""Designing badge classes in the staff pages, and their public pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from badges.models import BadgeClass
from tests.factories import make_badge_class, png_bytes

EMPTY_LISTS = {
    f"{key}-{field}": value
    for key in ("learning_outcomes", "alignments", "partners", "stack_targets")
    for field, value in (
        ("TOTAL_FORMS", "0"),
        ("INITIAL_FORMS", "0"),
        ("MIN_NUM_FORMS", "0"),
        ("MAX_NUM_FORMS", "1000"),
    )
}


def form_data(**overrides) -> dict:
    data = {
        **EMPTY_LISTS,
        "name": "First aid at work",
        "description": "Give first aid in the workplace.",
        "image_alt": "A white cross on a green circle",
        "language": "en",
        "achievement_type": "MicroCredential",
        "criteria_narrative": "## Assessment\n\nA practical test with a **manikin**.",
        "assessment_types": ["practical"],
        "workload_hours": "16",
        "eqf_level": "3",
        "participation_forms": ["onsite"],
        "qa_type": "external",
        "validity_months": "24",
        "tags_text": "first aid, safety",
        "learning_outcomes-TOTAL_FORMS": "2",
        "learning_outcomes-0-text": "Perform CPR on an adult",
        "learning_outcomes-0-url": "http://data.europa.eu/esco/skill/0001",
        "learning_outcomes-1-text": "Use an AED",
    }
    data.update(overrides)
    return data


def test_an_editor_designs_a_badge_class_with_outcomes_and_an_image(cast, client):
    client.force_login(cast.erin)
    data = form_data(
        image=SimpleUploadedFile("badge.png", png_bytes(), content_type="image/png")
    )
    response = client.post(
        f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/", data
    )
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    badge_class = BadgeClass.objects.get(name="First aid at work")
    assert [o.text for o in badge_class.learning_outcomes.all()] == [
        "Perform CPR on an adult",
        "Use an AED",
    ]
    assert badge_class.tags == ["first aid", "safety"]
    assert badge_class.validity_months == 24
    page = client.get(response["Location"]).content.decode()
    assert "EU micro-credential completeness" in page
    assert "Perform CPR on an adult" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"eqf_level": "9"}, "eqf_level", "EQF levels run from 1 to 8."),
        (
            {"workload_hours": "-3"},
            "workload_hours",
            "Enter zero or a positive number.",
        ),
        (
            {"credits": "5"},
            "credit_system",
            "Say which credit system the credits are in.",
        ),
        (
            {"duration_amount": "3"},
            "duration_unit",
            "Give the calendar duration as a number and a unit.",
        ),
        ({"language": "xx"}, "language", "Select a valid choice."),
    ],
)
def test_bad_values_are_reported_on_their_field_and_nothing_is_saved(
    cast, client, overrides, field, message
):
    client.force_login(cast.erin)
    response = client.post(
        f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/", form_data(**overrides)
    )
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert not BadgeClass.objects.filter(name="First aid at work").exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.gif", b"GIF89a\x01\x00"), "Upload a PNG or SVG image."),
        (
            SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
            "The PNG file is damaged",
        ),
        (
            SimpleUploadedFile(
                "x.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
            ),
            "contains a script",
        ),
        (
            SimpleUploadedFile(
                "x.svg",
                b'<!DOCTYPE svg [<!ENTITY a "aaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            ),
            "DOCTYPE",
        ),
        (
            SimpleUploadedFile(
                "x.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x/y.css);</style></svg>',
            ),
            "external resource",
        ),
        (SimpleUploadedFile("x.png", png_bytes((40, 40))), "at least 90×90"),
    ],
)
def test_bad_images_are_refused_on_the_image_field_and_no_file_is_left(
    cast, client, upload, message, settings
):
    from pathlib import Path

    before = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    client.force_login(cast.erin)
    response = client.post(
        f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/",
        form_data(image=upload),
    )
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors["image"]), (
        response.context["form"].errors
    )
    assert not BadgeClass.objects.filter(name="First aid at work").exists()
    assert {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} == before


def test_a_bad_outcome_row_is_reported_on_that_row(cast, client):
    client.force_login(cast.erin)
    response = client.post(
        f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/",
        form_data(**{"learning_outcomes-1-url": "::nope"}),
    )
    assert response.status_code == 200
    assert not BadgeClass.objects.filter(name="First aid at work").exists()
    rows = dict(response.context["lists"][0][1].forms[1].errors)
    assert "url" in rows


def test_editing_keeps_rows_and_writes_changes_to_the_audit_log(cast, client):
    client.force_login(cast.erin)
    badge_class = cast.badge_class
    page = client.get(f"/staff/badge-classes/{badge_class.uuid}/edit/")
    formset = page.context["lists"][0][1]
    assert formset.initial == [
        {
            "text": "Weld fillet welds in position PB",
            "framework": "",
            "code": "",
            "url": "",
        },
        {"text": "Inspect a weld visually", "framework": "", "code": "", "url": ""},
    ]
    data = form_data(
        name=badge_class.name,
        **{
            "learning_outcomes-TOTAL_FORMS": "1",
            "learning_outcomes-0-text": "Only one now",
            "learning_outcomes-0-url": "",
        },
    )
    response = client.post(f"/staff/badge-classes/{badge_class.uuid}/edit/", data)
    assert response.status_code == 302
    assert [o.text for o in badge_class.learning_outcomes.all()] == ["Only one now"]
    event = AuditEvent.objects.filter(action="badge_class.updated").latest("id")
    assert event.actor == cast.erin and event.data["learningoutcome"] == 1


def test_an_awarder_cannot_edit(cast, client):
    client.force_login(cast.aaron)
    assert (
        client.get(f"/staff/badge-classes/{cast.badge_class.uuid}/").status_code == 200
    )
    assert (
        client.get(f"/staff/badge-classes/{cast.badge_class.uuid}/edit/").status_code
        == 403
    )
    assert (
        client.post(
            f"/staff/badge-classes/{cast.badge_class.uuid}/archive/"
        ).status_code
        == 403
    )


def test_a_latvian_translation_shows_to_latvian_visitors(cast, client):
    client.force_login(cast.erin)
    badge_class = cast.badge_class
    response = client.post(
        f"/staff/badge-classes/{badge_class.uuid}/translations/lv/",
        {
            "name": "MIG/MAG metināšana",
            "description": "Kakla šuves visās pozīcijās.",
            "outcome_0": "Metināt kakla šuves",
        },
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(
        f"/public/badges/{badge_class.uuid}",
        HTTP_ACCEPT_LANGUAGE="lv",
        HTTP_ACCEPT="text/html",
    ).content.decode()
    assert "MIG/MAG metināšana" in page and "Metināt kakla šuves" in page
    assert (
        "Inspect a weld visually" in page
    )  # untranslated outcome falls back to the primary text
    english = client.get(
        f"/public/badges/{badge_class.uuid}",
        HTTP_ACCEPT_LANGUAGE="en",
        HTTP_ACCEPT="text/html",
    ).content.decode()
    assert badge_class.name in english


def test_the_public_page_shows_every_element_and_the_qualification_marker(cast, client):
    badge_class = make_badge_class(
        issuer=cast.welding,
        acting_user=cast.alice,
        name="Hygiene passport",
        credits=2,
        credit_system="ECTS",
        nqf_level="4",
        nqf_framework="LKI",
        isced_f_code="1013",
        languages_of_instruction=["lv"],
        qa_body="Food and Veterinary Service",
        part_of_qualification="Cook (LKI 4)",
        validity_months=36,
        criteria_narrative="Pass <script>alert(1)</script> the [exam](javascript:alert(1)).",
    )
    page = client.get(
        f"/public/badges/{badge_class.uuid}", HTTP_ACCEPT="text/html"
    ).content.decode()
    for text in (
        "Hygiene passport",
        "EQF level 4",
        "NQF level 4 LKI",
        "2 ECTS",
        "Hotel, restaurants and catering",
        "Latvian",
        "Food and Veterinary Service",
        "Not a full qualification",
        "part of Cook (LKI 4)",
        "Expires 36 months after issue",
        "Weld fillet welds in position PB",
        "Practical demonstration",
    ):
        assert text in page, text
    assert "<script>alert" not in page
    assert 'href="javascript:' not in page


def test_the_public_page_of_a_draft_is_not_found_but_staff_can_preview_it(cast, client):
    draft = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, publish=False, name="Secret plan"
    )
    assert (
        client.get(f"/public/badges/{draft.uuid}", HTTP_ACCEPT="text/html").status_code
        == 404
    )
    assert (
        client.get(
            f"/public/badges/{draft.uuid}", HTTP_ACCEPT="application/ld+json"
        ).status_code
        == 404
    )
    assert client.get(f"/public/badges/{draft.uuid}/image").status_code == 404
    client.force_login(cast.ivy)
    assert (
        "Secret plan"
        in client.get(f"/staff/badge-classes/{draft.uuid}/preview/").content.decode()
    )


def test_publishing_from_the_page_needs_the_starred_elements(cast, client):
    client.force_login(cast.erin)
    bare = BadgeClass.objects.create(issuer=cast.welding, name="Bare", description="x")
    response = client.post(f"/staff/badge-classes/{bare.uuid}/publish/", follow=True)
    assert (
        "Before publishing, add: Image, Learning outcomes, Criteria, Type of assessment."
        in response.content.decode()
    )
    bare.refresh_from_db()
    assert bare.status == "draft"


def test_public_images_are_served_with_a_sandboxing_policy(cast, client):
    response = client.get(f"/public/badges/{cast.badge_class.uuid}/image")
    assert response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_markdown_links_keep_only_safe_schemes():
    from badges.markdown import render_markdown

    html = render_markdown(
        "[ok](https://example.org) [bad](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n# Big"
    )
    assert (
        '<a href="https://example.org" rel="nofollow noopener noreferrer">ok</a>'
        in html
    )
    assert 'href="javascript:' not in html and "<img" not in html
    assert "<h3>Big</h3>" in html


def test_an_awarder_awards_from_the_page_and_revokes_with_a_reason(cast, client):
    from badges.models import Award

    client.force_login(cast.aaron)
    url = f"/staff/badge-classes/{cast.badge_class.uuid}/awards/"
    response = client.post(
        url,
        {
            "recipient_identity": "Pat@Example.org",
            "recipient_name": "Pat",
            "route": "course",
        },
    )
    assert response.status_code == 302
    award = Award.objects.get()
    assert (
        award.recipient_identity == "pat@example.org"
        and award.ob3_credential is not None
    )
    listing = client.get(url + "?q=pat").content.decode()
    assert "pat@example.org" in listing
    client.post(f"/staff/awards/{award.uuid}/revoke/", {"reason": "Wrong person"})
    award.refresh_from_db()
    assert award.revocation_reason == "Wrong person"
    assert "pat@example.org" in client.get(url + "?state=revoked").content.decode()
    assert "pat@example.org" not in client.get(url + "?state=valid").content.decode()


def test_a_bad_recipient_is_reported_on_its_field(cast, client):
    client.force_login(cast.aaron)
    response = client.post(
        f"/staff/badge-classes/{cast.badge_class.uuid}/awards/",
        {"recipient_identity": "not an address", "route": "course"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["recipient_identity"]


def test_outsiders_cannot_see_or_revoke_awards(cast, client):
    from badges.actions import award_badge

    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="q@example.org",
        acting_user=cast.alice,
    )
    client.force_login(cast.mallory)
    assert (
        client.get(f"/staff/badge-classes/{cast.badge_class.uuid}/awards/").status_code
        == 404
    )
    assert (
        client.post(f"/staff/awards/{award.uuid}/revoke/", {"reason": "x"}).status_code
        == 404
    )
    award.refresh_from_db()
    assert award.revoked_at is None


def test_an_awarder_revokes_several_awards_at_once_from_the_page(cast, client):
    from badges.actions import award_badge
    from badges.models import Award

    awards = [
        award_badge(
            badge_class=cast.badge_class,
            recipient_identity=f"m{i}@example.org",
            acting_user=cast.alice,
        )
        for i in range(3)
    ]
    other_class = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, name="Other"
    )
    foreign = award_badge(
        badge_class=other_class,
        recipient_identity="x@example.org",
        acting_user=cast.alice,
    )
    client.force_login(cast.aaron)
    url = f"/staff/badge-classes/{cast.badge_class.uuid}/revoke/"
    chosen = [str(a.uuid) for a in awards[:2]] + [str(foreign.uuid), "not-a-uuid"]
    response = client.post(
        url, {"awards": chosen, "reason": "Course cancelled"}, follow=True
    )
    assert "2 awards revoked." in response.content.decode()
    assert set(Award.objects.revoked().values_list("pk", flat=True)) == {
        awards[0].pk,
        awards[1].pk,
    }  # not the other class's
    assert (
        "Give a reason"
        in client.post(
            url, {"awards": [str(awards[2].uuid)]}, follow=True
        ).content.decode()
    )
    client.force_login(cast.mallory)
    assert (
        client.post(url, {"awards": [str(awards[2].uuid)], "reason": "x"}).status_code
        == 404
    )
    assert Award.objects.revoked().count() == 2


def test_the_translation_picker_leads_to_the_translation_form_without_a_script(
    cast, client
):
    client.force_login(cast.erin)
    detail = f"/staff/badge-classes/{cast.badge_class.uuid}/"
    response = client.get(detail, {"lang": "lv"})
    assert response.status_code == 302
    assert response["Location"] == f"{detail}translations/lv/"
    assert (
        client.get(detail, {"lang": "xx"}).status_code == 200
    )  # not a language: the page
    client.force_login(cast.mallory)
    assert (
        client.get(detail, {"lang": "lv"}).status_code == 404
    )  # outsiders see nothing
