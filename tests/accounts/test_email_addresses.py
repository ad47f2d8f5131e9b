"""A signed-in person lists, adds, re-verifies and removes e-mail addresses; nobody else can."""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.models import EmailAddress, email_digest
from audit.models import AuditEvent
from tests.accounts.helpers import link_in, recipients_of, tasks_in_process
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_in_process():
    with tasks_in_process():
        yield


def add(client, capture, email):
    with capture(execute=True):
        return client.post("/accounts/emails/", {"email": email})


def test_the_page_lists_addresses_with_their_state(cast, client):
    EmailAddress.objects.create(user=cast.carol, email="carol@work.example")
    client.force_login(cast.carol)
    response = client.get("/accounts/emails/")
    addresses = {a.email: a.is_verified for a in response.context["addresses"]}
    assert addresses == {"carol@example.org": True, "carol@work.example": False}
    assert b"not verified" in response.content


def test_an_added_address_gets_a_link_and_is_verified_by_following_it(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    response = add(client, django_capture_on_commit_callbacks, "Carol@Work.example")
    assert response.status_code == 302
    address = EmailAddress.objects.get(email="carol@work.example")
    assert address.user == cast.carol and address.is_verified is False
    assert [recipients_of(m) for m in mail.outbox] == [["carol@work.example"]]
    client.get(link_in(mail.outbox[0], "/accounts/verify/"))
    assert EmailAddress.objects.get(pk=address.pk).is_verified is True
    event = AuditEvent.objects.get(action="email_address.added")
    assert event.actor == cast.carol and event.target_id == str(cast.carol.uuid)
    assert event.data == {"email_sha256": email_digest("carol@work.example")}


def test_an_address_verified_by_another_account_is_refused(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.mallory)
    response = add(client, django_capture_on_commit_callbacks, "carol@example.org")
    assert response.status_code == 200
    assert (
        "Another account has verified this address already"
        in (response.context["form"].errors["email"][0])
    )
    assert EmailAddress.objects.get(email="carol@example.org").user == cast.carol
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="email_address.added").exists()


def test_an_address_another_account_never_verified_is_taken_over_by_whoever_proves_it(
    cast, client, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(user=cast.mallory, email="carol@work.example")
    client.force_login(cast.carol)
    add(client, django_capture_on_commit_callbacks, "carol@work.example")
    assert EmailAddress.objects.get(email="carol@work.example").user == cast.carol
    assert AuditEvent.objects.filter(
        action="email_address.released", target_id=str(cast.mallory.uuid)
    ).exists()


def test_an_address_already_in_the_account_is_refused(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.carol)
    response = add(client, django_capture_on_commit_callbacks, "carol@example.org")
    assert "in your account already" in response.context["form"].errors["email"][0]


def test_someone_elses_unverified_sign_in_address_is_refused(
    client, cast, django_capture_on_commit_callbacks
):
    UserFactory(email="newbie@example.org", verified_address__verified_at=None)
    client.force_login(cast.carol)
    response = add(client, django_capture_on_commit_callbacks, "newbie@example.org")
    assert response.context["form"].errors["email"]


def test_the_link_can_be_sent_again_for_an_unverified_address_only(
    cast, client, django_capture_on_commit_callbacks
):
    address = EmailAddress.objects.create(user=cast.carol, email="carol@work.example")
    verified = EmailAddress.objects.get(email="carol@example.org")
    client.force_login(cast.carol)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/accounts/emails/{address.pk}/resend/")
        response = client.post(f"/accounts/emails/{verified.pk}/resend/", follow=True)
    assert [recipients_of(m) for m in mail.outbox] == [["carol@work.example"]]
    assert b"verified already" in response.content
    assert (
        AuditEvent.objects.filter(action="email_address.verification_resent").count()
        == 1
    )


def test_an_address_is_removed_but_never_the_sign_in_address(cast, client):
    address = EmailAddress.objects.create(user=cast.carol, email="carol@work.example")
    sign_in = EmailAddress.objects.get(email="carol@example.org")
    client.force_login(cast.carol)
    client.post(f"/accounts/emails/{address.pk}/remove/")
    response = client.post(f"/accounts/emails/{sign_in.pk}/remove/", follow=True)
    assert not EmailAddress.objects.filter(pk=address.pk).exists()
    assert EmailAddress.objects.filter(pk=sign_in.pk).exists()
    assert b"cannot be removed" in response.content
    event = AuditEvent.objects.get(action="email_address.removed")
    assert event.data["email_sha256"] == email_digest("carol@work.example")


def test_mallory_cannot_touch_carols_addresses(cast, client):
    address = EmailAddress.objects.create(user=cast.carol, email="carol@work.example")
    client.force_login(cast.mallory)
    assert client.post(f"/accounts/emails/{address.pk}/remove/").status_code == 404
    assert client.post(f"/accounts/emails/{address.pk}/resend/").status_code == 404
    assert client.post("/accounts/emails/nonsense/remove/").status_code == 404
    assert EmailAddress.objects.filter(pk=address.pk).exists()
    listed = client.get("/accounts/emails/").context["addresses"]
    assert [a.email for a in listed] == ["mallory@example.org"]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/accounts/emails/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
