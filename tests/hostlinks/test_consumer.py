"""The Service Consumer against a small local OB 3.0 provider: connecting, pulling, pushing, failing."""

from __future__ import annotations

import copy
import json
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils.timezone import now

from audit.models import AuditEvent
from badges.actions import award_badge
from badges.choices import RecipientType
from hostlinks import actions
from hostlinks.models import HostLink, Push, PushStatus, RemoteHost
from hostlinks.tasks import deliver_push_task
from tests.accounts.helpers import tasks_in_process
from tests.hostlinks.provider import ob3_provider
from verifier import fetching
from verifier.fetching import send
from wallet.models import StoredCredential

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(allow_local):
    with ob3_provider() as served:
        yield served


def award(cast, identity="https://carol.example.org/portfolio", kind=RecipientType.URL):
    return award_badge(
        badge_class=cast.badge_class,
        recipient_type=kind,
        recipient_identity=identity,
        acting_user=cast.aaron,
        notify=False,
    )


def come_back(client, user, provider, forge=lambda url: url) -> str:
    """Our connect form, the host's page (it answers at once), our callback: return the page shown."""
    client.force_login(user)
    answer = client.post("/wallet/hosts/connect", {"address": provider.base})
    assert answer.status_code == 302, answer.content.decode()[:500]
    back = forge(send("GET", answer["Location"]).headers["location"])
    page = client.get(urlsplit(back).path + "?" + urlsplit(back).query, follow=True)
    return page.content.decode()


def connect(client, user, provider) -> HostLink:
    """Run the whole flow as the browser would; return the connection it made."""
    come_back(client, user, provider)
    return HostLink.objects.get(user=user, host__discovery_url=provider.discovery_url)


# --- Connecting -------------------------------------------------------------------------------


def test_a_learner_connects_with_pkce_and_our_registration_is_made_once(
    client, cast, provider
):
    link = connect(client, cast.carol, provider)
    connect(client, cast.mallory, provider)
    assert len(provider.registrations) == 1  # shared by every learner here
    metadata = provider.registrations[0]
    assert metadata["redirect_uris"] == ["http://127.0.0.1:8000/wallet/hosts/callback"]
    assert metadata["tos_uri"] == "http://127.0.0.1:8000/about/terms"
    assert metadata["policy_uri"] == "http://127.0.0.1:8000/about/privacy"
    assert metadata["token_endpoint_auth_method"] == "client_secret_basic"
    assert metadata["grant_types"] == ["authorization_code", "refresh_token"]
    assert {
        "client_uri",
        "logo_uri",
        "tos_uri",
        "policy_uri",
        "software_id",
        "software_version",
    } <= set(metadata)
    asked = next(iter(provider.codes.values()), None)
    assert asked is None  # every code was exchanged
    host = RemoteHost.objects.get()
    assert host.client_id in provider.clients
    secret = provider.clients[host.client_id]
    assert secret not in host.sealed_client_secret  # kept sealed
    assert all(t not in link.sealed_access_token for t in provider.tokens)
    assert AuditEvent.objects.filter(action="hostlink.connected").count() == 2


def test_the_authorization_request_carries_s256_and_a_state(client, cast, provider):
    client.force_login(cast.carol)
    answer = client.post("/wallet/hosts/connect", {"address": provider.discovery_url})
    query = parse_qs(urlsplit(answer["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"] == [client.session["hostlinks.pending"]["state"]]
    assert len(query["code_challenge"][0]) == 43


def test_an_answer_with_another_state_connects_nothing(client, cast, provider):
    forged = come_back(
        client, cast.carol, provider, lambda url: url.replace("state=", "state=x")
    )
    assert "does not belong to a connection started in this session" in forged
    assert not HostLink.objects.exists()


def test_a_learner_who_does_not_allow_is_told_so(client, cast, provider):
    provider.faults["authorize"] = "deny"
    assert "did not connect: access_denied" in come_back(client, cast.carol, provider)
    assert not HostLink.objects.exists()


@pytest.mark.parametrize(
    ("step", "fault", "words"),
    [
        ("discovery", "html", "did not answer with a JSON object (text/html)"),
        ("discovery", "404", "refused with HTTP 404"),
        ("discovery", "shape", "has no usable OB 3.0 discovery document"),
        ("discovery", "huge", "The document is larger than 5120 KB"),
        ("register", "refuse", "invalid_client_metadata logo_uri is not reachable."),
        ("register", "500", "refused with HTTP 500"),
    ],
)
def test_a_host_that_fails_before_the_learner_leaves_gets_a_precise_message(
    client, cast, provider, step, fault, words
):
    provider.faults[step] = fault
    client.force_login(cast.carol)
    answer = client.post("/wallet/hosts/connect", {"address": provider.base})
    assert answer.status_code == 400
    assert words in answer.content.decode()
    assert not RemoteHost.objects.exists()


def test_a_private_address_is_refused_without_the_allow_list(client, cast, settings):
    settings.FETCH_ALLOWED_HOSTS = []
    client.force_login(cast.carol)
    answer = client.post("/wallet/hosts/connect", {"address": "http://127.0.0.1:9"})
    assert "private or reserved address" in answer.content.decode()


def test_a_token_error_is_told_and_nothing_is_kept(client, cast, provider):
    provider.faults["token"] = "invalid_grant"
    assert "invalid_grant The code has expired." in come_back(
        client, cast.carol, provider
    )
    assert not HostLink.objects.exists()


def test_a_registration_the_host_forgot_is_made_again_at_the_next_connection(
    client, cast, provider
):
    provider.faults["token"] = "invalid_client"
    page = come_back(client, cast.carol, provider)
    assert "refused with HTTP 401. invalid_client" in page
    assert not RemoteHost.objects.exists()
    del provider.faults["token"]
    connect(client, cast.carol, provider)
    assert len(provider.registrations) == 2


def test_a_state_that_is_not_ascii_is_refused_like_any_other(client, cast, provider):
    client.force_login(cast.carol)
    client.post("/wallet/hosts/connect", {"address": provider.base})
    page = client.get(
        "/wallet/hosts/callback", {"state": "ā", "code": "x"}, follow=True
    )
    assert (
        "does not belong to a connection started in this session"
        in page.content.decode()
    )


def test_connections_and_pulls_count_against_the_import_limit(
    client, cast, provider, settings, monkeypatch
):
    # A minute of its own (never shared with other tests' counts), then one request in it.
    monkeypatch.setattr("config.ratelimit.clock", lambda: 1_900_000_370.0)
    settings.IMPORT_RATE_LIMIT = 1
    link = connect(client, cast.carol, provider)
    page = client.post(f"/wallet/hosts/{link.uuid}/pull", follow=True).content.decode()
    assert "Too many requests: try again in" in page
    assert HostLink.objects.get().last_pull_at is None


def test_an_expired_access_token_is_renewed_once(client, cast, provider):
    link = connect(client, cast.carol, provider)
    HostLink.objects.filter(pk=link.pk).update(expires_at=now() - timedelta(seconds=1))
    link.refresh_from_db()
    page = client.get(f"/wallet/hosts/{link.uuid}/")
    assert "Carol There" in page.content.decode()  # getProfile with the new token
    assert provider.refreshed == 1
    link.refresh_from_db()
    assert link.expires_at > now() + timedelta(minutes=50)


def test_a_refresh_the_host_refuses_asks_to_connect_again(client, cast, provider):
    link = connect(client, cast.carol, provider)
    HostLink.objects.filter(pk=link.pk).update(expires_at=now() - timedelta(seconds=1))
    provider.refreshes.clear()
    page = client.get(f"/wallet/hosts/{link.uuid}/")
    assert "no longer accepts this connection: connect again" in page.content.decode()


def test_another_learner_cannot_see_a_connection(client, cast, provider):
    link = connect(client, cast.carol, provider)
    client.force_login(cast.mallory)
    assert client.get(f"/wallet/hosts/{link.uuid}/").status_code == 404
    assert client.post(f"/wallet/hosts/{link.uuid}/pull").status_code == 404


def test_disconnecting_revokes_there_and_forgets_here(client, cast, provider):
    link = connect(client, cast.carol, provider)
    client.post(f"/wallet/hosts/{link.uuid}/disconnect")
    assert not HostLink.objects.exists()
    assert [hint for hint, _token in provider.revoked] == [
        "refresh_token",
        "access_token",
    ]
    assert {
        token for _hint, token in provider.revoked
    } <= provider.tokens | provider.refreshes
    assert AuditEvent.objects.filter(action="hostlink.disconnected").exists()


def test_disconnecting_revokes_at_the_endpoint_the_hosts_metadata_names(
    client, cast, provider
):
    """RFC 8414 metadata names the revocation endpoint; only without it is ``…/revoke`` guessed."""
    provider.revocation_path = "/oauth2/revocation"  # /revoke now answers 404
    link = connect(client, cast.carol, provider)
    client.post(f"/wallet/hosts/{link.uuid}/disconnect")
    assert [hint for hint, _token in provider.revoked] == [
        "refresh_token",
        "access_token",
    ]


# --- Pulling ----------------------------------------------------------------------------------


def test_a_pull_follows_the_pages_imports_counts_duplicates_and_names_refusals(
    client, cast, provider
):
    first, second = award(cast), award(cast, "https://carol.example.org/other")
    tampered = copy.deepcopy(second.ob3_credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Brain surgery"
    held = award(
        cast, "carol@example.org", RecipientType.EMAIL
    )  # awarded here, held already
    provider.credentials = [
        first.ob3_credential,
        second.ob3_credential,
        tampered,
        held.ob3_credential,
    ]
    link = connect(client, cast.carol, provider)
    page = client.post(f"/wallet/hosts/{link.uuid}/pull", follow=True).content.decode()
    assert "2 imported, 1 already in your backpack, 1 refused." in page
    assert "Brain surgery" in page and "failed verification" in page
    imported = StoredCredential.objects.filter(user=cast.carol, award__isnull=True)
    assert sorted(i.credential_id for i in imported) == sorted(
        [first.ob3_credential["id"], second.ob3_credential["id"]]
    )
    again = client.post(f"/wallet/hosts/{link.uuid}/pull", follow=True).content.decode()
    assert "0 imported, 3 already in your backpack, 1 refused." in again
    assert AuditEvent.objects.filter(action="hostlink.pulled").count() == 2


def test_a_listing_that_fails_on_a_later_page_imports_nothing(client, cast, provider):
    provider.credentials = [award(cast).ob3_credential, award(cast, "https://x.example/2").ob3_credential,
                            award(cast, "https://x.example/3").ob3_credential]  # fmt: skip
    provider.faults["page2"] = "503"
    link = connect(client, cast.carol, provider)
    page = client.post(f"/wallet/hosts/{link.uuid}/pull", follow=True).content.decode()
    assert "refused with HTTP 503. The host is busy." in page
    assert not StoredCredential.objects.filter(award__isnull=True).exists()
    link.refresh_from_db()
    assert link.last_pull["error"]


def test_a_host_too_slow_to_list_is_named_and_nothing_is_imported(
    client, cast, provider, monkeypatch
):
    provider.credentials = [award(cast).ob3_credential]
    link = connect(client, cast.carol, provider)
    provider.faults["page1"] = "slow"
    monkeypatch.setattr(fetching, "DEADLINE", 0.5)
    page = client.post(f"/wallet/hosts/{link.uuid}/pull", follow=True).content.decode()
    assert "could not be reached while reading your badges" in page
    # The socket's timeout or the deadline's watchdog, whichever fires first, names it.
    assert re.search(r"did not (answer|send the document) within 0\.\d+ s", page)
    assert not StoredCredential.objects.filter(award__isnull=True).exists()


# --- Pushing ----------------------------------------------------------------------------------


def held_award(cast):
    mine = award(cast, "carol@example.org", RecipientType.EMAIL)
    from wallet.actions import accept_award

    accept_award(user=cast.carol, award=mine)
    return mine, StoredCredential.objects.get(award=mine)


def test_a_push_is_queued_with_the_request_and_delivered_as_signed_json(
    client, cast, provider, django_capture_on_commit_callbacks
):
    mine, held = held_award(cast)
    link = connect(client, cast.carol, provider)
    with tasks_in_process(), django_capture_on_commit_callbacks(execute=True):
        client.post(f"/wallet/hosts/{link.uuid}/push", {"held": [str(held.uuid)]})
    entry = Push.objects.get()
    assert (entry.status, entry.http_status) == (PushStatus.DELIVERED, 201)
    content_type, body = provider.received[0]
    assert content_type == "application/json"
    assert json.loads(body) == mine.ob3_credential
    page = client.get(f"/wallet/hosts/{link.uuid}/").content.decode()
    assert "delivered (201)" in page


def test_a_host_that_granted_no_upsert_offers_no_push(client, cast, provider):
    held_award(cast)
    provider.granted_scope = (
        "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly"
    )
    link = connect(client, cast.carol, provider)
    page = client.get(f"/wallet/hosts/{link.uuid}/").content.decode()
    assert "did not allow this site to add badges there" in page
    assert 'name="held"' not in page


def test_a_refused_push_is_shown_failed_with_the_reason(
    client, cast, provider, django_capture_on_commit_callbacks
):
    _mine, held = held_award(cast)
    link = connect(client, cast.carol, provider)
    provider.faults["upsert"] = "400"
    with tasks_in_process(), django_capture_on_commit_callbacks(execute=True):
        client.post(f"/wallet/hosts/{link.uuid}/push", {"held": [str(held.uuid)]})
    entry = Push.objects.get()
    assert entry.status == PushStatus.FAILED
    assert "refused with HTTP 400. The host is busy." in entry.reason


def test_a_host_away_leaves_the_push_waiting_for_a_retry(cast, client, provider):
    _mine, held = held_award(cast)
    link = connect(client, cast.carol, provider)
    provider.faults["upsert"] = "503"
    entry = actions.push(user=cast.carol, link=link, held_ids=[held.uuid])[0]
    from hostlinks.client import RemoteError

    with pytest.raises(RemoteError):
        actions.deliver_push(entry=entry, last_try=False)
    entry.refresh_from_db()
    assert entry.status == PushStatus.WAITING and "503" in entry.reason
    provider.faults.clear()
    deliver_push_task.apply(args=[entry.pk])
    entry.refresh_from_db()
    assert entry.status == PushStatus.DELIVERED


def test_no_secret_reaches_the_logs(
    client, cast, provider, caplog, django_capture_on_commit_callbacks
):
    _mine, held = held_award(cast)
    provider.credentials = [award(cast).ob3_credential]
    with caplog.at_level("DEBUG"):
        link = connect(client, cast.carol, provider)
        HostLink.objects.filter(pk=link.pk).update(expires_at=now())  # a renewal too
        client.post(f"/wallet/hosts/{link.uuid}/pull")
        with tasks_in_process(), django_capture_on_commit_callbacks(execute=True):
            client.post(f"/wallet/hosts/{link.uuid}/push", {"held": [str(held.uuid)]})
        client.post(f"/wallet/hosts/{link.uuid}/disconnect")
    secrets = [*provider.tokens, *provider.refreshes, *provider.clients.values()]
    assert (
        provider.refreshed == 1 and len(secrets) == 4
    )  # two access tokens, a refresh, a secret
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert [s for s in secrets if s in logged] == []
