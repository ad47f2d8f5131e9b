"""Sign and publish again every issuer's OB 3.0 status list: after a key rotation or a restore.

    python manage.py republish_status_lists                  # every issuer with awards or a list
    python manage.py republish_status_lists --issuer <uuid>  # one issuer

Each list is rebuilt from the awards table (``badges.actions.publish_status_list``),
so it says exactly what the table says, signed with the issuer's active key.
Safe on a live system: publishing takes the issuer's row lock, one publisher
at a time, and readers see the old list until the new one is stored. Exit
status 1 when any list could not be published.
"""

from __future__ import annotations

import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Exists, OuterRef, Q

from badges.actions import publish_status_list
from badges.models import Award
from issuers.models import Issuer


def issuer_by_uuid(value: str) -> Issuer:
    """Return the issuer with this uuid; raise CommandError for a malformed or unknown one."""
    try:
        issuer_uuid = uuid.UUID(value)
    except ValueError:
        raise CommandError(
            f"--issuer must be an issuer's uuid, not {value!r}."
        ) from None
    issuer = Issuer.objects.filter(uuid=issuer_uuid).first()
    if issuer is None:
        raise CommandError(f"No issuer has the uuid {issuer_uuid}.")
    return issuer


class Command(BaseCommand):
    help = "Sign and publish again the status list of every issuer (or one), from the awards table."

    def add_arguments(self, parser):
        parser.add_argument("--issuer", help="Only this issuer (its uuid).")

    def handle(self, *args, issuer: str | None, **options):
        if issuer:
            issuers = Issuer.objects.filter(pk=issuer_by_uuid(issuer).pk)
        else:
            # An issuer with neither awards nor a list has nothing to publish.
            has_awards = Exists(Award.objects.filter(issuer=OuterRef("pk")))
            issuers = Issuer.objects.filter(has_awards | Q(status_list__isnull=False))
        published = revoked_entries = failed = 0
        for each in issuers.order_by("pk"):
            try:
                publish_status_list(issuer=each)
            except Exception as exc:  # noqa: BLE001 (one issuer's failure must not stop the others)
                failed += 1
                self.stderr.write(
                    f"FAILED {each.uuid} ({each.name}): {type(exc).__name__}: {exc}"
                )
                continue
            revoked = Award.objects.filter(issuer=each).revoked().count()
            published += 1
            revoked_entries += revoked
            self.stdout.write(f"{each.uuid} ({each.name}): {revoked} revoked")
        self.stdout.write(
            f"Republished {published} status lists ({revoked_entries} revoked entries); "
            f"{failed} failed."
        )
        if failed:
            raise CommandError(f"{failed} status lists could not be published.")
