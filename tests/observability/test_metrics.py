"""GET /metrics: who may read it, and that the counters and gauges say what happened."""

from __future__ import annotations

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from badges.actions import award_badge, revoke_award
from config.celery import app
from notifications.actions import mark_delivery_failed
from notifications.models import EmailDelivery
from tests.badges.test_api_badge_classes import client_for
from tests.observability.helpers import free_port, redis_server, scrape, value

OUTSIDER = "203.0.113.9"
TOKEN = "metrics-token-of-some-length-2026"  # noqa: S105


def give(cast, recipient="metrics.learner@example.org"):
    return award_badge(
        badge_class=cast.badge_class,
        recipient_identity=recipient,
        acting_user=cast.aaron,
    )


# --- Who may read it ---------------------------------------------------------------------------


def test_it_answers_the_prometheus_text_format_on_the_machine_itself(client, db):
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    body = response.content.decode()
    assert "# TYPE insignia_http_requests_total counter" in body
    assert "# TYPE insignia_credential_signing_seconds histogram" in body
    assert client.get("/metrics", REMOTE_ADDR="::1").status_code == 200


def test_an_outsider_gets_the_404_of_a_page_that_does_not_exist(client, db):
    response = client.get("/metrics", REMOTE_ADDR=OUTSIDER)
    assert response.status_code == 404
    assert b"insignia_" not in response.content
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.7").status_code == 404


def test_a_request_a_proxy_forwarded_is_not_let_in_by_its_address(client, db):
    """Behind a reverse proxy on the same machine every visitor arrives from 127.0.0.1."""
    for header in ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED"):
        response = client.get("/metrics", REMOTE_ADDR="127.0.0.1", **{header: OUTSIDER})
        assert response.status_code == 404, header


def test_the_token_lets_a_scraper_in_from_anywhere_and_only_the_right_one(
    client, db, settings
):
    settings.METRICS_TOKEN = TOKEN
    allowed = client.get(
        "/metrics", REMOTE_ADDR=OUTSIDER, HTTP_AUTHORIZATION=f"Bearer {TOKEN}"
    )
    assert allowed.status_code == 200
    for header in (
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN[:-1]}",
        f"Token {TOKEN}",
        TOKEN,
        "",
    ):
        response = client.get(
            "/metrics", REMOTE_ADDR=OUTSIDER, HTTP_AUTHORIZATION=header
        )
        assert response.status_code == 404, header


def test_without_a_configured_token_no_bearer_header_lets_anyone_in(
    client, db, settings
):
    settings.METRICS_TOKEN = ""
    for header in ("Bearer ", "Bearer x"):
        response = client.get(
            "/metrics", REMOTE_ADDR=OUTSIDER, HTTP_AUTHORIZATION=header
        )
        assert response.status_code == 404


def test_allowed_addresses_may_be_networks_and_the_loopback_is_then_refused(
    client, db, settings
):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "2001:db8::/32"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="::ffff:10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="2001:db8::5").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    settings.METRICS_ALLOWED_IPS = []
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


# --- What it counts ----------------------------------------------------------------------------


def test_a_request_is_counted_and_timed_by_route_name_never_by_path(client, cast):
    award = give(cast)
    before = scrape(client)
    assert client.get(f"/public/assertions/{award.uuid}").status_code == 200
    assert client.get("/no/such/page").status_code == 404
    after = scrape(client)
    route = {"method": "GET", "route": "public:assertion"}
    assert (
        value(after, "insignia_http_requests_total", **route, status="2xx")
        - value(before, "insignia_http_requests_total", **route, status="2xx")
        == 1
    )
    assert (
        value(after, "insignia_http_request_duration_seconds_count", **route)
        - value(before, "insignia_http_request_duration_seconds_count", **route)
        == 1
    )
    unresolved = {"method": "GET", "route": "unresolved", "status": "4xx"}
    assert (
        value(after, "insignia_http_requests_total", **unresolved)
        - value(before, "insignia_http_requests_total", **unresolved)
        == 1
    )
    assert str(award.uuid) not in after and "/no/such/page" not in after


def test_an_award_is_counted_when_it_commits_and_each_proof_is_timed(
    client, cast, django_capture_on_commit_callbacks
):
    before = scrape(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.aaron).post(
            f"/api/v1/badge-classes/{cast.badge_class.uuid}/awards",
            {"recipient_identity": "counted@example.org"},
            format="json",
        )
    assert response.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            give(cast, recipient="rolled.back@example.org")
            raise RuntimeError("the transaction is rolled back")
    after = scrape(client)
    assert (
        value(after, "insignia_awards_issued_total")
        - value(before, "insignia_awards_issued_total")
        == 1
    )
    for proof in ("data-integrity", "vc-jwt", "ob2-jws"):
        name = "insignia_credential_signing_seconds_count"
        # The rolled-back award was signed too (and thrown away): two signatures each.
        assert value(after, name, proof=proof) - value(before, name, proof=proof) == 2


def test_verifications_are_counted_by_source_format_and_result(client, cast):
    award = give(cast)
    revoked = give(cast, recipient="revoked.metrics@example.org")
    revoke_award(award=revoked, reason="Issued by mistake", acting_user=cast.aaron)
    api = APIClient()
    before = scrape(client)
    for text in (award.ob3_jwt, revoked.ob3_jwt, "not a credential"):
        assert (
            api.post("/api/v1/verify", {"text": text}, format="json").status_code == 200
        )
    assert client.get(f"/public/assertions/{award.uuid}/verify").status_code == 200
    after = scrape(client)

    def moved(**labels):
        name = "insignia_verifications_total"
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved(source="public", format="vc-jwt", result="verified") == 1
    assert moved(source="public", format="vc-jwt", result="revoked") == 1
    assert moved(source="public", format="other", result="unreadable") == 1
    for proof_format in ("data-integrity", "vc-jwt", "ob2-signed"):
        assert moved(source="award", format=proof_format, result="verified") == 1


def test_failed_deliveries_and_waiting_outbox_messages_are_read_when_scraped(
    client, cast
):
    from outbox.actions import pending_count

    give(cast)
    delivery = EmailDelivery.objects.get()
    assert value(scrape(client), "insignia_email_deliveries_failed") == 0
    mark_delivery_failed(delivery=delivery, error="SMTPRecipientsRefused")
    body = scrape(client)
    assert value(body, "insignia_email_deliveries_failed") == 1
    assert value(body, "insignia_outbox_pending") == pending_count() == 1
    assert value(body, "insignia_outbox_not_handed_over") == 1  # never committed here
    assert value(body, "insignia_outbox_failed") == 0
    assert value(body, "insignia_scrape_error", part="database") == 0


def test_a_redis_that_does_not_answer_is_reported_and_the_scrape_still_answers(
    client, db, settings
):
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    body = scrape(client)
    assert value(body, "insignia_scrape_error", part="queues") == 1
    assert value(body, "insignia_scrape_error", part="database") == 0
    assert "insignia_http_requests_total" in body


@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_queue_depth_counts_the_tasks_waiting_in_redis_at_every_priority(
    client, db, settings
):
    settings.METRICS_QUEUES = ["bulk-metrics"]
    with redis_server() as url:
        settings.REDIS_URL = url
        with app.connection_for_write(url) as connection:
            for priority in (None, 5, 9):
                app.send_task(
                    "insignia.never.run",
                    queue="bulk-metrics",
                    priority=priority,
                    connection=connection,
                )
        body = scrape(client)
    assert value(body, "insignia_queue_depth", queue="bulk-metrics") == 3
    assert value(body, "insignia_queue_depth", queue="celery") == 0
    assert value(body, "insignia_scrape_error", part="queues") == 0
