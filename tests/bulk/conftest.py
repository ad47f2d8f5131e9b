"""Fixtures for the bulk tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def tasks_inline(monkeypatch, django_capture_on_commit_callbacks):
    """Run queued bulk processing in this process, in both passes: ``with tasks_inline(execute=True):``.

    The page and API tests check what the interfaces do; the queue itself is
    exercised by the ``worker`` tests in ``test_reliability.py``.
    """
    from bulk.tasks import process_upload_task

    monkeypatch.setattr(
        process_upload_task,
        "apply_async",
        lambda args=(), kwargs=None, **options: process_upload_task.apply(args, kwargs),
    )
    return django_capture_on_commit_callbacks
