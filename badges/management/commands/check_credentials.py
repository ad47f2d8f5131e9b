"""Verify every stored award credential again: after a key rotation, a restore, or to be sure.

    python manage.py check_credentials                          # every signed award
    python manage.py check_credentials --issuer <uuid> --limit 1000

Each signed form of each award (OB 3.0 Data Integrity, OB 3.0 VC-JWT, OB 2.0
JWS) goes through the award's own verification (``verifier.awards``), with
the keys, DID document and status list from the database. A form counts as

* ``verified``: every check passed;
* ``revoked`` or ``expired``: the award is revoked (and its status says
  so) or past its expiry date, and the form fails only as it should;
* ``failed``: anything else, such as a signature that no longer matches,
  a key that is gone, or a revoked award whose status list still says valid
  (run ``republish_status_lists``).

Failures are listed as they are found (award uuid, form, failed checks) and
the command ends with exit status 1 if there were any. It only reads (an
issuer whose list was never published gets it published, as a reader of the
list would), walks the table in primary-key batches so memory stays flat on
millions of rows, and is safe on a live system.
"""

from __future__ import annotations

import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils.timezone import now

from badges.models import Award
from credentials.report import FAILED, PASSED, REVOKED, SKIPPED
from verifier.awards import verify_award

from .republish_status_lists import issuer_by_uuid

# The forms of an award, as ``verifier.awards.AwardReports`` names them, and as printed.
FORMS = {
    "ob3_data_integrity": "data-integrity",
    "ob3_jwt": "vc-jwt",
    "ob2_signature": "ob2-jws",
}
OUTCOMES = ("verified", "revoked", "expired", "failed")
PROGRESS_EVERY = 1000


def judge(award: Award, report, *, moment) -> tuple[str, list[str]]:
    """Return the outcome of one form's report and, when ``failed``, its failed checks.

    A failed check is named ``check`` or ``check:code`` (``status:status_unavailable``).
    """
    expired = award.expires_at is not None and award.expires_at <= moment
    problems = []
    for check in report.checks:
        if check.status != FAILED:
            continue
        if award.is_revoked and check.code == REVOKED:
            continue
        if expired and check.name == "validity":
            continue
        problems.append(f"{check.name}:{check.code}" if check.code else check.name)
    if not problems and report.check("proof").status == SKIPPED:
        problems.append("proof:skipped")  # a signed award with this form missing
    if award.is_revoked and any(
        c.name == "status" and c.status == PASSED for c in report.checks
    ):
        problems.append("status:not_revoked")  # the published list is stale
    if problems:
        return "failed", problems
    if award.is_revoked:
        return "revoked", []
    return ("expired" if expired else "verified"), []


def awards_in_batches(queryset, batch_size: int):
    """Yield the awards of ``queryset`` in primary-key order, ``batch_size`` rows per query.

    Keyset batches rather than one cursor: a PostgreSQL cursor held across
    transactions (what ``iterator()`` declares outside one) copies the whole
    result when it opens, and one long transaction would hold back vacuum.
    """
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].pk


class Command(BaseCommand):
    help = (
        "Verify every stored award credential again; list the failures; exit 1 if any."
    )

    def add_arguments(self, parser):
        parser.add_argument("--issuer", help="Only this issuer's awards (its uuid).")
        parser.add_argument(
            "--limit", type=int, default=0, help="Stop after this many awards."
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, issuer: str | None, limit: int, batch_size: int, **options):
        if limit < 0 or batch_size < 1:
            raise CommandError("--limit must be 0 or more and --batch-size 1 or more.")
        awards = Award.objects.filter(signed_at__isnull=False).select_related(
            "issuer__institution", "badge_class"
        )
        if issuer:
            awards = awards.filter(issuer=issuer_by_uuid(issuer))
        counts = {form: Counter() for form in FORMS.values()}
        checked = failed_awards = 0
        started = time.monotonic()
        moment = now()
        for award in awards_in_batches(awards, batch_size):
            if limit and checked >= limit:
                break
            reports = verify_award(award)
            failures = []
            for field, form in FORMS.items():
                outcome, problems = judge(award, getattr(reports, field), moment=moment)
                counts[form][outcome] += 1
                if problems:
                    failures.append(f"{form} {','.join(problems)}")
            if failures:
                failed_awards += 1
                self.stdout.write(f"FAILED {award.uuid}: {'; '.join(failures)}")
            checked += 1
            if checked % PROGRESS_EVERY == 0:
                self.stderr.write(
                    f"{checked} awards checked ({_rate(checked, started)})"
                )
        for form, tally in counts.items():
            self.stdout.write(
                f"{form}: " + ", ".join(f"{tally[o]} {o}" for o in OUTCOMES)
            )
        self.stdout.write(
            f"Checked {checked} awards in {time.monotonic() - started:.1f} s "
            f"({_rate(checked, started)}); {failed_awards} failed."
        )
        if failed_awards:
            raise CommandError(f"{failed_awards} awards have credentials that fail.")


def _rate(count: int, started: float) -> str:
    elapsed = max(time.monotonic() - started, 1e-9)
    return f"{count / elapsed:.1f} awards/s"
