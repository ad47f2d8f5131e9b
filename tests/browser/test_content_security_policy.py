"""Pages work under their Content-Security-Policy: Chromium reports no violation, and the scripts run."""

from __future__ import annotations

import pytest

from badges.actions import award_badge
from tests.browser.test_accessibility import sign_in

pytestmark = pytest.mark.browser


def watch_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return violations


def test_public_and_staff_pages_break_no_rule_of_their_policy(cast, page):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="csp@example.org",
        acting_user=cast.aaron,
    )
    violations = watch_violations(page)
    public = (
        "/",
        "/verify",
        f"/public/badges/{cast.badge_class.uuid}",
        f"/public/issuers/{cast.welding.uuid}",
        f"/public/assertions/{award.uuid}",
        f"/public/assertions/{award.uuid}/verify",
        "/api/docs/",
    )
    for path in public:
        response = page.goto(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
    sign_in(page, "alice@example.org")
    for path in (
        f"/staff/institutions/{cast.acme.uuid}/",
        f"/staff/issuers/{cast.welding.uuid}/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/awards/",
        f"/staff/issuers/{cast.welding.uuid}/audit/",
    ):
        page.goto(path)
    page.goto(f"/staff/badge-classes/{cast.badge_class.uuid}/")
    assert page.locator("progress.meter").count() == 1
    assert violations == []


def test_the_language_switch_still_submits_itself(cast, page):
    violations = watch_violations(page)
    page.goto("/verify")
    with page.expect_navigation():
        page.select_option("#language-switch", "lv")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert violations == []


def test_a_policy_violation_would_be_seen(page):
    """A control: an inline script on a page under the same policy is reported."""
    violations = watch_violations(page)
    page.route(
        "**/control",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'"},
            body="<html><body><script>document.title = 'ran'</script></body></html>",
        ),
    )
    page.goto("/control")
    assert page.title() != "ran"
    assert violations
