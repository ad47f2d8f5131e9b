"""The hostile corpus, timed: how long each door takes to answer each input, and the slowest.

Not a test. Sends every input of ``tests/verifier/hostile.py`` (and the
forgeries of one award made here) through ``POST /api/v1/verify``, the
``/verify`` page and a signed-in learner's backpack import, in-process
through Django's test client, and prints each answer's status and time,
then the slowest answers. The slow-drip server input runs against the fetch
client's real limits (its minimum body rate and ``verifier.fetching.DEADLINE``)::

    SQLITE_PATH=/tmp/bench-hostile.sqlite3 .venv/bin/python benchmarks/hostile_corpus.py [--repeat 3]

Use a throwaway database: the script adds data to it. The issue's target is
every answer under 2 s.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault(
    "KEY_ENCRYPTION_SECRET", "bench-key-encryption-secret-of-32-bytes-or-more"
)
TARGET = 2.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="send each input this often; keep the best",
    )
    parser.add_argument("--slowest", type=int, default=10)
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from rest_framework.test import APIClient

    setup_test_environment()  # responses carry their template context, as in the tests
    settings.ALLOWED_HOSTS = ["*"]
    settings.IMPORT_RATE_LIMIT = settings.VERIFY_RATE_LIMIT = 10**9
    call_command("migrate", verbosity=0)

    from badges.actions import award_badge
    from tests.factories import make_cast
    from tests.verifier import hostile
    from wallet.models import StoredCredential

    cast = make_cast()
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="carol@example.org",
        acting_user=cast.aaron,
        notify=False,
    )
    items = [*hostile.corpus(), *hostile.forgeries(award).values()]
    learner = Client()
    learner.force_login(cast.carol)
    clients = {"api": APIClient(), "page": Client(), "import": learner}

    timings = []
    print(f"{'door':<7} {'input':<52} {'status':>6} {'seconds':>8}")
    with hostile.drip_server() as drip:
        for item in items:
            allowed = settings.FETCH_ALLOWED_HOSTS
            if item.needs_local:
                settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
            for door in hostile.doors_for(item):
                best, status = float("inf"), 0
                for _ in range(args.repeat):
                    held = StoredCredential.objects.count()
                    started = time.perf_counter()
                    response = hostile.DOORS[door](clients[door], item, drip)
                    best = min(best, time.perf_counter() - started)
                    status = response.status_code
                    assert StoredCredential.objects.count() == held, item.name
                timings.append((best, door, item.name, status))
                flag = "  over 2 s" if best > TARGET else ""
                print(f"{door:<7} {item.name[:52]:<52} {status:>6} {best:8.3f}{flag}")
            settings.FETCH_ALLOWED_HOSTS = allowed

    timings.sort(reverse=True)
    errors = [t for t in timings if t[3] >= 500]
    print(
        f"\n{len(items)} inputs, {len(timings)} answers, {len(errors)} of them 5xx; "
        f"{sum(t[0] > TARGET for t in timings)} over {TARGET:g} s"
    )
    print(f"slowest {args.slowest}:")
    for seconds, door, name, status in timings[: args.slowest]:
        print(f"  {seconds:7.3f} s  {door:<7} {name} ({status})")


if __name__ == "__main__":
    main()
