"""The authorization code grant with PKCE through Django's test client (the live, independent
client is tests/hostapi/test_e2e_authlib.py)."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from authserver import scopes

from .clients import ALL_SCOPES, register

REDIRECT = "http://127.0.0.1:9/Authorize"


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(
        hashlib.sha256(verifier.encode()).digest()
    ).rstrip(b"=")
    return verifier, challenge.decode()


def basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


def consent_page(
    client, application, *, challenge, scope=ALL_SCOPES, method="S256", **extra
):
    """GET the consent page as a client's authorization request sends the learner there.

    ``extra`` overrides request parameters; ``HTTP_*`` names are request headers.
    """
    params = {
        "response_type": "code",
        "client_id": application.client_id,
        "redirect_uri": REDIRECT,
        "scope": scope,
        "state": "xyz",
        "code_challenge": challenge,
        "code_challenge_method": method,
    }
    params.update({k: v for k, v in extra.items() if not k.startswith("HTTP_")})
    headers = {k: v for k, v in extra.items() if k.startswith("HTTP_")}
    return client.get(reverse("authserver:authorize"), params, **headers)


def authorize(
    client, application, *, challenge, scope=ALL_SCOPES, allow=True, method="S256"
):
    page = consent_page(
        client, application, challenge=challenge, scope=scope, method=method
    )
    if page.status_code != 200 or "form" not in page.context:
        return page
    form = dict(page.context["form"].initial)
    form = {k: v for k, v in form.items() if v is not None}
    if allow:
        form["allow"] = "Authorize"
    return client.post(reverse("authserver:authorize"), form)


def exchange(client, application, secret, code, verifier):
    return client.post(
        reverse("authserver:token"),
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "code_verifier": verifier,
        },
        HTTP_AUTHORIZATION=basic(application.client_id, secret),
    )


@pytest.fixture
def signed_in(client, cast):
    client.force_login(cast.carol)
    return client


def test_it_grants_a_token_for_the_scopes_the_learner_allowed(signed_in, cast):
    application, secret = register()
    verifier, challenge = pkce()
    page = consent_page(
        signed_in, application, challenge=challenge, redirect_uri=REDIRECT
    )
    assert page.status_code == 200
    for words in scopes.describe(scopes.OB3_SCOPES):
        assert words in page.content.decode()
    answer = authorize(signed_in, application, challenge=challenge)
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer["Location"]).query)
    assert query["state"] == ["xyz"]
    token = exchange(signed_in, application, secret, query["code"][0], verifier)
    assert token.status_code == 200, token.content
    body = token.json()
    assert body["token_type"].lower() == "bearer"
    assert set(body["scope"].split()) == set(scopes.OB3_SCOPES)
    assert body["expires_in"] == 3600
    assert body["refresh_token"]
    assert AuditEvent.objects.filter(
        action="oauth.consent_given", actor=cast.carol
    ).exists()


def test_it_refuses_a_wrong_code_verifier(signed_in):
    application, secret = register()
    _verifier, challenge = pkce()
    answer = authorize(signed_in, application, challenge=challenge)
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    token = exchange(signed_in, application, secret, code, pkce()[0])
    assert token.status_code == 400
    assert token.json()["error"] == "invalid_grant"


def test_it_refuses_a_reused_code_and_revokes_what_it_gave(signed_in):
    application, secret = register()
    verifier, challenge = pkce()
    answer = authorize(signed_in, application, challenge=challenge)
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    first = exchange(signed_in, application, secret, code, verifier)
    assert first.status_code == 200
    again = exchange(signed_in, application, secret, code, verifier)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    refreshed = signed_in.post(
        reverse("authserver:token"),
        {"grant_type": "refresh_token", "refresh_token": first.json()["refresh_token"]},
        HTTP_AUTHORIZATION=basic(application.client_id, secret),
    )
    assert refreshed.status_code == 400
    assert AuditEvent.objects.filter(action="oauth.code_replayed").exists()


def test_it_refuses_plain_pkce(signed_in):
    application, _secret = register()
    verifier, _challenge = pkce()
    answer = authorize(signed_in, application, challenge=verifier, method="plain")
    assert answer.status_code in (302, 400)
    if answer.status_code == 302:
        assert "error=" in answer["Location"]


def test_it_shows_an_error_and_does_not_redirect_to_an_unregistered_uri(signed_in):
    application, _secret = register()
    _verifier, challenge = pkce()
    page = consent_page(
        signed_in,
        application,
        challenge=challenge,
        redirect_uri="http://127.0.0.1:9/Authorize/elsewhere",
    )
    assert page.status_code == 400
    assert "Location" not in page
    assert "did not register" in page.content.decode()


def test_it_refuses_a_scope_the_client_did_not_register(signed_in):
    application, _secret = register(scope=scopes.CREDENTIAL_READONLY)
    _verifier, challenge = pkce()
    answer = authorize(
        signed_in, application, challenge=challenge, scope=scopes.PROFILE_UPDATE
    )
    assert answer.status_code == 302
    assert "error=invalid_scope" in answer["Location"]


def test_a_learner_who_does_not_allow_sends_access_denied(signed_in):
    application, _secret = register()
    _verifier, challenge = pkce()
    answer = authorize(signed_in, application, challenge=challenge, allow=False)
    assert answer.status_code == 302
    assert "error=access_denied" in answer["Location"]
    assert "state=xyz" in answer["Location"]


def test_tokens_are_kept_as_digests_only(signed_in):
    from oauth2_provider.models import AccessToken, RefreshToken

    application, secret = register()
    verifier, challenge = pkce()
    answer = authorize(signed_in, application, challenge=challenge)
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    body = exchange(signed_in, application, secret, code, verifier).json()
    stored = AccessToken.objects.get(application=application)
    assert stored.token == ""
    assert (
        stored.token_checksum
        == hashlib.sha256(body["access_token"].encode()).hexdigest()
    )
    assert RefreshToken.objects.get(application=application).token == ""
    assert secret not in application.client_secret


def test_no_log_line_carries_a_code_a_token_or_the_secret(signed_in, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    application, secret = register()
    verifier, challenge = pkce()
    answer = authorize(signed_in, application, challenge=challenge)
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    body = exchange(signed_in, application, secret, code, verifier).json()
    exchange(signed_in, application, secret, code, verifier)  # a replay logs a warning
    for value in (code, body["access_token"], body["refresh_token"], secret, verifier):
        assert value not in caplog.text
    assert "presented again" in caplog.text


def test_the_consent_page_speaks_latvian(signed_in):
    application, _secret = register()
    _verifier, challenge = pkce()
    page = consent_page(
        signed_in,
        application,
        challenge=challenge,
        redirect_uri=REDIRECT,
        HTTP_ACCEPT_LANGUAGE="lv",
    )
    text = page.content.decode()
    assert 'lang="lv"' in text
    assert "Atļaut" in text and "Neatļaut" in text
    assert "Redzēt nozīmītes jūsu mugursomā" in text
    assert "Mainīt jūsu profilu" in text
