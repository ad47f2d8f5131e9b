"""A built world for the dashboard tests: awards across months, answers, shares, visits, a delivery.

Everything happens through the real actions; only timestamps the actions set to
"now" (shares, visits, revocations) are moved to the dates the test needs.
"""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from badges.actions import award_badge, revoke_award
from badges.models import Award
from delivery.models import Delivery, Format, Protocol
from tests.factories import UserFactory, make_badge_class
from wallet.actions import (
    accept_award,
    decline_award,
    note_verification,
    note_visit,
    share,
)
from wallet.models import ShareEvent, ShareLink

RIGA = ZoneInfo("Europe/Riga")
END = dt.datetime(2026, 6, 20, 12, 0, tzinfo=RIGA)


def at(year, month, day, hour=12, minute=0, tz=RIGA) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=tz)


def give(badge_class, when, acting_user):
    learner = UserFactory()
    award = award_badge(badge_class=badge_class, recipient_identity=learner.email,
                        acting_user=acting_user, issued_on=when, sign=False, notify=False)  # fmt: skip
    return learner, award


def build(cast):
    """Class A (cast.badge_class) and class B at Welding; see the tests for what each award does."""
    alice = cast.alice
    a = cast.badge_class
    b = make_badge_class(issuer=cast.welding, acting_user=alice, name="Class B")
    l1, a1 = give(
        a, at(2026, 6, 5), alice
    )  # accepted, shared, viewed twice, verified once
    l2, a2 = give(a, at(2026, 6, 5), alice)  # declined
    _l3, a3 = give(a, at(2026, 6, 5), alice)  # no answer; revoked on 12 June
    l4, a4 = give(a, at(2026, 4, 10), alice)  # accepted
    _l5, a5 = give(a, at(2026, 4, 10), alice)  # delivered to a wallet (11 April)
    give(a, at(2025, 5, 1), alice)  # before the last 12 months
    give(a, at(2025, 8, 15), alice)  # no answer
    l6, a6 = give(b, at(2026, 6, 10), alice)  # declined, then accepted
    # 22:30 UTC on 31 May is 01:30 on 1 June in Riga: a June award.
    give(b, at(2026, 5, 31, 22, 30, tz=dt.UTC), alice)

    held = accept_award(user=l1, award=a1)
    decline_award(user=l2, award=a2)
    accept_award(user=l4, award=a4)
    decline_award(user=l6, award=a6)
    accept_award(user=l6, award=a6)
    revoke_award(award=a3, reason="Issued by mistake", acting_user=alice)
    Award.objects.filter(pk=a3.pk).update(revoked_at=at(2026, 6, 12))
    Delivery.objects.create(award=a5, protocol=Protocol.VC_API, format=Format.JWT_VC_JSON,
                            holder_id="did:example:holder", jwt="x.y.z", delivered_at=at(2026, 4, 11))  # fmt: skip

    link = share(user=l1, credential=held)
    ShareLink.objects.filter(pk=link.pk).update(created_at=at(2026, 6, 6))
    note_visit(link)
    note_visit(link)
    note_verification(link)
    ShareEvent.objects.filter(link=link, kind="view").update(at=at(2026, 6, 7))
    ShareEvent.objects.filter(link=link, kind="verify").update(at=at(2026, 6, 8))
    return a, b


def bulk_awards(
    badge_class, count: int, *, start: dt.datetime, status_from: int = 10_000
) -> None:
    """``count`` unsigned awards, one an hour back from ``start`` (volume for query counts and timing)."""
    salt = secrets.token_hex(8)
    Award.objects.bulk_create(
        Award(badge_class=badge_class, issuer_id=badge_class.issuer_id, recipient_type="email",
              recipient_identity=f"bulk{status_from + i}@example.org", recipient_salt=salt,
              recipient_hash=f"sha256${i:064x}", issued_on=start - dt.timedelta(hours=i),
              status_index=status_from + i)
        for i in range(count)
    )  # fmt: skip
