"""Faults survived: Redis stopped under awards and revocations, PostgreSQL restarted under load.

The stack (tests/reliability/fault_stack.py) is its own: a PostgreSQL cluster,
a Redis, a gunicorn replica and a Celery worker with beat, on free ports. The
figures each test measures are printed in a block headed ``FAULTS``.
"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

import pytest

from tests.reliability.fault_stack import FaultStack, wait_until
from tests.reliability.processes import record_figures

pytestmark = pytest.mark.reliability

AWARDS_WHILE_DOWN = 20
REVOKED_WHILE_DOWN = 5


@pytest.fixture(scope="module")
def stack():
    stack = FaultStack()
    try:
        stack.start_postgres()
        stack.create_database()
        stack.manage("migrate", "--no-input")
        stack.start_redis()
        stack.seed_values = stack.seed()
        stack.start_web()
        stack.start_worker()
        wait_until(lambda: stack.get("/readyz")[0] == 200, 60, "the stack is ready")
        yield stack
    except BaseException:
        print(stack.dump_logs())
        raise
    finally:
        stack.close()


def _award(stack, identity: str, key: str) -> tuple[int, dict]:
    seed = stack.seed_values
    return stack.request(
        "POST",
        f"/api/v1/badge-classes/{seed['badge_class']}/awards",
        {"recipient_identity": identity, "recipient_name": "Learner"},
        token=seed["token"],
        key=key,
    )


def _report(title: str, figures: dict) -> None:
    """Print the figures now and add them to the run's "reliability figures" summary."""
    print(
        "\n".join([f"FAULTS · {title}"] + [f"  {k}: {v}" for k, v in figures.items()])
    )
    record_figures(title, **figures)


def test_with_redis_stopped_awards_succeed_and_every_delivery_goes_once_it_is_back(
    stack,
):
    seed = stack.seed_values
    stack.stop_redis()
    try:
        # Each process keeps the broker's answer for 3 s.
        wait_until(
            lambda: stack.get("/healthz")[1]["broker"] == "down",
            15,
            "/healthz says the broker is down",
        )
        assert stack.get("/healthz")[0] == 200
        wait_until(lambda: stack.get("/readyz")[0] == 503, 15, "/readyz is not ready")

        started = time.monotonic()
        answers = [
            _award(stack, f"down-{n}@example.org", f"down-{n}")
            for n in range(AWARDS_WHILE_DOWN)
        ]
        award_seconds = time.monotonic() - started
        assert [status for status, _ in answers] == [201] * AWARDS_WHILE_DOWN, answers
        revoked = [body["id"] for _, body in answers[:REVOKED_WHILE_DOWN]]
        for award_id in revoked:
            status, body = stack.request(
                "POST",
                f"/api/v1/awards/{award_id}/revoke",
                {"reason": "Issued in error"},
                token=seed["token"],
            )
            assert status == 200, body
        waiting = stack.sql(
            "SELECT count(*) FROM outbox_outboxmessage WHERE status = 'pending'"
        )[0][0]
        assert waiting == AWARDS_WHILE_DOWN + REVOKED_WHILE_DOWN
        assert (
            stack.sql(
                "SELECT count(*) FROM notifications_emaildelivery WHERE status = 'queued' AND attempts = 0"
            )[0][0]
            == AWARDS_WHILE_DOWN
        )
        published_before = stack.sql("SELECT max(published_at) FROM badges_statuslist")[
            0
        ][0]
    finally:
        stack.start_redis()

    def delivered() -> bool:
        pending = stack.sql(
            "SELECT count(*) FROM outbox_outboxmessage WHERE status <> 'done'"
        )[0][0]
        sent = stack.sql(
            "SELECT count(*) FROM notifications_emaildelivery WHERE status = 'sent'"
        )[0][0]
        # E-mail about an award revoked before it went is not sent.
        return pending == 0 and sent == AWARDS_WHILE_DOWN - REVOKED_WHILE_DOWN

    try:
        recovery = wait_until(
            delivered,
            45,
            "every outbox message done after Redis returned",
            interval=0.25,
        )
    except AssertionError:
        print(
            stack.sql(
                "SELECT task, status, dispatches, dispatched_at, last_error FROM outbox_outboxmessage WHERE status <> 'done'"
            )
        )
        print(
            stack.sql(
                "SELECT status, attempts, last_error FROM notifications_emaildelivery WHERE status <> 'sent'"
            )
        )
        print(stack.dump_logs())
        raise
    published_after = stack.sql("SELECT max(published_at) FROM badges_statuslist")[0][0]
    assert published_after is not None and (
        published_before is None or published_after > published_before
    )
    revoked_indices = {
        row[0]
        for row in stack.sql(
            "SELECT status_index FROM badges_award WHERE revoked_at IS NOT NULL"
        )
    }
    assert len(revoked_indices) == REVOKED_WHILE_DOWN

    mails = [path.read_text(errors="replace") for path in stack.mail.glob("*.log")]
    messages = "\n".join(mails)
    per_recipient = {
        n: messages.count(f"To: down-{n}@example.org")
        for n in range(REVOKED_WHILE_DOWN, AWARDS_WHILE_DOWN)
    }
    lost = sum(1 for count in per_recipient.values() if count == 0)
    duplicates = sum(count - 1 for count in per_recipient.values() if count > 1)
    revoked_mailed = sum(
        messages.count(f"To: down-{n}@example.org") for n in range(REVOKED_WHILE_DOWN)
    )
    dispatches = stack.sql("SELECT sum(dispatches) FROM outbox_outboxmessage")[0][0]
    _report(
        "Redis stopped, then started again",
        {
            "awards made while Redis was down": f"{AWARDS_WHILE_DOWN} (all 201, {award_seconds:.2f} s in all)",
            "revocations while Redis was down": f"{REVOKED_WHILE_DOWN} (all 200)",
            "outbox messages waiting": AWARDS_WHILE_DOWN + REVOKED_WHILE_DOWN,
            "e-mails lost": lost,
            "e-mails sent twice": duplicates,
            "e-mails about revoked awards sent (must be 0)": revoked_mailed,
            "hand-overs to the broker": dispatches,
            "time to recover after Redis returned": f"{recovery:.1f} s (until every message was done)",
        },
    )
    assert lost == 0 and duplicates == 0 and revoked_mailed == 0
    assert stack.get("/healthz")[1]["broker"] == "redis"


def test_postgresql_restarting_mid_request_gives_503_never_a_half_written_award(stack):
    stack.sql("DELETE FROM outbox_outboxmessage WHERE status = 'done'")
    before = stack.sql("SELECT count(*) FROM badges_award")[0][0]
    keys = [f"pg-{uuid.uuid4()}" for _ in range(120)]
    answers: dict[str, int] = {}

    def send(key: str) -> None:
        status = 0
        with suppress(OSError):
            status, _ = _award(stack, f"{key}@example.org", key)
        answers[key] = status

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(send, key) for key in keys[:40]]
        time.sleep(0.5)
        restarted = time.monotonic()
        stack.restart_postgres()
        restart_seconds = time.monotonic() - restarted
        futures += [pool.submit(send, key) for key in keys[40:]]
        for future in futures:
            future.result()
    statuses = sorted(set(answers.values()))
    assert set(answers.values()) <= {201, 503}, answers
    unavailable = [key for key, status in answers.items() if status == 503]

    # Each refused request, sent again with its key, awards once.
    retried = {key: _award(stack, f"{key}@example.org", key)[0] for key in unavailable}
    assert set(retried.values()) <= {201}, retried

    awards = stack.sql(
        "SELECT idempotency_key, ob2_jws <> '' AND ob3_credential IS NOT NULL AND ob3_jwt <> '' AND signed_at IS NOT NULL "
        "FROM badges_award WHERE recipient_identity LIKE 'pg-%%'"
    )
    assert len(awards) == len(keys), (len(awards), len(keys))
    half_written = sum(1 for _, complete in awards if not complete)
    duplicates = len(awards) - len({key for key, _ in awards})
    without_email = stack.sql(
        "SELECT count(*) FROM badges_award a WHERE recipient_identity LIKE 'pg-%%' AND NOT EXISTS "
        "(SELECT 1 FROM notifications_emaildelivery d WHERE d.award_id = a.id)"
    )[0][0]
    _report(
        "PostgreSQL restarted (immediate mode) under awards",
        {
            "award requests": len(keys),
            "answers": {
                status: list(answers.values()).count(status) for status in statuses
            },
            "503s sent again with their key": f"{len(unavailable)} (all 201)",
            "awards made": f"{len(awards)} (before: {before})",
            "half-written awards": half_written,
            "duplicate awards": duplicates,
            "awards without their e-mail": without_email,
            "PostgreSQL restart took": f"{restart_seconds:.2f} s",
        },
    )
    assert half_written == 0 and duplicates == 0 and without_email == 0
