"""The public verifier refuses a body too large to accept before reading it, never with a 500.

``/verify`` and ``POST /api/v1/verify`` judge ``Content-Length`` first: over
the 10 MB file limit plus the form's other fields (``max_request_bytes()``)
they answer 413 with "The file is larger than 10 MB.", and a chunked body,
whose length is unknown, gets 411. The live-server tests stream a real
100 MB body from a generator and stop as soon as the server has answered,
which shows the answer came before the body was read.
"""

from __future__ import annotations

import http.client
import json
import select
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client
from rest_framework.test import APIClient

from verifier.inputs import MAX_UPLOAD_BYTES
from verifier.views import max_request_bytes

TOO_LARGE = "The file is larger than 10 MB."
UNKNOWN_LENGTH = (
    "Send the file with a Content-Length header: uploads of unknown length are refused."
)
HUNDRED_MB = 100 * 2**20
BOUNDARY = "insignia-upload-limit-test"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
PIECE = b"\0" * (256 * 1024)


def multipart_head() -> bytes:
    """The start of a multipart form whose file part the rest of the body fills."""
    return (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="file"; filename="huge.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode() + b"\x89PNG\r\n\x1a\n"


# --- The limit itself ----------------------------------------------------------------------


def test_the_limit_is_the_file_limit_plus_the_form_fields_django_accepts(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20

    assert max_request_bytes() == MAX_UPLOAD_BYTES + 5 * 2**20


def test_without_a_form_data_limit_the_form_fields_get_one_mebibyte(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None

    assert max_request_bytes() == MAX_UPLOAD_BYTES + 2**20


# --- The API, through the test client ----------------------------------------------------


@pytest.fixture
def api_client():
    return APIClient()


def test_the_api_refuses_a_declared_100_mb_body_with_413(api_client):
    """Only the header says 100 MB: a view that read the body would find 30 bytes."""
    response = api_client.generic(
        "POST",
        "/api/v1/verify",
        multipart_head(),
        content_type=MULTIPART,
        CONTENT_LENGTH=str(HUNDRED_MB),
    )

    assert response.status_code == 413
    assert response.json() == {
        "code": "file_too_large",
        "detail": TOO_LARGE,
        "fields": {"file": [{"code": "file_too_large", "message": TOO_LARGE}]},
    }


def test_the_api_refuses_a_real_body_one_byte_over_the_limit(api_client):
    body = multipart_head()
    body += b"\0" * (max_request_bytes() + 1 - len(body))

    response = api_client.generic(
        "POST", "/api/v1/verify", body, content_type=MULTIPART
    )

    assert response.status_code == 413
    assert response.json()["detail"] == TOO_LARGE


def test_the_api_refuses_an_oversized_json_body_too(api_client):
    response = api_client.generic(
        "POST",
        "/api/v1/verify",
        b'{"text": "',
        content_type="application/json",
        CONTENT_LENGTH=str(max_request_bytes() + 1),
    )

    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"


def test_the_api_refuses_a_chunked_body_with_411(api_client):
    response = api_client.generic(
        "POST",
        "/api/v1/verify",
        multipart_head(),
        content_type=MULTIPART,
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert response.status_code == 411
    assert response.json() == {
        "code": "length_required",
        "detail": UNKNOWN_LENGTH,
        "fields": {},
    }


def test_the_api_still_reads_a_body_within_the_limit(api_client):
    response = api_client.post("/api/v1/verify", {"text": "{}"}, format="json")

    assert response.status_code == 200
    assert response.json()["valid"] is False


# --- The page, through the test client ---------------------------------------------------


def test_the_page_shows_the_refusal_as_a_verdict(client):
    response = client.generic(
        "POST",
        "/verify",
        multipart_head(),
        content_type=MULTIPART,
        CONTENT_LENGTH=str(HUNDRED_MB),
    )

    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()
    assert response.context["verdict"].check("format").message == TOO_LARGE


def test_the_page_refuses_a_chunked_body_with_411(client):
    response = client.generic(
        "POST",
        "/verify",
        multipart_head(),
        content_type=MULTIPART,
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert response.status_code == 411
    assert UNKNOWN_LENGTH in response.content.decode()


def test_the_page_still_checks_the_csrf_token_of_a_body_within_the_limit():
    client = Client(enforce_csrf_checks=True)
    client.get("/verify")  # sets the CSRF cookie

    response = client.post("/verify", {"text": "{}"})

    assert response.status_code == 403


def test_the_page_accepts_a_form_with_its_csrf_token():
    client = Client(enforce_csrf_checks=True)
    token = client.get("/verify").cookies["csrftoken"].value

    response = client.post("/verify", {"text": "{}", "csrfmiddlewaretoken": token})

    assert response.status_code == 200


# --- 100 MB to a live server ---------------------------------------------------------------


def stream(live_server, path: str, headers: dict[str, str], *, chunked=False):
    """POST a 100 MB body made by a generator; stop sending once the server answers.

    Return ``(status, body, bytes sent, seconds until the answer was read)``.
    Without ``chunked`` the request declares its full ``Content-Length``.
    """
    parts = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    sent = 0

    def body():
        nonlocal sent
        head = multipart_head()
        yield head
        sent += len(head)
        while sent < HUNDRED_MB:
            if select.select([connection.sock], [], [], 0)[0]:
                return  # The answer has arrived: the rest is not needed.
            piece = PIECE[: HUNDRED_MB - sent]
            yield piece
            sent += len(piece)

    if not chunked:
        headers = {**headers, "Content-Length": str(HUNDRED_MB)}
    started = time.monotonic()
    try:
        connection.request(
            "POST", path, body=body(), headers=headers, encode_chunked=chunked
        )
    except (BrokenPipeError, ConnectionResetError):
        pass  # A server may close the connection on an unread body; the answer is read next.
    response = connection.getresponse()
    content = response.read()
    elapsed = time.monotonic() - started
    connection.close()
    return response.status, content, sent, elapsed


def csrf_cookie(live_server) -> str:
    """A browser's CSRF cookie: with it, Django's CSRF middleware would read the body."""
    parts = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", "/verify")
    response = connection.getresponse()
    response.read()
    connection.close()
    cookie = response.getheader("Set-Cookie")
    return cookie.split(";", 1)[0]


def test_a_100_mb_upload_to_the_page_is_refused_before_it_is_read(live_server):
    status, content, sent, elapsed = stream(
        live_server,
        "/verify",
        {"Content-Type": MULTIPART, "Cookie": csrf_cookie(live_server)},
    )

    assert status == 413
    assert TOO_LARGE in content.decode()
    assert sent < HUNDRED_MB // 4, f"{sent} bytes went out before the answer"
    assert elapsed < 10, f"the answer took {elapsed:.2f} s"


def test_a_100_mb_upload_to_the_api_is_refused_before_it_is_read(live_server):
    status, content, sent, elapsed = stream(
        live_server, "/api/v1/verify", {"Content-Type": MULTIPART}
    )

    assert status == 413
    assert json.loads(content)["detail"] == TOO_LARGE
    assert sent < HUNDRED_MB // 4, f"{sent} bytes went out before the answer"
    assert elapsed < 10, f"the answer took {elapsed:.2f} s"


@pytest.mark.parametrize("path", ["/verify", "/api/v1/verify"])
def test_a_chunked_100_mb_upload_is_refused_before_it_is_read(live_server, path):
    status, content, sent, elapsed = stream(
        live_server, path, {"Content-Type": MULTIPART}, chunked=True
    )

    assert status == 411
    assert UNKNOWN_LENGTH in content.decode()
    assert sent < HUNDRED_MB // 4, f"{sent} bytes went out before the answer"
    assert elapsed < 10, f"the answer took {elapsed:.2f} s"
