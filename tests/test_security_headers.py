"""Every HTML page carries the Content-Security-Policy; production settings force HTTPS."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# E-mails are not web pages: mail clients need inline styles and obey no CSP.
PAGES = [p for p in (ROOT / "templates").rglob("*.html") if "emails" not in p.parts]


@pytest.mark.parametrize("path", ["/", "/verify", "/accounts/login/", "/api/docs/"])
def test_html_pages_carry_the_policy(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_json_documents_do_not_need_it(client, db):
    response = client.get("/healthz")
    assert "Content-Security-Policy" not in response


def test_no_page_template_has_inline_script_handlers_or_styles():
    offences = []
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)[^>]*>",  # an inline script
            r"\son[a-z]+\s*=",  # an event-handler attribute
            r"\sstyle\s*=",  # an inline style
            r"javascript:",
        ):
            offences += [
                f"{path.relative_to(ROOT)}: {m.group(0)}"
                for m in re.finditer(pattern, text)
            ]
    assert len(PAGES) > 50
    assert offences == []


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
redirect = client.get("/verify", secure=False)
page = client.get("/verify", secure=True)
health = client.get("/healthz", secure=False)
print(json.dumps({
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "redirect": [redirect.status_code, redirect.get("Location", "")],
    "hsts_header": page.get("Strict-Transport-Security", ""),
    "health": health.status_code,
}))
"""


def probe(tmp_path: Path, **env) -> dict:
    # The settings alone are under test: an empty SQLite file stands in for
    # whichever database the suite runs on (CI's base database may not exist).
    own = ("DEBUG", "PUBLIC_", "DATABASE_URL", "REDIS_URL", "SQLITE_PATH")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    environment.update(
        SQLITE_PATH=str(tmp_path / "probe.sqlite3"),
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="probe-secret-key-probe-secret-key-probe-secret",
        KEY_ENCRYPTION_SECRET="probe-key-encryption-secret-probe-secret-0123",
        ALLOWED_HOSTS="testserver",
        **env,
    )
    result = subprocess.run(  # noqa: S603 (our interpreter, our script)
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_over_https_redirects_http_and_sends_hsts(tmp_path):
    seen = probe(tmp_path, DEBUG="false", PUBLIC_BASE_URL="https://badges.example.edu")
    assert seen["ssl_redirect"] is True and seen["hsts"] == 31_536_000
    assert seen["redirect"] == [301, "https://testserver/verify"]
    assert seen["hsts_header"] == "max-age=31536000"
    assert seen["health"] == 200  # load balancers probe over plain HTTP


def test_the_demo_on_plain_http_is_left_alone(tmp_path):
    seen = probe(tmp_path, DEBUG="true", PUBLIC_BASE_URL="http://127.0.0.1:8000")
    assert seen["ssl_redirect"] is False and seen["hsts"] == 0
    assert seen["redirect"][0] == 200 and seen["hsts_header"] == ""
