"""Learners request badges; staff approve (award) or deny them in the issuer's queue."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import EmailAddress
from audit.models import AuditEvent
from badges import actions
from badges.models import Award, BadgeRequest
from tests.accounts.helpers import recipients_of, subject_of, tasks_in_process
from tests.factories import make_badge_class
from verifier.awards import verify_award

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_in_process():
    with tasks_in_process():
        yield


@pytest.fixture
def open_class(cast):
    """The cast's welding badge, open to requests."""
    actions.update_badge_class(
        badge_class=cast.badge_class, allows_requests=True, acting_user=cast.erin
    )
    cast.badge_class.refresh_from_db()
    return cast.badge_class


def second_address(user, email="carol@work.example", verified=True):
    from django.utils.timezone import now

    return EmailAddress.objects.create(
        user=user, email=email, verified_at=now() if verified else None
    )


def ask(client, badge_class, **data):
    return client.post(
        f"/public/badges/{badge_class.uuid}/request",
        {"email": "carol@example.org", **data},
    )


def request_of(cast, badge_class, email="carol@example.org", **extra):
    return actions.request_badge(
        badge_class=badge_class, user=cast.carol, email=email, **extra
    )


def decision_mails(email):
    return [
        m
        for m in mail.outbox
        if email in recipients_of(m) and "Your request for" in subject_of(m)
    ]


# --- The public page and the learner's form -------------------------------------


def test_the_public_page_offers_a_request_to_signed_in_learners_only(
    cast, client, open_class
):
    page = f"/public/badges/{open_class.uuid}"
    anonymous = client.get(page, HTTP_ACCEPT="text/html")
    assert b"Sign in to request" in anonymous.content
    assert f"/accounts/login/?next={page}".encode() in anonymous.content
    client.force_login(cast.carol)
    signed_in = client.get(page, HTTP_ACCEPT="text/html")
    assert b"Request this badge" in signed_in.content


def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, open_class):
    form = f"/public/badges/{open_class.uuid}/request"
    response = client.get(form)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={form}"
    assert client.post(form, {"email": "carol@example.org"}).status_code == 302
    assert not BadgeRequest.objects.exists()


def test_a_class_that_takes_no_requests_shows_no_button_and_refuses_them(cast, client):
    page = f"/public/badges/{cast.badge_class.uuid}"
    client.force_login(cast.carol)
    assert (
        b"Request this badge" not in client.get(page, HTTP_ACCEPT="text/html").content
    )
    response = ask(client, cast.badge_class)
    assert response.status_code == 200
    assert (
        "This badge cannot be requested." in response.context["form"].non_field_errors()
    )
    assert not BadgeRequest.objects.exists()


def test_a_learner_requests_a_badge_for_a_verified_address_with_evidence(
    cast, client, open_class
):
    second_address(cast.carol)
    client.force_login(cast.carol)
    form = client.get(f"/public/badges/{open_class.uuid}/request")
    assert [c for c, _label in form.context["form"].fields["email"].choices] == [
        "carol@example.org",
        "carol@work.example",
    ]
    response = ask(
        client,
        open_class,
        email="carol@work.example",
        message="I did the course in spring.",
        evidence_url="https://portfolio.example.org/carol",
        evidence_narrative="Twelve fillet welds, all passed.",
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/requests/"
    badge_request = BadgeRequest.objects.get()
    assert badge_request.email == "carol@work.example"
    assert badge_request.issuer == cast.welding and badge_request.is_pending is True
    event = AuditEvent.objects.get(action="badge_request.created")
    assert event.actor == cast.carol and event.issuer == cast.welding
    assert "carol@work.example" not in str(event.data)
    mine = client.get("/accounts/requests/")
    assert list(mine.context["badge_requests"]) == [badge_request]


def test_an_unverified_address_cannot_be_chosen(cast, client, open_class):
    second_address(cast.carol, verified=False)
    client.force_login(cast.carol)
    response = ask(client, open_class, email="carol@work.example")
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    with pytest.raises(ValidationError, match="verified e-mail addresses"):
        request_of(cast, open_class, email="carol@work.example")
    assert not BadgeRequest.objects.exists()


def test_someone_elses_address_cannot_be_chosen(cast, open_class):
    with pytest.raises(ValidationError, match="verified e-mail addresses"):
        request_of(cast, open_class, email="mallory@example.org")


def test_one_pending_request_per_badge_and_learner(cast, client, open_class):
    request_of(cast, open_class)
    client.force_login(cast.carol)
    response = ask(client, open_class)
    assert "waiting for a decision" in " ".join(
        response.context["form"].non_field_errors()
    )
    assert response.context["pending"] is not None
    assert BadgeRequest.objects.count() == 1


def test_a_learner_withdraws_a_pending_request_and_may_ask_again(
    cast, client, open_class
):
    badge_request = request_of(cast, open_class)
    client.force_login(cast.carol)
    response = client.post(f"/accounts/requests/{badge_request.uuid}/withdraw/")
    assert response.status_code == 302
    badge_request.refresh_from_db()
    assert (
        badge_request.status == "withdrawn" and badge_request.decided_by == cast.carol
    )
    assert AuditEvent.objects.filter(action="badge_request.withdrawn").count() == 1
    assert ask(client, open_class).status_code == 302
    assert BadgeRequest.objects.pending().count() == 1


def test_mallory_can_neither_see_nor_withdraw_carols_request(cast, client, open_class):
    badge_request = request_of(cast, open_class)
    client.force_login(cast.mallory)
    response = client.post(f"/accounts/requests/{badge_request.uuid}/withdraw/")
    assert response.status_code == 404
    assert list(client.get("/accounts/requests/").context["badge_requests"]) == []
    assert BadgeRequest.objects.get().is_pending is True


def test_a_learner_who_holds_the_badge_cannot_request_it(cast, open_class):
    actions.award_badge(
        badge_class=open_class,
        recipient_identity="carol@example.org",
        acting_user=cast.aaron,
    )
    with pytest.raises(ValidationError, match="hold this badge already"):
        request_of(cast, open_class)


# --- The staff queue -------------------------------------------------------------


def test_the_issuer_page_links_to_the_queue_with_the_pending_count(
    cast, client, open_class
):
    request_of(cast, open_class)
    client.force_login(cast.aaron)
    page = client.get(f"/staff/issuers/{cast.welding.uuid}/")
    assert b"Badge requests (1 waiting)" in page.content
    queue = client.get(f"/staff/issuers/{cast.welding.uuid}/requests/")
    assert [r.user for r in queue.context["pending"]] == [cast.carol]


def test_an_awarder_approves_a_request_and_the_badge_goes_to_the_chosen_address(
    cast, client, open_class, django_capture_on_commit_callbacks
):
    second_address(cast.carol)
    badge_request = request_of(
        cast,
        open_class,
        email="carol@work.example",
        evidence_url="https://portfolio.example.org/carol",
    )
    client.force_login(cast.aaron)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/requests/{badge_request.uuid}/approve/", {"reason": "Well done."}
        )
    assert response.status_code == 302
    badge_request.refresh_from_db()
    award = badge_request.award
    assert badge_request.status == "approved" and badge_request.decided_by == cast.aaron
    assert award.recipient_identity == "carol@work.example"
    assert award.recipient_name == "Carol"
    assert award.evidence == [{"url": "https://portfolio.example.org/carol"}]
    assert verify_award(award).valid is True
    event = AuditEvent.objects.get(action="badge_request.approved")
    assert event.actor == cast.aaron and event.data["award"] == str(award.uuid)
    sent = decision_mails("carol@work.example")
    assert len(sent) == 1
    assert "approved" in sent[0].subject
    assert f"/public/assertions/{award.uuid}" in sent[0].body
    assert "Well done." in sent[0].body


def test_approving_twice_awards_once(cast, client, open_class):
    badge_request = request_of(cast, open_class)
    client.force_login(cast.aaron)
    client.post(f"/staff/requests/{badge_request.uuid}/approve/")
    client.post(f"/staff/requests/{badge_request.uuid}/approve/")
    again = actions.approve_badge_request(
        badge_request=badge_request, acting_user=cast.alice
    )
    assert Award.objects.filter(badge_class=open_class).count() == 1
    assert again.decided_by == cast.aaron
    assert AuditEvent.objects.filter(action="badge_request.approved").count() == 1


def test_a_denial_needs_a_reason_and_the_learner_reads_it(
    cast, client, open_class, django_capture_on_commit_callbacks
):
    badge_request = request_of(cast, open_class)
    client.force_login(cast.aaron)
    refused = client.post(
        f"/staff/requests/{badge_request.uuid}/deny/", {"reason": " "}, follow=True
    )
    assert b"Give the learner a reason for the denial." in refused.content
    badge_request.refresh_from_db()
    assert badge_request.is_pending is True
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/staff/requests/{badge_request.uuid}/deny/",
            {"reason": "We have no record of your attendance."},
        )
    badge_request.refresh_from_db()
    assert badge_request.status == "denied" and badge_request.award is None
    assert not Award.objects.exists()
    sent = decision_mails("carol@example.org")
    assert len(sent) == 1 and "not approved" in sent[0].subject
    assert "We have no record of your attendance." in sent[0].body
    assert AuditEvent.objects.filter(action="badge_request.denied").count() == 1
    mine = client_for_carol(cast, client).get("/accounts/requests/")
    assert b"We have no record of your attendance." in mine.content


def client_for_carol(cast, client):
    client.force_login(cast.carol)
    return client


def test_a_decided_request_cannot_be_withdrawn_or_decided_otherwise(cast, open_class):
    badge_request = request_of(cast, open_class)
    actions.deny_badge_request(
        badge_request=badge_request, acting_user=cast.aaron, reason="No."
    )
    with pytest.raises(ValidationError, match="This request is denied"):
        actions.approve_badge_request(
            badge_request=badge_request, acting_user=cast.aaron
        )
    with pytest.raises(ValidationError, match="This request is denied"):
        actions.withdraw_badge_request(
            badge_request=badge_request, acting_user=cast.carol
        )
    assert not Award.objects.exists()


def test_approval_fails_whole_if_the_learner_dropped_the_address(cast, open_class):
    address = second_address(cast.carol)
    badge_request = request_of(cast, open_class, email=address.email)
    address.delete()
    with pytest.raises(
        Exception, match="no longer holds a verified carol@work.example"
    ):
        actions.approve_badge_request(
            badge_request=badge_request, acting_user=cast.aaron
        )
    assert badge_request.is_pending is True  # the caller's copy is not left "approved"
    badge_request.refresh_from_db()
    assert badge_request.is_pending is True and not Award.objects.exists()


def test_bulk_approval_with_checkboxes_awards_each_learner(cast, client, open_class):
    other = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, name="TIG", allows_requests=True
    )
    first = request_of(cast, open_class)
    second = request_of(cast, other)
    client.force_login(cast.aaron)
    response = client.post(
        f"/staff/issuers/{cast.welding.uuid}/requests/decide/",
        {"requests": [first.uuid, second.uuid], "decision": "approve", "reason": ""},
        follow=True,
    )
    assert b"Approved 2 request(s)" in response.content
    assert BadgeRequest.objects.filter(status="approved").count() == 2
    assert Award.objects.filter(recipient_identity="carol@example.org").count() == 2


def test_bulk_denial_without_a_reason_changes_nothing(cast, client, open_class):
    badge_request = request_of(cast, open_class)
    client.force_login(cast.aaron)
    response = client.post(
        f"/staff/issuers/{cast.welding.uuid}/requests/decide/",
        {"requests": [badge_request.uuid], "decision": "deny", "reason": ""},
        follow=True,
    )
    assert b"Give the learner a reason" in response.content
    assert BadgeRequest.objects.get().is_pending is True


def test_ivy_at_welding_decides_but_staff_of_another_issuer_cannot(
    cast, client, open_class
):
    from issuers.models import Membership, Role
    from tests.factories import UserFactory

    badge_request = request_of(cast, open_class)
    electrician = UserFactory(email="el@example.org")
    Membership.objects.create(user=electrician, issuer=cast.electrics, role=Role.ADMIN)
    client.force_login(electrician)
    assert (
        client.get(f"/staff/issuers/{cast.welding.uuid}/requests/").status_code == 404
    )
    assert (
        client.post(f"/staff/requests/{badge_request.uuid}/approve/").status_code == 404
    )
    client.force_login(cast.ivy)
    assert (
        client.get(f"/staff/issuers/{cast.welding.uuid}/requests/").status_code == 200
    )


def test_mallory_and_carol_see_no_queue_and_decide_nothing(cast, client, open_class):
    badge_request = request_of(cast, open_class)
    for person in (cast.mallory, cast.carol):
        client.force_login(person)
        assert (
            client.get(f"/staff/issuers/{cast.welding.uuid}/requests/").status_code
            == 404
        )
        assert (
            client.post(f"/staff/requests/{badge_request.uuid}/approve/").status_code
            == 404
        )
        assert (
            client.post(
                f"/staff/requests/{badge_request.uuid}/deny/", {"reason": "x"}
            ).status_code
            == 404
        )
    # Mallory's own issuer cannot pull Acme's request into its bulk form.
    client.force_login(cast.mallory)
    response = client.post(
        f"/staff/issuers/{cast.evil_issuer.uuid}/requests/decide/",
        {"requests": [badge_request.uuid], "decision": "approve"},
    )
    assert response.status_code == 404
    assert BadgeRequest.objects.get().is_pending is True
    assert not Award.objects.exists()


def test_editors_open_a_class_to_requests_in_the_badge_class_form(cast, client):
    client.force_login(cast.erin)
    form = client.get(f"/staff/badge-classes/{cast.badge_class.uuid}/edit/")
    sections = {
        anchor: fields for anchor, _title, fields in form.context["form"].sections()
    }
    assert "allows_requests" in [field.name for field in sections["assessment"]]
    actions.update_badge_class(
        badge_class=cast.badge_class, allows_requests=True, acting_user=cast.erin
    )
    event = AuditEvent.objects.filter(action="badge_class.updated").latest("id")
    assert event.data["allows_requests"] == [False, True]
