"""The staff API for badge requests: list, approve, deny, decide in bulk; errors in one shape."""

from __future__ import annotations

import pytest
from django.core import mail

from audit.models import AuditEvent
from badges import actions
from badges.models import Award, BadgeRequest
from tests.accounts.helpers import subject_of, tasks_in_process
from tests.badges.test_api_badge_classes import client_for
from tests.factories import make_badge_class
from verifier.awards import verify_award

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_in_process():
    with tasks_in_process():
        yield


@pytest.fixture
def open_class(cast):
    actions.update_badge_class(
        badge_class=cast.badge_class, allows_requests=True, acting_user=cast.erin
    )
    cast.badge_class.refresh_from_db()
    return cast.badge_class


def request_of(cast, badge_class, **extra):
    return actions.request_badge(
        badge_class=badge_class, user=cast.carol, email="carol@example.org", **extra
    )


def test_the_queue_lists_pending_requests_oldest_first(cast, open_class):
    other = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, name="TIG", allows_requests=True
    )
    first = request_of(cast, open_class, message="Please")
    second = request_of(cast, other)
    actions.deny_badge_request(
        badge_request=second, acting_user=cast.aaron, reason="No."
    )
    api = client_for(cast.aaron)
    pending = api.get(f"/api/v1/issuers/{cast.welding.uuid}/requests?status=pending")
    everything = api.get(f"/api/v1/issuers/{cast.welding.uuid}/requests")
    assert pending.status_code == 200
    assert [r["id"] for r in pending.json()["results"]] == [str(first.uuid)]
    body = pending.json()["results"][0]
    assert body["learner"] == {"name": "Carol", "email": "carol@example.org"}
    assert body["message"] == "Please" and body["status"] == "pending"
    assert body["badge_class"] == str(open_class.uuid) and body["award"] is None
    assert everything.json()["count"] == 2


def test_an_unknown_status_filter_is_a_validation_error(cast):
    response = client_for(cast.aaron).get(
        f"/api/v1/issuers/{cast.welding.uuid}/requests?status=maybe"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert response.json()["fields"]["status"][0]["code"] == "invalid_choice"


def test_approving_awards_a_signed_credential_once_and_tells_the_learner(
    cast, open_class, django_capture_on_commit_callbacks
):
    badge_request = request_of(cast, open_class)
    api = client_for(cast.aaron)
    with django_capture_on_commit_callbacks(execute=True):
        first = api.post(
            f"/api/v1/requests/{badge_request.uuid}/approve", {}, format="json"
        )
        second = api.post(
            f"/api/v1/requests/{badge_request.uuid}/approve", {}, format="json"
        )
    assert first.status_code == 200 and second.status_code == 200
    assert first.json()["status"] == "approved"
    award = Award.objects.get()
    assert first.json()["award"] == second.json()["award"] == str(award.uuid)
    assert award.recipient_identity == "carol@example.org"
    assert verify_award(award).valid is True
    assert AuditEvent.objects.filter(action="badge_request.approved").count() == 1
    assert len([m for m in mail.outbox if "Your request for" in subject_of(m)]) == 1
    assert (
        len(mail.outbox) == 1
    )  # the decision e-mail only: no second "you have a badge" e-mail


def test_denying_needs_a_reason(cast, open_class):
    badge_request = request_of(cast, open_class)
    api = client_for(cast.aaron)
    empty = api.post(f"/api/v1/requests/{badge_request.uuid}/deny", {}, format="json")
    assert empty.status_code == 400
    assert empty.json()["fields"]["reason"] == [
        {
            "code": "reason_required",
            "message": "Give the learner a reason for the denial.",
        }
    ]
    denied = api.post(
        f"/api/v1/requests/{badge_request.uuid}/deny",
        {"reason": "Not enrolled."},
        format="json",
    )
    assert denied.status_code == 200
    assert denied.json()["status"] == "denied"
    assert denied.json()["decision_reason"] == "Not enrolled."
    assert AuditEvent.objects.get(action="badge_request.denied").actor == cast.aaron


def test_approving_a_withdrawn_request_is_refused(cast, open_class):
    badge_request = request_of(cast, open_class)
    actions.withdraw_badge_request(badge_request=badge_request, acting_user=cast.carol)
    response = client_for(cast.aaron).post(
        f"/api/v1/requests/{badge_request.uuid}/approve", {}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"]["non_field_errors"][0]["code"] == "not_pending"
    assert not Award.objects.exists()


def test_bulk_decisions_take_one_reason(cast, open_class):
    other = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, name="TIG", allows_requests=True
    )
    requests = [request_of(cast, open_class), request_of(cast, other)]
    response = client_for(cast.aaron).post(
        "/api/v1/requests/decide",
        {
            "requests": [str(r.uuid) for r in requests],
            "decision": "deny",
            "reason": "The course is full.",
        },
        format="json",
    )
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["requests"]] == ["denied", "denied"]
    assert set(BadgeRequest.objects.values_list("decision_reason", flat=True)) == {
        "The course is full."
    }
    assert AuditEvent.objects.filter(action="badge_request.denied").count() == 2


def test_a_bulk_decision_is_all_or_nothing(cast, open_class):
    other = make_badge_class(
        issuer=cast.welding, acting_user=cast.alice, name="TIG", allows_requests=True
    )
    good = request_of(cast, open_class)
    withdrawn = request_of(cast, other)
    actions.withdraw_badge_request(badge_request=withdrawn, acting_user=cast.carol)
    response = client_for(cast.aaron).post(
        "/api/v1/requests/decide",
        {"requests": [str(good.uuid), str(withdrawn.uuid)], "decision": "approve"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["requests.1"][0]["code"] == "not_pending"
    good.refresh_from_db()
    assert good.is_pending is True and not Award.objects.exists()


def test_editors_open_a_class_to_requests_through_the_api(cast):
    response = client_for(cast.erin).patch(
        f"/api/v1/badge-classes/{cast.badge_class.uuid}",
        {"allows_requests": True},
        format="json",
    )
    assert response.status_code == 200 and response.json()["allows_requests"] is True


def test_mallory_gets_404_for_acmes_queue_and_requests(cast, open_class):
    badge_request = request_of(cast, open_class)
    api = client_for(cast.mallory)
    assert api.get(f"/api/v1/issuers/{cast.welding.uuid}/requests").status_code == 404
    for path, body in (
        (f"/api/v1/requests/{badge_request.uuid}/approve", {}),
        (f"/api/v1/requests/{badge_request.uuid}/deny", {"reason": "x"}),
        (
            "/api/v1/requests/decide",
            {"requests": [str(badge_request.uuid)], "decision": "approve"},
        ),
    ):
        response = api.post(path, body, format="json")
        assert response.status_code == 404, path
        assert response.json() == {"code": "not_found", "detail": "No such object."}
    assert BadgeRequest.objects.get().is_pending is True and not Award.objects.exists()


def test_the_learner_cannot_decide_their_own_request(cast, open_class):
    badge_request = request_of(cast, open_class)
    response = client_for(cast.carol).post(
        f"/api/v1/requests/{badge_request.uuid}/approve", {}, format="json"
    )
    assert response.status_code == 404
    assert not Award.objects.exists()


def test_the_schema_documents_the_request_operations(client):
    schema = client.get("/api/schema/?format=json").json()
    operations = {
        op["operationId"] for path in schema["paths"].values() for op in path.values()
    }
    assert {
        "badge_requests_list",
        "badge_requests_approve",
        "badge_requests_deny",
        "badge_requests_decide",
    } <= operations
