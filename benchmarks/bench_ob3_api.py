"""The OB 3.0 API and its token endpoint: requests per second and queries per call, against /healthz.

Not a test. Builds one learner holding ``--awards`` accepted awards and
``--imports`` imported OB 3.0 credentials, registers an application and gives
it a bearer token, then calls each operation in-process through Django's test
client and prints calls per second, the ratio to ``/healthz`` measured in the
same run, and the number of SQL queries per call. It also times
upsertCredential (the same bytes again, and a fresh credential each time)
against verifying the same bytes alone, so the upsert's own cost shows as a
ratio, and a refresh_token grant at ``/oauth/token`` (each one rotates the
refresh token, so the next uses the new one)::

    SQLITE_PATH=/tmp/bench-ob3.sqlite3 .venv/bin/python benchmarks/bench_ob3_api.py [--awards 100]

Use a throwaway database: the script adds data to it.
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault(
    "KEY_ENCRYPTION_SECRET", "bench-key-encryption-secret-of-32-bytes-or-more"
)

from _measure import per_second, queries, show  # noqa: E402 (benchmarks/ is on the path now)

API = "/ims/ob/v3p0"


def bearer_with_refresh(user, application) -> tuple[str, str]:
    """Return a raw (access, refresh) token pair for ``user``, stored as the server keeps them."""
    from datetime import timedelta

    from django.utils.timezone import now
    from oauth2_provider.generators import generate_client_secret
    from oauth2_provider.models import AccessToken, RefreshToken, set_token_value

    from tests.authserver.clients import ALL_SCOPES

    access = AccessToken(
        user=user,
        application=application,
        scope=ALL_SCOPES,
        expires=now() + timedelta(hours=1),
    )
    raw_access = generate_client_secret()
    set_token_value(access, raw_access)
    access.save()
    refresh = RefreshToken(user=user, application=application, access_token=access)
    raw_refresh = generate_client_secret()
    set_token_value(refresh, raw_refresh)
    refresh.save()
    return raw_access, raw_refresh


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--awards", type=int, default=100)
    parser.add_argument("--imports", type=int, default=20)
    parser.add_argument("--fresh", type=int, default=20, help="fresh upserts timed")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.OB3_API_RATE_LIMIT = settings.OAUTH_TOKEN_RATE_LIMIT = 10**9
    settings.IMPORT_RATE_LIMIT = settings.VERIFY_RATE_LIMIT = 10**9
    call_command("migrate", verbosity=0)

    from badges.actions import award_badge
    from credentials.ob3.build import format_datetime
    from tests.authserver.clients import register
    from tests.factories import make_cast
    from tests.hostapi.helpers import elsewhere, json_bytes
    from verifier import inputs
    from wallet import actions
    from wallet.actions import upsert_credential

    cast = make_cast()
    started = time.perf_counter()
    held = []
    for i in range(args.awards):
        award = award_badge(
            badge_class=cast.badge_class,
            recipient_identity="carol@example.org",
            acting_user=cast.aaron,
            notify=False,
            idempotency_key=f"bench-ob3-{i}",
        )
        held.append(actions.accept_award(user=cast.carol, award=award))
    n = 0
    imported = []
    for _ in range(args.imports):
        data = json_bytes(elsewhere(cast, f"https://learner.example.org/{n}"))
        n += 1
        _held, created = upsert_credential(
            user=cast.carol, data=data, media_type="application/json"
        )
        assert created
        imported.append(data)
    fresh = []
    for _ in range(args.fresh):
        fresh.append(json_bytes(elsewhere(cast, f"https://learner.example.org/{n}")))
        n += 1
    application, secret = register()
    token, refresh = bearer_with_refresh(cast.carol, application)
    print(f"set-up: {args.awards} awards, {args.imports} imports, {args.fresh} fresh "
          f"credentials in {time.perf_counter() - started:.1f} s")  # fmt: skip

    middle = format_datetime(held[len(held) // 2].award.issued_on) if held else ""
    visitor = Client()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    whole = args.awards + args.imports
    calls = [
        ("/healthz", lambda: visitor.get("/healthz"), 200),
        (f"getCredentials, whole ({whole})", lambda: api.get(f"{API}/credentials"), 200),
        ("getCredentials ?limit=10&offset=50",
         lambda: api.get(f"{API}/credentials", {"limit": 10, "offset": 50}), 200),
        ("getCredentials ?since=<middle award>",
         lambda: api.get(f"{API}/credentials", {"since": middle}), 200),
        ("getProfile", lambda: api.get(f"{API}/profile"), 200),
        ("getServiceDescription (discovery)", lambda: visitor.get(f"{API}/discovery"), 200),
        ("getCredentials without a token (401)",
         lambda: visitor.get(f"{API}/credentials"), 401),
    ]  # fmt: skip
    baseline = None
    print()
    for label, call, status in calls:
        q = queries(call, (status,))
        rate = per_second(f"{label} [{q} q]", call, args.seconds, baseline)
        baseline = baseline or rate

    # upsertCredential against verifying the same bytes alone.
    print()
    text = imported[0].decode()
    verify_rate = per_second(
        "verify an OB 3.0 JSON credential (verify_pasted alone)",
        lambda: inputs.verify_pasted(text),
        args.seconds,
    )

    def upsert(data: bytes):
        return api.post(f"{API}/credentials", data, content_type="application/json")

    q = queries(lambda: upsert(imported[0]), (200,))
    per_second(f"upsertCredential, same bytes again (200) [{q} q]",
               lambda: upsert(imported[0]), args.seconds, verify_rate, what="verifying alone")  # fmt: skip
    if fresh:
        q = queries(lambda: upsert(fresh[0]), (201,))
        started = time.perf_counter()
        for data in fresh[1:]:
            assert upsert(data).status_code == 201
        rate = max(len(fresh) - 1, 1) / (time.perf_counter() - started)
        show(f"upsertCredential, fresh each time (201) [{q} q]",
             rate, verify_rate, what="verifying alone")  # fmt: skip

    # The token endpoint: refresh grants, each with the refresh token the last one gave.
    print()
    auth = base64.b64encode(f"{application.client_id}:{secret}".encode()).decode()
    oauth = Client(HTTP_AUTHORIZATION=f"Basic {auth}")
    current = [refresh]

    def refresh_grant():
        answer = oauth.post(
            "/oauth/token",
            {"grant_type": "refresh_token", "refresh_token": current[0]},
        )
        current[0] = json.loads(answer.content)["refresh_token"]
        return answer

    q = queries(refresh_grant, (200,))
    per_second(f"POST /oauth/token, refresh_token grant [{q} q]",
               refresh_grant, args.seconds, baseline)  # fmt: skip


if __name__ == "__main__":
    main()
