"""Backpack and share pages: requests per second and queries per page, against /healthz.

Not a test. Builds one learner with a full backpack (awards made here, accepted;
credentials imported from baked images; a collection of twenty shared by
link), then requests each page in-process through Django's test client and
prints pages per second, the ratio to ``/healthz`` measured in the same run,
and the number of SQL queries per page. It also times importing a baked
credential against verifying the same bytes alone, so the import's own cost
(duplicate checks, image, writes) shows as a ratio::

    SQLITE_PATH=/tmp/bench-backpack.sqlite3 .venv/bin/python benchmarks/bench_backpack.py [--awards 100]

Use a throwaway database: the script adds data to it.
"""

from __future__ import annotations

import argparse
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

import _measure  # noqa: E402 (benchmarks/ is on the path now)
from _measure import queries  # noqa: E402


def per_second(
    label: str, call, seconds: float, baseline: float | None = None
) -> float:
    """This report's columns: 58 wide, ratios to two places."""
    return _measure.per_second(label, call, seconds, baseline, width=58, digits=2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--awards", type=int, default=100)
    parser.add_argument("--imports", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.IMPORT_RATE_LIMIT = settings.VERIFY_RATE_LIMIT = 10**9
    call_command("migrate", verbosity=0)

    from badges.actions import award_badge
    from badges.choices import RecipientType
    from tests.factories import make_cast
    from verifier import inputs
    from wallet import actions

    cast = make_cast()
    client = Client()
    started = time.perf_counter()
    held = []
    for i in range(args.awards):
        award = award_badge(
            badge_class=cast.badge_class,
            recipient_identity="carol@example.org",
            acting_user=cast.aaron,
            notify=False,
            idempotency_key=f"bench-{i}",
        )
        held.append(actions.accept_award(user=cast.carol, award=award))
    baked = []
    for i in range(args.imports * 2):
        award = award_badge(
            badge_class=cast.badge_class,
            recipient_type=RecipientType.URL,
            recipient_identity=f"https://carol.example.org/{i}",
            acting_user=cast.aaron,
            notify=False,
        )
        baked.append(client.get(f"/public/credentials/{award.uuid}/image.png").content)
    print(f"set-up: {args.awards} awards and {len(baked)} baked images in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip

    # Importing against verifying the same bytes alone.
    spare = iter(baked[args.imports :])
    verify_rate = per_second(
        "verify a baked OB 3.0 PNG (verifier alone)",
        lambda: inputs.verify_file(baked[0]),
        args.seconds,
    )
    imported = []
    started = time.perf_counter()
    for data in baked[: args.imports]:
        imported.append(actions.import_credential(user=cast.carol, data=data))
    import_rate = len(imported) / (time.perf_counter() - started)
    print(f"{'import a baked OB 3.0 PNG (verify, checks, image, writes)':<58} "
          f"{import_rate:9.1f}/s  ({import_rate / verify_rate:.2f} × verifying alone)")  # fmt: skip
    del spare

    collection = actions.create_collection(user=cast.carol, name="Bench")
    for item in held[:10] + imported[:10]:
        actions.add_to_collection(user=cast.carol, collection=collection, held=item)
    link = actions.share(user=cast.carol, collection=collection)
    badge_link = actions.share(user=cast.carol, credential=held[0])

    visitor = Client()
    learner = Client()
    learner.force_login(cast.carol)
    pages = [
        ("/healthz", visitor, "/healthz"),
        (f"backpack ({args.awards} awards, {args.imports} imports)", learner, "/wallet/"),
        ("backpack entry (award made here)", learner, f"/wallet/awards/{held[0].award.uuid}/"),
        ("imported entry", learner, f"/wallet/imported/{imported[0].uuid}/"),
        ("collection page (20 badges)", learner, f"/wallet/collections/{collection.uuid}/"),
        ("share page: one badge (visitor)", visitor, f"/share/{badge_link.token}"),
        ("share page: collection of 20 (visitor)", visitor, f"/share/{link.token}"),
        ("share preview card, one badge (PNG 1200×630)", visitor,
         f"/share/{badge_link.token}/card.png"),
        ("share preview card, collection", visitor, f"/share/{link.token}/card.png"),
        ("share verify: imported, from stored bytes", visitor,
         f"/share/{link.token}/{imported[0].uuid}/verify"),
        ("export.json (OB 3.0 credentials)", learner, "/wallet/export.json"),
    ]  # fmt: skip
    baseline = None
    print()
    for label, who, path in pages:
        n = queries(lambda w=who, p=path: w.get(p), (200, 302))
        rate = per_second(f"{label} [{n} queries]", lambda w=who, p=path: w.get(p), args.seconds, baseline)  # fmt: skip
        baseline = baseline or rate


if __name__ == "__main__":
    main()
