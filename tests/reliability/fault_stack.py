"""A stack whose parts the fault tests may stop: its own PostgreSQL cluster and its own Redis.

Everything is a real process on a free 127.0.0.1 port: a PostgreSQL cluster made
with Debian's ``initdb`` (run as the ``postgres`` user) in a temporary folder, a
``redis-server`` keeping nothing on disk, one gunicorn replica with
``deploy/gunicorn.conf.py`` and one Celery worker with an embedded beat. The
tests stop and start Redis, and restart PostgreSQL, under load.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import suppress
from pathlib import Path

import psycopg

from tests.reliability.processes import Process, free_port

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = (
    Path("/usr/lib/postgresql")
    / (
        sorted(os.listdir("/usr/lib/postgresql"))[-1]
        if Path("/usr/lib/postgresql").exists()
        else ""
    )
    / "bin"
)
SECRET = "fault-stack-key-encryption-secret-of-48-characters"


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1) -> float:
    """Wait until ``predicate()`` is true; return the seconds it took."""
    start = time.monotonic()
    while True:
        with suppress(Exception):
            if predicate():
                return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(interval)


class FaultStack:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="insignia-faults-"))
        os.chmod(self.folder, 0o755)  # noqa: S103 (the postgres user must reach its data folder)
        self.pg_port, self.redis_port, self.web_port = (
            free_port(),
            free_port(),
            free_port(),
        )
        self.pg_data = self.folder / "pg"
        self.mail = self.folder / "mail"
        self.mail.mkdir()
        self.processes: dict[str, Process] = {}
        self.logs: dict[str, Path] = {}

    # --- URLs and environment ------------------------------------------------

    @property
    def database_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.pg_port}/insignia"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("PYTEST", "DJANGO"))
            },
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": "fault-stack-secret-key-not-for-production-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PUBLIC_BASE_URL": self.base_url,
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "DATABASE_URL": self.database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "KEY_ENCRYPTION_SECRET": SECRET,
            "MEDIA_ROOT": str(self.folder / "media"),
            "EMAIL_FILE_PATH": str(self.mail),
            "OUTBOX_SWEEP_SECONDS": "2",
            **extra,
        }

    # --- processes -----------------------------------------------------------

    def _spawn(self, name: str, argv: list[str], env: dict[str, str]) -> Process:
        """Start ``argv`` as the harness does: its own process group, its log in the folder."""
        log = self.folder / f"{name}.log"
        self.logs[name] = log
        self.processes[name] = Process(name, argv, log, env).start()
        return self.processes[name]

    def _as_postgres(self, *argv: str) -> list[str]:
        return (
            ["runuser", "-u", "postgres", "--", *argv]
            if os.geteuid() == 0
            else list(argv)
        )

    def start_postgres(self) -> None:
        if not self.pg_data.exists():
            self.pg_data.mkdir()
            if os.geteuid() == 0:
                shutil.chown(self.pg_data, "postgres", "postgres")
            subprocess.run(  # noqa: S603
                self._as_postgres(
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.pg_data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                ),
                check=True,
                capture_output=True,
            )
        self._pg_ctl(
            "start",
            "-w",
            "-o",
            f"-p {self.pg_port} -k {self.pg_data} -c listen_addresses=127.0.0.1 -c fsync=off",
        )

    def create_database(self) -> None:
        with psycopg.connect(
            f"host=127.0.0.1 port={self.pg_port} user=postgres dbname=postgres",
            autocommit=True,
        ) as conn:
            conn.execute("CREATE DATABASE insignia")

    def restart_postgres(self) -> None:
        """Restart PostgreSQL the way an operator or a crash does: every connection is cut."""
        self._pg_ctl(
            "restart",
            "-w",
            "-m",
            "immediate",
            "-o",
            f"-p {self.pg_port} -k {self.pg_data} -c listen_addresses=127.0.0.1 -c fsync=off",
        )

    def _pg_ctl(self, *argv: str) -> None:
        log = self.folder / "postgres.log"
        if os.geteuid() == 0:
            log.touch()
            shutil.chown(log, "postgres", "postgres")
        subprocess.run(  # noqa: S603
            self._as_postgres(
                str(PG_BIN / "pg_ctl"), "-D", str(self.pg_data), "-l", str(log), *argv
            ),
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.logs["postgres"] = log

    def start_redis(self) -> None:
        self._spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            dict(os.environ),
        )
        wait_until(self._redis_answers, 20, "Redis answers")

    def stop_redis(self) -> None:
        self.processes.pop("redis").stop()

    def _redis_answers(self) -> bool:
        with socket.create_connection(
            ("127.0.0.1", self.redis_port), timeout=1
        ) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def manage(self, *argv: str, **extra: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *argv],
            cwd=ROOT,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def start_web(self) -> None:
        self._spawn(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                "2",
                "--threads",
                "4",
            ],
            self.env(),
        )
        wait_until(
            lambda: self.get("/healthz")[0] == 200, 60, "gunicorn answers /healthz"
        )

    def start_worker(self) -> None:
        self._spawn(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--beat",
                "--pool=threads",
                "--concurrency=4",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--schedule",
                str(self.folder / "beat-schedule"),
                "-n",
                f"faults-{self.web_port}@%h",
            ],
            self.env(),
        )
        wait_until(
            lambda: " ready." in self.logs["worker"].read_text(errors="replace"),
            60,
            "the worker is ready",
        )

    def close(self) -> None:
        for process in self.processes.values():
            process.stop()
        if self.pg_data.exists():
            with suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
                self._pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def dump_logs(self) -> str:
        return "\n".join(
            f"===== {name} ({path}) =====\n{path.read_text(errors='replace')[-6000:]}"
            for name, path in self.logs.items()
            if path.exists()
        )

    # --- talking to it ---------------------------------------------------------

    def get(self, path: str) -> tuple[int, dict]:
        return self.request("GET", path)

    def request(
        self,
        method: str,
        path: str,
        body: dict | None = None,
        *,
        token: str = "",
        key: str = "",
    ) -> tuple[int, dict]:
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        if key:
            headers["Idempotency-Key"] = key
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base_url + path, data=data, method=method, headers=headers
        )  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, _json(response.read())
        except urllib.error.HTTPError as error:
            return error.code, _json(error.read())

    def sql(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(
            f"host=127.0.0.1 port={self.pg_port} user=postgres dbname=insignia",
            connect_timeout=5,
        ) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def seed(self) -> dict[str, str]:
        """An institution, issuer and published badge class, and an awarder's API token (tests.factories)."""
        script = (
            "import django, json; django.setup();"
            "from tests.factories import make_cast;"
            "from accounts.actions import create_api_token;"
            "cast = make_cast();"
            "token, secret = create_api_token(user=cast.aaron, name='faults');"
            "print(json.dumps({'token': secret, 'badge_class': str(cast.badge_class.uuid), 'issuer': str(cast.welding.uuid)}))"
        )
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])


def _json(raw: bytes) -> dict:
    try:
        return json.loads(raw or b"{}")
    except ValueError:
        return {"raw": raw[:200].decode(errors="replace")}
