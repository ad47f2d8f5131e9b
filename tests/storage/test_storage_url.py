"""STORAGE_URL and the AWS_* names: the forms that work, and a clear message for those that do not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.storage import (
    FILESYSTEM_BACKEND,
    S3_BACKEND,
    check_storage,
    default_storage_entry,
    parse_storage_url,
)

ROOT = Path(__file__).resolve().parents[2]
SECRET = "SECRETVALUE"  # noqa: S105 (never to appear in an error message)


def picked(options: dict) -> dict:
    names = (
        "bucket_name",
        "endpoint_url",
        "access_key",
        "secret_key",
        "region_name",
        "location",
        "custom_domain",
    )
    chosen = {name: options.get(name) for name in names}
    chosen["addressing"] = options["client_config"].s3["addressing_style"]
    return chosen


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "s3://AK:SK@127.0.0.1:9000/images?region=eu-north-1&secure=false",
            {"bucket_name": "images", "endpoint_url": "http://127.0.0.1:9000", "access_key": "AK", "secret_key": "SK",
             "region_name": "eu-north-1", "location": "", "custom_domain": None, "addressing": "path"},
        ),
        (
            "s3://AK:se%2Fcr%2Bet%40x@objects.example.lv/insignia/media/images/",
            {"bucket_name": "insignia", "endpoint_url": "https://objects.example.lv", "access_key": "AK",
             "secret_key": "se/cr+et@x", "region_name": None, "location": "media/images", "custom_domain": None,
             "addressing": "path"},
        ),
        (
            "s3:///insignia?region=eu-north-1",
            {"bucket_name": "insignia", "endpoint_url": None, "access_key": None, "secret_key": None,
             "region_name": "eu-north-1", "location": "", "custom_domain": None, "addressing": "auto"},
        ),
        (
            "s3://AK:SK@/insignia?region=eu-north-1&addressing=virtual&custom_domain=img.example.lv",
            {"bucket_name": "insignia", "endpoint_url": None, "access_key": "AK", "secret_key": "SK",
             "region_name": "eu-north-1", "location": "", "custom_domain": "img.example.lv", "addressing": "virtual"},
        ),
        (
            "s3://[::1]:9000/b?secure=false",
            {"bucket_name": "b", "endpoint_url": "http://[::1]:9000", "access_key": None, "secret_key": None,
             "region_name": None, "location": "", "custom_domain": None, "addressing": "path"},
        ),
    ],
)  # fmt: skip
def test_a_good_storage_url_gives_the_s3_options(url, expected):
    options = parse_storage_url(url)
    assert picked(options) == expected
    assert (
        options["default_acl"],
        options["querystring_auth"],
        options["file_overwrite"],
    ) == ("private", False, False)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (f"https://AK:{SECRET}@host/bucket", "must start with s3://, not https://"),
        (f"AK:{SECRET}@host/bucket", "must start with s3://"),
        (f"s3://AK:{SECRET}@host", "names no bucket"),
        (f"s3://AK:{SECRET}@host/", "names no bucket"),
        (f"s3://AK:{SECRET}@host:ninety/bucket", "port is not a number"),
        (f"s3://AK:{SECRET}@host:99999/bucket", "port is not a number"),
        ("s3://AK@host/bucket", "both the access key and the secret"),
        (
            f"s3://AK:{SECRET}/x@host/bucket",
            "URL-quote the secret (/ as %2F, @ as %40)",
        ),
        (f"s3://:{SECRET}@host/bucket", "both the access key and the secret"),
        (
            f"s3://AK:{SECRET}@host/bucket?regoin=eu-north-1",
            "unknown parameter 'regoin'",
        ),
        (f"s3://AK:{SECRET}@host/bucket?secure=maybe", "secure must be true or false"),
        (
            f"s3://AK:{SECRET}@host/bucket?addressing=sideways",
            "addressing must be one of path, virtual, auto",
        ),
        (f"s3://AK:{SECRET}@/bucket?secure=false", "names no host"),
        (f"s3://AK:{SECRET}@host/bucket?region=a&region=b", "gives 'region' twice"),
        (f"s3://AK:{SECRET}@host/bucket?region", "malformed query string"),
        (f"s3://AK:{SECRET}@host/bucket#images", "must not have a #fragment"),
    ],
)
def test_a_malformed_storage_url_is_a_clear_message_without_the_secret(url, message):
    with pytest.raises(ImproperlyConfigured) as raised:
        parse_storage_url(url)
    assert message in str(raised.value)
    assert str(raised.value).startswith("STORAGE_URL ")
    assert SECRET not in str(raised.value)


def test_without_storage_settings_files_stay_on_local_disk(tmp_path):
    assert default_storage_entry(storage_url="", aws={}, media_root=tmp_path) == {
        "BACKEND": FILESYSTEM_BACKEND,
        "OPTIONS": {"location": str(tmp_path)},
    }


def test_the_usual_aws_names_configure_the_bucket(tmp_path):
    entry = default_storage_entry(
        storage_url="",
        aws={
            "AWS_STORAGE_BUCKET_NAME": "insignia",
            "AWS_S3_ENDPOINT_URL": "https://objects.example.lv",
            "AWS_ACCESS_KEY_ID": "AK",
            "AWS_SECRET_ACCESS_KEY": "SK",
            "AWS_S3_REGION_NAME": "eu-north-1",
            "AWS_LOCATION": "/media/",
        },
        media_root=tmp_path,
    )
    assert entry["BACKEND"] == S3_BACKEND
    assert picked(entry["OPTIONS"]) == {
        "bucket_name": "insignia", "endpoint_url": "https://objects.example.lv", "access_key": "AK",
        "secret_key": "SK", "region_name": "eu-north-1", "location": "media", "custom_domain": None,
        "addressing": "path",
    }  # fmt: skip
    same = parse_storage_url(
        "s3://AK:SK@objects.example.lv/insignia/media?region=eu-north-1"
    )
    assert {**entry["OPTIONS"], "client_config": None} == {
        **same,
        "client_config": None,
    }


@pytest.mark.parametrize(
    ("storage_url", "aws", "message"),
    [
        ("s3://h/b", {"AWS_STORAGE_BUCKET_NAME": "b"}, "Set STORAGE_URL or AWS_STORAGE_BUCKET_NAME, not both."),
        ("", {"AWS_STORAGE_BUCKET_NAME": "b", "AWS_ACCESS_KEY_ID": "AK"}, "Set both AWS_ACCESS_KEY_ID and"),
        ("", {"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ENDPOINT_URL": "objects.example.lv"}, "must be an http:// or https:// URL"),
        ("", {"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ADDRESSING_STYLE": "dns"}, "AWS_S3_ADDRESSING_STYLE must be one of"),
    ],
)  # fmt: skip
def test_conflicting_or_half_given_aws_names_are_refused(
    storage_url, aws, message, tmp_path
):
    with pytest.raises(ImproperlyConfigured, match=message):
        default_storage_entry(storage_url=storage_url, aws=aws, media_root=tmp_path)


def test_a_malformed_storage_url_stops_the_app_at_start_with_the_message():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "STORAGE_URL": f"s3://AK:{SECRET}@host",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: STORAGE_URL names no bucket" in result.stderr
    assert SECRET not in result.stderr


def test_check_storage_on_local_disk_wants_a_writable_directory(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": default_storage_entry(
            storage_url="", aws={}, media_root=tmp_path / "media"
        ),
    }
    assert check_storage() == (
        True,
        f"local storage {tmp_path / 'media'}",
    )  # created on the first upload
    (tmp_path / "file").write_text("not a directory")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": default_storage_entry(
            storage_url="", aws={}, media_root=tmp_path / "file" / "media"
        ),
    }
    ready, description = check_storage()
    assert ready is False
    assert "is not a writable directory" in description
