"""A signed-in person deletes their account: their personal data goes, the issuers' records stay.

The backpack, addresses, tokens and roles go with the account; awards made
to the person stay valid and verifiable (they are the issuers' records), and
rows that name the person as an actor keep their place without them.
"""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.timezone import now

from accounts import actions
from accounts.actions import delete_account, ownerships_to_hand_over
from accounts.models import ApiToken, EmailAddress, User
from audit.models import AuditEvent
from badges import actions as badge_actions
from badges.models import Award, BadgeRequest, BadgeRequestStatus
from issuers.actions import (
    accept_invitation,
    change_role,
    create_institution,
    invite_staff,
)
from issuers.models import Institution, Membership, Role
from tests.accounts.helpers import recipients_of, subject_of, tasks_in_process, text_of
from tests.factories import (
    PASSWORD,
    IssuerFactory,
    UserFactory,
    make_badge_class,
)
from tests.notifications.helpers import give
from verifier.awards import verify_award
from wallet.access import held_awards
from wallet.models import (
    Collection,
    CollectionEntry,
    HoldingStatus,
    ShareLink,
    Source,
    StoredCredential,
)

pytestmark = pytest.mark.django_db

DELETE = "/accounts/delete/"


@pytest.fixture(autouse=True)
def _tasks_in_process():
    with tasks_in_process():
        yield


def post_delete(client, capture, password=PASSWORD, **extra):
    with capture(execute=True):
        return client.post(DELETE, {"password": password, **extra})


def open_for_requests(badge_class, acting_user):
    badge_actions.update_badge_class(
        badge_class=badge_class, allows_requests=True, acting_user=acting_user
    )
    badge_class.refresh_from_db()
    return badge_class


class Belongings:
    """Everything carol has: a second address, a token, awards, a backpack, requests."""

    def __init__(self, cast) -> None:
        self.work = EmailAddress.objects.create(
            user=cast.carol, email="carol@work.example", verified_at=now()
        )
        self.token, self.secret = actions.create_api_token(
            user=cast.carol, name="Moodle sync"
        )
        self.award = give(cast, recipient="carol@example.org", recipient_name="Carol")
        self.work_award = give(
            cast,
            recipient="carol@work.example",
            recipient_name="Carol",
            badge_class=make_badge_class(
                issuer=cast.welding, acting_user=cast.alice, name="Hygiene passport"
            ),
        )
        Award.objects.filter(pk__in=[self.award.pk, self.work_award.pk]).update(
            show_name_publicly=True
        )
        self.held = StoredCredential.objects.create(
            user=cast.carol, award=self.award, status=HoldingStatus.ACCEPTED
        )
        received = b'{"type": ["VerifiableCredential", "OpenBadgeCredential"]}'
        self.imported = StoredCredential.objects.create(
            user=cast.carol,
            source=Source.FILE,
            status=HoldingStatus.ACCEPTED,
            received=received,
            received_type="application/json",
            received_name="badge.json",
            received_sha256=hashlib.sha256(received).hexdigest(),
            facts={"name": "First aid", "issuer": "Elsewhere"},
        )
        self.collection = Collection.objects.create(user=cast.carol, name="Welding")
        CollectionEntry.objects.create(collection=self.collection, credential=self.held)
        CollectionEntry.objects.create(
            collection=self.collection, credential=self.imported, position=1
        )
        self.credential_link = ShareLink.objects.create(
            user=cast.carol, credential=self.held
        )
        self.collection_link = ShareLink.objects.create(
            user=cast.carol, collection=self.collection
        )
        self.decided = self._denied_request(cast)
        self.pending = badge_actions.request_badge(
            badge_class=open_for_requests(
                make_badge_class(
                    issuer=cast.welding, acting_user=cast.alice, name="Brazing"
                ),
                cast.erin,
            ),
            user=cast.carol,
            email="carol@work.example",
            message="I passed the brazing test.",
        )

    @staticmethod
    def _denied_request(cast) -> BadgeRequest:
        badge_class = open_for_requests(
            make_badge_class(issuer=cast.welding, acting_user=cast.alice, name="TIG"),
            cast.erin,
        )
        badge_request = badge_actions.request_badge(
            badge_class=badge_class, user=cast.carol, email="carol@example.org"
        )
        return badge_actions.deny_badge_request(
            badge_request=badge_request, acting_user=cast.aaron, reason="No evidence"
        )


@pytest.fixture
def belongings(cast):
    return Belongings(cast)


# --- The whole deletion, through the page ----------------------------------------


def test_it_deletes_the_account_signs_out_and_confirms(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    mail.outbox.clear()

    response = post_delete(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response["Location"] == "/accounts/deleted/"
    assert "_auth_user_id" not in client.session
    confirmation = client.get("/accounts/deleted/")
    assert "Account deleted" in confirmation.content.decode()
    assert not User.objects.filter(pk=cast.carol.pk).exists()
    assert not EmailAddress.objects.filter(user_id=cast.carol.pk).exists()
    assert not ApiToken.objects.filter(pk=belongings.token.pk).exists()


def test_the_backpack_goes_with_the_account(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    share_pages = [
        f"/share/{belongings.credential_link.token}",
        f"/share/{belongings.collection_link.token}",
    ]
    assert [client.get(page).status_code for page in share_pages] == [200, 200]
    client.force_login(cast.carol)

    post_delete(client, django_capture_on_commit_callbacks)

    assert not StoredCredential.objects.filter(user_id=cast.carol.pk).exists()
    assert not StoredCredential.objects.filter(
        received_sha256=belongings.imported.received_sha256
    ).exists()  # the imported bytes are gone
    assert not Collection.objects.filter(pk=belongings.collection.pk).exists()
    assert not CollectionEntry.objects.exists()
    assert not ShareLink.objects.filter(user_id=cast.carol.pk).exists()
    assert [client.get(page).status_code for page in share_pages] == [404, 404]


def test_awards_stay_valid_and_public_but_no_longer_show_the_name(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    post_delete(client, django_capture_on_commit_callbacks)
    client.logout()

    for award in (belongings.award, belongings.work_award):
        award.refresh_from_db()
        assert verify_award(award).valid is True
        assert award.revoked_at is None
        assert award.show_name_publicly is False
        assert award.recipient_name == "Carol"  # the issuer's record is unchanged
        page = client.get(f"/public/assertions/{award.uuid}", HTTP_ACCEPT="text/html")
        assert page.status_code == 200
        assert "Carol" not in page.content.decode()
        document = client.get(
            f"/public/assertions/{award.uuid}", HTTP_ACCEPT="application/ld+json"
        )
        assert document.status_code == 200
        assert document.json()["recipient"]["identity"] == award.recipient_hash


def test_an_unverified_address_does_not_touch_awards_to_it(
    cast, client, django_capture_on_commit_callbacks
):
    """An address the person never proved is not theirs: awards to it are someone else's."""
    EmailAddress.objects.create(user=cast.carol, email="someone@else.example")
    theirs = give(cast, recipient="someone@else.example")
    Award.objects.filter(pk=theirs.pk).update(show_name_publicly=True)
    client.force_login(cast.carol)
    post_delete(client, django_capture_on_commit_callbacks)
    theirs.refresh_from_db()
    assert theirs.show_name_publicly is True


def test_pending_requests_are_withdrawn_and_decided_ones_stay_without_the_user(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    post_delete(client, django_capture_on_commit_callbacks)

    belongings.pending.refresh_from_db()
    belongings.decided.refresh_from_db()
    assert belongings.pending.status == BadgeRequestStatus.WITHDRAWN
    assert belongings.pending.user_id is None
    assert belongings.decided.status == BadgeRequestStatus.DENIED
    assert belongings.decided.user_id is None
    assert belongings.decided.decided_by == cast.aaron
    assert AuditEvent.objects.filter(
        action="badge_request.withdrawn", target_id=str(belongings.pending.uuid)
    ).exists()


def test_the_audit_event_counts_what_went_and_names_nobody(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    post_delete(client, django_capture_on_commit_callbacks)

    event = AuditEvent.objects.get(action="account.deleted")
    assert event.actor is None
    assert event.target_type == "accounts.user"
    assert event.target_id == str(cast.carol.uuid)
    assert event.data == {
        "email_addresses": 2,
        "api_tokens": 1,
        "memberships": 0,
        "stored_credentials": 1,
        "imported_credentials": 1,
        "collections": 1,
        "share_links": 2,
        "badge_requests_kept": 2,
        "badge_requests_withdrawn": 1,
        "award_names_hidden": 2,
    }
    assert "@" not in json.dumps(event.data)
    assert "Carol" not in json.dumps(event.data)
    # Earlier events the person made keep their rows, without them as actor.
    assert AuditEvent.objects.filter(
        action="api_token.created", target_id=str(belongings.token.uuid), actor=None
    ).exists()


def test_a_short_e_mail_confirms_it_to_the_former_sign_in_address(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    mail.outbox.clear()
    post_delete(client, django_capture_on_commit_callbacks)

    assert [recipients_of(m) for m in mail.outbox] == [["carol@example.org"]]
    message = mail.outbox[0]
    assert subject_of(message) == "Your Insignia account was deleted"
    assert "carol@example.org" in text_of(message)
    assert message.alternatives[0][1] == "text/html"


def test_the_confirmation_e_mail_is_in_the_persons_language(
    cast, client, django_capture_on_commit_callbacks
):
    from django.utils import translation

    User.objects.filter(pk=cast.carol.pk).update(language="lv")
    client.force_login(cast.carol)
    post_delete(client, django_capture_on_commit_callbacks)
    with translation.override("lv"):
        expected = translation.gettext("Your Insignia account was deleted")
    assert subject_of(mail.outbox[-1]) == expected


def test_the_addresses_are_free_to_sign_up_again_and_bring_the_awards_back(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    post_delete(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "full_name": "Carol Again",
                "email": "carol@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302
    again = User.objects.get(email="carol@example.org")
    assert again.pk != cast.carol.pk and again.full_name == "Carol Again"
    assert "Verify your e-mail address" in subject_of(mail.outbox[0])
    work = actions.add_email_address(user=again, email="carol@work.example")
    assert work.user == again
    # The backpack is a query: once the address is verified, its awards are there again.
    EmailAddress.objects.filter(user=again).update(verified_at=now())
    assert belongings.award in held_awards(again)
    assert belongings.work_award in held_awards(again)


def test_the_persons_other_sessions_stop_working(
    cast, client, django_capture_on_commit_callbacks
):
    from django.test import Client

    phone = Client()
    phone.force_login(cast.carol)
    assert phone.get("/accounts/emails/").status_code == 200
    client.force_login(cast.carol)
    other = Client()
    other.force_login(cast.alice)

    post_delete(client, django_capture_on_commit_callbacks)

    response = phone.get("/accounts/emails/")
    assert response.status_code == 302 and response["Location"].startswith(
        "/accounts/login/"
    )
    stored = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(cast.carol.pk) not in stored
    assert str(cast.alice.pk) in stored  # other people's sessions are left alone
    assert other.get("/accounts/emails/").status_code == 200


# --- What does not delete ----------------------------------------------------------


def test_a_wrong_password_deletes_nothing(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    mail.outbox.clear()

    response = post_delete(client, django_capture_on_commit_callbacks, password="nope")

    assert response.status_code == 200
    assert response.context["form"].errors["password"] == [
        "This is not your current password."
    ]
    assert User.objects.filter(pk=cast.carol.pk).exists()
    assert StoredCredential.objects.filter(user=cast.carol).count() == 2
    assert ShareLink.objects.filter(user=cast.carol).count() == 2
    belongings.pending.refresh_from_db()
    assert belongings.pending.is_pending is True
    assert Award.objects.filter(show_name_publicly=True).count() == 2
    assert not AuditEvent.objects.filter(action="account.deleted").exists()
    assert mail.outbox == []
    assert client.get("/accounts/emails/").status_code == 200  # still signed in


def test_an_empty_password_is_refused_by_the_form(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    response = post_delete(client, django_capture_on_commit_callbacks, password="")
    assert response.status_code == 200 and response.context["form"].errors["password"]
    assert User.objects.filter(pk=cast.carol.pk).exists()


def test_a_get_only_shows_the_page(cast, client, belongings):
    client.force_login(cast.carol)
    page = client.get(DELETE)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="password"' in html and 'autocomplete="current-password"' in html
    assert User.objects.filter(pk=cast.carol.pk).exists()
    assert StoredCredential.objects.filter(user=cast.carol).count() == 2
    assert not AuditEvent.objects.filter(action="account.deleted").exists()


def test_the_e_mail_addresses_page_links_to_it(cast, client):
    client.force_login(cast.carol)
    assert f'href="{DELETE}"' in client.get("/accounts/emails/").content.decode()


def test_visitors_who_are_not_signed_in_are_sent_to_sign_in(
    cast, client, django_capture_on_commit_callbacks
):
    for response in (
        client.get(DELETE),
        post_delete(client, django_capture_on_commit_callbacks),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert User.objects.count() == 7


def test_one_person_cannot_delete_another(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    """Only the signed-in account can go, and only with its own password."""
    oscar = UserFactory(email="oscar@example.org", password="oscars-own-passphrase")
    client.force_login(oscar)

    response = post_delete(
        client,
        django_capture_on_commit_callbacks,
        password=PASSWORD,  # carol's
        user=cast.carol.pk,
        email="carol@example.org",
    )

    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert User.objects.filter(pk__in=[cast.carol.pk, oscar.pk]).count() == 2
    assert StoredCredential.objects.filter(user=cast.carol).count() == 2
    assert not AuditEvent.objects.filter(action="account.deleted").exists()


def test_mallory_deleting_herself_leaves_carol_alone(
    cast, client, belongings, django_capture_on_commit_callbacks
):
    Membership.objects.create(user=cast.alice, institution=cast.evil, role=Role.OWNER)
    client.force_login(cast.mallory)
    post_delete(client, django_capture_on_commit_callbacks)
    assert not User.objects.filter(pk=cast.mallory.pk).exists()
    assert StoredCredential.objects.filter(user=cast.carol).count() == 2
    assert client.get(f"/share/{belongings.credential_link.token}").status_code == 200


def test_password_attempts_are_rate_limited(
    cast, client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("config.ratelimit.clock", lambda: 1_800_000_010.0)
    settings.SIGN_IN_RATE_LIMIT = 2
    client.force_login(cast.carol)
    attacker = {"REMOTE_ADDR": f"test-{uuid.uuid4()}"}  # Redis keys outlive a run
    codes = [
        client.post(DELETE, {"password": "guess"}, **attacker).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(DELETE, {"password": PASSWORD}, **attacker)
    assert refused.status_code == 429
    assert User.objects.filter(pk=cast.carol.pk).exists()


# --- Owners hand over first --------------------------------------------------------


def test_the_last_owner_of_an_institution_in_use_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        delete_account(user=cast.alice, password=PASSWORD)
    assert refused.value.error_dict["account"][0].code == "last_owner"
    assert refused.value.messages == [
        "You are the last owner of “Acme Vocational”. Make someone else owner there "
        "first, then delete your account."
    ]
    assert User.objects.filter(pk=cast.alice.pk).exists()
    assert Membership.objects.filter(user=cast.alice).exists()


def test_the_page_names_what_to_hand_over_and_refuses_a_post(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.alice)
    page = client.get(DELETE).content.decode()
    assert "You are the last owner of:" in page and "Acme Vocational" in page
    assert 'name="password"' not in page
    response = post_delete(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Make someone else owner there first" in str(
        response.context["form"].non_field_errors()
    )
    assert User.objects.filter(pk=cast.alice.pk).exists()


def test_the_password_is_checked_before_anything_is_said_about_ownership(cast):
    with pytest.raises(ValidationError) as refused:
        delete_account(user=cast.alice, password="wrong")
    assert list(refused.value.error_dict) == ["password"]


def test_once_someone_else_owns_it_the_former_owner_can_go_and_the_records_stay(
    cast, client, django_capture_on_commit_callbacks
):
    award = give(cast, recipient="zelma@example.org")
    invitation, _secret = invite_staff(
        scope=cast.acme,
        email="new@example.org",
        role=Role.EDITOR,
        acting_user=cast.alice,
    )
    change_role(
        membership=Membership.objects.get(user=cast.adam, institution=cast.acme),
        role=Role.OWNER,
        acting_user=cast.alice,
    )
    assert ownerships_to_hand_over(cast.alice) == []
    client.force_login(cast.alice)

    response = post_delete(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert not User.objects.filter(pk=cast.alice.pk).exists()
    cast.badge_class.refresh_from_db()
    assert cast.badge_class.created_by is None
    invitation.refresh_from_db()
    assert invitation.invited_by is None and invitation.is_pending is True
    assert Institution.objects.filter(pk=cast.acme.pk).exists()
    assert AuditEvent.objects.filter(
        action="institution.created", target_id=str(cast.acme.uuid), actor=None
    ).exists()
    assert verify_award(award).valid is True


def test_a_staff_members_awards_keep_their_issuer_record(
    cast, client, django_capture_on_commit_callbacks
):
    award = give(cast, recipient="zelma@example.org")
    assert award.awarded_by == cast.aaron
    client.force_login(cast.aaron)
    post_delete(client, django_capture_on_commit_callbacks)
    award.refresh_from_db()
    assert award.awarded_by is None
    assert verify_award(award).valid is True
    event = AuditEvent.objects.get(action="account.deleted")
    assert event.data["memberships"] == 1
    # Acme's own log shows that a staff member left, by uuid and role only.
    left = AuditEvent.objects.for_institution(cast.acme).get(
        action="membership.removed"
    )
    assert left.data == {
        "role": "awarder",
        "user": str(cast.aaron.uuid),
        "account_deleted": True,
    }


def test_an_institution_nobody_else_depends_on_does_not_block(cast):
    loner = UserFactory(email="loner@example.org")
    institution = create_institution(acting_user=loner, name="Just me", country="LV")
    assert ownerships_to_hand_over(loner) == []
    delete_account(user=loner, password=PASSWORD)
    assert Institution.objects.filter(pk=institution.pk).exists()
    assert not Membership.objects.filter(institution=institution).exists()


def test_another_staff_member_makes_an_institution_depend_on_its_owner(cast):
    loner = UserFactory(email="loner@example.org")
    institution = create_institution(acting_user=loner, name="Just me", country="LV")
    Membership.objects.create(
        user=cast.carol, institution=institution, role=Role.EDITOR
    )
    assert ownerships_to_hand_over(loner) == [institution]


def test_an_owner_at_issuer_level_is_refused_only_when_no_institution_owner_covers_it(
    cast,
):
    oscar = UserFactory(email="oscar@example.org")
    Membership.objects.create(user=oscar, issuer=cast.welding, role=Role.OWNER)
    assert ownerships_to_hand_over(oscar) == []  # alice owns Acme
    orphan = IssuerFactory()
    Membership.objects.create(user=oscar, issuer=orphan, role=Role.OWNER)
    assert ownerships_to_hand_over(oscar) == []  # nothing depends on it yet
    Membership.objects.create(user=cast.carol, issuer=orphan, role=Role.AWARDER)
    assert ownerships_to_hand_over(oscar) == [orphan]


# --- The schema lets nothing block a deletion --------------------------------------


def test_no_reference_to_a_user_blocks_deletion():
    """Every foreign key to the user model deletes with it or forgets it; none protects."""
    blocking = [
        f"{relation.related_model._meta.label}.{relation.field.name}"
        for relation in User._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and relation.on_delete not in (models.CASCADE, models.SET_NULL)
    ]
    assert blocking == []


def test_issuer_records_forget_the_person_rather_than_go_with_them():
    forgets = {
        f"{relation.related_model._meta.label}.{relation.field.name}"
        for relation in User._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and relation.on_delete is models.SET_NULL
    }
    assert {
        "audit.AuditEvent.actor",
        "badges.Award.awarded_by",
        "badges.BadgeRequest.user",
        "badges.BadgeRequest.decided_by",
        "bulk.BulkUpload.uploaded_by",
        "bulk.BulkUpload.confirmed_by",
        "issuers.Invitation.invited_by",
        "issuers.Invitation.accepted_by",
    } <= forgets


# --- Tasks ------------------------------------------------------------------------


def test_a_decision_e_mail_queued_before_the_deletion_is_not_sent(cast, belongings):
    from badges.tasks import send_badge_request_decision_task

    delete_account(user=cast.carol, password=PASSWORD)
    mail.outbox.clear()
    send_badge_request_decision_task.apply(args=[belongings.decided.pk])
    assert mail.outbox == []


def test_a_sign_up_notice_for_a_deleted_account_is_not_sent(cast):
    from accounts.tasks import send_sign_up_notice_task

    user_id = cast.carol.pk
    delete_account(user=cast.carol, password=PASSWORD)
    mail.outbox.clear()
    send_sign_up_notice_task.apply(args=[user_id, "carol@example.org"])
    assert mail.outbox == []


def test_invitations_the_person_accepted_keep_their_row(cast):
    invitation, secret = invite_staff(
        scope=cast.welding,
        email="carol@example.org",
        role=Role.AWARDER,
        acting_user=cast.alice,
    )
    accept_invitation(secret=secret, user=cast.carol)
    delete_account(user=cast.carol, password=PASSWORD)
    invitation.refresh_from_db()
    assert invitation.accepted_by is None and invitation.accepted_at is not None


def test_the_request_queue_page_shows_requests_of_a_deleted_account(
    cast, client, belongings
):
    delete_account(user=cast.carol, password=PASSWORD)
    client.force_login(cast.aaron)
    page = client.get(f"/staff/issuers/{cast.welding.uuid}/requests/?status=all")
    assert page.status_code == 200


def test_the_request_api_lists_requests_of_a_deleted_account(cast, belongings):
    from tests.badges.test_api_badge_classes import client_for

    delete_account(user=cast.carol, password=PASSWORD)
    response = client_for(cast.aaron).get(
        f"/api/v1/issuers/{cast.welding.uuid}/requests"
    )
    assert response.status_code == 200
    assert response.json()["count"] == 2
    learners = [r["learner"] for r in response.json()["results"]]
    assert {"name": None, "email": None} in learners


def test_the_django_admin_cannot_delete_accounts_around_the_action(cast, client):
    from accounts.models import User

    root = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    client.force_login(root)
    page = client.get(f"/admin/accounts/user/{cast.carol.pk}/delete/")
    assert page.status_code == 403
    client.post(
        "/admin/accounts/user/",
        {
            "action": "delete_selected",
            "_selected_action": [cast.carol.pk],
            "post": "yes",
        },
    )
    assert User.objects.filter(pk=cast.carol.pk).exists()
