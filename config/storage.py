"""Where uploaded files live: S3-protocol object storage when configured, MEDIA_ROOT otherwise.

Issuer logos and badge-class images are the only uploaded files (a bulk CSV
is parsed into rows and not kept; imported wallet images live in the
database). On one machine they sit on local disk under ``MEDIA_ROOT``; with
several web replicas every replica must see the same files, so they go to an
S3-protocol bucket through django-storages (AWS S3, MinIO, Garage, Ceph,
Scaleway, Hetzner, ...).

Object storage is switched on by ``STORAGE_URL``::

    s3://ACCESS_KEY:SECRET@HOST[:PORT]/BUCKET[/PREFIX]?region=eu-north-1

* ``ACCESS_KEY`` and ``SECRET`` are URL-quoted (a ``/`` in an AWS secret is
  ``%2F``, ``+`` is ``%2B``, ``@`` is ``%40``). Leave both out
  (``s3://HOST/BUCKET``) to use boto3's own chain (``AWS_ACCESS_KEY_ID`` in
  the environment, an instance or pod role).
* ``HOST[:PORT]`` is the S3 endpoint. Leave it out (``s3:///BUCKET`` or
  ``s3://KEY:SECRET@/BUCKET``) for AWS itself, found from ``region``.
* ``PREFIX`` (optional) keeps every object under that folder of the bucket.
* Query parameters, all optional:
  ``region`` (default: the endpoint's; ``us-east-1`` for most servers),
  ``secure`` (``true``; ``false`` talks plain HTTP to the endpoint, for a
  server on the same host or private network),
  ``addressing`` (``path`` when a host is given, since most S3-compatible
  servers have no wildcard DNS; ``virtual`` or ``auto`` otherwise),
  ``custom_domain`` (the host a public CDN serves the bucket under; only
  used by ``FieldFile.url``, which the app itself never relies on).

The same settings can be given with the usual names instead
(``AWS_STORAGE_BUCKET_NAME``, ``AWS_S3_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``,
``AWS_SECRET_ACCESS_KEY``, ``AWS_S3_REGION_NAME``, ``AWS_LOCATION``,
``AWS_S3_ADDRESSING_STYLE``, ``AWS_S3_CUSTOM_DOMAIN``); setting a bucket both
ways is refused, so there is never a question which one wins.

Objects are written with the ``private`` ACL and read back by the app, which
serves every image at the stable URL signed into credentials
(``<issuer>/image``, ``<badge class>/image``) with its own cache headers. So
the bucket never has to be public and no pre-signed URLs are handed out
(``querystring_auth`` off): a URL that expires must never end up in a
credential, a page cached by a CDN or a learner's backpack.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

S3_BACKEND = "storages.backends.s3.S3Storage"
FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"
# The usual django-storages names, read from the environment by config/settings.py.
AWS_NAMES = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_S3_REGION_NAME",
    "AWS_LOCATION",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_S3_CUSTOM_DOMAIN",
)
URL_PARAMETERS = ("region", "secure", "addressing", "custom_domain")
ADDRESSING_STYLES = ("path", "virtual", "auto")
# Seconds. An image view waits at most about CONNECT + READ per attempt for a
# storage that does not answer, instead of botocore's 60 + 60 with retries.
CONNECT_TIMEOUT = 3
READ_TIMEOUT = 10
ATTEMPTS = 2  # in all: one retry
PROBE_TIMEOUT = 2

_FORM = "s3://ACCESS_KEY:SECRET@HOST:PORT/BUCKET?region=..."


def _bad(problem: str) -> ImproperlyConfigured:
    # The URL itself is never repeated: it carries the secret key.
    return ImproperlyConfigured(f"STORAGE_URL {problem} (expected {_FORM}).")


def parse_storage_url(url: str) -> dict[str, Any]:
    """Return the S3Storage options that ``url`` describes; raise ImproperlyConfigured if malformed."""
    parts = urlsplit(url.strip())
    if parts.scheme != "s3":
        raise _bad(f"must start with s3://, not {parts.scheme or 'nothing'}://")
    if "@" in parts.path:
        raise _bad("has an @ in its path: URL-quote the secret (/ as %2F, @ as %40)")
    try:
        port = parts.port
    except ValueError:
        raise _bad("is not a valid URL or its port is not a number") from None
    if parts.fragment:
        raise _bad("must not have a #fragment")
    bucket, _, prefix = unquote(parts.path.lstrip("/")).partition("/")
    if not bucket:
        raise _bad("names no bucket: put it in the path, s3://HOST/BUCKET")
    params = _parameters(parts.query)
    access_key, secret_key = _credentials(parts)
    host = parts.hostname
    secure = _boolean(params.get("secure", "true"))
    if host is None and not secure:
        raise _bad("says secure=false but names no host")
    addressing = params.get("addressing", "path" if host else "auto")
    if addressing not in ADDRESSING_STYLES:
        raise _bad(f"addressing must be one of {', '.join(ADDRESSING_STYLES)}")
    endpoint = None
    if host is not None:
        netloc = f"[{host}]" if ":" in host else host
        netloc += f":{port}" if port else ""
        endpoint = f"{'https' if secure else 'http'}://{netloc}"
    return s3_options(
        bucket=bucket,
        endpoint_url=endpoint,
        access_key=access_key,
        secret_key=secret_key,
        region=params.get("region") or None,
        location=prefix.strip("/"),
        addressing=addressing,
        custom_domain=params.get("custom_domain") or None,
    )


def _parameters(query: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise _bad("has a malformed query string") from None
    params: dict[str, str] = {}
    for name, value in pairs:
        if name not in URL_PARAMETERS:
            raise _bad(
                f"has an unknown parameter {name!r} (known: {', '.join(URL_PARAMETERS)})"
            )
        if name in params:
            raise _bad(f"gives {name!r} twice")
        params[name] = value
    return params


def _credentials(parts) -> tuple[str | None, str | None]:
    if parts.username is None and parts.password is None:
        return None, None
    access_key = unquote(parts.username or "")
    secret_key = unquote(parts.password or "")
    if not access_key or not secret_key:
        raise _bad(
            "must give both the access key and the secret (ACCESS_KEY:SECRET@), or neither"
        )
    return access_key, secret_key


def _boolean(value: str) -> bool:
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise _bad(f"secure must be true or false, not {value!r}")


def s3_options(
    *,
    bucket: str,
    endpoint_url: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    region: str | None = None,
    location: str = "",
    addressing: str = "auto",
    custom_domain: str | None = None,
) -> dict[str, Any]:
    """Return the S3Storage options for one bucket, with the house's choices made.

    The choices: private objects (``default_acl``), no pre-signed URLs
    (``querystring_auth``), existing names kept rather than replaced by
    another upload (``file_overwrite`` off: stored names are content-addressed,
    see ``issuers.stored_images``, so a name never changes meaning), SigV4,
    and short timeouts with one retry so that a storage outage answers quickly.
    """
    from botocore.config import Config

    options: dict[str, Any] = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": False,
        "file_overwrite": False,
        "location": location,
        "client_config": Config(
            s3={"addressing_style": addressing},
            signature_version="s3v4",
            connect_timeout=CONNECT_TIMEOUT,
            read_timeout=READ_TIMEOUT,
            retries={"total_max_attempts": ATTEMPTS, "mode": "standard"},
        ),
    }
    optional = {
        "endpoint_url": endpoint_url,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": region,
        "custom_domain": custom_domain,
    }
    options.update({name: value for name, value in optional.items() if value})
    return options


def default_storage_entry(
    *, storage_url: str, aws: Mapping[str, str], media_root: Path | str
) -> dict[str, Any]:
    """Return ``STORAGES["default"]``: S3 from ``storage_url`` or the AWS_* names, else local disk.

    ``aws`` maps the names in ``AWS_NAMES`` to their values ("" when unset).
    Raise ImproperlyConfigured for a malformed URL or a bucket given both ways.
    """
    bucket = aws.get("AWS_STORAGE_BUCKET_NAME", "")
    if storage_url.strip() and bucket:
        raise ImproperlyConfigured(
            "Set STORAGE_URL or AWS_STORAGE_BUCKET_NAME, not both."
        )
    if storage_url.strip():
        return {"BACKEND": S3_BACKEND, "OPTIONS": parse_storage_url(storage_url)}
    if bucket:
        return {"BACKEND": S3_BACKEND, "OPTIONS": _aws_options(aws)}
    return {"BACKEND": FILESYSTEM_BACKEND, "OPTIONS": {"location": str(media_root)}}


def _aws_options(aws: Mapping[str, str]) -> dict[str, Any]:
    endpoint = aws.get("AWS_S3_ENDPOINT_URL", "")
    if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
        raise ImproperlyConfigured(
            "AWS_S3_ENDPOINT_URL must be an http:// or https:// URL."
        )
    addressing = aws.get("AWS_S3_ADDRESSING_STYLE") or ("path" if endpoint else "auto")
    if addressing not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"AWS_S3_ADDRESSING_STYLE must be one of {', '.join(ADDRESSING_STYLES)}."
        )
    if bool(aws.get("AWS_ACCESS_KEY_ID")) != bool(aws.get("AWS_SECRET_ACCESS_KEY")):
        raise ImproperlyConfigured(
            "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither."
        )
    return s3_options(
        bucket=aws["AWS_STORAGE_BUCKET_NAME"],
        endpoint_url=endpoint or None,
        access_key=aws.get("AWS_ACCESS_KEY_ID") or None,
        secret_key=aws.get("AWS_SECRET_ACCESS_KEY") or None,
        region=aws.get("AWS_S3_REGION_NAME") or None,
        location=aws.get("AWS_LOCATION", "").strip("/"),
        addressing=addressing,
        custom_domain=aws.get("AWS_S3_CUSTOM_DOMAIN") or None,
    )


# --- Reading, and telling an outage from a missing file ---------------------------------


class StorageUnavailable(Exception):
    """The storage did not answer, or answered with an error other than "no such file"."""


def read_stored(field_file) -> bytes:
    """Return the bytes of a stored file.

    Raise FileNotFoundError when the storage says the file is not there, and
    StorageUnavailable when it cannot be asked (down, refusing, timing out,
    denying access), so that a view can answer 404 or 503, never 500.
    """
    try:
        with field_file.storage.open(field_file.name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise
    except Exception as exc:  # noqa: BLE001 (botocore, OSError, ...: every other failure is an outage)
        if _is_missing(exc):
            raise FileNotFoundError(field_file.name) from exc
        logger.warning(
            "Storage read of %s failed: %s", field_file.name, describe_error(exc)
        )
        raise StorageUnavailable(describe_error(exc)) from exc


def _is_missing(exc: Exception) -> bool:
    """Return True for S3's "no such key" (a read after open can still report it)."""
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return False
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    code = response.get("Error", {}).get("Code")
    return status == 404 or code in ("NoSuchKey", "404", "NotFound")


def describe_error(exc: Exception) -> str:
    """A short description without secrets: the error's class, and S3's error code if any."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and response.get("Error", {}).get("Code"):
        return f"{type(exc).__name__} {response['Error']['Code']}"
    return type(exc).__name__


# --- Readiness ---------------------------------------------------------------------------


def check_storage(timeout: float = PROBE_TIMEOUT) -> tuple[bool, str]:
    """Return (ready, description) for the default storage; never raise.

    For S3 this is one HeadBucket request, with connect and read timeouts of
    ``timeout`` seconds and no retry (the credentials need ``s3:ListBucket``
    on the bucket); for local
    disk, whether MEDIA_ROOT is a writable directory (or can be created).
    The description names the backend and bucket or folder, never a key.
    """
    try:
        from django.core.files.storage import storages

        return _probe(storages["default"], timeout)
    except Exception as exc:  # noqa: BLE001 (a readiness probe reports, it does not raise)
        return False, f"storage check failed: {describe_error(exc)}"


def _probe(storage, timeout: float) -> tuple[bool, str]:
    from django.core.files.storage import FileSystemStorage

    if isinstance(storage, FileSystemStorage):
        return _probe_directory(Path(storage.location))
    bucket = getattr(storage, "bucket_name", None)
    if bucket is None:
        storage.exists("readyz-probe")
        return True, f"{type(storage).__name__} answers"
    endpoint = urlsplit(storage.endpoint_url or "")
    where = f"bucket {bucket!r}" + (
        f" at {endpoint.hostname}:{endpoint.port or endpoint.scheme}"
        if endpoint.hostname
        else ""
    )
    try:
        _probe_client(storage, timeout).head_bucket(Bucket=bucket)
    except Exception as exc:  # noqa: BLE001
        return False, f"object storage {where} does not answer: {describe_error(exc)}"
    return True, f"object storage {where} answers"


def _probe_directory(location: Path) -> tuple[bool, str]:
    import os

    existing = location
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        return False, f"local storage {location} is not a writable directory"
    return True, f"local storage {location}"


def _probe_client(storage, timeout: float):
    """A client of the storage's own session with a short budget and no retry, kept per storage."""
    client = getattr(storage, "_readiness_client", None)
    if client is None:
        from botocore.config import Config

        config = storage.client_config.merge(
            Config(
                connect_timeout=timeout,
                read_timeout=timeout,
                retries={"total_max_attempts": 1, "mode": "standard"},
            )
        )
        client = storage._create_session().client(
            "s3",
            region_name=storage.region_name,
            use_ssl=storage.use_ssl,
            endpoint_url=storage.endpoint_url,
            config=config,
            verify=storage.verify,
        )
        storage._readiness_client = client
    return client
