"""Bulk awarding throughput: a 10,000-row CSV from upload to done, against raw signing rates.

Not a test. Prints the time to upload and check the file, to confirm it, and to
award every row, then awards per second next to the raw Ed25519 signature rate
and the OB 3.0 Data Integrity signing rate measured in the same run.

In-process (SQLite, tasks run in this process; use a throwaway database)::

    SQLITE_PATH=/tmp/bench-bulk.sqlite3 .venv/bin/python benchmarks/bench_bulk.py [--rows 10000]

Against PostgreSQL and Redis, a worker must be running with the same settings
(processing happens there; this script only queues and polls)::

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/insignia_bench REDIS_URL=redis://127.0.0.1:6379/13
    export KEY_ENCRYPTION_SECRET=bench-key-encryption-secret-of-32-bytes-or-more
    .venv/bin/python manage.py migrate
    .venv/bin/celery -A config worker --pool=solo --loglevel=WARNING &     # one worker
    .venv/bin/python benchmarks/bench_bulk.py

In-process runs also split the awarding time into ``award_badge`` (validation,
the award row, its audit event and e-mail delivery row), ``sign_awards`` (OB 2.0
JWS, OB 3.0 Data Integrity and VC-JWT, and their write) and the rest (row
status, counters, commits, and the e-mail tasks that run on commit when there
is no broker).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault(
    "KEY_ENCRYPTION_SECRET", "bench-key-encryption-secret-of-32-bytes-or-more"
)


def build_csv(rows: int) -> bytes:
    lines = ["e-pasts;vārds;izsniegts;external_id"]
    lines += [
        f"bench{i}@example.lv;Līga Bērziņa {i};15.01.2026;BENCH-{i}"
        for i in range(rows)
    ]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def signing_rates(seconds: float) -> tuple[float, float]:
    """Return (raw Ed25519 signatures/s, OB 3.0 Data Integrity credentials/s)."""
    from bench_signing import BASE, facts, rate

    from credentials import keys, ob3

    ed_key = keys.generate_ed25519_key()
    raw = rate("Ed25519 (raw)", lambda i: ed_key.sign(b"x" * 600), seconds)
    di = rate(
        "OB 3.0 Data Integrity (eddsa-rdfc-2022)",
        lambda i: ob3.sign(
            ob3.credential(facts(i), base_url=BASE),
            ed_key,
            verification_method="did:web:badges.example.edu:issuers:1#k1",
            created=datetime(2026, 11, 1, tzinfo=UTC),
            base_url=BASE,
        ),
        seconds,
    )
    return raw, di


class Timer:
    """Wrap a module attribute and add up the time spent in it."""

    def __init__(self, module, name: str) -> None:
        self.module, self.name, self.spent = module, name, 0.0
        self.real = getattr(module, name)
        setattr(module, name, self)

    def __call__(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return self.real(*args, **kwargs)
        finally:
            self.spent += time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=2.0, help="per signing rate")
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    logging.getLogger("notifications").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)

    from bulk import actions
    from bulk.models import BulkUpload
    from bulk.tasks import process_upload_task
    from issuers import actions as issuer_actions
    from tests.factories import UserFactory, make_badge_class

    in_process = settings.CELERY_TASK_ALWAYS_EAGER
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Bulk awarding, {options.rows:,} rows; database: {database}; "
          f"tasks: {'in this process' if in_process else 'a Celery worker'}")  # fmt: skip

    tag = uuid.uuid4().hex[:8]
    user = UserFactory(email=f"bench-{tag}@example.org")
    institution = issuer_actions.create_institution(
        acting_user=user, name=f"Bench {tag}", country="LV"
    )
    issuer = issuer_actions.create_issuer(
        institution=institution, acting_user=user, name="Bench school",
        url="https://bench.example.org", email="b@bench.example.org", country="LV",
    )  # fmt: skip
    badge_class = make_badge_class(issuer=issuer, acting_user=user)
    data = build_csv(options.rows)

    started = time.perf_counter()
    upload = actions.create_upload(
        badge_class=badge_class, acting_user=user, data=data, filename="bench.csv"
    )
    parsed = time.perf_counter() - started
    print(f"  upload + check + store rows   {parsed:8.2f} s   "
          f"({upload.valid:,} valid, {len(data) / 2**20:.1f} MB)")  # fmt: skip

    started = time.perf_counter()
    actions.confirm_upload(upload=upload, acting_user=user, enqueue=False)
    print(f"  confirm (the claim)           {time.perf_counter() - started:8.3f} s")

    timers = []
    if in_process:
        from notifications import actions as notifications

        timers = [Timer(actions, "award_badge"), Timer(actions, "sign_awards"),
                  Timer(notifications, "send_delivery")]  # fmt: skip
    started = time.perf_counter()
    process_upload_task.delay(upload.pk)
    last = -1
    while True:
        state = BulkUpload.objects.get(pk=upload.pk)
        if state.is_finished:
            break
        if state.processed != last and not in_process:
            last = state.processed
            elapsed = time.perf_counter() - started
            print(f"    {elapsed:6.1f} s: {state.processed:,} / {state.valid:,}")
        time.sleep(0.5)
    processing = time.perf_counter() - started
    rate = state.awarded / processing
    print(f"  processing to done            {processing:8.2f} s   "
          f"({state.awarded:,} awarded, status {state.status})")  # fmt: skip
    for timer in timers:
        print(f"    in {timer.name:<24} {timer.spent:8.2f} s   "
              f"({1000 * timer.spent / max(state.awarded, 1):.2f} ms per award)")  # fmt: skip
    if timers:
        rest = processing - sum(t.spent for t in timers)
        print(f"    the rest                    {rest:8.2f} s   "
              f"({1000 * rest / max(state.awarded, 1):.2f} ms per award)")  # fmt: skip
    total = parsed + processing
    print(f"  upload to done                {total:8.2f} s")

    print("Signing rates in this process:")
    raw, di = signing_rates(options.seconds)
    print(f"\nAwards per second: {rate:,.0f} (all three signed formats each)")
    print(
        f"  vs raw Ed25519 {raw:,.0f}/s: 1 award costs {raw / rate:,.0f} raw signatures"
    )
    print(f"  vs OB 3.0 Data Integrity alone {di:,.0f}/s: {rate / di:.0%} of that rate")
    projected = total * 10_000 / options.rows
    goal = "met" if projected < 60 else "missed"
    print(f"Goal (10,000 in under a minute on one worker): {goal}, "
          f"{projected:,.0f} s projected for 10,000 rows")  # fmt: skip


if __name__ == "__main__":
    main()
