"""The staff list of a badge class's awards: its states, its filters, its page.

The states a staff member filters by are the award's own (valid, expired,
revoked) and the learner's answer to it (``wallet.StoredCredential``): pending
(valid, not yet accepted or declined in the backpack), accepted, declined.
The awards page and its CSV download filter through ``filter_awards``, so the
file holds what the page lists.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

# (value, label) in the order the filter offers them; "" is every award.
STATES = [
    ("", _("All")),
    ("valid", _("Valid")),
    ("pending", _("Waiting for the learner")),
    ("accepted", _("Accepted")),
    ("declined", _("Declined")),
    ("expired", _("Expired")),
    ("revoked", _("Revoked")),
]
STATE_VALUES = {value for value, _label in STATES}


def with_answers(awards: QuerySet) -> QuerySet:
    """Annotate ``accepted`` and ``declined``: whether a learner kept or hid the award in a backpack."""
    from wallet.models import HoldingStatus, StoredCredential

    held = StoredCredential.objects.filter(award=OuterRef("pk"))
    return awards.annotate(
        accepted=Exists(held.filter(status=HoldingStatus.ACCEPTED)),
        declined=Exists(held.filter(status=HoldingStatus.DECLINED)),
    )


def filter_awards(awards: QuerySet, *, query: str = "", state: str = "") -> QuerySet:
    """Return the awards matching the search box ``query`` and the ``state`` filter, annotated."""
    awards = with_answers(awards.search(query.strip()))
    if state == "pending":
        return awards.valid().filter(accepted=False, declined=False)
    if state == "accepted":
        return awards.filter(accepted=True)
    if state == "declined":
        return awards.filter(declined=True, accepted=False)
    return awards.in_state(state)
