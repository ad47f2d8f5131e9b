"""DATABASE_URL becomes the DATABASES entry; DATABASE_PGBOUNCER fits it to PgBouncer's transaction mode."""

from __future__ import annotations

from config.environment import database_from_url


def test_a_url_gives_persistent_connections_with_health_checks(monkeypatch):
    monkeypatch.delenv("DATABASE_PGBOUNCER", raising=False)
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "30")
    entry = database_from_url(
        "postgres://app:p%40ss@db.example.org:5433/badges?sslmode=require"
    )
    assert (entry["NAME"], entry["USER"], entry["PASSWORD"], entry["HOST"], entry["PORT"]) == (
        "badges", "app", "p@ss", "db.example.org", "5433",
    )  # fmt: skip
    assert entry["OPTIONS"] == {"sslmode": "require"}
    assert (entry["CONN_MAX_AGE"], entry["CONN_HEALTH_CHECKS"]) == (30, True)
    assert entry["DISABLE_SERVER_SIDE_CURSORS"] is False


def test_behind_pgbouncer_no_cursor_outlives_a_transaction_and_nothing_is_prepared(
    monkeypatch,
):
    monkeypatch.setenv("DATABASE_PGBOUNCER", "true")
    entry = database_from_url("postgres://app@127.0.0.1:6432/badges")
    assert entry["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert entry["OPTIONS"] == {"prepare_threshold": None}
