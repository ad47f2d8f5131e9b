"""Password reset with Django's views, our templates, and the e-mail sent through a task."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation

from accounts.models import EmailAddress
from audit.models import AuditEvent
from tests.accounts.helpers import link_in, recipients_of, tasks_in_process
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-2026"


@pytest.fixture(autouse=True)
def _tasks_in_process():
    with tasks_in_process():
        yield


def ask_for_reset(client, capture, email):
    with capture(execute=True):
        return client.post("/accounts/password-reset/", {"email": email})


def test_a_learner_resets_the_password_through_the_e_mailed_link(
    cast, client, django_capture_on_commit_callbacks
):
    response = ask_for_reset(
        client, django_capture_on_commit_callbacks, "carol@example.org"
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert [recipients_of(m) for m in mail.outbox] == [["carol@example.org"]]

    form_page = client.get(
        link_in(mail.outbox[0], "/accounts/password-reset/"), follow=True
    )
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == "/accounts/password-reset/done/"
    cast.carol.refresh_from_db()
    assert cast.carol.check_password(NEW_PASSWORD) is True
    assert AuditEvent.objects.filter(
        action="account.password_reset", target_id=str(cast.carol.uuid)
    ).exists()
    # The link works once.
    again = client.get(
        link_in(mail.outbox[0], "/accounts/password-reset/"), follow=True
    )
    assert again.context["validlink"] is False


def test_following_the_reset_link_verifies_the_sign_in_address(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="lea@example.org", verified_address__verified_at=None)
    ask_for_reset(client, django_capture_on_commit_callbacks, "lea@example.org")
    page = client.get(link_in(mail.outbox[0], "/accounts/password-reset/"), follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert EmailAddress.objects.get(user=user).is_verified is True


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(
    client, django_capture_on_commit_callbacks
):
    response = ask_for_reset(
        client, django_capture_on_commit_callbacks, "nobody@example.org"
    )
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(
        action="account.password_reset_requested"
    ).exists()


def test_the_reset_e_mail_is_in_the_learners_language(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="liga@example.lv", language="lv")
    ask_for_reset(client, django_capture_on_commit_callbacks, "liga@example.lv")
    with translation.override("lv"):
        expected = translation.gettext("Reset your Insignia password")
    assert mail.outbox[0].subject == expected


def test_a_forged_reset_link_does_not_change_the_password(cast, client):
    page = client.get("/accounts/password-reset/MQ/set-password/")
    assert page.status_code == 200 and page.context["validlink"] is False
    cast.mallory.refresh_from_db()
    assert cast.mallory.check_password(PASSWORD) is True


def test_mallory_asking_for_carols_reset_only_e_mails_carol(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.mallory)
    ask_for_reset(client, django_capture_on_commit_callbacks, "carol@example.org")
    assert [recipients_of(m) for m in mail.outbox] == [["carol@example.org"]]
    cast.carol.refresh_from_db()
    assert cast.carol.check_password(PASSWORD) is True
