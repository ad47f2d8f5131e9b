"""The dashboard's figures, counted on a built world (tests/insights/world.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from insights.figures import Counts, figures_for, make_window
from tests.insights.world import END, RIGA, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    return build(cast)


def test_the_last_12_months_are_counted_per_month_in_the_site_time_zone(cast, world):
    figures = figures_for([cast.welding], "12m", end=END)
    assert figures.window.unit == "month"
    assert figures.window.buckets[0] == dt.date(2025, 7, 1)
    assert figures.window.buckets[-1] == dt.date(2026, 6, 1)
    assert len(figures.window.buckets) == 12
    issued = {bucket: c.issued for bucket, c in figures.series()}
    # June: three of class A, two of class B (one of them issued at 22:30 UTC on 31 May).
    assert issued[dt.date(2026, 6, 1)] == 5
    assert issued[dt.date(2026, 5, 1)] == 0
    assert issued[dt.date(2026, 4, 1)] == 2
    assert issued[dt.date(2025, 8, 1)] == 1
    assert sum(issued.values()) == 8  # the award of May 2025 is older than 12 months


def test_totals_and_rates(cast, world):
    total = figures_for([cast.welding], "12m", end=END).total
    assert total == Counts(issued=8, claimed=5, accepted=4, declined=1, revoked=1,
                           shares=1, views=2, verifications=1, deliveries=1)  # fmt: skip
    assert total.pending == 3
    assert total.claim_rate == pytest.approx(5 / 8)
    assert total.accept_rate == pytest.approx(4 / 5)


def test_a_delivery_to_a_wallet_counts_as_claimed_and_accepted(cast, world):
    figures = figures_for([cast.welding], "12m", end=END)
    april = figures.cells[(dt.date(2026, 4, 1), cast.badge_class.pk)]
    assert (april.issued, april.claimed, april.accepted, april.deliveries) == (
        2,
        2,
        2,
        1,
    )


def test_per_badge_class_and_per_cell(cast, world):
    class_a, class_b = world
    figures = figures_for([cast.welding], "12m", end=END)
    per_class = {bc.pk: c for bc, c in figures.per_badge_class()}
    assert per_class[class_a.pk].issued == 6
    assert per_class[class_b.pk] == Counts(issued=2, claimed=1, accepted=1)
    june_a = figures.cells[(dt.date(2026, 6, 1), class_a.pk)]
    assert june_a == Counts(issued=3, claimed=2, accepted=1, declined=1, revoked=1,
                            shares=1, views=2, verifications=1)  # fmt: skip
    assert [issuer for issuer, _c in figures.per_issuer()] == [cast.welding]


def test_the_last_30_days_are_counted_per_week(cast, world):
    figures = figures_for([cast.welding], "30d", end=END)
    assert figures.window.unit == "week"
    # From 22 May (a Friday), then every Monday.
    assert figures.window.buckets == (
        dt.date(2026, 5, 22), dt.date(2026, 5, 25), dt.date(2026, 6, 1),
        dt.date(2026, 6, 8), dt.date(2026, 6, 15),
    )  # fmt: skip
    issued = {bucket: c.issued for bucket, c in figures.series()}
    assert issued == {dt.date(2026, 5, 22): 0, dt.date(2026, 5, 25): 0, dt.date(2026, 6, 1): 4,
                      dt.date(2026, 6, 8): 1, dt.date(2026, 6, 15): 0}  # fmt: skip
    assert figures.total.revoked == 1
    assert figures.total.deliveries == 0


def test_all_time_starts_at_the_first_award(cast, world):
    figures = figures_for([cast.welding], "all", end=END)
    assert figures.window.buckets[0] == dt.date(2025, 5, 1)
    assert len(figures.window.buckets) == 14
    assert figures.total.issued == 9


def test_a_short_all_time_is_counted_per_week():
    first = dt.datetime(2026, 5, 1, 9, tzinfo=RIGA)
    window = make_window(
        "all", first=first, end=dt.datetime(2026, 6, 20, 12, tzinfo=RIGA)
    )
    assert window.unit == "week"
    assert window.start is None
    assert window.buckets[0] == dt.date(2026, 5, 1)
    assert window.buckets[1] == dt.date(2026, 5, 4)


def test_an_institution_adds_up_its_issuers_and_other_institutions_stay_out(
    cast, world
):
    from tests.factories import make_badge_class
    from tests.insights.world import at, give

    electrics_class = make_badge_class(
        issuer=cast.electrics, acting_user=cast.alice, name="Wiring"
    )
    give(electrics_class, at(2026, 6, 1), cast.alice)
    evil_class = make_badge_class(
        issuer=cast.evil_issuer, acting_user=cast.mallory, name="Evil"
    )
    give(evil_class, at(2026, 6, 1), cast.mallory)

    figures = figures_for(cast.acme.issuers.all(), "12m", end=END)
    per_issuer = {issuer.pk: c for issuer, c in figures.per_issuer()}
    assert per_issuer[cast.welding.pk].issued == 8
    assert per_issuer[cast.electrics.pk].issued == 1
    assert cast.evil_issuer.pk not in per_issuer
    assert figures.total.issued == 9


def test_no_awards_no_rates(cast):
    total = figures_for([cast.electrics], "all", end=END).total
    assert total == Counts()
    assert total.claim_rate is None
    assert total.accept_rate is None
