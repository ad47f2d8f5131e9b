"""What the in-process benchmarks share: calls per second beside a baseline, and SQL queries per call."""

from __future__ import annotations

import time


def per_second(
    label: str,
    call,
    seconds: float,
    baseline: float | None = None,
    *,
    what: str = "/healthz",
    width: int = 62,
    digits: int = 3,
) -> float:
    """Call ``call`` for ``seconds``; print and return its rate (and its ratio to ``baseline``)."""
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        call()
        count += 1
    rate = count / elapsed
    show(label, rate, baseline, what=what, width=width, digits=digits)
    return rate


def show(
    label: str,
    rate: float,
    baseline: float | None,
    *,
    what: str = "/healthz",
    width: int = 62,
    digits: int = 3,
) -> None:
    """Print one line: the label, the rate, and the ratio to ``baseline`` when there is one."""
    ratio = f"  ({rate / baseline:.{digits}f} × {what})" if baseline else ""
    print(f"{label:<{width}} {rate:9.1f}/s{ratio}")


def queries(call, statuses: tuple[int, ...]) -> int:
    """Return the SQL queries ``call`` makes; its response must have one of ``statuses``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code in statuses, (
        response.status_code,
        response.content[:300],
    )
    return len(captured)
