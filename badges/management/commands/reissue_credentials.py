"""Sign again the stored credentials that other verifiers reject (see ``badges.reissue``).

    python manage.py reissue_credentials            # re-sign what is affected
    python manage.py reissue_credentials --dry-run  # only count

Each re-issued award keeps its id, status-list entry and dates; learners see
in the backpack that a fresh copy is available.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from badges import facts
from badges.actions import reissue_awards
from badges.models import Award
from badges.reissue import CANONICALISATION, VC_JWT_MAPPING, departures
from credentials.loader import OfflineLoader


class Command(BaseCommand):
    help = "Re-sign stored OB 3.0 credentials that exceed verifiers' canonicalisation limit or use the old VC-JWT mapping."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count only; change nothing."
        )
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, dry_run: bool, batch_size: int, **options):
        loader = OfflineLoader.for_base_url(facts.base_url())
        counts = {CANONICALISATION: 0, VC_JWT_MAPPING: 0}
        checked, affected, reasons = 0, [], {}
        awards = (
            Award.objects.exclude(ob3_credential=None)
            .select_related("badge_class__issuer__institution", "issuer")
            .order_by("pk")
        )
        for award in awards.iterator(chunk_size=batch_size):
            checked += 1
            found = departures(award, loader=loader)
            for name in found:
                counts[name] += 1
            if found:
                affected.append(award)
                reasons[award.pk] = found
        reissued = 0
        if not dry_run:
            for start in range(0, len(affected), batch_size):
                reissued += reissue_awards(
                    awards=affected[start : start + batch_size], reasons=reasons
                )
        self.stdout.write(
            f"Checked {checked} awards: {counts[CANONICALISATION]} exceeded the canonicalisation "
            f"limit, {counts[VC_JWT_MAPPING]} used the old VC-JWT mapping; "
            + (
                f"{len(affected)} would be re-issued (dry run)."
                if dry_run
                else f"re-issued {reissued}."
            )
        )
