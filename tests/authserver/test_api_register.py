"""RFC 7591 registration as OB 3.0 §7.1.1 profiles it: POST /oauth/register."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from oauth2_provider.models import Application

from audit.models import AuditEvent
from authserver import scopes
from authserver.models import ClientProfile

from .clients import metadata

URL = "/oauth/register"


def post(client, body, **extra):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **extra)


@pytest.fixture
def loopback(settings):
    settings.OAUTH_ALLOW_LOOPBACK_HTTP = True


def test_the_url_is_the_one_discovery_names():
    assert reverse("authserver:register") == URL


@pytest.mark.django_db
def test_it_registers_and_answers_everything_it_stored(client, loopback):
    response = post(client, metadata())
    assert response.status_code == 201, response.content
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    sent = metadata()
    for name, value in sent.items():
        assert body[name] == value, name
    assert body["client_id"] and body["client_secret"]
    assert body["client_secret_expires_at"] == 0
    assert isinstance(body["client_id_issued_at"], int)
    application = Application.objects.get(client_id=body["client_id"])
    assert application.client_secret != body["client_secret"]  # a hash, not the secret
    assert application.profile.scopes == sent["scope"].split()
    event = AuditEvent.objects.get(action="oauth.client_registered")
    assert event.data["client_id"] == body["client_id"]
    assert body["client_secret"] not in json.dumps(event.data)


@pytest.mark.django_db
def test_it_drops_scopes_it_does_not_know_and_says_which_it_kept(client, loopback):
    response = post(
        client, metadata(scope=f"{scopes.CREDENTIAL_READONLY} email openid")
    )
    assert response.status_code == 201
    assert response.json()["scope"] == scopes.CREDENTIAL_READONLY


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"client_name": ""}, "invalid_client_metadata", "client_name is required"),
        ({"software_id": None}, "invalid_client_metadata", "software_id is required"),
        (
            {"logo_uri": "not a url"},
            "invalid_client_metadata",
            "logo_uri must be an https URL",
        ),
        (
            {"tos_uri": "ftp://127.0.0.1:9/terms"},
            "invalid_client_metadata",
            "tos_uri must be an https URL",
        ),
        (
            {"client_uri": "https://elsewhere.example/"},
            "invalid_client_metadata",
            "same host name",
        ),
        (
            {"redirect_uris": "http://127.0.0.1:9/cb"},
            "invalid_redirect_uri",
            "array of URLs",
        ),
        ({"redirect_uris": []}, "invalid_redirect_uri", "array of URLs"),
        (
            {"redirect_uris": ["http://127.0.0.1:9/cb#frag"]},
            "invalid_redirect_uri",
            "fragment",
        ),
        (
            {"redirect_uris": ["http://u:p@127.0.0.1:9/cb"]},
            "invalid_redirect_uri",
            "without credentials",
        ),
        (
            {"scope": "openid email"},
            "invalid_client_metadata",
            "none of the Open Badges 3.0 scopes",
        ),
        ({"scope": ""}, "invalid_client_metadata", "scope is required"),
        (
            {"grant_types": ["client_credentials"]},
            "invalid_client_metadata",
            "grant_types may only be",
        ),
        (
            {"response_types": ["token"]},
            "invalid_client_metadata",
            "response_types may only be",
        ),
        (
            {"token_endpoint_auth_method": "none"},
            "invalid_client_metadata",
            "token_endpoint_auth_method",
        ),
        (
            {"contacts": "admin@example.org"},
            "invalid_client_metadata",
            "contacts must be an array",
        ),
        ({"client_name": "x" * 256}, "invalid_client_metadata", "longer than 255"),
    ],
)
def test_it_refuses_bad_metadata_and_stores_nothing(
    client, loopback, change, error, words
):
    response = post(client, metadata(**change))
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == error
    assert words in body["error_description"]
    assert not Application.objects.exists()
    assert not ClientProfile.objects.exists()


@pytest.mark.django_db
def test_loopback_http_is_refused_unless_switched_on(client, settings):
    settings.OAUTH_ALLOW_LOOPBACK_HTTP = False
    response = post(client, metadata())
    assert response.status_code == 400
    assert "must be an https URL" in response.json()["error_description"]


@pytest.mark.django_db
def test_https_urls_on_one_host_are_accepted_in_production(client, settings):
    settings.OAUTH_ALLOW_LOOPBACK_HTTP = False
    host = "https://portfolio.example.org"
    response = post(
        client,
        metadata(
            client_uri=f"{host}/",
            logo_uri=f"{host}/logo.png",
            tos_uri=f"{host}/terms",
            policy_uri=f"{host}/privacy",
            redirect_uris=[f"{host}/oauth/callback"],
        ),
    )
    assert response.status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{not json", "The body is not JSON"),
        ("[" * 5000 + "]" * 5000, "The body is not JSON"),
        ('["a list"]', "must be a JSON object"),
        ("", "The body is not JSON"),
    ],
)
def test_it_refuses_malformed_json(client, loopback, body, words):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_client_metadata"
    assert words in response.json()["error_description"]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_oversized_body_without_reading_it_as_json(client, loopback):
    response = post(client, json.dumps(metadata(software_version="x" * 70_000)))
    assert response.status_code == 413
    assert response.json()["error"] == "invalid_client_metadata"
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_it_only_answers_post(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.django_db
def test_it_limits_registrations_per_address(client, loopback, settings, monkeypatch):
    # A window of its own, so counts from other tests do not spill in.
    monkeypatch.setattr("config.ratelimit.clock", lambda: 1_900_000_010.0)
    settings.OAUTH_REGISTRATION_RATE_LIMIT = 2
    assert post(client, metadata()).status_code == 201
    assert post(client, metadata()).status_code == 201
    third = post(client, metadata())
    assert third.status_code == 429
    assert int(third["Retry-After"]) > 0
    assert Application.objects.count() == 2


@pytest.mark.django_db
def test_the_token_endpoint_is_rate_limited(client, settings, monkeypatch):
    monkeypatch.setattr("config.ratelimit.clock", lambda: 1_900_000_130.0)
    settings.OAUTH_TOKEN_RATE_LIMIT = 1
    client.post("/oauth/token", {"grant_type": "authorization_code"})
    answer = client.post("/oauth/token", {"grant_type": "authorization_code"})
    assert answer.status_code == 429
    assert answer.json()["error"] == "slow_down"
    assert int(answer["Retry-After"]) > 0


@pytest.mark.django_db
def test_the_server_metadata_names_every_endpoint(client, settings):
    body = client.get("/.well-known/oauth-authorization-server").json()
    base = settings.PUBLIC_BASE_URL
    assert body["issuer"] == base
    assert body["registration_endpoint"] == base + URL
    assert body["authorization_endpoint"] == base + "/oauth/authorize"
    assert body["token_endpoint"] == base + "/oauth/token"
    assert body["revocation_endpoint"] == base + "/oauth/revoke"
    assert body["code_challenge_methods_supported"] == ["S256"]
    assert set(scopes.OB3_SCOPES) <= set(body["scopes_supported"])
    discovery = client.get(body["service_documentation"][len(base) :])
    assert discovery.status_code == 200
