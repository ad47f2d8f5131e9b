"""The figures of the issuers' dashboard, counted by the database (a handful of grouped queries).

Every figure is counted per *bucket* (a week or a month, in the site's time zone)
and per badge class; the pages and the CSV add those rows up. The number of
queries does not grow with the number of awards, only the rows returned grow
with buckets × badge classes.

Definitions (shown on the page, see ``DEFINITIONS`` in views):

- *issued*: awards whose issue date falls in the bucket (revoked ones included).
- *claimed*: of those, the awards the learner has answered: accepted or declined
  in the Insignia backpack (a ``StoredCredential`` row with that status), or
  taken into another wallet (a ``delivery.Delivery``, which counts as accepted).
- *accepted*: claimed and kept: accepted in the backpack or delivered to a wallet.
- *declined*: claimed, declined in the backpack and not accepted anywhere.
- *pending*: issued − claimed.
- *claim rate* = claimed ÷ issued; *accept rate* = accepted ÷ claimed.
- *revoked*: awards revoked in the bucket (whenever they were issued).
- *shares*: share links to one credential of these awards made in the bucket
  (links to a whole collection are not counted: they name no one badge).
- *views*, *verifications*: openings of those links and "Verify" presses on them
  (``wallet.ShareEvent``) in the bucket.
- *deliveries*: copies delivered to wallets (OID4VCI / VC API) in the bucket.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.db.models import Count, Exists, Min, OuterRef
from django.db.models.functions import Trunc
from django.utils import timezone

from badges.models import Award, BadgeClass
from delivery.models import Delivery
from issuers.models import Issuer
from wallet.models import HoldingStatus, ShareEvent, ShareLink, StoredCredential

PERIODS = ("30d", "12m", "all")
DEFAULT_PERIOD = "12m"
# A range up to this long is counted per week, a longer one per month.
WEEKLY_UP_TO = dt.timedelta(days=92)


@dataclass
class Counts:
    issued: int = 0
    claimed: int = 0
    accepted: int = 0
    declined: int = 0
    revoked: int = 0
    shares: int = 0
    views: int = 0
    verifications: int = 0
    deliveries: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def pending(self) -> int:
        return self.issued - self.claimed

    @property
    def claim_rate(self) -> float | None:
        """Claimed ÷ issued, from 0 to 1; None when nothing was issued."""
        return self.claimed / self.issued if self.issued else None

    @property
    def accept_rate(self) -> float | None:
        """Accepted ÷ claimed, from 0 to 1; None when nothing was claimed."""
        return self.accepted / self.claimed if self.claimed else None


@dataclass(frozen=True)
class Window:
    """The period asked for: from ``start`` (None: from the first award) to ``end``, in ``unit`` buckets."""

    period: str
    start: dt.datetime | None
    end: dt.datetime
    unit: str  # "week" or "month"
    buckets: tuple[dt.date, ...]


@dataclass
class Figures:
    window: Window
    issuers: list[Issuer]
    badge_classes: list[BadgeClass]
    # (bucket, badge class id) -> counts; only the non-empty cells.
    cells: dict[tuple[dt.date, int], Counts] = field(default_factory=dict)

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.cells.values():
            total.add(counts)
        return total

    def series(self) -> list[tuple[dt.date, Counts]]:
        """Per bucket, every badge class added up, empty buckets included, oldest first."""
        per = {bucket: Counts() for bucket in self.window.buckets}
        for (bucket, _class), counts in self.cells.items():
            per[bucket].add(counts)
        return list(per.items())

    def per_badge_class(self) -> list[tuple[BadgeClass, Counts]]:
        per = {bc.pk: Counts() for bc in self.badge_classes}
        for (_bucket, class_id), counts in self.cells.items():
            per[class_id].add(counts)
        return [(bc, per[bc.pk]) for bc in self.badge_classes]

    def per_issuer(self) -> list[tuple[Issuer, Counts]]:
        per = {issuer.pk: Counts() for issuer in self.issuers}
        for badge_class, counts in self.per_badge_class():
            per[badge_class.issuer_id].add(counts)
        return [(issuer, per[issuer.pk]) for issuer in self.issuers]

    def rows(self) -> list[tuple[dt.date, BadgeClass, Counts]]:
        """One row per bucket and badge class (empty ones included), for the CSV."""
        return [
            (bucket, bc, self.cells.get((bucket, bc.pk)) or Counts())
            for bucket in self.window.buckets
            for bc in self.badge_classes
        ]


def clean_period(value: str | None) -> str:
    return value if value in PERIODS else DEFAULT_PERIOD


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time.min), timezone.get_current_timezone()
    )


def make_window(
    period: str, *, first: dt.datetime | None, end: dt.datetime | None = None
) -> Window:
    """The buckets of ``period`` ending at ``end`` (now); ``first`` is the first award, for "all"."""
    end = end or timezone.now()
    today = timezone.localdate(end)
    if period == "30d":
        start_day = today - dt.timedelta(days=29)
    elif period == "12m":
        start_day = _add_months(_month_start(today), -11)
    else:
        start_day = timezone.localdate(first) if first else today
    unit = (
        "week"
        if _local_midnight(today) - _local_midnight(start_day) <= WEEKLY_UP_TO
        else "month"
    )
    buckets = [start_day]
    if unit == "week":
        monday = start_day - dt.timedelta(days=start_day.weekday())
        step = monday + dt.timedelta(days=7)
        while step <= today:
            buckets.append(step)
            step += dt.timedelta(days=7)
    else:
        buckets[0] = start_day = _month_start(start_day)
        step = _add_months(start_day, 1)
        while step <= today:
            buckets.append(step)
            step = _add_months(step, 1)
    start = None if period == "all" else _local_midnight(start_day)
    return Window(period, start, end, unit, tuple(buckets))


def figures_for(
    issuers: Iterable[Issuer], period: str, *, end: dt.datetime | None = None
) -> Figures:
    """Every figure of ``issuers`` (one issuer, or an institution's) over ``period`` up to ``end`` (now)."""
    issuers = sorted(issuers, key=lambda i: (i.name.casefold(), i.pk))
    ids = [issuer.pk for issuer in issuers]
    awards = Award.objects.filter(issuer_id__in=ids)
    first = None
    if period == "all":
        first = awards.aggregate(first=Min("issued_on"))["first"]
    window = make_window(period, first=first, end=end)
    badge_classes = list(
        BadgeClass.objects.filter(issuer_id__in=ids)
        .select_related("issuer")
        .order_by("issuer__name", "name", "pk")
    )
    figures = Figures(window, issuers, badge_classes)
    tz = timezone.get_current_timezone()
    first_bucket = window.buckets[0]

    def cell(bucket: dt.datetime, class_id: int) -> Counts:
        day = max(timezone.localtime(bucket, tz).date(), first_bucket)
        return figures.cells.setdefault((day, class_id), Counts())

    def in_window(queryset, name: str, *group: str):
        lookups = {f"{name}__lte": window.end}
        if window.start is not None:
            lookups[f"{name}__gte"] = window.start
        return (
            queryset.filter(**lookups)
            .annotate(bucket=Trunc(name, window.unit, tzinfo=tz))
            .values("bucket", *group)
            .order_by()
        )

    held = StoredCredential.objects.filter(award=OuterRef("pk"))
    delivered = Exists(Delivery.objects.filter(award=OuterRef("pk")))
    accepted = Exists(held.filter(status=HoldingStatus.ACCEPTED)) | delivered
    declined = Exists(held.filter(status=HoldingStatus.DECLINED))
    for row in in_window(awards, "issued_on", "badge_class_id").annotate(
        issued=Count("id"),
        accepted=Count("id", filter=accepted),
        claimed=Count("id", filter=accepted | declined),
    ):
        counts = cell(row["bucket"], row["badge_class_id"])
        counts.issued += row["issued"]
        counts.accepted += row["accepted"]
        counts.claimed += row["claimed"]
        counts.declined += row["claimed"] - row["accepted"]

    for row in in_window(awards, "revoked_at", "badge_class_id").annotate(
        n=Count("id")
    ):
        cell(row["bucket"], row["badge_class_id"]).revoked += row["n"]

    class_of_link = "credential__award__badge_class_id"
    links = ShareLink.objects.filter(credential__award__issuer_id__in=ids)
    for row in in_window(links, "created_at", class_of_link).annotate(n=Count("id")):
        cell(row["bucket"], row[class_of_link]).shares += row["n"]

    class_of_event = "link__credential__award__badge_class_id"
    events = ShareEvent.objects.filter(link__credential__award__issuer_id__in=ids)
    for row in in_window(events, "at", class_of_event, "kind").annotate(n=Count("id")):
        counts = cell(row["bucket"], row[class_of_event])
        if row["kind"] == ShareEvent.Kind.VIEW:
            counts.views += row["n"]
        else:
            counts.verifications += row["n"]

    deliveries = Delivery.objects.filter(award__issuer_id__in=ids)
    for row in in_window(deliveries, "delivered_at", "award__badge_class_id").annotate(
        n=Count("id")
    ):
        cell(row["bucket"], row["award__badge_class_id"]).deliveries += row["n"]
    return figures
