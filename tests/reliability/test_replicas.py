"""Two web replicas and two workers racing on one PostgreSQL and one Redis: no duplicate, no lost event.

Every scenario drives the API over HTTP, through nginx and straight at each
replica, from a pool of client threads, then reads the database (harness.py).
The figures each measures are printed at the end of the run under
"reliability figures". The other scenarios (a killed worker, a rolling
restart, nginx, PgBouncer) are in test_operations.py.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from credentials.ob3.status_list import decode_list
from tests.reliability.calls import CLIENTS, badge_class_pk, post_award, server_errors
from tests.reliability.processes import record_figures

pytestmark = pytest.mark.reliability

ROUTES = (None, 0, 1)  # through nginx, at replica 1, at replica 2


def _route(index: int) -> int | None:
    return ROUTES[index % len(ROUTES)]


def _issuer_pk(cluster, issuer: str) -> int:
    return cluster.sql("SELECT id FROM issuers_issuer WHERE uuid = %s", (issuer,))[0][0]


def test_concurrent_awards_with_one_idempotency_key_make_one_award(cluster):
    """Many clients send the same award with one key, at both replicas at once: one award, one answer.

    Round one goes to an issuer's very first awards, so the requests also race
    to create its signing keys; round two to an issuer that has them.
    """
    keys_per_round, copies = 8, 12
    started, statuses = time.monotonic(), Counter()
    rounds = []
    for badge_class in (cluster.seed["fresh_badge_class"], cluster.seed["badge_class"]):
        keys = [str(uuid.uuid4()) for _ in range(keys_per_round)]
        # Copies of one key are neighbours in the list, so they are in flight together.
        jobs = [(key, copy) for key in keys for copy in range(copies)]

        def send(job, badge_class=badge_class):
            key, copy = job
            return key, post_award(
                cluster,
                badge_class,
                f"learner-{key}@example.org",
                via=_route(copy),
                key=key,
            )

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = list(pool.map(send, jobs))
        statuses.update(response.status for _key, response in answers)
        named = {
            key: {
                r.json().get("id") for k, r in answers if k == key and r.status == 201
            }
            for key in keys
        }
        # This round's awards only: other scenarios award the same classes too.
        rows = cluster.sql(
            "SELECT idempotency_key, count(*) FROM badges_award"
            " WHERE badge_class_id = %s AND recipient_identity = ANY(%s) GROUP BY 1",
            (
                badge_class_pk(cluster, badge_class),
                [f"learner-{key}@example.org" for key in keys],
            ),
        )
        rounds.append((keys, named, rows))

    duplicates = sum(
        count - 1 for _keys, _named, rows in rounds for _key, count in rows
    )
    requests = keys_per_round * copies * len(rounds)
    record_figures(
        "a. concurrent awards with one idempotency key (8 keys x 12 copies, 2 rounds)",
        requests_sent=requests,
        awards_attempted=requests,
        distinct_keys=keys_per_round * len(rounds),
        award_rows=sum(count for _keys, _named, rows in rounds for _key, count in rows),
        duplicates=duplicates,
        server_errors=server_errors(statuses),
        statuses=dict(statuses),
        elapsed_s=round(time.monotonic() - started, 1),
    )
    assert statuses == {201: requests}
    assert duplicates == 0
    for keys, named, rows in rounds:
        assert len(rows) == len(keys)
        assert all(len(ids) == 1 for ids in named.values()), named
    active_keys = cluster.sql(
        "SELECT algorithm, count(*) FROM issuers_signingkey WHERE issuer_id = %s AND retired_at IS NULL GROUP BY 1",
        (_issuer_pk(cluster, cluster.seed["fresh_issuer"]),),
    )
    assert sorted(count for _algorithm, count in active_keys) == [1, 1]


class Storm:
    """Awards and revocations from many clients at once; remembers what the API said it did."""

    def __init__(self, cluster, badge_class: str, seed: int) -> None:
        self.cluster, self.badge_class = cluster, badge_class
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.awarded: list[str] = []
        self.revoked: set[str] = set()  # awards a revocation answered 200 for
        self.statuses: Counter = Counter()
        self.requests = 0

    def _answer(self, response):
        with self.lock:
            self.statuses[response.status] += 1
            self.requests += 1
        return response

    def award(self, index: int) -> str | None:
        response = self._answer(
            post_award(
                self.cluster,
                self.badge_class,
                f"storm-{uuid.uuid4().hex[:12]}@example.org",
                via=_route(index),
            )
        )
        if response.status != 201:
            return None
        award = response.json()["id"]
        with self.lock:
            self.awarded.append(award)
        return award

    def revoke_one(self, award: str, index: int) -> None:
        response = self._answer(
            self.cluster.api(
                "POST",
                f"/api/v1/awards/{award}/revoke",
                {"reason": f"Storm {index}"},
                via=_route(index),
            )
        )
        if response.status == 200:
            with self.lock:
                self.revoked.add(award)

    def revoke_many(self, awards: list[str], index: int) -> None:
        response = self._answer(
            self.cluster.api(
                "POST",
                "/api/v1/awards/revoke",
                {"awards": awards, "reason": f"Batch {index}"},
                via=_route(index),
            )
        )
        if response.status == 200:
            with self.lock:
                self.revoked.update(awards)


def test_concurrent_revocations_and_awards_leave_both_revocation_lists_as_the_database_says(
    cluster,
):
    """Awards and revocations (one by one, twice at once, in batches that overlap) interleave on both replicas.

    Once the workers are idle, the published OB 3.0 status list has exactly the
    bits of the revoked awards set, and the OB 2.0 revocation list names
    exactly the revoked assertions.
    """
    storm = Storm(cluster, cluster.seed["badge_class"], seed=11)
    started = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        first = [a for a in pool.map(storm.award, range(60)) if a]
    jobs = [("award", i) for i in range(150)]
    jobs += [
        ("revoke", i) for i in range(40)
    ]  # each revokes one of the first awards, twice at once
    jobs += [
        ("batch", i) for i in range(12)
    ]  # overlapping batches of 6, in random orders
    storm.random.shuffle(jobs)

    def run(job):
        kind, index = job
        if kind == "award":
            award = storm.award(index)
            if award and storm.random.random() < 0.4:
                storm.revoke_one(award, index + 1)
        elif kind == "revoke":
            award = first[index % len(first)]
            storm.revoke_one(award, index)
            storm.revoke_one(award, index + 1)
        else:
            storm.revoke_many(storm.random.sample(first, 6), index)

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(run, jobs))
        # Then batches at once over the same 20 unrevoked awards, each in its own order.
        contested = [a for a in pool.map(storm.award, range(20)) if a]
        batches = [storm.random.sample(contested, 10) for _ in range(16)]
        list(pool.map(storm.revoke_many, batches, range(16)))
    cluster.wait_until_idle()

    issuer = cluster.seed["issuer"]
    awards = cluster.sql(
        "SELECT uuid::text, status_index, revoked_at IS NOT NULL, (ob3_credential->'credentialStatus'->>'statusListIndex')::int"
        " FROM badges_award WHERE issuer_id = %s",
        (_issuer_pk(cluster, issuer),),
    )
    revoked_in_db = {uuid_ for uuid_, _index, revoked, _entry in awards if revoked}
    status_list = cluster.request(
        "GET", cluster.url(f"/public/issuers/{issuer}/status-list?format=json")
    ).json()
    bits = decode_list(status_list["credentialSubject"]["encodedList"])
    ob2 = cluster.request(
        "GET", cluster.url(f"/public/issuers/{issuer}/revocations?format=json")
    ).json()
    listed = {entry["id"].rsplit("/", 1)[-1] for entry in ob2["revokedAssertions"]}

    wrong_bits = [u for u, index, revoked, _e in awards if (index in bits) != revoked]
    stray_bits = bits - {index for _u, index, _r, _e in awards}
    wrong_entries = [u for u, index, _r, entry in awards if entry != index]
    lost_ob2 = revoked_in_db ^ listed
    lost_api = (
        storm.revoked - revoked_in_db
    )  # the API said revoked, the database does not
    unsent = cluster.sql(
        "SELECT count(*) FROM notifications_emaildelivery d JOIN badges_award a ON a.id = d.award_id"
        " WHERE a.issuer_id = %s AND a.revoked_at IS NULL AND d.status <> 'sent'",
        (_issuer_pk(cluster, issuer),),
    )[0][0]
    record_figures(
        "b. concurrent revocations and awards (2 replicas, 2 workers)",
        requests_sent=storm.requests,
        awards_attempted=60 + 150 + 20,
        awards_made=len(storm.awarded),
        revocations_answered_200=len(storm.revoked),
        revoked_in_database=len(revoked_in_db),
        status_list_bits_set=len(bits),
        ob2_revoked_assertions=len(listed),
        lost_events=len(wrong_bits) + len(stray_bits) + len(lost_ob2) + len(lost_api),
        award_emails_not_sent=unsent,
        server_errors=server_errors(storm.statuses),
        statuses=dict(storm.statuses),
        elapsed_s=round(time.monotonic() - started, 1),
    )
    assert server_errors(storm.statuses) == 0, storm.statuses
    assert set(storm.statuses) == {200, 201}
    assert len(storm.awarded) == 230
    assert not lost_api
    assert not wrong_bits and not stray_bits
    assert not lost_ob2
    assert not wrong_entries
    assert unsent == 0


def test_status_list_indices_are_never_handed_out_twice(cluster):
    """A burst of awards on two issuers at once: every (issuer, index) once, and no race surfaces as a 500."""
    classes = [cluster.seed["badge_class"], cluster.seed["fresh_badge_class"]]
    count, started = 240, time.monotonic()

    def send(index):
        return post_award(
            cluster,
            classes[index % 2],
            f"burst-{index}-{uuid.uuid4().hex[:6]}@example.org",
            via=_route(index),
        ).status

    errors_before = set(cluster.server_errors())
    with ThreadPoolExecutor(32) as pool:
        statuses = Counter(pool.map(send, range(count)))
    duplicates = cluster.sql(
        "SELECT issuer_id, status_index, count(*) FROM badges_award GROUP BY 1, 2 HAVING count(*) > 1"
    )
    constraint = cluster.sql(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'award_status_index_unique'"
    )
    total = cluster.sql("SELECT count(*) FROM badges_award")[0][0]
    new_errors = [line for line in cluster.server_errors() if line not in errors_before]
    record_figures(
        "c. status-list indices (a burst of 240 awards on 2 issuers, 32 clients)",
        requests_sent=count,
        awards_attempted=count,
        awards_in_database_after_all_scenarios=total,
        duplicate_issuer_index_pairs=len(duplicates),
        server_errors=server_errors(statuses),
        server_error_log_lines=len(new_errors),
        elapsed_s=round(time.monotonic() - started, 1),
    )
    assert statuses == {201: count}
    assert duplicates == []
    assert constraint == [("UNIQUE (issuer_id, status_index)",)]
    assert new_errors == []
