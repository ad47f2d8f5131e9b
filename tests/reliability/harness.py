"""A production-shaped Insignia on this machine, for the reliability tests.

``Cluster.start()`` (the session fixture ``cluster`` in conftest.py) brings up,
each as a real process with its log in the cluster's directory:

* a PostgreSQL database of its own on the server of DATABASE_URL (created,
  migrated, seeded through the app's actions by seed.py; dropped at the end);
* a Redis of its own (``redis-server`` on a free port, nothing persisted):
  ``stop_redis()`` and ``start_redis()`` take it away and bring it back;
* two web replicas: gunicorn with deploy/gunicorn.conf.py (2 workers x 4
  threads each), DEBUG off, production settings set for real;
* Debian's nginx in front, running deploy/nginx/insignia.conf rewritten only
  for this machine's ports and paths (``render_nginx_site``), TLS with a
  certificate made here;
* two Celery workers (prefork, 2 processes each) and one beat, with a bulk
  upload counted as stalled after 4 s instead of 5 minutes and an outbox
  lease of 10 s instead of 20 minutes;
* on demand, PgBouncer in transaction mode (``start_pgbouncer()``) and more
  replicas with settings of their own (``add_replica(DATABASE_URL=...)``).

The tests talk HTTP: ``api()`` through nginx (``via=None``) or straight at one
replica (``via=0``, ``1``, ..., as nginx would, with ``X-Forwarded-Proto: https``);
they read the database with ``sql()`` and the e-mails sent with
``sent_emails()``, wait with ``wait_until_idle()`` and
``wait_until_nginx_uses()``, and break things with ``kill_worker()``,
``stop_replica()``, ``stop_redis()``, ``terminate_connections()``. ``logs()``
is every process's log (server errors in full first), printed when a test fails.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import urllib3

from tests.reliability.processes import (
    ROOT,
    Process,
    Response,
    free_port,
    wait_for,
)

DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
CELERY_QUEUE = "celery"  # Celery's default queue: the one every task goes to


@dataclass
class Cluster:
    directory: Path
    database_server: str  # postgres://user@host:port (no database name)
    database: str = field(
        default_factory=lambda: f"insignia_reliability_{secrets.token_hex(4)}"
    )
    redis_port: int = field(default_factory=free_port)
    replica_ports: list[int] = field(default_factory=lambda: [free_port(), free_port()])
    http_port: int = field(default_factory=free_port)
    https_port: int = field(default_factory=free_port)
    processes: dict[str, Process] = field(default_factory=dict)
    seed: dict[str, str] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- life cycle --------------------------------------------------------------------------

    @classmethod
    def start(cls, database_url: str) -> Cluster:
        """Create and start everything; on any failure stop what was started and raise."""
        parts = urlsplit(database_url)
        server = f"{parts.scheme}://{parts.netloc}"
        cluster = cls(
            directory=Path(tempfile.mkdtemp(prefix="insignia-reliability-")),
            database_server=server,
        )
        try:
            cluster._start()
        except BaseException:
            print(cluster.logs(), file=sys.stderr)
            cluster.stop()
            raise
        return cluster

    def _start(self) -> None:
        for name in ("logs", "media", "static", "outbox", "nginx", "beat", "metrics"):
            (self.directory / name).mkdir()
        self._make_certificate()
        # The clients' connections: keep-alive, the cluster's certificate trusted, no retries.
        self.http = urllib3.PoolManager(
            num_pools=8, maxsize=64, ca_certs=str(self.certificate), retries=False,
            timeout=urllib3.Timeout(connect=5, read=90),
        )  # fmt: skip
        with psycopg.connect(f"{self.database_server}/postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{self.database}"')
        self.start_redis()
        prepared = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.reliability.seed", str(self.directory / "static")],
            cwd=ROOT, env=self.env(), capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        # stdout is the seed's JSON, the API token in it: kept out of the logs.
        (self.directory / "logs" / "seed.log").write_text(prepared.stderr)
        if prepared.returncode:
            raise RuntimeError(
                f"Preparing the database failed:\n{prepared.stderr[-4000:]}"
            )
        self.seed = json.loads(prepared.stdout.strip().splitlines()[-1])
        for index in range(len(self.replica_ports)):
            self.start_replica(index, wait=False)
        self.start_worker("w1", wait=False)
        self.start_worker("w2", wait=False)
        self._process(
            "beat",
            ["-m", "celery", "-A", "config", "beat", "--loglevel=INFO",
             f"--schedule={self.directory / 'beat' / 'schedule'}"],
        ).start()  # fmt: skip
        self._start_nginx()
        for index in range(len(self.replica_ports)):
            self.wait_for_replica(index)
        wait_for(
            lambda: self._answers(self.url("/healthz")),
            timeout=30,
            what="nginx's /healthz",
        )
        for name in ("w1", "w2"):
            self.wait_for_worker(name)

    def stop(self) -> None:
        """Stop every process, drop the database, remove the directory."""
        for process in reversed(list(self.processes.values())):
            process.stop()
        try:
            with psycopg.connect(
                f"{self.database_server}/postgres", autocommit=True
            ) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        except psycopg.Error:
            pass
        shutil.rmtree(self.directory, ignore_errors=True)
        if hasattr(self, "_pgbouncer_directory"):
            shutil.rmtree(self._pgbouncer_directory, ignore_errors=True)

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of every process: production settings, this cluster's services."""
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTEST", "DJANGO_"))
        }
        return {
            **base,
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": self._secret("secret-key"),
            "KEY_ENCRYPTION_SECRET": self._secret("key-encryption-secret"),
            "PUBLIC_BASE_URL": f"https://127.0.0.1:{self.https_port}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # nginx says the scheme; the app believes it (deploy/nginx/insignia.conf).
            "SECURE_PROXY_SSL_HEADER_NAME": "HTTP_X_FORWARDED_PROTO",
            "DATABASE_URL": f"{self.database_server}/{self.database}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "MEDIA_ROOT": str(self.directory / "media"),
            "EMAIL_FILE_PATH": str(self.directory / "outbox"),
            "BULK_STALLED_AFTER_SECONDS": "4",
            # What a dead worker held is handed over again after 10 s, not 20 minutes.
            "OUTBOX_LEASE_SECONDS": "10",
            "OUTBOX_SWEEP_SECONDS": "2",
            # One metrics directory for the machine's web and worker processes (README, "Metrics").
            "PROMETHEUS_MULTIPROC_DIR": str(self.directory / "metrics"),
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "4",
            **extra,
        }

    def _secret(self, name: str) -> str:
        path = self.directory / f".{name}"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48))
        return path.read_text()

    def _process(self, name: str, args: list[str], **env: str) -> Process:
        process = Process(
            name,
            [sys.executable, *args],
            self.directory / "logs" / f"{name}.log",
            self.env(**env),
        )
        self.processes[name] = process
        return process

    # --- Redis -------------------------------------------------------------------------------

    def start_redis(self) -> None:
        """Start (or start again) this cluster's Redis on its port, and wait until it answers."""
        if "redis" not in self.processes:
            self.processes["redis"] = Process(
                "redis",
                [REDIS_SERVER, "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--daemonize", "no", "--dir", str(self.directory)],
                self.directory / "logs" / "redis.log", dict(os.environ),
            )  # fmt: skip
        self.processes["redis"].start()
        wait_for(self._redis_answers, timeout=20, what="redis-server answering PING")

    def stop_redis(self) -> None:
        """Stop Redis (what it held is gone: nothing is persisted)."""
        self.processes["redis"].stop()

    def redis(self):
        import redis

        return redis.Redis(port=self.redis_port, socket_timeout=5)

    def _redis_answers(self) -> bool:
        try:
            return bool(self.redis().ping())
        except Exception:  # noqa: BLE001 (not up yet)
            return False

    # --- web replicas and nginx ------------------------------------------------------------------

    @property
    def replica_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.replica_ports]

    def start_replica(self, index: int, *, wait: bool = True, **env: str) -> None:
        """Start web replica ``index`` on its port, as insignia-web@<port>.service does; ``env`` overrides settings."""
        self._process(
            f"web{index + 1}",
            ["-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py"),
             "--bind", f"127.0.0.1:{self.replica_ports[index]}", "config.wsgi"],
            **env,
        ).start()  # fmt: skip
        if wait:
            self.wait_for_replica(index)

    def add_replica(self, **env: str) -> int:
        """Start one more replica (not in nginx's upstream: reach it with ``via=``); return its index."""
        self.replica_ports.append(free_port())
        index = len(self.replica_ports) - 1
        self.start_replica(index, **env)
        return index

    def stop_replica(self, index: int) -> None:
        """Stop web replica ``index`` gracefully (SIGTERM: requests in hand finish)."""
        self.processes[f"web{index + 1}"].stop()

    def wait_for_replica(self, index: int, timeout: float = 60) -> None:
        wait_for(
            lambda: self._answers(f"{self.replica_urls[index]}/healthz", direct=True),
            timeout=timeout,
            what=f"web replica {index + 1}'s /healthz",
        )

    def wait_until_nginx_uses(self, index: int, timeout: float = 30) -> None:
        """Wait until nginx sends requests to replica ``index`` again (its passive health check let it back)."""
        name = f"web{index + 1}"

        def reached() -> bool:
            marker = f"probe-{secrets.token_hex(6)}"
            for _ in range(4):  # round robin: a few requests reach each live replica
                self.request(
                    "GET",
                    self.url("/healthz"),
                    headers={"X-Request-ID": marker},
                    count=False,
                )
            time.sleep(0.2)  # the access log line is written after the answer
            return marker in self.log(name)

        wait_for(
            reached,
            timeout=timeout,
            what=f"nginx sending requests to {name}",
            every=0.5,
        )

    def _answers(self, url: str, *, direct: bool = False) -> bool:
        try:
            return self.request("GET", url, direct=direct, count=False).status == 200
        except urllib3.exceptions.HTTPError:
            return False

    def _make_certificate(self) -> None:
        """A test CA and a certificate it signed for 127.0.0.1 (tests/https_site.py): nginx serves it, the client trusts the CA."""
        from tests.https_site import pem_files

        self.certificate, self.server_certificate, self.server_key = pem_files(
            self.directory / "nginx"
        )

    def _start_nginx(self) -> None:
        here = self.directory / "nginx"
        (here / "insignia.conf").write_text(self.render_nginx_site())
        user = "user root root;\n" if os.geteuid() == 0 else ""
        temp = "\n".join(
            f"    {kind}_temp_path {here / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (here / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 2;\npid {here / 'nginx.pid'};\n"
            f"error_log {self.directory / 'logs' / 'nginx-error.log'} info;\n"
            "events { worker_connections 1024; }\n"
            "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    sendfile on;\n    gzip on;\n{temp}\n    include {here / 'insignia.conf'};\n}}\n"
        )
        argv = [
            NGINX,
            "-p",
            str(here),
            "-c",
            str(here / "nginx.conf"),
            "-e",
            str(self.directory / "logs" / "nginx-error.log"),
        ]
        checked = subprocess.run([*argv, "-t"], capture_output=True, text=True)  # noqa: S603
        if checked.returncode:
            raise RuntimeError(f"nginx -t refused the rendered site:\n{checked.stderr}")
        process = Process(
            "nginx", argv, self.directory / "logs" / "nginx.log", dict(os.environ)
        )
        self.processes["nginx"] = process.start()

    def render_nginx_site(self) -> str:
        """Return deploy/nginx/insignia.conf with this machine's ports, certificate and paths.

        Every rewrite must find its text, so a change to the site that the
        tests no longer exercise fails here rather than passing unseen.
        """
        site = (DEPLOY / "nginx" / "insignia.conf").read_text()
        logs, here = self.directory / "logs", self.directory / "nginx"
        rewrites = [
            ("server 127.0.0.1:8001 ", f"server 127.0.0.1:{self.replica_ports[0]} "),
            ("server 127.0.0.1:8002 ", f"server 127.0.0.1:{self.replica_ports[1]} "),
            ("    listen [::]:80;\n", ""),
            ("    listen [::]:443 ssl http2;\n", ""),
            ("listen 80;", f"listen 127.0.0.1:{self.http_port};"),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{self.https_port} ssl http2;"),
            (
                "/etc/letsencrypt/live/badges.example.org/fullchain.pem",
                str(self.server_certificate),
            ),
            (
                "/etc/letsencrypt/live/badges.example.org/privkey.pem",
                str(self.server_key),
            ),
            ("/var/log/nginx/", f"{logs}/nginx-"),
            ("/srv/insignia/staticfiles/", f"{self.directory / 'static'}/"),
            ("/var/www/html", str(here)),
        ]
        for old, new in rewrites:
            if old not in site:
                raise AssertionError(
                    f"deploy/nginx/insignia.conf no longer contains {old!r}"
                )
            site = site.replace(old, new)
        return site

    # --- PgBouncer --------------------------------------------------------------------------------

    def start_pgbouncer(self, *, pool_size: int) -> str:
        """Start Debian's PgBouncer in transaction mode before the cluster's database; return its DATABASE_URL.

        It keeps at most ``pool_size`` connections to PostgreSQL, whatever the
        number of clients (deploy/README.md, "Database connections").
        """
        # PgBouncer will not run as root: as postgres, in a directory that user owns.
        here = Path(tempfile.mkdtemp(prefix="insignia-pgbouncer-"))
        self._pgbouncer_directory = here
        port = free_port()
        (here / "users.txt").write_text('"postgres" ""\n')
        (here / "pgbouncer.ini").write_text(
            f"[databases]\n{self.database} = host=127.0.0.1 port=5432 dbname={self.database} user=postgres\n"
            f"[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {here / 'users.txt'}\nadmin_users = postgres\n"
            f"pool_mode = transaction\ndefault_pool_size = {pool_size}\nmax_client_conn = 500\n"
            f"pidfile = {here / 'pgbouncer.pid'}\nignore_startup_parameters = extra_float_digits\n"
        )
        argv = [
            shutil.which("pgbouncer") or "/usr/sbin/pgbouncer",
            str(here / "pgbouncer.ini"),
        ]
        if os.geteuid() == 0:
            for path in [here, *here.iterdir()]:
                shutil.chown(path, "postgres")
            argv[1:1] = ["-u", "postgres"]
        process = Process(
            "pgbouncer",
            argv,
            self.directory / "logs" / "pgbouncer.log",
            dict(os.environ),
        )
        self.processes["pgbouncer"] = process.start()
        url = f"postgres://postgres@127.0.0.1:{port}/{self.database}"

        def answers() -> bool:
            try:
                with psycopg.connect(url, connect_timeout=2, prepare_threshold=None):
                    return True
            except psycopg.Error:
                return False

        wait_for(answers, timeout=20, what="PgBouncer answering")
        return url

    def pgbouncer_pools(self, url: str) -> list[dict[str, str]]:
        """Return PgBouncer's SHOW POOLS (its admin console speaks the simple query protocol only)."""
        admin = url.rsplit("/", 1)[0] + "/pgbouncer"
        with psycopg.connect(admin, autocommit=True) as db:
            result = db.pgconn.exec_(b"SHOW POOLS")
            names = [result.fname(i).decode() for i in range(result.nfields)]
            return [
                {
                    names[i]: (result.get_value(row, i) or b"").decode()
                    for i in range(result.nfields)
                }
                for row in range(result.ntuples)
            ]

    # --- Celery --------------------------------------------------------------------------------

    def start_worker(self, name: str, *, wait: bool = True) -> Process:
        """Start Celery worker ``name`` (prefork, 2 processes), as insignia-worker@.service does."""
        process = self._process(
            name,
            ["-m", "celery", "-A", "config", "worker", "--loglevel=INFO", f"--hostname={name}@%h",
             "--concurrency=2", "--without-gossip", "--without-mingle"],
        ).start()  # fmt: skip
        if wait:
            self.wait_for_worker(name)
        return process

    def kill_worker(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Kill worker ``name`` and its pool processes at once (as a machine or container dies)."""
        process = self.processes[name]
        process.kill(sig)
        process.popen.wait(timeout=10)

    def celery(self):
        """A Celery app on this cluster's broker, for inspecting and pinging its workers."""
        if not hasattr(self, "_celery"):
            from celery import Celery

            self._celery = Celery(
                "reliability", broker=f"redis://127.0.0.1:{self.redis_port}/0"
            )
        return self._celery

    def worker_name(self, name: str) -> str:
        return f"{name}@{socket.gethostname()}"

    def wait_for_worker(self, name: str, timeout: float = 60) -> None:
        def answers() -> bool:
            if not self.processes[name].running:
                raise RuntimeError(f"Celery worker {name} exited; see its log")
            return bool(
                self.celery().control.ping(
                    destination=[self.worker_name(name)], timeout=0.5
                )
            )

        wait_for(answers, timeout=timeout, what=f"Celery worker {name} answering ping")

    def tasks_in_hand(self) -> dict[str, list[dict]]:
        """Return each worker's active and reserved tasks (worker name -> task descriptions)."""
        inspect = self.celery().control.inspect(timeout=1)
        held: dict[str, list[dict]] = {}
        for answer in (inspect.active() or {}, inspect.reserved() or {}):
            for worker, tasks in answer.items():
                held.setdefault(worker, []).extend(tasks)
        return held

    def wait_until_idle(self, timeout: float = 120, *, outbox: bool = True) -> None:
        """Wait until no task waits or runs: an empty queue (and outbox), no worker holding one, twice in a row.

        ``outbox=False`` after a worker was killed: the messages it held stay
        pending in the outbox until their lease ends (OUTBOX_LEASE_SECONDS).
        """

        def idle() -> bool:
            waiting = self.redis().llen(CELERY_QUEUE)
            pending = self.outbox_pending() if outbox else 0
            held = sum(len(t) for t in self.tasks_in_hand().values())
            return waiting == 0 and pending == 0 and held == 0

        def idle_twice() -> bool:
            if not idle():
                return False
            time.sleep(0.5)
            return idle()

        wait_for(idle_twice, timeout=timeout, what="the task queue draining", every=0.5)

    def outbox_pending(self) -> int:
        """Return the outbox messages not yet done (0 while the outbox app is not installed)."""
        exists = self.sql("SELECT to_regclass('outbox_outboxmessage') IS NOT NULL")[0][
            0
        ]
        if not exists:
            return 0
        return self.sql(
            "SELECT count(*) FROM outbox_outboxmessage WHERE status = 'pending'"
        )[0][0]

    # --- HTTP --------------------------------------------------------------------------------------

    def url(self, path: str) -> str:
        """The URL of ``path`` through nginx (HTTPS)."""
        return f"https://127.0.0.1:{self.https_port}{path}"

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        direct: bool = False,
        count: bool = True,
    ) -> Response:
        """Send one request; ``direct`` adds the header nginx would add for a replica."""
        headers = dict(headers or {})
        if direct:
            headers.setdefault("X-Forwarded-Proto", "https")
        answer = self.http.request(
            method, url, body=body, headers=headers, redirect=False
        )
        response = Response(answer.status, dict(answer.headers), answer.data)
        if count:
            with self._lock:
                self.statuses[response.status] += 1
        return response

    def api(
        self,
        method: str,
        path: str,
        payload: Any = None,
        *,
        via: int | None = None,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ) -> Response:
        """Call the API as the seeded owner: through nginx, or at replica ``via`` (0 or 1)."""
        headers = {"Authorization": f"Token {self.seed['token']}", **(headers or {})}
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        base = self.url("") if via is None else self.replica_urls[via]
        return self.request(
            method, f"{base}{path}", body=body, headers=headers, direct=via is not None
        )

    def sent_emails(self, recipient: str = r"\S+") -> list[str]:
        """Return the recipient of every e-mail sent so far (file backend), once per message, matching ``recipient``."""
        folder = self.directory / "outbox"
        pattern = re.compile(rf"^To: ({recipient})\s*$", re.MULTILINE)
        return [
            m
            for path in sorted(folder.glob("*.log"))
            for m in pattern.findall(path.read_text(errors="replace"))
        ]

    # --- PostgreSQL --------------------------------------------------------------------------------

    def sql(self, query: str, params: tuple | list = ()) -> list[tuple]:
        """Run one query on the cluster's database (its own connection) and return the rows."""
        with psycopg.connect(
            f"{self.database_server}/{self.database}", autocommit=True
        ) as db:
            cursor = db.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def terminate_connections(self) -> int:
        """Cut every connection the cluster's processes hold to its database (as a failover does)."""
        with psycopg.connect(f"{self.database_server}/postgres", autocommit=True) as db:
            rows = db.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (self.database,),
            ).fetchall()
        return len(rows)

    # --- logs -----------------------------------------------------------------------------------

    def logs(self, tail: int = 200) -> str:
        """Return every server error of the web replicas in full, then the last ``tail`` lines of every log."""
        parts = [
            "----- server errors of the web replicas -----",
            *self.server_errors(context=40),
        ]
        for path in sorted((self.directory / "logs").glob("*.log")):
            lines = path.read_text(errors="replace").splitlines()
            parts.append(
                f"----- {path.name} (last {min(tail, len(lines))} of {len(lines)} lines) -----"
            )
            parts.extend(lines[-tail:])
        return "\n".join(parts)

    def log(self, name: str) -> str:
        """Return the whole log of process ``name`` (web1, web2, w1, beat, nginx, nginx-insignia.access, ...)."""
        path = self.directory / "logs" / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def server_errors(self, *, context: int = 0) -> list[str]:
        """Return the lines of the web replicas' logs that report a server error (a 5xx or a traceback).

        ``context`` adds that many lines after each (the traceback that follows).
        """
        found = []
        for name in (f"web{i + 1}" for i in range(len(self.replica_ports))):
            lines = self.log(name).splitlines()
            for number, line in enumerate(lines):
                if re.search(
                    r"Internal Server Error|^Traceback|\"status\": 5\d\d", line
                ):
                    found.append(f"{name}: {line}")
                    found.extend(
                        f"{name}:   {more}"
                        for more in lines[number + 1 : number + 1 + context]
                    )
        return found
