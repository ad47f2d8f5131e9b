"""The dashboard pages and their CSV: who may see them, what they show, and how many queries they take."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from badges.models import BadgeClass
from insights.views import safe_cell
from tests.factories import make_badge_class
from tests.insights.world import at, build, bulk_awards, give

pytestmark = pytest.mark.django_db

ALL_ROLES = (
    "alice",
    "adam",
    "erin",
    "aaron",
)  # owner, administrator, editor, awarder at Acme


def issuer_url(issuer, name="insights-issuer"):
    return reverse(name, args=[issuer.uuid])


def institution_url(institution, name="insights-institution"):
    return reverse(name, args=[institution.uuid])


@pytest.mark.parametrize("who", [*ALL_ROLES, "ivy"])
def test_every_staff_role_of_the_issuer_sees_its_figures_and_csv(cast, client, who):
    client.force_login(getattr(cast, who))
    assert client.get(issuer_url(cast.welding)).status_code == 200
    assert (
        client.get(issuer_url(cast.welding, "insights-issuer-csv")).status_code == 200
    )


@pytest.mark.parametrize("who", ["carol", "mallory"])
def test_outsiders_get_not_found(cast, client, who):
    client.force_login(getattr(cast, who))
    for url in (issuer_url(cast.welding), issuer_url(cast.welding, "insights-issuer-csv"),
                institution_url(cast.acme), institution_url(cast.acme, "insights-institution-csv")):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_signed_out_visitors_are_sent_to_sign_in(cast, client):
    response = client.get(issuer_url(cast.welding))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_issuer_only_member_sees_no_other_issuer(cast, client):
    client.force_login(cast.ivy)  # editor of Welding only
    assert client.get(issuer_url(cast.electrics)).status_code == 404


@pytest.mark.parametrize("who", ALL_ROLES)
def test_institution_staff_see_every_issuer(cast, client, who):
    client.force_login(getattr(cast, who))
    response = client.get(institution_url(cast.acme))
    assert response.status_code == 200
    issuers = [issuer for issuer, _c in response.context["figures"].per_issuer()]
    assert set(issuers) == {cast.welding, cast.electrics}
    assert not response.context["partial"]


def test_an_issuer_only_member_sees_the_institution_with_their_issuers_only(
    cast, client
):
    client.force_login(cast.ivy)
    response = client.get(institution_url(cast.acme))
    assert response.status_code == 200
    assert [issuer for issuer, _c in response.context["figures"].per_issuer()] == [
        cast.welding
    ]
    assert (
        "These figures count only the issuers you work for."
        in response.content.decode()
    )
    rows = list(csv.reader(io.StringIO(client.get(institution_url(cast.acme, "insights-institution-csv")).content.decode("utf-8-sig"))))  # fmt: skip
    assert {row[2] for row in rows[1:]} == {"Welding school"}


def test_the_page_shows_the_figures_the_rate_definitions_and_a_chart_with_a_text_alternative(
    cast, client
):
    build(cast)
    client.force_login(cast.aaron)
    response = client.get(issuer_url(cast.welding), {"period": "all"})
    html = response.content.decode()
    total = response.context["total"]
    assert (total.issued, total.claimed, total.accepted) == (9, 5, 4)
    assert "Claimed awards ÷ awards issued in the period." in html
    assert (
        "Accepted awards (kept in the backpack or taken into another wallet) ÷ claimed awards."
        in html
    )
    assert 'role="img" aria-labelledby="awards-chart-title awards-chart-desc"' in html
    assert "9 awards issued in the period" in html  # the chart's <desc>
    assert "56%" in html and "80%" in html  # claim rate 5/9, accept rate 4/5
    assert (
        'style="' not in html
    )  # the Content-Security-Policy allows no style attributes
    assert '<table class="table-cards">' in html
    assert response.context["period"] == "all"


def test_an_unknown_period_falls_back_to_12_months(cast, client):
    client.force_login(cast.aaron)
    response = client.get(issuer_url(cast.welding), {"period": "forever"})
    assert response.context["period"] == "12m"


def test_latvian_month_names_and_numbers(cast, client):
    bulk_awards(cast.badge_class, 1234, start=timezone.now() - dt.timedelta(hours=1))
    client.force_login(cast.aaron)
    html = client.get(
        issuer_url(cast.welding), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    months = ("janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs",
              "augusts", "septembris", "oktobris", "novembris", "decembris")  # fmt: skip
    assert any(
        f"g. {month}" in html for month in months
    )  # YEAR_MONTH_FORMAT "Y. \g. F"
    assert "1\xa0234" in html  # Latvian thousands separator


def test_csv_has_a_bom_a_header_and_one_row_per_period_and_badge_class(cast, client):
    class_a, class_b = build(cast)
    client.force_login(cast.aaron)
    response = client.get(
        issuer_url(cast.welding, "insights-issuer-csv"), {"period": "12m"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 12 * 2
    assert list(rows[0])[:6] == [
        "Period start",
        "Period",
        "Issuer",
        "Badge class",
        "Badge class ID",
        "Issued",
    ]
    june_a = next(
        r
        for r in rows
        if r["Period start"] == "2026-06-01"
        and r["Badge class ID"] == str(class_a.uuid)
    )
    assert june_a["Issued"] == "3" and june_a["Claimed"] == "2" and june_a["Revoked"] == "1"  # fmt: skip
    assert (june_a["Shares"], june_a["Share link views"], june_a["Verifications"]) == (
        "1",
        "2",
        "1",
    )
    assert sum(int(r["Issued"]) for r in rows) == figures_total(cast)


def figures_total(cast) -> int:
    from insights.figures import figures_for

    return figures_for([cast.welding], "12m").total.issued


def test_csv_cells_that_look_like_formulas_are_quoted(cast, client):
    BadgeClass.objects.filter(pk=cast.badge_class.pk).update(
        name='=HYPERLINK("http://evil.example","x")'
    )
    cast.welding.__class__.objects.filter(pk=cast.welding.pk).update(name="@SUM(A1:A9)")
    client.force_login(cast.aaron)
    content = client.get(
        issuer_url(cast.welding, "insights-issuer-csv"), {"period": "30d"}
    ).content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[1][2] == "'@SUM(A1:A9)"
    assert rows[1][3] == '\'=HYPERLINK("http://evil.example","x")'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_safe_cell_quotes_formula_starts(text):
    assert safe_cell(text) == "'" + text


def test_safe_cell_leaves_other_text(text="Welding, level 4"):
    assert safe_cell(text) == text
    assert safe_cell(12) == "12"


@pytest.mark.parametrize(
    "name",
    [
        "insights-issuer",
        "insights-issuer-csv",
        "insights-institution",
        "insights-institution-csv",
    ],
)
def test_queries_do_not_grow_with_the_number_of_awards(
    cast, client, django_assert_max_num_queries, name
):
    build(cast)
    wiring = make_badge_class(
        issuer=cast.electrics, acting_user=cast.alice, name="Wiring"
    )
    give(wiring, at(2026, 6, 1), cast.alice)
    client.force_login(cast.alice)
    scope = cast.welding if "issuer" in name else cast.acme
    for extra in (10, 500):
        for badge_class in (cast.badge_class, wiring):
            start = timezone.now() - dt.timedelta(hours=1)
            bulk_awards(badge_class, extra, start=start, status_from=10_000 * extra)
        with django_assert_max_num_queries(14):
            response = client.get(reverse(name, args=[scope.uuid]), {"period": "all"})
        assert response.status_code == 200
