"""An S3-protocol server on a local port (moto's standalone server), a bucket, and the app pointed at it.

The server is a real process (``python -m moto.server``) on a free
127.0.0.1 port; the app reaches it through ``STORAGE_URL`` parsing
(``config.storage``), exactly as a deployment would, and the tests read the
bucket back with their own boto3 client, not through the app's storage.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from config.storage import default_storage_entry

ACCESS_KEY = "insignia-test"
# A secret with the characters AWS secrets have, URL-quoted in STORAGE_URL.
SECRET_KEY = "test/se+cret"  # noqa: S105
QUOTED_SECRET = "test%2Fse%2Bcret"  # noqa: S105
REGION = "eu-north-1"


class MotoServer:
    """moto's S3 server as a child process: start, stop (kill), and a client of our own."""

    def __init__(self, log_dir: Path) -> None:
        self.log_path = log_dir / "moto.log"
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, startup_seconds: float = 60) -> None:
        self.port = _free_port()
        self._log = self.log_path.open("a")
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                str(self.port),
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + startup_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto.server exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.endpoint, timeout=1):  # noqa: S310 (127.0.0.1)
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(
            f"moto.server did not answer in {startup_seconds} s; see {self.log_path}"
        )

    def stop(self) -> None:
        """Kill the server (its buckets go with it): the storage is down."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self._log.close()

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def create_bucket(self) -> str:
        name = f"insignia-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        return name

    def storage_url(self, bucket: str) -> str:
        return (
            f"s3://{ACCESS_KEY}:{QUOTED_SECRET}@127.0.0.1:{self.port}/{bucket}"
            f"?region={REGION}&secure=false"
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Bucket:
    """The bucket the app writes to, read with the tests' own client."""

    def __init__(self, server: MotoServer, name: str) -> None:
        self.server = server
        self.name = name

    def read(self, key: str) -> bytes:
        return self.server.client().get_object(Bucket=self.name, Key=key)["Body"].read()

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.server.client().list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(entry["Key"] for entry in listing.get("Contents", ()))

    def delete(self, key: str) -> None:
        self.server.client().delete_object(Bucket=self.name, Key=key)


def point_storage_at(settings, server: MotoServer, bucket: str) -> None:
    """Set STORAGES as config/settings.py would for STORAGE_URL."""
    settings.STORAGES = {
        "default": default_storage_entry(
            storage_url=server.storage_url(bucket),
            aws={},
            media_root=settings.MEDIA_ROOT,
        ),
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory):
    server = MotoServer(tmp_path_factory.mktemp("moto"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def media_root(settings, tmp_path):
    """An empty MEDIA_ROOT of the test's own: with object storage nothing may land in it."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def server(moto_server) -> MotoServer:
    """The S3 server the test's bucket is on: the session's, unless a module brings its own."""
    return moto_server


@pytest.fixture
def bucket(settings, server, media_root) -> Bucket:
    """A fresh bucket, and the app's default storage pointed at it through STORAGE_URL."""
    name = server.create_bucket()
    point_storage_at(settings, server, name)
    return Bucket(server, name)


@pytest.fixture
def cast(bucket, db):
    """The usual cast (tests/conftest.py), its images written to the bucket."""
    from tests.factories import make_cast

    return make_cast()
