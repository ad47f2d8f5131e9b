"""Playwright driving Debian's Chromium (/usr/bin/chromium), headless, against the live server.

The session's ``browser`` fixture is in tests/conftest.py (tests/hostapi drives it too).
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a closed network: no background fetches, no sync, no component updates.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Cookies kept per port as well as per host: tests/hostlinks runs two sites on
    # 127.0.0.1, and without it signing in on one signs the learner out of the other.
    "--enable-features=EnablePortBoundCookies",
]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, live_server):
    """A page that ignores our Content-Security-Policy, so that axe-core (the auditor's
    tool, not the site's) can be injected as an inline script."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
