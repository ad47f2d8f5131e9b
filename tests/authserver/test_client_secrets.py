"""Client secrets are kept as salted SHA-256 (authserver/hashers.py); older PBKDF2 hashes still verify."""

from __future__ import annotations

import base64

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.urls import reverse
from oauth2_provider.models import Application

from .clients import issue_tokens, register

pytestmark = pytest.mark.django_db


def _refresh_token_for(user, application) -> str:
    return issue_tokens(user, application=application)[1]


def _refresh(client, application, secret: str, refresh_token: str):
    basic = base64.b64encode(f"{application.client_id}:{secret}".encode()).decode()
    return client.post(
        reverse("authserver:token"),
        {"grant_type": "refresh_token", "refresh_token": refresh_token},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )


def test_a_registered_secret_is_kept_as_a_salted_sha256_and_checks():
    application, secret = register()
    stored = Application.objects.get(pk=application.pk).client_secret
    algorithm, salt, digest = stored.split("$")
    assert algorithm == "client_secret_sha256"
    assert len(digest) == 64 and salt and secret not in stored
    assert check_password(secret, stored)
    assert not check_password(secret[:-1] + "x", stored)
    # Two clients with the same secret would still get different hashes.
    assert make_password(secret, hasher="client_secret_sha256") != stored


def test_a_token_request_checks_the_secret_under_the_new_hash(client, cast):
    user = cast.carol
    application, secret = register()
    answer = _refresh(
        client, application, secret, _refresh_token_for(user, application)
    )
    assert answer.status_code == 200, answer.content
    wrong = _refresh(
        client, application, "x" * 128, _refresh_token_for(user, application)
    )
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"


def test_a_secret_hashed_by_the_older_password_hasher_still_authenticates(client, cast):
    user = cast.carol
    application, secret = register()
    # Secrets registered before this change were made with the password hasher.
    Application.objects.filter(pk=application.pk).update(
        client_secret=make_password(secret, hasher="md5")
    )
    answer = _refresh(
        client, application, secret, _refresh_token_for(user, application)
    )
    assert answer.status_code == 200, answer.content
