"""End to end: two Insignia instances, each a consumer or a provider of the OB 3.0 API to the other.

Each instance is a real gunicorn process over HTTPS (did:web resolves over
HTTPS only; a test CA signs one certificate for 127.0.0.1, and each
instance's ``SSL_CERT_FILE`` trusts it) with its own SQLite file, migrated
once and copied, tasks in-process (no ``REDIS_URL``), in both CI passes.
Lena has an account and an accepted award on each. In Chromium she signs in
on A, connects B (signing in on B, allowing on B's consent page), brings B's
badge into A's backpack (verified), and sends A's badge to B, where it is in
her backpack and B's getCredentials returns it unchanged.

Both instances share the host 127.0.0.1, so the browser keeps cookies per
port (Chromium's port-bound cookies, tests/browser/conftest.py); otherwise
signing in on B would sign her out of A. About 20 s, most of it the migration and two servers starting.
"""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostlinks.instance import LEARNER, PASSWORD
from tests.https_site import pem_files
from tests.reliability.processes import ROOT, Process, free_port, wait_for

pytestmark = pytest.mark.browser

KEK = "two-instances-key-encryption-secret-of-32-bytes"  # noqa: S105 (a test's)


@dataclass
class Instance:
    name: str
    base: str
    env: dict[str, str]
    process: Process
    seeded: dict

    def run(self, *args: str) -> dict:
        """Run a tests.hostlinks.instance command in this instance's environment."""
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.hostlinks.instance", *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])


def _environment(folder: Path, name: str, base: str, ca: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=f"two-instances-secret-key-{name}-0123456789",
        KEY_ENCRYPTION_SECRET=KEK,
        SQLITE_PATH=str(folder / f"{name}.sqlite3"),
        MEDIA_ROOT=str(folder / f"media-{name}"),
        PUBLIC_BASE_URL=base,
        ALLOWED_HOSTS="127.0.0.1",
        FETCH_ALLOWED_HOSTS="127.0.0.1",
        OAUTH_ALLOW_LOOPBACK_HTTP="1",
        SSL_CERT_FILE=str(ca),
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="8",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture(scope="module")
def instances(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-instances")
    ca, cert, key = pem_files(folder)
    migrate_env = _environment(folder, "migrated", "https://127.0.0.1", ca)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT, env=migrate_env, check=True, timeout=180,
    )  # fmt: skip
    made = {}
    for name in ("A", "B"):
        port = free_port()
        base = f"https://127.0.0.1:{port}"
        env = _environment(folder, name, base, ca)
        shutil.copy(folder / "migrated.sqlite3", env["SQLITE_PATH"])
        argv = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind", f"127.0.0.1:{port}", "--certfile", str(cert), "--keyfile", str(key)]  # fmt: skip
        process = Process(f"instance-{name}", argv, folder / f"{name}.log", env)
        made[name] = Instance(name, base, env, process, seeded={})
        made[name].seeded = made[name].run("seed", name)
        process.start()
    trust = ssl.create_default_context(cafile=str(ca))
    try:
        for instance in made.values():
            wait_for(lambda i=instance: _healthy(i.base, trust), timeout=60,
                     what=f"instance {instance.name} answering /healthz")  # fmt: skip
        yield made
    finally:
        for instance in made.values():
            instance.process.stop()
        for instance in made.values():
            print(f"--- {instance.name} log (tail) ---")
            print(instance.process.log.read_text()[-4000:])


def _healthy(base: str, trust: ssl.SSLContext) -> bool:
    try:
        with urllib.request.urlopen(
            f"{base}/healthz", context=trust, timeout=2
        ) as answer:  # noqa: S310
            return answer.status == 200
    except OSError:
        return False


def sign_in(page, base: str | None = None) -> None:
    if base:
        page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(LEARNER)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def told(page, words: str) -> None:
    """Wait for the message the last action left at the top of the page."""
    page.locator(".messages li", has_text=words).wait_for()


def test_a_learner_connects_a_to_b_pulls_and_pushes(instances, browser):
    a, b = instances["A"], instances["B"]
    theirs, ours = b.seeded["title"], a.seeded["title"]
    context = browser.new_context(ignore_https_errors=True, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        # On A, Lena opens Connected hosts from her backpack and gives B's address.
        sign_in(page, a.base)
        page.goto(f"{a.base}/wallet/")
        page.get_by_role("link", name="Connected hosts").click()
        page.get_by_label("The host's address, or its discovery document's").fill(
            b.base
        )
        page.get_by_role("button", name="Connect").click()

        # B asks her to sign in there, then names A and what it asks for.
        page.wait_for_url(f"{b.base}/accounts/login/**")
        sign_in(page)
        page.get_by_role(
            "heading",
            name=f"Connect Insignia (127.0.0.1:{a.base.rsplit(':', 1)[1]}) to your backpack?",
        ).wait_for()
        page.get_by_role("button", name="Allow", exact=True).click()

        # Back on A: connected, with her profile at B.
        page.get_by_text("Connected to").wait_for()
        assert page.url.startswith(f"{a.base}/wallet/hosts/")
        assert "Lena Ozola" in page.locator("#remote-profile").inner_text()

        # Pull: B's badge comes into A's backpack, verified.
        page.get_by_role("button", name="Bring my badges from there").click()
        told(page, "1 imported, 0 already in your backpack, 0 refused.")
        host_page = page.url

        # Push: A's badge goes to B, delivered at once (tasks run in-process).
        page.get_by_label(ours).check()
        page.get_by_role("button", name="Send", exact=True).click()
        page.locator("#pushes .push-state").first.wait_for()
        assert (
            page.locator("#pushes .push-state").first.inner_text() == "delivered (201)"
        )

        page.goto(f"{a.base}/wallet/")
        page.get_by_role("link", name=theirs).wait_for()

        # On B, still signed in, her backpack holds A's badge.
        page.goto(f"{b.base}/wallet/")
        page.get_by_role("link", name=ours).wait_for()

        # Pulling again: B now lists A's badge too; nothing is stored twice.
        page.goto(host_page)
        page.get_by_role("button", name="Bring my badges from there").click()
        told(page, "0 imported, 2 already in your backpack, 0 refused.")

        # Disconnecting on A ends A's access at B too (RFC 7009 at B's revocation endpoint).
        listed = a.run("remote-credentials")
        page.get_by_role("button", name="Disconnect").click()
        told(page, "Disconnected from")
        page.goto(f"{b.base}/wallet/applications/")
        page.get_by_text("No application is connected.").wait_for()
    except Exception:
        print(
            f"--- the page at {page.url} ---\n{page.locator('body').inner_text()[:3000]}"
        )
        raise
    finally:
        context.close()

    # B's getCredentials (read above with A's token for Lena) returns A's credential unchanged.
    assert a.seeded["credential"] in listed["credential"]
    assert b.seeded["credential"] in listed["credential"]
