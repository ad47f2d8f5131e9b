"""Test-wide settings and fixtures.

Settings overrides for tests live here (house style R10), not in config/.

Two passes run the same suite (see .ci/run):
* default: SQLite, Celery tasks executed in-process (``CELERY_TASK_ALWAYS_EAGER``);
* with DATABASE_URL and REDIS_URL: PostgreSQL, a Redis broker, and a real
  Celery worker process started here for the session, pointed at the test
  database, so tests marked ``worker`` go through the real queue.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "authserver.hashers.ClientSecretHasher",  # client secrets, as in production
    ]
    settings.VERIFY_RATE_LIMIT = 10_000  # the rate-limit tests set their own
    settings.SIGN_IN_RATE_LIMIT = 10_000
    settings.OAUTH_REGISTRATION_RATE_LIMIT = 10_000
    settings.OAUTH_TOKEN_RATE_LIMIT = 10_000
    settings.OB3_API_RATE_LIMIT = 10_000
    settings.MEDIA_ROOT = str(_media_root())
    settings.KEY_ENCRYPTION_SECRET = "test-key-encryption-secret-of-at-least-32-bytes"  # noqa: S105
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    yield
    # A request in Latvian leaves Latvian active in this thread (LocaleMiddleware
    # activates the request's language and nothing resets it): the next test
    # starts in the default language.
    translation.activate(settings.LANGUAGE_CODE)


_MEDIA = None


def _media_root() -> Path:
    """One media directory per test session, shared with the worker process."""
    global _MEDIA
    if _MEDIA is None:
        _MEDIA = Path(tempfile.mkdtemp(prefix="insignia-media-"))
    return _MEDIA


def pytest_sessionfinish(session, exitstatus):
    if _MEDIA is not None:
        shutil.rmtree(_MEDIA, ignore_errors=True)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real Celery worker for the session when a broker is configured, else None (eager mode)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        yield None
        return
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": str(_media_root()),
        "KEY_ENCRYPTION_SECRET": "test-key-encryption-secret-of-at-least-32-bytes",
        "EMAIL_FILE_PATH": str(_media_root() / "outbox"),
    }
    log = open(_media_root() / "worker.log", "w")  # noqa: SIM115 (closed below)
    worker = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            "test-worker@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_worker()
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()


def _wait_for_worker(timeout: float = 60) -> None:
    import time

    from config.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1):
            return
    raise RuntimeError(
        f"The Celery worker did not answer within {timeout} s; see {_media_root() / 'worker.log'}"
    )


@pytest.fixture
def cast(db):
    """alice owns, adam administers, erin edits, aaron awards at Acme; ivy edits one issuer;
    carol is a learner; mallory owns another institution (the outsider)."""
    from tests.factories import make_cast

    return make_cast()


class TaskQueue:
    """What tests see of the task queue, the same in both passes.

    Eager pass: tasks ran in this process; e-mail is in ``mail.outbox``.
    Worker pass: tasks run in the worker; e-mail is written to files there.
    """

    def __init__(self, worker) -> None:
        self.worker = worker

    def wait_for(self, predicate, timeout: float = 30.0) -> None:
        import time

        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"Not done within {timeout} s (worker log: {_media_root() / 'worker.log'})"
                )
            time.sleep(0.1)

    def outbox(self) -> list:
        """Sent e-mails as ``email.message.EmailMessage`` objects (or Django's, in the eager pass)."""
        if self.worker is None:
            from django.core import mail

            return list(mail.outbox)
        import email
        from email import policy

        folder = _media_root() / "outbox"
        messages = []
        for path in sorted(folder.glob("*.log")) if folder.exists() else ():
            # The file backend separates messages with a line of 79 dashes.
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(
                        email.message_from_bytes(chunk.strip(), policy=policy.default)
                    )
        return messages


@pytest.fixture
def task_queue(transactional_db, celery_worker_process):
    """Run a test's tasks through the configured queue: in-process, or a real worker."""
    return TaskQueue(celery_worker_process)


@pytest.fixture
def allow_local(settings):
    """Let the safe fetch client reach test servers on 127.0.0.1."""
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.fixture(scope="module")
def site():
    """Another issuer's OB 2.0 site on a local port (tests/obv/site.py), one per module."""
    from tests.obv.site import ob2_site

    with ob2_site() as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one for the session (tests/browser, tests/hostapi).

    Playwright's sync API allows one instance per thread, so every module
    that drives a browser shares this one.
    """
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's Chromium is missing: run scripts/ensure-system-packages (make test does)."
        )
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between browser steps are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
