"""gunicorn settings for one Insignia web replica (deploy/README.md).

    gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001 config.wsgi

``insignia-web@.service`` runs one replica per port this way. The numbers come
from the environment (the systemd unit's EnvironmentFile), so a machine is
sized without editing this file:

    GUNICORN_WORKERS   processes per replica (default: the CPU count, at least 2)
    GUNICORN_THREADS   threads per process (default 4)
    GUNICORN_TIMEOUT   seconds a request may take before its worker is restarted (60)
    FORWARDED_ALLOW_IPS  the proxies whose X-Forwarded-* headers are believed
                         (default 127.0.0.1,::1: nginx on the same machine)

Signing happens inside the award request and is CPU work, so processes
(workers) give the parallelism; threads cover the time a request waits for
PostgreSQL or Redis. Each thread holds at most one database connection, so a
replica uses up to WORKERS x THREADS connections (the arithmetic is in
deploy/README.md, "Database connections").
"""

from __future__ import annotations

import json
import os
import traceback
from datetime import UTC, datetime

from gunicorn.glogging import Logger

wsgi_app = "config.wsgi:application"
bind = ["127.0.0.1:8000"]  # --bind on the command line (the unit's port) wins

workers = int(os.environ.get("GUNICORN_WORKERS") or max(2, os.cpu_count() or 1))
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
worker_class = "gthread"

# A request still running after ``timeout`` seconds has its worker restarted
# (a CSV of 20,000 rows is parsed and checked inside its upload request).
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
# On SIGTERM (systemctl stop/restart) workers finish the requests in hand for
# up to this long; the unit's TimeoutStopSec is longer.
graceful_timeout = 30
# Idle keep-alive connections from nginx stay open longer than nginx keeps
# them (its upstream keepalive_timeout, 60 s): otherwise gunicorn could close
# one just as nginx sends a POST on it, and a POST is never retried.
keepalive = 75
# Recycle each process after about 2,000 requests (memory growth stays bounded).
max_requests = 2000
max_requests_jitter = 200

# X-Forwarded-Proto from these addresses sets the request's scheme.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The heartbeat file on a RAM disk (a disk-backed /tmp can stall workers).
_SHM = "/dev/shm"  # noqa: S108 (gunicorn's documented heartbeat place, not a temp file)
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None
# gunicorn's control socket has one default path for every replica of a
# machine: it is opened only where a path is given (one per replica).
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

accesslog = "-"  # stdout: the journal, one JSON object per line
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def logged_path(path: str) -> str:
    """Return ``path`` with its token segments (claim, share, invitation links) blanked.

    The app's own rule (config/logs.py), so the access log and the app's log
    hide the same segments; the nginx site hides them in its log too.
    """
    from config.logs import blank_tokens

    return blank_tokens(path)


class JsonAccessLogger(Logger):
    """gunicorn's logger, writing each request as one JSON object (no query string: it may hold secrets)."""

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        try:
            self.access_log.info(json.dumps(self.entry(resp, environ, request_time)))
        except Exception:  # noqa: BLE001 (a log line must never fail a request)
            self.error(traceback.format_exc())

    @staticmethod
    def entry(resp, environ, request_time) -> dict:
        """Return the logged fields of one request; the id is the one the app answered with."""
        answered = {name.lower(): value for name, value in resp.headers}
        status = (
            resp.status.split(None, 1)[0]
            if isinstance(resp.status, str)
            else resp.status
        )
        return {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "request_id": answered.get(
                "x-request-id", environ.get("HTTP_X_REQUEST_ID", "")
            ),
            "method": environ.get("REQUEST_METHOD", ""),
            "path": logged_path(environ.get("PATH_INFO", "")),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "client": environ.get(
                "HTTP_X_FORWARDED_FOR", environ.get("REMOTE_ADDR", "")
            ),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "pid": os.getpid(),
        }


logger_class = JsonAccessLogger


def child_exit(server, worker) -> None:
    """Tell the metrics module a worker process is gone (PROMETHEUS_MULTIPROC_DIR's files)."""
    try:
        from config.metrics import gunicorn_child_exit
    except (ImportError, AttributeError):
        return
    gunicorn_child_exit(server, worker)
