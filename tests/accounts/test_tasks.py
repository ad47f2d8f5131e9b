"""Account e-mails go through the task queue: in-process by default, a real worker in CI's second pass."""

from __future__ import annotations

import pytest

from accounts.actions import add_email_address, request_password_reset, sign_up
from accounts.models import EmailAddress
from tests.accounts.helpers import link_in, recipients_of

pytestmark = pytest.mark.worker


def sent_to(task_queue, email: str) -> list:
    return [m for m in task_queue.outbox() if email in recipients_of(m)]


def test_a_new_account_gets_its_verification_link_once_the_transaction_commits(
    task_queue, client
):
    sign_up(
        email="queued@example.org", full_name="Queued", password="x-long-passphrase"
    )
    task_queue.wait_for(lambda: sent_to(task_queue, "queued@example.org"))
    link = link_in(sent_to(task_queue, "queued@example.org")[0], "/accounts/verify/")
    assert client.get(link).status_code == 200
    assert EmailAddress.objects.get(email="queued@example.org").is_verified is True


def test_an_address_removed_before_the_task_runs_gets_no_e_mail(task_queue):
    from django.db import transaction

    from accounts.actions import remove_email_address
    from tests.factories import UserFactory

    user = UserFactory(email="owner@example.org")
    with transaction.atomic():
        address = add_email_address(user=user, email="late@example.org")
        remove_email_address(address=address, acting_user=user)
    # The queue is in order: once a later e-mail is out, the first task has run.
    add_email_address(user=user, email="marker@example.org")
    task_queue.wait_for(lambda: sent_to(task_queue, "marker@example.org"))
    assert sent_to(task_queue, "late@example.org") == []


def test_the_password_reset_link_is_made_and_sent_by_the_task(task_queue, client):
    from tests.factories import UserFactory

    user = UserFactory(email="forgetful@example.org")
    request_password_reset(user=user)
    task_queue.wait_for(lambda: sent_to(task_queue, "forgetful@example.org"))
    link = link_in(
        sent_to(task_queue, "forgetful@example.org")[0], "/accounts/password-reset/"
    )
    assert client.get(link, follow=True).context["validlink"] is True
