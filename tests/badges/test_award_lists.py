"""The badge class's awards page: 50 awards a page, the search and state filters, the Result field."""

from __future__ import annotations

import re

import pytest

from badges.actions import award_badge, revoke_award, update_badge_class
from badges.models import Award

pytestmark = pytest.mark.django_db


def awards_url(cast) -> str:
    return f"/staff/badge-classes/{cast.badge_class.uuid}/awards/"


def make_awards(cast, count: int, prefix: str = "learner") -> list[Award]:
    return [
        award_badge(
            badge_class=cast.badge_class,
            recipient_identity=f"{prefix}{i}@example.org",
            acting_user=cast.aaron,
            sign=False,
            notify=False,
        )
        for i in range(count)
    ]


def rows(html: str) -> int:
    return len(re.findall(r'name="awards" value="', html))


def test_the_list_is_paged_fifty_at_a_time_and_the_pager_keeps_the_search(cast, client):
    make_awards(cast, 120)
    make_awards(cast, 3, prefix="other")
    client.force_login(cast.aaron)
    first = client.get(awards_url(cast)).content.decode()
    assert rows(first) == 50 and "123 awards" in first
    assert (
        client.get(awards_url(cast) + "?page=3")
        .context["page_obj"]
        .object_list.__len__()
        == 23
    )
    searched = client.get(awards_url(cast) + "?q=learner&page=3").content.decode()
    assert rows(searched) == 20 and "other0@" not in searched
    assert 'href="?q=learner&amp;page=2"' in searched  # the pager keeps the search


def test_the_state_filter_tells_accepted_declined_pending_revoked_apart(cast, client):
    from wallet.actions import accept_award, decline_award

    carols = award_badge(badge_class=cast.badge_class, recipient_identity="carol@example.org", acting_user=cast.aaron, sign=False, notify=False)  # fmt: skip
    accept_award(user=cast.carol, award=carols)
    hidden = award_badge(badge_class=cast.badge_class, recipient_identity="carol@example.org", acting_user=cast.aaron, sign=False, notify=False, idempotency_key="second")  # fmt: skip
    decline_award(user=cast.carol, award=hidden)
    waiting, revoked = make_awards(cast, 2)
    revoke_award(award=revoked, reason="Wrong person", acting_user=cast.aaron)
    client.force_login(cast.aaron)

    def listed(state: str) -> set:
        page = client.get(awards_url(cast) + f"?state={state}").context["page_obj"]
        return {award.pk for award in page}

    assert listed("accepted") == {carols.pk}
    assert listed("declined") == {hidden.pk}
    assert listed("pending") == {waiting.pk}
    assert listed("revoked") == {revoked.pk}
    assert listed("valid") == {carols.pk, hidden.pk, waiting.pk}
    assert (
        listed("")
        == listed("nonsense")
        == {carols.pk, hidden.pk, waiting.pk, revoked.pk}
    )
    csv = b"".join(client.get(f"/staff/bulk/badge-classes/{cast.badge_class.uuid}/awards.csv?state=accepted").streaming_content).decode()  # fmt: skip
    assert csv.count("carol@example.org") == 1


def test_the_result_field_is_offered_only_when_the_class_records_a_result(cast, client):
    client.force_login(cast.aaron)
    page = client.get(awards_url(cast)).content.decode()
    assert 'name="result"' not in page
    # A result posted anyway (an old page) is refused with the action's message, not dropped.
    response = client.post(awards_url(cast), {"recipient_identity": "pat@example.org", "route": "course", "result": "A"})  # fmt: skip
    assert response.status_code == 200 and not Award.objects.exists()
    assert "This badge class records no result." in response.content.decode()

    update_badge_class(badge_class=cast.badge_class, acting_user=cast.alice, result_type="LetterGrade", result_description="Grade A–F")  # fmt: skip
    page = client.get(awards_url(cast)).content.decode()
    assert 'name="result"' in page and "Letter grade" in page and "Grade A–F" in page
    response = client.post(awards_url(cast), {"recipient_identity": "pat@example.org", "route": "course", "result": "A"})  # fmt: skip
    assert response.status_code == 302 and Award.objects.get().result == "A"


def test_dates_are_day_first_and_the_rows_become_cards(cast, client):
    from datetime import UTC, datetime

    award_badge(badge_class=cast.badge_class, recipient_identity="pat@example.org", acting_user=cast.aaron, sign=False, notify=False, issued_on=datetime(2026, 6, 12, 15, 6, tzinfo=UTC))  # fmt: skip
    client.force_login(cast.aaron)
    page = client.get(awards_url(cast)).content.decode()
    assert "12 Jun 2026" in page and "06/12/2026" not in page
    assert 'class="table-cards awards"' in page and 'data-label="Recipient"' in page
