"""Revoking in batches: awards are locked in one order, so batches that overlap never deadlock."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from badges.actions import award_badge, revoke_awards
from badges.models import Award


def test_a_batch_revokes_its_awards_in_id_order_whatever_order_it_is_given(cast):
    awards = [
        award_badge(
            badge_class=cast.badge_class,
            recipient_identity=f"order{i}@example.org",
            acting_user=cast.alice,
        )
        for i in range(4)
    ]
    given = [awards[2], awards[0], awards[3], awards[1]]
    with CaptureQueriesContext(connection) as queries:
        assert (
            revoke_awards(
                awards=given, reason="Course cancelled", acting_user=cast.alice
            )
            == 4
        )
    updated = [
        int(re.search(r'"id" = (\d+)', query["sql"]).group(1))
        for query in queries
        if query["sql"].startswith('UPDATE "badges_award"')
    ]
    assert updated == sorted(a.pk for a in awards)
    assert Award.objects.revoked().count() == 4
