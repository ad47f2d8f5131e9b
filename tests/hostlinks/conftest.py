"""Fixtures of the connected-hosts tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_import_limit(settings):
    settings.IMPORT_RATE_LIMIT = 10_000  # the rate-limit test sets its own
