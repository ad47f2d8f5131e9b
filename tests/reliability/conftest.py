"""The reliability tests run in CI's second pass only, against real processes (harness.py).

Without DATABASE_URL and REDIS_URL (the first pass: SQLite, tasks in-process)
there is no PostgreSQL server to give the cluster a database of its own, so
the tests marked ``reliability`` are deselected, with one line saying why.
"""

from __future__ import annotations

import os

import pytest

from tests.reliability.harness import Cluster
from tests.reliability.processes import FIGURES

NEEDS = "DATABASE_URL and REDIS_URL"


def _services_configured() -> bool:
    return bool(os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL"))


def pytest_collection_modifyitems(config, items):
    if _services_configured():
        return
    chosen = [item for item in items if item.get_closest_marker("reliability") is None]
    left_out = [item for item in items if item.get_closest_marker("reliability")]
    if not left_out:
        return
    config.hook.pytest_deselected(items=left_out)
    items[:] = chosen
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"reliability: {len(left_out)} tests deselected: they need PostgreSQL and Redis "
            f"({NEEDS} set, as in .ci/run's second pass)"
        )


@pytest.fixture(scope="session")
def cluster():
    """Two gunicorn replicas behind nginx, two Celery workers and a beat, on their own database and Redis."""
    started = Cluster.start(os.environ["DATABASE_URL"])
    try:
        yield started
    finally:
        started.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach every process's log to a failed reliability test's report."""
    report = yield
    if report.failed and "cluster" in getattr(item, "funcargs", {}):
        report.sections.append(("cluster logs", item.funcargs["cluster"].logs()))
    return report


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for title, figures in FIGURES:
        terminalreporter.write_line(title)
        for name, value in figures.items():
            terminalreporter.write_line(f"    {name:<40} {value}")
