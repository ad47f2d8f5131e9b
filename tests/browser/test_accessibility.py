"""Accessibility: Deque's axe-core (npm, tests/js) audits the main pages in Chromium.

Rules run: WCAG 2.0/2.1 levels A and AA (labels, contrast, landmarks, names of
links and buttons, language of the page, ...). A page passes when axe finds no
violation of impact "serious" or "critical"; the test prints any minor ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from badges.actions import award_badge
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

AXE = (
    Path(__file__).resolve().parents[1]
    / "js"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)


@pytest.fixture
def page(browser, live_server):
    """A page that ignores our Content-Security-Policy: axe-core, the auditor's
    tool and not the site's, is injected as an inline script."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def audit(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(
            "tests/js/node_modules/axe-core is missing: run `make test` (it runs `npm ci --prefix tests/js`)."
        )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    for violation in result["violations"]:
        print(
            f"axe {violation['impact']}: {violation['id']} on {page.url}: {violation['help']}"
        )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_public_pages_have_no_serious_accessibility_violations(cast, page):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="a11y@example.org",
        acting_user=cast.aaron,
    )
    for path in (
        "/",
        "/accounts/login/",
        "/verify",
        f"/public/badges/{cast.badge_class.uuid}",
        f"/public/issuers/{cast.welding.uuid}",
        f"/public/assertions/{award.uuid}",
        f"/public/assertions/{award.uuid}/verify",
    ):
        page.goto(path)
        assert audit(page) == [], path


def test_staff_pages_have_no_serious_accessibility_violations(cast, page):
    sign_in(page, "alice@example.org")
    for path in (
        f"/staff/institutions/{cast.acme.uuid}/",
        f"/staff/issuers/{cast.welding.uuid}/",
        f"/staff/issuers/{cast.welding.uuid}/badge-classes/new/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/edit/",
        f"/staff/badge-classes/{cast.badge_class.uuid}/awards/",
        "/accounts/tokens/",
    ):
        page.goto(path)
        assert audit(page) == [], path


def test_the_audit_catches_real_violations(page):
    """A control: the same audit on a page with an unlabelled field and unreadable text fails."""
    page.set_content(
        '<html lang="en"><body><main><h1>Form</h1><input type="text">'
        '<p style="color:#ddd;background:#fff">faint text</p></main></body></html>'
    )
    found = {v["id"] for v in audit(page)}
    assert {"label", "color-contrast"} <= found


def test_learner_and_share_pages_have_no_serious_accessibility_violations(cast, page):
    from wallet import actions

    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="carol@example.org",
        acting_user=cast.aaron,
    )
    held = actions.accept_award(user=cast.carol, award=award)
    collection = actions.create_collection(user=cast.carol, name="Portfolio")
    actions.add_to_collection(user=cast.carol, collection=collection, held=held)
    badge_link = actions.share(user=cast.carol, credential=held)
    withdrawn = actions.revoke_share(
        user=cast.carol, link=actions.share(user=cast.carol, collection=collection)
    )
    collection_link = actions.share(user=cast.carol, collection=collection)
    from django.test import Client

    from badges.choices import RecipientType

    elsewhere = award_badge(
        badge_class=cast.badge_class,
        recipient_type=RecipientType.URL,
        recipient_identity="https://carol.example.org/",
        acting_user=cast.aaron,
        notify=False,
    )
    baked = Client().get(f"/public/credentials/{elsewhere.uuid}/image.png").content
    imported = actions.import_credential(user=cast.carol, data=baked)
    actions.add_to_collection(user=cast.carol, collection=collection, held=imported)
    sign_in(page, "carol@example.org")
    for path in (
        "/wallet/",
        f"/wallet/awards/{award.uuid}/",
        "/wallet/collections/",
        f"/wallet/collections/{collection.uuid}/",
        f"/share/{badge_link.token}",
        f"/share/{collection_link.token}",
        f"/share/{withdrawn.token}",
        "/wallet/import/",
        f"/wallet/imported/{imported.uuid}/",
        f"/share/{collection_link.token}/{imported.uuid}",
        f"/share/{collection_link.token}/{imported.uuid}/verify",
    ):
        page.goto(path)
        assert audit(page) == [], path
