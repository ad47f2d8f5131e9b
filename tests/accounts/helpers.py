"""Helpers for tests of accounts and badge requests."""

from __future__ import annotations

import re
from contextlib import contextmanager


@contextmanager
def tasks_in_process():
    """Run queued tasks in this process, in both CI passes, so ``mail.outbox`` sees their e-mail.

    Tests that go through the real queue use the ``task_queue`` fixture instead.
    """
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = before


def text_of(message) -> str:
    """The plain-text body of Django's EmailMessage or of a parsed ``email.message``."""
    if hasattr(message, "body"):
        return message.body
    return message.get_body(preferencelist=("plain",)).get_content()


def recipients_of(message) -> list[str]:
    return list(message.to) if hasattr(message, "body") else [message["To"]]


def subject_of(message) -> str:
    return message.subject if hasattr(message, "body") else str(message["Subject"])


def link_in(message, path: str) -> str:
    """Return the path of the first link to ``path…`` in the e-mail's text."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}\S*)", text_of(message))
    assert match is not None, text_of(message)
    return match.group(1)
