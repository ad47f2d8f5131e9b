"""Replicas and workers through the operations of a working day: a worker killed, a rolling restart, nginx, PgBouncer.

Like test_replicas.py, every scenario drives the API over HTTP and then reads
the database (harness.py); the figures go to the "reliability figures" summary.
"""

from __future__ import annotations

import csv
import io
import random
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.reliability.calls import CLIENTS, badge_class_pk, post_award, server_errors
from tests.reliability.processes import record_figures, wait_for

pytestmark = pytest.mark.reliability


def _recipients_csv(count: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "name", "external_id"])
    for i in range(count):
        writer.writerow([f"bulk{i}@example.lv", f"Learner {i}", f"LMS-{i}"])
    return out.getvalue().encode()


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def _holder_of(cluster, task_name: str) -> str | None:
    for worker, tasks in cluster.tasks_in_hand().items():
        if any(task.get("name") == task_name for task in tasks):
            return worker.split("@", 1)[0]
    return None


def test_a_bulk_file_is_processed_exactly_once_while_a_worker_is_killed(cluster):
    """A 600-row file: the worker processing it is killed (SIGKILL, pool and all) after its first batch.

    A replacement worker starts; beat finds the stalled upload and queues it
    again. Every row is awarded exactly once, the upload finishes, and every
    learner's e-mail goes out (those the dead worker held, after their lease).
    """
    total, badge_class = 600, cluster.seed["bulk_badge_class"]
    started = time.monotonic()
    body, content_type = _multipart("learners.csv", _recipients_csv(total))
    preview = cluster.api(
        "POST",
        f"/api/v1/badge-classes/{badge_class}/bulk-uploads",
        body=body,
        headers={"Content-Type": content_type},
    )
    assert preview.status == 201, preview.body[:500]
    upload = preview.json()
    assert (upload["valid"], upload["invalid"]) == (total, 0)
    assert (
        cluster.api(
            "POST", f"/api/v1/bulk-uploads/{upload['id']}/confirm", via=0
        ).status
        == 202
    )

    def progress() -> dict:
        return cluster.api("GET", f"/api/v1/bulk-uploads/{upload['id']}", via=1).json()

    wait_for(
        lambda: progress()["awarded"] >= 200,
        timeout=90,
        what="the first batch of 200 rows committed",
    )
    victim = wait_for(
        lambda: _holder_of(cluster, "bulk.tasks.process_upload"),
        timeout=30,
        what="a worker holding the upload",
    )
    cluster.kill_worker(victim)
    at_kill = progress()
    cluster.start_worker("w3")
    done = wait_for(
        lambda: (p := progress())["status"] == "done" and p,
        timeout=150,
        what="the upload finishing",
        every=0.5,
    )
    elapsed = round(time.monotonic() - started, 1)

    class_pk = badge_class_pk(cluster, badge_class)
    ((awards, keys, unsigned),) = cluster.sql(
        "SELECT count(*), count(DISTINCT idempotency_key), count(*) FILTER (WHERE signed_at IS NULL)"
        " FROM badges_award WHERE badge_class_id = %s",
        (class_pk,),
    )
    rows = dict(
        cluster.sql(
            "SELECT r.status, count(*) FROM bulk_bulkrow r JOIN bulk_bulkupload u ON u.id = r.upload_id"
            " WHERE u.uuid = %s GROUP BY 1",
            (upload["id"],),
        )
    )
    ((distinct_awards,),) = cluster.sql(
        "SELECT count(DISTINCT r.award_id) FROM bulk_bulkrow r JOIN bulk_bulkupload u ON u.id = r.upload_id WHERE u.uuid = %s",
        (upload["id"],),
    )
    # E-mails the killed worker held are handed over again once their outbox
    # lease ends (OUTBOX_LEASE_SECONDS: 10 s here, 20 minutes in production).
    unsent_sql = (
        "SELECT count(*) FROM notifications_emaildelivery d JOIN badges_award a ON a.id = d.award_id"
        " WHERE a.badge_class_id = %s AND d.status <> 'sent'"
    )
    unsent_at_done = cluster.sql(unsent_sql, (class_pk,))[0][0]
    wait_for(
        lambda: cluster.sql(unsent_sql, (class_pk,))[0][0] == 0,
        timeout=90,
        what="every award e-mail sent",
        every=1,
    )
    sent = Counter(cluster.sent_emails(r"bulk\d+@example\.lv"))
    record_figures(
        "d. a 600-row bulk file, its worker killed with SIGKILL mid-file",
        rows=total,
        awarded_when_killed=at_kill["awarded"],
        killed_worker=victim,
        award_rows=awards,
        duplicates=awards - keys,
        rows_awarded=rows.get("awarded", 0),
        rows_left_unawarded=total
        - rows.get("awarded", 0)
        - rows.get("already_awarded", 0),
        award_emails_waiting_when_done=unsent_at_done,
        award_emails_lost=total - len(sent),
        award_emails_sent_twice=sum(1 for n in sent.values() if n > 1),
        elapsed_s=elapsed,
    )
    assert at_kill["awarded"] < total and at_kill["status"] == "processing"
    assert (done["awarded"], done["already_awarded"], done["failed"]) == (total, 0, 0)
    assert (awards, keys, unsigned) == (total, total, 0)
    assert rows == {"awarded": total}
    assert distinct_awards == total
    assert (
        len(sent) == total
    )  # each learner told; twice is possible (e-mail is at least once)


def _award_with_retries(cluster, badge_class: str, key: str) -> tuple[str, int]:
    """Award as an API client should: one Idempotency-Key, retried on 502/503/504 or a dropped connection."""
    import urllib3

    for attempt in range(8):
        try:
            response = post_award(
                cluster, badge_class, f"rolling-{key}@example.org", key=key
            )
        except urllib3.exceptions.HTTPError:
            response = None
        if response is not None and response.status not in (502, 503, 504):
            assert response.status == 201, response.body[:300]
            return response.json()["id"], attempt
        time.sleep(0.2 * (attempt + 1))
    raise AssertionError(f"Award {key} never succeeded")


def test_a_rolling_restart_of_the_replicas_loses_no_request(cluster):
    """Each replica in turn is stopped (SIGTERM, as systemctl restart does) and started under load.

    Reads through nginx never fail (nginx retries them on the other replica).
    Awards are sent as the API asks of clients (an Idempotency-Key, retried
    on 502/503/504): every one is made exactly once.
    """
    badge_class, issuer = cluster.seed["badge_class"], cluster.seed["issuer"]
    stop, lock = threading.Event(), threading.Lock()
    reads, awards, retries = Counter(), {}, Counter()

    def load(worker: int) -> None:
        while not stop.is_set():
            read = cluster.request(
                "GET", cluster.url(f"/public/issuers/{issuer}?format=json")
            )
            key = f"{worker}-{uuid.uuid4().hex[:10]}"
            award, attempts = _award_with_retries(cluster, badge_class, key)
            with lock:
                reads[read.status] += 1
                awards[key] = award
                retries[attempts] += 1

    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        running = [pool.submit(load, worker) for worker in range(8)]
        time.sleep(1)
        # The rolling restart of deploy/README.md: stop, start, wait until nginx uses it again.
        for index in range(len(cluster.replica_ports)):
            cluster.stop_replica(index)
            time.sleep(1)  # requests meanwhile go to the other replica
            cluster.start_replica(index)
            cluster.wait_until_nginx_uses(index)
        stop.set()
        for future in running:
            future.result()
    rows = dict(
        cluster.sql(
            "SELECT idempotency_key, count(*) FROM badges_award WHERE badge_class_id = %s AND idempotency_key LIKE 'api:%%'"
            " GROUP BY 1",
            (badge_class_pk(cluster, badge_class),),
        )
    )
    made = cluster.sql(
        "SELECT count(*) FROM badges_award WHERE uuid = ANY(%s::uuid[])",
        (list(awards.values()),),
    )[0][0]
    record_figures(
        "e. rolling restart of both replicas under load (8 clients)",
        reads_sent=sum(reads.values()),
        reads_failed=sum(n for status, n in reads.items() if status != 200),
        awards_attempted=len(awards),
        awards_that_needed_a_retry=sum(
            n for attempts, n in retries.items() if attempts
        ),
        awards_in_database=made,
        duplicates=sum(count - 1 for count in rows.values()),
        elapsed_s=round(time.monotonic() - started, 1),
    )
    assert reads == {200: sum(reads.values())}
    assert made == len(awards) == len(set(awards.values()))
    assert all(count == 1 for count in rows.values())


def test_nginx_serves_static_files_hides_metrics_and_secrets_and_passes_request_ids(
    cluster,
):
    """What deploy/nginx/insignia.conf promises, checked on the running site."""
    static = cluster.request("GET", cluster.url("/static/css/insignia.css"))
    assert static.status == 200 and static.headers["Cache-Control"] == "max-age=3600"
    assert cluster.request("GET", cluster.url("/metrics")).status == 404

    passed = cluster.request(
        "GET", cluster.url("/healthz"), headers={"X-Request-ID": "reliability-42"}
    )
    assert passed.headers["X-Request-ID"] == "reliability-42"
    made = cluster.request(
        "GET", cluster.url("/healthz"), headers={"X-Request-ID": "no spaces allowed"}
    )
    assert made.headers["X-Request-ID"] not in ("", "no spaces allowed")

    secret = "s3cr3t" + uuid.uuid4().hex
    cluster.request("GET", cluster.url(f"/wallet/claim/{secret}"))
    cluster.request("GET", cluster.url(f"/share/{secret}/card.png"))
    time.sleep(0.5)  # nginx and gunicorn write their lines after answering
    logs = (
        cluster.log("nginx-insignia.access") + cluster.log("web1") + cluster.log("web2")
    )
    assert "reliability-42" in cluster.log("nginx-insignia.access")
    assert "/wallet/claim/…" in logs and "/share/…" in logs
    assert secret not in logs

    too_big = cluster.request(
        "POST", cluster.url("/api/v1/verify"), body=b"x" * (52 * 1024 * 1024)
    )
    assert too_big.status == 413


def test_a_replica_behind_pgbouncer_in_transaction_mode_answers_everything(cluster):
    """DATABASE_PGBOUNCER=true: 24 clients on one replica (8 threads) through a pool of 3 server connections.

    Awards, revocations and, among them, a bulk upload's error file (read in
    chunks, with a cursor that without the setting would outlive its
    transaction) all answer as on a direct connection.
    """
    pool_size, started = 3, time.monotonic()
    url = cluster.start_pgbouncer(pool_size=pool_size)
    index = cluster.add_replica(DATABASE_URL=url, DATABASE_PGBOUNCER="true")
    badge_class = cluster.seed["badge_class"]
    bad_rows = "\n".join(
        ["email,name"] + [f"not-an-address-{i},Nobody {i}" for i in range(300)]
    )
    body, content_type = _multipart("bad.csv", bad_rows.encode())
    upload = cluster.api(
        "POST", f"/api/v1/badge-classes/{badge_class}/bulk-uploads", body=body,
        headers={"Content-Type": content_type}, via=index,
    )  # fmt: skip
    assert upload.status == 201 and upload.json()["invalid"] == 300
    exported: list[int] = []

    def award_and_revoke(i: int) -> list[int]:
        made = post_award(
            cluster,
            badge_class,
            f"pooled-{i}-{uuid.uuid4().hex[:6]}@example.org",
            via=index,
        )
        statuses = [made.status]
        if made.status == 201 and i % 2:
            award = made.json()["id"]
            statuses.append(
                cluster.api(
                    "POST",
                    f"/api/v1/awards/{award}/revoke",
                    {"reason": "Pooled"},
                    via=index,
                ).status
            )
            statuses.append(
                cluster.api("GET", f"/api/v1/awards/{award}", via=index).status
            )
        return statuses

    def export(_i: int) -> list[int]:
        errors = cluster.api(
            "GET", f"/api/v1/bulk-uploads/{upload.json()['id']}/errors.csv", via=index
        )
        exported.append(
            len(list(csv.reader(io.StringIO(errors.body.decode("utf-8-sig"))))) - 1
        )
        return [errors.status]

    jobs = [(award_and_revoke, i) for i in range(120)] + [
        (export, i) for i in range(12)
    ]
    random.Random(5).shuffle(jobs)
    with ThreadPoolExecutor(CLIENTS) as pool:
        answers = list(pool.map(lambda job: job[0](job[1]), jobs))
    statuses = Counter(status for answer in answers for status in answer)
    pools = [
        p for p in cluster.pgbouncer_pools(url) if p["database"] == cluster.database
    ]
    servers = sum(
        int(p[k])
        for p in pools
        for k in ("sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login")
    )
    record_figures(
        "f. one replica through PgBouncer (transaction mode, DATABASE_PGBOUNCER=true)",
        requests_sent=sum(statuses.values()) + 1,
        awards_attempted=120,
        client_threads=CLIENTS,
        server_connections_after=servers,
        pool_size=pool_size,
        server_errors=server_errors(statuses),
        statuses=dict(statuses),
        elapsed_s=round(time.monotonic() - started, 1),
    )
    assert statuses == {201: 120, 200: 120 + 12}
    assert exported == [300] * 12
    assert servers <= pool_size
