"""Run 1EdTech's Open Badges 2.0 validator on one input and print its report as JSON.

Run with the validator's own interpreter (``.venv-obv/bin/python``, made by
``scripts/setup-obv``), never with the project's::

    .venv-obv/bin/python tests/obv/run_validator.py https://host/public/assertions/1
    .venv-obv/bin/python tests/obv/run_validator.py eyJhbGciOiJSUzI1NiJ9.eyJ...
    .venv-obv/bin/python tests/obv/run_validator.py --file baked.png

The validator fetches every document with ``requests``, including the
JSON-LD context ``https://w3id.org/openbadges/v2``. This runner answers that
URL from the copy bundled in the validator package
(``openbadges.verifier.openbadges_context``), so no test needs the internet;
every other URL goes to the real network stack. With ``--loopback-only``,
any host other than 127.0.0.1 / localhost is refused, so a test cannot
reach the internet by mistake. The package bundles no copy of the OB 1.x
context (``https://w3id.org/openbadges/v1``), so that URL is refused too.
"""

import argparse
import json
import sys
from urllib.parse import urlsplit

import openbadges
import openbadges_bakery
import requests
from openbadges.verifier.openbadges_context import (
    OPENBADGES_CONTEXT_V1_URI,
    OPENBADGES_CONTEXT_V2_DICT,
    OPENBADGES_CONTEXT_V2_URI,
)
from requests.adapters import HTTPAdapter

BUNDLED = {OPENBADGES_CONTEXT_V2_URI: OPENBADGES_CONTEXT_V2_DICT}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _canonical(url):
    return url.split("#", 1)[0].rstrip("/")


def patch_http(loopback_only):
    """Serve bundled contexts from memory; pass other requests on (or refuse them)."""
    real_send = HTTPAdapter.send

    def send(self, request, **kwargs):
        url = _canonical(request.url)
        if url in BUNDLED:
            response = requests.Response()
            response.status_code = 200
            response.url = request.url
            response.request = request
            response.headers["Content-Type"] = "application/ld+json"
            response._content = json.dumps(BUNDLED[url]).encode("utf-8")
            response.encoding = "utf-8"
            return response
        if url == OPENBADGES_CONTEXT_V1_URI:
            raise requests.ConnectionError(
                "The OB 1.x context is not bundled with the validator."
            )
        if loopback_only and urlsplit(request.url).hostname not in LOOPBACK:
            raise requests.ConnectionError("Refused non-loopback URL " + request.url)
        return real_send(self, request, **kwargs)

    HTTPAdapter.send = send


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "input", help="a URL, a compact JWS, JSON, or a path with --file"
    )
    parser.add_argument(
        "--file", action="store_true", help="input is a baked PNG or SVG file"
    )
    parser.add_argument("--loopback-only", action="store_true")
    parser.add_argument(
        "--recipient-profile", help="JSON of a trusted recipient profile"
    )
    parser.add_argument(
        "--unbake",
        action="store_true",
        help="only print what the validator's bakery extracts",
    )
    args = parser.parse_args(argv)

    if args.unbake:
        with open(args.input, "rb") as image:
            value = openbadges_bakery.unbake(image)
        if isinstance(value, bytes):
            value = {"bytes": value.decode("utf-8")}
        json.dump({"unbaked": value}, sys.stdout)
        sys.stdout.write("\n")
        return

    patch_http(args.loopback_only)
    profile = json.loads(args.recipient_profile) if args.recipient_profile else None
    # No response cache: every run sees the documents as served now.
    options = {"use_cache": False, "cache_backend": None}
    if args.file:
        with open(args.input, "rb") as image:
            report = openbadges.verify(image, recipient_profile=profile, **options)
    else:
        report = openbadges.verify(args.input, recipient_profile=profile, **options)
    json.dump(report, sys.stdout, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
