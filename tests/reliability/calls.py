"""What the replica scenarios share: the award call, small lookups, counting server errors."""

from __future__ import annotations

from collections import Counter

CLIENTS = 24  # client threads a scenario runs at once


def post_award(
    cluster, badge_class: str, identity: str, *, via=None, key: str | None = None
):
    headers = {"Idempotency-Key": key} if key else None
    return cluster.api(
        "POST",
        f"/api/v1/badge-classes/{badge_class}/awards",
        {"recipient_identity": identity},
        via=via,
        headers=headers,
    )


def badge_class_pk(cluster, badge_class: str) -> int:
    return cluster.sql(
        "SELECT id FROM badges_badgeclass WHERE uuid = %s", (badge_class,)
    )[0][0]


def server_errors(statuses: Counter) -> int:
    return sum(count for status, count in statuses.items() if status >= 500)
