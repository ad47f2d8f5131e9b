"""The learner's connected applications in the backpack: seen, and disconnected."""

from __future__ import annotations

import pytest
from django.urls import reverse
from oauth2_provider.models import AccessToken, RefreshToken

from audit.models import AuditEvent
from authserver import scopes
from authserver.tasks import clear_expired

from .clients import issue_token, register

pytestmark = pytest.mark.django_db


def test_it_lists_what_each_application_may_do(client, cast):
    application, _secret = register(client_name="Portfolio of Europe")
    issue_token(cast.carol, scopes.CREDENTIAL_READONLY, application=application)
    client.force_login(cast.carol)
    page = client.get(reverse("authserver:applications"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Portfolio of Europe" in text
    assert str(scopes.DESCRIPTIONS[scopes.CREDENTIAL_READONLY]) in text
    assert str(scopes.DESCRIPTIONS[scopes.PROFILE_UPDATE]) not in text


def test_another_learners_applications_are_not_shown(client, cast):
    application, _secret = register(client_name="Carol's portfolio")
    issue_token(cast.carol, application=application)
    client.force_login(cast.mallory)
    page = client.get(reverse("authserver:applications"))
    assert "Carol's portfolio" not in page.content.decode()


def test_disconnecting_ends_every_token_at_once(client, cast):
    application, _secret = register()
    issue_token(cast.carol, application=application)
    issue_token(cast.carol, application=application)
    client.force_login(cast.carol)
    answer = client.post(reverse("authserver:disconnect", args=[application.client_id]))
    assert answer.status_code == 302
    assert not AccessToken.objects.filter(user=cast.carol).exists()
    assert not RefreshToken.objects.filter(
        user=cast.carol, revoked__isnull=True
    ).exists()
    event = AuditEvent.objects.get(action="oauth.application_disconnected")
    assert event.actor == cast.carol
    assert event.data["tokens_ended"] == 4
    page = client.get(reverse("authserver:applications"))
    assert "is disconnected" in page.content.decode()
    assert (
        reverse("authserver:disconnect", args=[application.client_id])
        not in page.content.decode()
    )


def test_an_outsider_cannot_disconnect_someone_elses_application(client, cast):
    application, _secret = register()
    issue_token(cast.carol, application=application)
    client.force_login(cast.mallory)
    answer = client.post(reverse("authserver:disconnect", args=[application.client_id]))
    assert answer.status_code == 404
    assert AccessToken.objects.filter(user=cast.carol).count() == 1
    assert not AuditEvent.objects.filter(
        action="oauth.application_disconnected"
    ).exists()


def test_disconnecting_needs_post(client, cast):
    application, _secret = register()
    issue_token(cast.carol, application=application)
    client.force_login(cast.carol)
    answer = client.get(reverse("authserver:disconnect", args=[application.client_id]))
    assert answer.status_code == 405
    assert AccessToken.objects.filter(user=cast.carol).count() == 1


def test_visitors_are_asked_to_sign_in(client):
    answer = client.get(reverse("authserver:applications"))
    assert answer.status_code == 302
    assert reverse("accounts:login") in answer["Location"]


def test_the_backpack_links_to_it(client, cast):
    client.force_login(cast.carol)
    page = client.get(reverse("wallet:backpack"))
    assert reverse("authserver:applications") in page.content.decode()


def test_the_daily_sweep_deletes_expired_tokens(cast):
    application, _secret = register()
    issue_token(cast.carol, application=application, seconds=-10)
    RefreshToken.objects.filter(user=cast.carol).update(access_token=None)
    RefreshToken.objects.all().delete()
    clear_expired()
    assert not AccessToken.objects.exists()
