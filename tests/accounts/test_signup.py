"""Learners sign up, verify their address with a signed link, and sign in back to where they were.

Sign-up answers a taken address exactly as a new one, so it does not tell who
has an account; the address's owner gets a notice instead.
"""

from __future__ import annotations

import re
import time
import uuid
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail, signing

from accounts.models import EmailAddress, User, email_digest
from accounts.tokens import make_verification_token
from audit.models import AuditEvent
from tests.accounts.helpers import (
    link_in,
    recipients_of,
    subject_of,
    tasks_in_process,
    text_of,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_in_process():
    with tasks_in_process():
        yield


def sign_up(client, capture, email="lea@example.org", **extra):
    with capture(execute=True):
        return client.post(
            "/accounts/signup/",
            {
                "full_name": "Lea Learner",
                "email": email,
                "password1": PASSWORD,
                "password2": PASSWORD,
                **extra,
            },
        )


def test_a_visitor_signs_up_and_gets_a_verification_link_for_an_unverified_address(
    client, django_capture_on_commit_callbacks
):
    response = sign_up(
        client, django_capture_on_commit_callbacks, email="Lea@Example.org"
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/sent/"
    user = User.objects.get(email="lea@example.org")
    address = EmailAddress.objects.get(user=user)
    assert address.is_verified is False
    assert [recipients_of(m) for m in mail.outbox] == [["lea@example.org"]]
    assert "Verify your e-mail address" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(
        action="account.created", target_id=str(user.uuid)
    ).exists()
    # Nobody is signed in by sign-up (a taken address could not be): the page says to check the mailbox.
    assert "_auth_user_id" not in client.session
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()
    # Until the address is verified, signing in answers as a wrong password would:
    # whoever signed up with someone else's address learns nothing by signing in.
    refused = client.post(
        "/accounts/login/", {"username": "lea@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    wrong = client.post(
        "/accounts/login/", {"username": "lea@example.org", "password": "not it"}
    )
    assert refused.context["form"].errors == wrong.context["form"].errors
    assert "open the link we e-mailed you first" in refused.content.decode()
    client.get(link_in(mail.outbox[0], "/accounts/verify/"))
    signed_in = client.post(
        "/accounts/login/", {"username": "lea@example.org", "password": PASSWORD}
    )
    assert signed_in.status_code == 302


def test_following_the_link_verifies_the_address_and_a_second_visit_is_harmless(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0], "/accounts/verify/")
    client.logout()  # the link works without signing in: holding it proves the mailbox

    first = client.get(link)
    second = client.get(link)

    address = EmailAddress.objects.get(email="lea@example.org")
    assert first.status_code == 200 and first.context["newly"] is True
    assert second.status_code == 200 and second.context["newly"] is False
    assert address.is_verified is True
    events = AuditEvent.objects.filter(action="email_address.verified")
    assert events.count() == 1
    assert events.get().data == {"email_sha256": email_digest("lea@example.org")}
    assert "lea@example.org" not in str(list(AuditEvent.objects.values("data")))


def test_a_tampered_link_is_refused_with_a_clear_page(cast, client):
    address = EmailAddress.objects.create(user=cast.carol, email="carol2@example.org")
    token = make_verification_token(address)
    response = client.get(f"/accounts/verify/{token[:-2]}xx/")
    assert response.status_code == 400
    assert b"This link does not work" in response.content
    assert EmailAddress.objects.get(pk=address.pk).is_verified is False


def test_an_expired_link_is_refused_and_says_so(cast, client, monkeypatch):
    address = EmailAddress.objects.create(user=cast.carol, email="carol2@example.org")
    four_days_ago = time.time() - timedelta(days=4).total_seconds()
    monkeypatch.setattr(
        signing.TimestampSigner,
        "timestamp",
        lambda self: signing.b62_encode(int(four_days_ago)),
    )
    token = make_verification_token(address)
    monkeypatch.undo()
    response = client.get(f"/accounts/verify/{token}/")
    assert response.status_code == 410
    assert b"has expired" in response.content
    assert EmailAddress.objects.get(pk=address.pk).is_verified is False


def test_a_link_for_a_removed_address_no_longer_works(cast, client):
    address = EmailAddress.objects.create(user=cast.carol, email="gone@example.org")
    token = make_verification_token(address)
    address.delete()
    assert client.get(f"/accounts/verify/{token}/").status_code == 400


def test_signing_up_with_a_taken_address_answers_as_for_a_new_one_and_tells_its_owner(
    cast, client, django_capture_on_commit_callbacks
):
    carol_before = User.objects.filter(pk=cast.carol.pk).values().get()
    new = sign_up(client, django_capture_on_commit_callbacks, email="new@example.org")
    taken = sign_up(
        client, django_capture_on_commit_callbacks, email="Carol@example.org"
    )

    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert set(taken.cookies) == set(new.cookies)
    assert "_auth_user_id" not in client.session
    # No account was created or changed.
    assert User.objects.filter(email__iexact="carol@example.org").count() == 1
    assert User.objects.filter(pk=cast.carol.pk).values().get() == carol_before
    assert EmailAddress.objects.filter(email="carol@example.org").count() == 1
    created = AuditEvent.objects.filter(action="account.created")
    assert [e.target_id for e in created] == [
        str(User.objects.get(email="new@example.org").uuid)
    ]
    # The owner hears about it, with links to sign in and to choose a new password.
    notice = [m for m in mail.outbox if recipients_of(m) == ["carol@example.org"]]
    assert len(notice) == 1
    assert subject_of(notice[0]) == "Someone tried to sign up with your address"
    assert link_in(notice[0], "/accounts/login/") == "/accounts/login/"
    assert (
        link_in(notice[0], "/accounts/password-reset/") == "/accounts/password-reset/"
    )
    assert "nothing was created or changed" in text_of(notice[0])
    event = AuditEvent.objects.get(action="account.sign_up_attempted")
    assert event.target_id == str(cast.carol.uuid)
    assert event.data == {"email_sha256": email_digest("carol@example.org")}


def test_a_verified_second_address_is_taken_too_and_its_mailbox_gets_the_notice(
    cast, client, django_capture_on_commit_callbacks
):
    from django.utils.timezone import now

    EmailAddress.objects.create(
        user=cast.carol, email="carol@work.example", verified_at=now()
    )
    response = sign_up(
        client, django_capture_on_commit_callbacks, email="carol@work.example"
    )
    assert response["Location"] == "/accounts/signup/sent/"
    assert not User.objects.filter(email="carol@work.example").exists()
    assert [recipients_of(m) for m in mail.outbox] == [["carol@work.example"]]
    # The reset form takes the sign-in address, so the notice names it.
    assert "carol@example.org" in text_of(mail.outbox[0])


def test_repeated_attempts_send_one_notice_in_a_while(
    cast, client, django_capture_on_commit_callbacks
):
    for _attempt in range(3):
        sign_up(client, django_capture_on_commit_callbacks, email="carol@example.org")
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="account.sign_up_attempted").count() == 1


def test_the_taken_address_path_reveals_nothing_on_the_page(
    cast, client, django_capture_on_commit_callbacks
):
    new = client.get(
        sign_up(client, django_capture_on_commit_callbacks, email="n@example.org")[
            "Location"
        ]
    )
    taken = client.get(
        sign_up(client, django_capture_on_commit_callbacks, email="carol@example.org")[
            "Location"
        ]
    )

    def without_csrf(page):
        return re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode()
        )

    assert without_csrf(new) == without_csrf(taken)
    assert "exists already" not in taken.content.decode()


def test_passwords_must_match_and_pass_djangos_validators(
    client, django_capture_on_commit_callbacks
):
    differ = sign_up(
        client, django_capture_on_commit_callbacks, password2="something-else-42"
    )
    weak = sign_up(
        client,
        django_capture_on_commit_callbacks,
        password1="12345678",
        password2="12345678",
    )
    assert "The two passwords differ." in differ.context["form"].errors["password2"]
    assert weak.context["form"].errors["password1"]
    assert not User.objects.filter(email="lea@example.org").exists()


def test_signing_up_keeps_where_the_learner_was_for_signing_in(
    cast, client, django_capture_on_commit_callbacks
):
    page = f"/public/badges/{cast.badge_class.uuid}"
    response = sign_up(client, django_capture_on_commit_callbacks, next=page)
    assert response["Location"] == f"/accounts/signup/sent/?next={quote(page, safe='')}"
    sent = client.get(response["Location"]).content.decode()
    assert f'href="/accounts/login/?next={page}"' in sent
    evil = sign_up(
        client,
        django_capture_on_commit_callbacks,
        email="x@example.org",
        next="https://evil.example/",
    )
    assert evil["Location"] == "/accounts/signup/sent/"
    refused = client.get("/accounts/signup/sent/?next=https://evil.example/")
    assert 'href="/accounts/login/"' in refused.content.decode()


def test_signing_in_brings_a_learner_back_with_next(cast, client):
    page = f"/public/badges/{cast.badge_class.uuid}"
    login_page = client.get(f"/accounts/login/?next={page}")
    assert f"/accounts/signup/?next={page}".encode() in login_page.content
    response = client.post(
        "/accounts/login/",
        {"username": "carol@example.org", "password": PASSWORD, "next": page},
    )
    assert response.status_code == 302 and response["Location"] == page


def test_anonymous_visitors_see_a_sign_up_link(client):
    assert b'href="/accounts/signup/"' in client.get("/accounts/login/").content


def test_a_visitor_signing_up_in_latvian_gets_latvian_e_mails(
    client, django_capture_on_commit_callbacks
):
    from django.utils import translation

    client.cookies["django_language"] = "lv"
    sign_up(client, django_capture_on_commit_callbacks)
    assert User.objects.get(email="lea@example.org").language == "lv"
    with translation.override("lv"):
        expected = translation.gettext("Verify your e-mail address for Insignia")
    assert mail.outbox[0].subject == expected


def test_an_address_another_account_added_but_never_verified_does_not_block_sign_up(
    cast, client, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(user=cast.mallory, email="lea@example.org")
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert (
        EmailAddress.objects.get(email="lea@example.org").user.full_name
        == "Lea Learner"
    )
    assert AuditEvent.objects.filter(
        action="email_address.released", target_id=str(cast.mallory.uuid)
    ).exists()


def test_sign_in_attempts_are_rate_limited_per_address(
    cast, client, settings, monkeypatch
):
    monkeypatch.setattr(
        "config.ratelimit.clock", lambda: 1_800_000_010.0
    )  # one window throughout
    settings.SIGN_IN_RATE_LIMIT = 3
    attacker = {
        "REMOTE_ADDR": f"test-{uuid.uuid4()}"
    }  # this run's own client (Redis keys outlive a run)
    codes = [
        client.post(
            "/accounts/login/",
            {"username": "carol@example.org", "password": "wrong"},
            **attacker,
        ).status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    refused = client.post(
        "/accounts/login/",
        {"username": "carol@example.org", "password": "correct-horse-battery"},
        **attacker,
    )
    assert (
        refused.status_code == 429
        and "Too many sign-in attempts" in refused.content.decode()
    )
    other = client.post(
        "/accounts/login/",
        {"username": "carol@example.org", "password": "correct-horse-battery"},
        REMOTE_ADDR=f"test-{uuid.uuid4()}",
    )
    assert other.status_code == 302
