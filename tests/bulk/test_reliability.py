"""Bulk awarding through the real queue (a Celery worker on PostgreSQL and Redis in CI's second pass).

Every test here awards through ``confirm_upload`` and the task queue and
counts ``Award`` rows in the database: exactly N, never N + duplicates.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from audit.models import AuditEvent
from badges.models import Award
from bulk import actions as bulk_actions
from bulk.actions import confirm_upload, create_upload
from bulk.export import ERROR_COLUMNS, error_rows
from bulk.models import BulkRow, BulkUpload, RowStatus
from bulk.tasks import process_upload_task
from tests.bulk.helpers import recipients_csv

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def _drain_the_queue(task_queue):
    """Wait until the worker is idle before the test's tables are flushed.

    Each award queues its recipient's e-mail; a worker still sending them
    while the database is truncated deadlocks the flush.
    """
    yield
    if task_queue.worker is not None:
        task_queue.wait_for(_worker_idle, timeout=90)


def _worker_idle() -> bool:
    from config.celery import app

    with app.connection_for_write() as broker:
        waiting = broker.default_channel.client.llen(app.conf.task_default_queue)
    active = app.control.inspect(timeout=0.5).active() or {}
    return waiting == 0 and not any(active.values())


def _upload(cast, count: int, **kwargs) -> BulkUpload:
    return create_upload(
        badge_class=cast.badge_class,
        acting_user=cast.aaron,
        data=recipients_csv(count, **kwargs),
        filename="course.csv",
    )


def _fresh(upload: BulkUpload) -> BulkUpload:
    return BulkUpload.objects.get(pk=upload.pk)


def _awards(cast) -> int:
    return Award.objects.filter(badge_class=cast.badge_class).count()


def test_a_1000_row_file_awards_exactly_1000_and_the_same_file_again_awards_none(
    task_queue,
):
    from tests.factories import make_cast

    cast = make_cast()
    first = _upload(cast, 1000)
    confirm_upload(upload=first, acting_user=cast.aaron)
    task_queue.wait_for(lambda: _fresh(first).status == "done", timeout=60)
    first = _fresh(first)
    assert (first.awarded, first.already_awarded, first.failed) == (1000, 0, 0)
    assert _awards(cast) == 1000
    assert (
        Award.objects.filter(
            badge_class=cast.badge_class, signed_at__isnull=True
        ).count()
        == 0
    )
    assert AuditEvent.objects.filter(action="award.created").count() == 1000

    again = _upload(cast, 1000)
    assert (again.valid, again.already_awarded) == (
        0,
        1000,
    )  # the preview already says so
    confirm_upload(upload=again, acting_user=cast.aaron)
    task_queue.wait_for(lambda: _fresh(again).status == "done")
    assert _fresh(again).awarded == 0
    assert _awards(cast) == 1000


def test_a_file_with_10_bad_rows_awards_the_rest_and_reports_exactly_those_10(
    task_queue,
):
    from tests.factories import make_cast

    cast = make_cast()
    bad = {0, 3, 17, 40, 41, 50, 51, 77, 98, 99}
    upload = _upload(cast, 100, bad=bad)
    confirm_upload(upload=upload, acting_user=cast.aaron)
    task_queue.wait_for(lambda: _fresh(upload).status == "done")
    upload = _fresh(upload)
    assert (upload.awarded, upload.invalid) == (90, 10)
    assert _awards(cast) == 90
    rows = list(
        csv.reader(
            io.StringIO("\n".join(",".join(map(str, r)) for r in error_rows(upload)))
        )
    )
    assert ERROR_COLUMNS[-1] == "error"
    assert sorted(int(r[0]) for r in rows) == sorted(
        i + 2 for i in bad
    )  # line 1 is the header
    assert {r[1] for r in rows} == {f"not-an-address-{i}" for i in bad}


def test_two_confirms_at_once_award_once(task_queue):
    from tests.factories import make_cast

    cast = make_cast()
    upload = _upload(cast, 50)
    barrier, outcomes = threading.Barrier(2), []

    # With a worker, the winner queues the processing; in-process it would run it
    # inside the winner's thread, so it is started once both threads are done.
    queued = task_queue.worker is not None

    def confirm(user):
        barrier.wait()
        try:
            for _attempt in range(200):
                try:
                    confirm_upload(
                        upload=BulkUpload.objects.get(pk=upload.pk),
                        acting_user=user,
                        enqueue=queued,
                    )
                except OperationalError:
                    # SQLite's shared in-memory test database refuses a second writer
                    # at once ("table is locked") instead of waiting; wait and retry.
                    time.sleep(0.05)
                    continue
                outcomes.append("confirmed")
                return
        except ValidationError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm, args=(user,))
        for user in (cast.aaron, cast.alice)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_confirmed", "confirmed"]
    if not queued:
        process_upload_task.delay(upload.pk)
    task_queue.wait_for(lambda: _fresh(upload).status == "done")
    assert _awards(cast) == 50 and _fresh(upload).awarded == 50
    assert AuditEvent.objects.filter(action="bulk_upload.confirmed").count() == 1


def _start_worker(queue: str, log: Path) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": settings.MEDIA_ROOT,
        "KEY_ENCRYPTION_SECRET": settings.KEY_ENCRYPTION_SECRET,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue, "-n", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def test_a_worker_killed_during_a_file_and_restarted_finishes_without_duplicates(
    task_queue, monkeypatch, tmp_path
):
    """Worker pass: kill -9 a real worker mid-file, start another. Eager pass: crash after the first batch, run again."""
    from tests.factories import make_cast

    cast = make_cast()
    total, batch = 300, 25
    upload = _upload(cast, total)
    confirm_upload(upload=upload, acting_user=cast.aaron, enqueue=False)

    if task_queue.worker is None:
        real, calls = bulk_actions.sign_awards, []

        def crash_on_second_batch(*, awards):
            calls.append(len(awards))
            if len(calls) == 2:
                raise RuntimeError("worker lost")
            return real(awards=awards)

        monkeypatch.setattr(bulk_actions, "sign_awards", crash_on_second_batch)
        with pytest.raises(RuntimeError, match="worker lost"):
            process_upload_task.delay(upload.pk, batch)
        monkeypatch.undo()
    else:
        queue = f"bulk-test-{uuid.uuid4().hex[:8]}"
        first = _start_worker(queue, tmp_path / "first.log")
        try:
            process_upload_task.apply_async((upload.pk, batch), queue=queue)
            task_queue.wait_for(lambda: _fresh(upload).awarded >= batch, timeout=60)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        finally:
            first.kill()

    crashed = _fresh(upload)
    assert crashed.status == "processing"
    assert batch <= crashed.awarded < total
    assert _awards(cast) == crashed.awarded  # no award outside a committed batch

    if task_queue.worker is None:
        process_upload_task.delay(upload.pk, batch)
    else:
        second = _start_worker(queue, tmp_path / "second.log")
        try:
            # The broker would hand the unacknowledged task on after its visibility
            # timeout; resume_stalled_uploads (or this) queues it again sooner.
            process_upload_task.apply_async((upload.pk, batch), queue=queue)
            task_queue.wait_for(lambda: _fresh(upload).status == "done", timeout=90)
        finally:
            second.terminate()
            second.wait(timeout=20)

    done = _fresh(upload)
    assert (done.awarded, done.already_awarded, done.failed) == (total, 0, 0)
    assert _awards(cast) == total
    assert (
        Award.objects.filter(badge_class=cast.badge_class)
        .values("idempotency_key")
        .distinct()
        .count()
        == total
    )
    assert (
        BulkRow.objects.filter(upload=upload, status=RowStatus.AWARDED).count() == total
    )


def test_a_stalled_upload_is_found_for_resuming(task_queue):
    from datetime import timedelta

    from django.utils.timezone import now

    from tests.factories import make_cast

    cast = make_cast()
    upload = _upload(cast, 3)
    confirm_upload(upload=upload, acting_user=cast.aaron, enqueue=False)
    BulkUpload.objects.filter(pk=upload.pk).update(
        status="processing", progressed_at=now() - timedelta(minutes=10)
    )
    assert list(bulk_actions.stalled_uploads()) == [_fresh(upload)]
    from bulk.tasks import resume_stalled_uploads_task

    resume_stalled_uploads_task.delay()
    task_queue.wait_for(lambda: _fresh(upload).status == "done")
    assert list(bulk_actions.stalled_uploads()) == []
    assert _awards(cast) == 3
