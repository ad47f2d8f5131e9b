"""Staff pages for institutions, issuers and staff, driven through the test client."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from issuers.models import Institution, Invitation, Issuer, Membership, Role
from tests.factories import SVG_OK, png_bytes


def test_a_signed_in_person_creates_an_institution_and_becomes_its_owner(cast, client):
    client.force_login(cast.carol)
    response = client.post(
        "/staff/institutions/new/",
        {"name": "Carol's Academy", "country": "IE", "language": "en", "url": ""},
    )
    institution = Institution.objects.get(name="Carol's Academy")
    assert response.status_code == 302
    assert (
        Membership.objects.get(user=cast.carol, institution=institution).role
        == Role.OWNER
    )
    assert AuditEvent.objects.filter(
        action="institution.created", institution=institution
    ).exists()


def test_an_admin_adds_an_issuer_with_a_logo(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.adam)
    response = client.post(
        f"/staff/institutions/{cast.acme.uuid}/issuers/new/",
        {
            "name": "Health and safety",
            "url": "acme.example.org/hs",
            "email": "hs@acme.example.org",
            "country": "LV",
            "language": "lv",
            "telephone": "+371 6700 0000",
            "image": SimpleUploadedFile(
                "logo.svg", SVG_OK, content_type="image/svg+xml"
            ),
        },
    )
    assert response.status_code == 302, response.content
    issuer = Issuer.objects.get(name="Health and safety")
    assert issuer.url == "https://acme.example.org/hs"
    assert issuer.image.name.endswith(".svg")
    assert (
        client.get(f"/public/issuers/{issuer.uuid}/image")["Content-Type"]
        == "image/svg+xml"
    )


def test_a_hostile_logo_is_refused_on_its_field_and_nothing_is_saved(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.adam)
    hostile = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
    response = client.post(
        f"/staff/institutions/{cast.acme.uuid}/issuers/new/",
        {
            "name": "Bad",
            "url": "https://x.org",
            "email": "a@x.org",
            "country": "LV",
            "language": "en",
            "image": SimpleUploadedFile("logo.svg", hostile),
        },
    )
    assert response.status_code == 200
    assert (
        "event handler attribute (onload)"
        in response.context["form"].errors["image"][0]
    )
    assert not Issuer.objects.filter(name="Bad").exists()


def test_an_editor_cannot_add_issuers(cast, client):
    client.force_login(cast.erin)
    assert (
        client.get(f"/staff/institutions/{cast.acme.uuid}/issuers/new/").status_code
        == 403
    )


@pytest.mark.parametrize("person", ["carol", "mallory"])
def test_outsiders_get_404_on_every_staff_page(cast, client, person):
    client.force_login(getattr(cast, person))
    for url in (
        f"/staff/institutions/{cast.acme.uuid}/",
        f"/staff/institutions/{cast.acme.uuid}/edit/",
        f"/staff/issuers/{cast.welding.uuid}/",
        f"/staff/issuers/{cast.welding.uuid}/edit/",
        f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/edit/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/preview/",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"/staff/institutions/{cast.acme.uuid}/invite/",
            {"email": "x@y.org", "role": "owner"},
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/staff/badge-classes/{cast.badge_class.uuid}/archive/"
        ).status_code
        == 404
    )
    assert not Invitation.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(cast, client):
    response = client.get(f"/staff/issuers/{cast.welding.uuid}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_admin_invites_a_colleague_and_the_e_mail_is_queued_on_commit(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.adam)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            f"/staff/institutions/{cast.acme.uuid}/invite/",
            {"email": "New.Person@Example.org", "role": "editor"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (
        invitation.email == "new.person@example.org" and invitation.role == Role.EDITOR
    )
    assert (
        len(callbacks) == 1
    )  # the e-mail task, queued only once the invitation is committed
    assert AuditEvent.objects.filter(
        action="invitation.created", actor=cast.adam
    ).exists()


def test_an_invited_newcomer_signs_up_from_the_link_and_gets_the_role(cast, client):
    from issuers.actions import invite_staff

    _invitation, secret = invite_staff(
        scope=cast.acme,
        email="new.person@example.org",
        role=Role.EDITOR,
        acting_user=cast.adam,
    )
    path = f"/staff/invitations/{secret}/"
    page = client.get(path)
    assert page.status_code == 200
    assert "new.person@example.org" in page.content.decode()
    response = client.post(
        path,
        {
            "full_name": "New Person",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )
    assert response.status_code == 302, response.content
    membership = Membership.objects.get(user__email="new.person@example.org")
    assert membership.role == Role.EDITOR and membership.institution == cast.acme
    assert client.get(path).status_code == 410  # used once


def test_a_weak_password_is_refused_when_signing_up_from_an_invitation(cast, client):
    from issuers.actions import invite_staff

    _invitation, secret = invite_staff(
        scope=cast.acme,
        email="weak@example.org",
        role=Role.EDITOR,
        acting_user=cast.adam,
    )
    response = client.post(
        f"/staff/invitations/{secret}/",
        {"full_name": "W", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not Membership.objects.filter(user__email="weak@example.org").exists()


def test_an_admin_cannot_invite_an_owner(cast, client):
    client.force_login(cast.adam)
    response = client.post(
        f"/staff/institutions/{cast.acme.uuid}/invite/",
        {"email": "boss@x.org", "role": "owner"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_inviting_someone_who_is_already_staff_is_refused(cast, client):
    client.force_login(cast.alice)
    response = client.post(
        f"/staff/institutions/{cast.acme.uuid}/invite/",
        {"email": "erin@example.org", "role": "editor"},
        follow=True,
    )
    assert "already has a role here" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_invitation_for_someone_else_cannot_be_taken(cast, client):
    from issuers.actions import invite_staff

    _invitation, secret = invite_staff(
        scope=cast.acme,
        email="someone@example.org",
        role=Role.EDITOR,
        acting_user=cast.alice,
    )
    client.force_login(cast.mallory)
    response = client.post(f"/staff/invitations/{secret}/", follow=True)
    assert "sent to another e-mail address" in response.content.decode()
    assert not Membership.objects.filter(
        user=cast.mallory, institution=cast.acme
    ).exists()


def test_the_last_owner_cannot_step_down(cast, client):
    client.force_login(cast.alice)
    owner = Membership.objects.get(user=cast.alice, institution=cast.acme)
    response = client.post(
        f"/staff/institutions/{cast.acme.uuid}/staff/{owner.pk}/role/",
        {"role": "admin"},
        follow=True,
    )
    assert "at least one owner" in response.content.decode()
    owner.refresh_from_db()
    assert owner.role == Role.OWNER


def test_an_admin_changes_a_role_and_the_audit_log_says_so(cast, client):
    client.force_login(cast.adam)
    erin = Membership.objects.get(user=cast.erin)
    client.post(
        f"/staff/institutions/{cast.acme.uuid}/staff/{erin.pk}/role/",
        {"role": "awarder"},
    )
    erin.refresh_from_db()
    assert erin.role == Role.AWARDER
    event = AuditEvent.objects.get(action="membership.role_changed")
    assert event.actor == cast.adam and event.data["role"] == ["editor", "awarder"]


def test_an_admin_cannot_demote_the_owner(cast, client):
    client.force_login(cast.adam)
    owner = Membership.objects.get(user=cast.alice, institution=cast.acme)
    assert (
        client.post(
            f"/staff/institutions/{cast.acme.uuid}/staff/{owner.pk}/role/",
            {"role": "awarder"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/staff/institutions/{cast.acme.uuid}/staff/{owner.pk}/remove/"
        ).status_code
        == 403
    )


def test_an_archived_issuer_takes_no_new_badge_classes(cast, client):
    client.force_login(cast.adam)
    client.post(f"/staff/issuers/{cast.welding.uuid}/archive/")
    response = client.get(
        f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/", follow=True
    )
    assert "takes no new badge classes" in response.content.decode()
    assert (
        client.get(
            f"/public/issuers/{cast.welding.uuid}", HTTP_ACCEPT="text/html"
        ).status_code
        == 200
    )


def test_api_tokens_are_shown_once_and_stored_as_digests(cast, client):
    from accounts.models import ApiToken

    client.force_login(cast.erin)
    response = client.post("/accounts/tokens/", {"name": "Moodle"})
    secret = response.context["new_secret"]
    assert secret.startswith("ins_")
    token = ApiToken.objects.get(user=cast.erin)
    assert token.digest != secret and secret not in str(token.__dict__)
    assert secret not in client.get("/accounts/tokens/").content.decode()


def test_healthz_reports_database_and_task_mode(db, client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] in ("sqlite", "postgresql")
    assert body["tasks"] == ("eager" if settings.CELERY_TASK_ALWAYS_EAGER else "broker")


def test_png_logo_bytes_round_trip(cast):
    from issuers.actions import update_issuer

    issuer = update_issuer(
        issuer=cast.welding, acting_user=cast.alice, image=png_bytes((120, 120))
    )
    assert issuer.image.read().startswith(b"\x89PNG")


def test_telephones_are_international_and_published_as_e164(cast):
    from django.core.exceptions import ValidationError

    from badges.facts import issuer_facts
    from issuers.actions import update_issuer

    with pytest.raises(ValidationError) as error:
        update_issuer(
            issuer=cast.welding, acting_user=cast.alice, telephone="6700 0000"
        )
    assert "international form" in str(error.value)
    update_issuer(
        issuer=cast.welding, acting_user=cast.alice, telephone="+371 (67) 00-0000"
    )
    assert issuer_facts(cast.welding).telephone == "+37167000000"


def test_an_admin_rotates_a_key_and_old_awards_keep_verifying(cast, client):
    from badges.actions import award_badge
    from issuers.models import SigningKey
    from verifier.awards import verify_award

    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="k@example.org",
        acting_user=cast.alice,
    )
    client.force_login(cast.erin)
    assert (
        client.post(
            f"/staff/issuers/{cast.welding.uuid}/rotate-key/", {"algorithm": "RS256"}
        ).status_code
        == 403
    )
    client.force_login(cast.adam)
    for algorithm in ("RS256", "Ed25519"):
        client.post(
            f"/staff/issuers/{cast.welding.uuid}/rotate-key/", {"algorithm": algorithm}
        )
    assert SigningKey.objects.filter(issuer=cast.welding).count() == 4
    assert SigningKey.objects.active().filter(issuer=cast.welding).count() == 2
    assert verify_award(award).valid is True
    page = client.get(f"/staff/issuers/{cast.welding.uuid}/").content.decode()
    assert "retired" in page and "did:web:" in page
    assert (
        AuditEvent.objects.filter(action="signing_key.rotated", actor=cast.adam).count()
        == 2
    )


def test_the_issuer_audit_log_is_for_administrators(cast, client):
    from badges.actions import award_badge

    award_badge(
        badge_class=cast.badge_class,
        recipient_identity="audit@example.org",
        acting_user=cast.aaron,
    )
    client.force_login(cast.adam)
    page = client.get(f"/staff/issuers/{cast.welding.uuid}/audit/").content.decode()
    assert "Aaron awarded “MIG/MAG welding, fillet welds” to" in page
    assert "Alice created the badge class" in page
    assert "award.created" not in page  # sentences, not codes
    # The audit log keeps the recipient's hash only; the page masks the address.
    assert "audit@example.org" not in page and "a***@example.org" in page
    filtered = client.get(
        f"/staff/issuers/{cast.welding.uuid}/audit/?kind=award"
    ).content.decode()
    assert "Aaron awarded" in filtered and "created the badge class" not in filtered
    client.force_login(cast.aaron)
    assert client.get(f"/staff/issuers/{cast.welding.uuid}/audit/").status_code == 403
    client.force_login(cast.mallory)
    assert client.get(f"/staff/issuers/{cast.welding.uuid}/audit/").status_code == 404


def test_an_admin_translates_the_issuer_profile_and_latvian_visitors_see_it(
    cast, client
):
    client.force_login(cast.adam)
    response = client.post(
        f"/staff/issuers/{cast.welding.uuid}/translations/lv/",
        {
            "name": "Metināšanas skola",
            "description": "Metināšanas kursi pieaugušajiem.",
        },
    )
    assert response.status_code == 302
    cast.welding.refresh_from_db()
    assert cast.welding.translations == {
        "lv": {
            "name": "Metināšanas skola",
            "description": "Metināšanas kursi pieaugušajiem.",
        }
    }
    page = client.get(
        f"/public/issuers/{cast.welding.uuid}",
        HTTP_ACCEPT="text/html",
        HTTP_ACCEPT_LANGUAGE="lv",
    )
    assert "Metināšanas skola" in page.content.decode()
    assert AuditEvent.objects.filter(action="issuer.updated", actor=cast.adam).exists()
    client.force_login(cast.erin)
    assert (
        client.get(f"/staff/issuers/{cast.welding.uuid}/translations/lv/").status_code
        == 403
    )
    client.force_login(cast.mallory)
    assert (
        client.get(f"/staff/issuers/{cast.welding.uuid}/translations/lv/").status_code
        == 404
    )
