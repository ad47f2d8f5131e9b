"""Faults answer in the API's shape: a database that is away is a 503 to retry, anything else a 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from tests.authserver.clients import issue_token

from .helpers import API, assert_imsx, bearer

pytestmark = pytest.mark.django_db


def test_a_database_that_is_away_is_503_server_busy_with_retry_after(
    cast, client, monkeypatch
):
    token = issue_token(cast.carol)

    def away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("hostapi.views.list_credentials", away)
    answer = client.get(f"{API}/credentials", **bearer(token))
    assert_imsx(answer, 503, "server_busy")
    assert answer["Retry-After"] == "10"


def test_an_unexpected_fault_is_500_in_the_apis_shape(cast, client, monkeypatch):
    token = issue_token(cast.carol)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("hostapi.views.list_credentials", broken)
    assert_imsx(
        client.get(f"{API}/credentials", **bearer(token)), 500, "internal_server_error"
    )
