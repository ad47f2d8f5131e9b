"""The proof of issue 12: an independent OAuth client uses the OB 3.0 API on a live server.

The client (tests/hostapi/authlib_client.py, authlib, a real subprocess)
discovers, registers and sends the learner to the consent page; Chromium signs
carol in, she allows, the browser lands on the client's callback. The client
then calls every endpoint, refreshes and revokes; this test reads what it saw
and checks every body against 1EdTech's official schemas.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from urllib.request import ProxyHandler, build_opener

import pytest
from django.urls import reverse
from django.utils import translation
from openapi_spec_validator import validate

from authserver import scopes
from badges.actions import award_badge
from tests.factories import PASSWORD
from tests.hostapi.helpers import (
    assert_credentials_response,
    assert_meets,
    elsewhere,
)
from verifier import inputs
from wallet.actions import accept_award
from wallet.models import StoredCredential

pytestmark = pytest.mark.browser

CLIENT = Path(__file__).with_name("authlib_client.py")
CLIENT_NAME = "Authlib Test Client"
NEW_NAME = "Carol Renamed"


def check_credentials_body(body: dict) -> None:
    """The response, and each credential in it, meets its official schema and verifies."""
    assert_credentials_response(body)
    for credential in body.get("credential", []):
        assert inputs.verify_pasted(json.dumps(credential)).valid, credential["id"]
    for token in body.get("compactJwsString", []):
        assert inputs.verify_pasted(token).valid


def ids_in(body: dict) -> list[str]:
    return [c["id"] for c in body.get("credential", [])] + body.get(
        "compactJwsString", []
    )


def sign_in(page) -> None:
    page.locator("#id_username").fill("carol@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked button[type=submit]").click()


def consent_items(page) -> list[str]:
    return [t.strip() for t in page.locator("ul.scopes li").all_inner_texts()]


def start_client(live_server, tmp_path, credentials: list[Path]):
    out = tmp_path / "seen.json"
    command = [
        sys.executable,
        str(CLIENT),
        "--base",
        live_server.url,
        "--revocation-url",
        live_server.url + reverse("authserver:revoke"),
        "--new-name",
        NEW_NAME,
        "--out",
        str(out),
    ]
    for path in credentials:
        command += ["--credential", str(path)]
    process = subprocess.Popen(  # noqa: S603 (our own program)
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    return process, out


def stop(process) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    process.stdout.close()
    process.stderr.close()


@pytest.fixture
def seeded(cast, client, settings, tmp_path, live_server):
    """Carol holds three awards made here; two more, a VC-JWT and a JSON-LD one, are hers to upsert."""
    settings.PUBLIC_BASE_URL = live_server.url  # discovery names its URLs from it
    settings.OAUTH_ALLOW_LOOPBACK_HTTP = True
    settings.IMPORT_RATE_LIMIT = 1000
    for _ in range(3):
        award = award_badge(
            badge_class=cast.badge_class,
            recipient_identity="carol@example.org",
            recipient_name="Carol",
            acting_user=cast.aaron,
            notify=False,
        )
        accept_award(user=cast.carol, award=award)
    jwt = elsewhere(cast, "https://carol.example.org/jwt")
    signed = elsewhere(cast, "https://carol.example.org/json")
    jwt_file, json_file = tmp_path / "upsert.jwt", tmp_path / "upsert.json"
    jwt_file.write_bytes(client.get(f"/public/credentials/{jwt.uuid}.jwt").content)
    json_file.write_text(json.dumps(signed.ob3_credential), encoding="utf-8")
    return [jwt_file, json_file]


def test_an_independent_client_connects_and_uses_every_endpoint(
    cast,
    seeded,
    browser,
    live_server,
    tmp_path,
):
    process, out = start_client(live_server, tmp_path, seeded)
    context = browser.new_context(locale="en-GB")
    try:
        line = process.stdout.readline()
        assert line.startswith("AUTHORIZE "), line + process.stderr.read()
        authorization_url = line.split(" ", 1)[1].strip()
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(authorization_url)
        sign_in(page)
        page.get_by_role(
            "heading", name=f"Connect {CLIENT_NAME} to your backpack?"
        ).wait_for()
        assert "127.0.0.1" in page.locator(".consent").inner_text()
        assert sorted(consent_items(page)) == sorted(scopes.describe(scopes.OB3_SCOPES))
        see_the_consent_in_latvian(browser, authorization_url)
        page.get_by_role("button", name="Allow", exact=True).click()
        page.get_by_role("heading", name="Connected").wait_for()
        assert process.wait(timeout=60) == 0, process.stderr.read()
    finally:
        context.close()
        stop(process)
    seen = json.loads(out.read_text(encoding="utf-8"))
    check_discovery_registration_and_token(seen)
    check_reading(seen)
    check_writing(seen, seeded, cast)
    check_refresh_and_revocation(seen)


def see_the_consent_in_latvian(chromium, authorization_url: str) -> None:
    """The same request, in a browser set to Latvian: the page and its scope words are in lv."""
    context = chromium.new_context(locale="lv")
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(authorization_url)
        sign_in(page)
        page.locator("ul.scopes").wait_for()
        assert page.locator("html").get_attribute("lang") == "lv"
        with translation.override("lv"):
            words = scopes.describe(scopes.OB3_SCOPES)
        assert sorted(consent_items(page)) == sorted(words)
        assert CLIENT_NAME in page.locator("h1").inner_text()
    finally:
        context.close()


def calls(seen: dict, name: str) -> list[dict]:
    return [c for c in seen["calls"] if c["name"] == name]


def call(seen: dict, name: str) -> dict:
    (found,) = calls(seen, name)
    return found


def check_discovery_registration_and_token(seen: dict) -> None:
    discovery = call(seen, "discovery")
    assert discovery["status"] == 200
    assert discovery["headers"]["content-type"].startswith("application/json")
    validate(discovery["body"])  # a valid OpenAPI 3.0 document
    found = seen["discovered"]
    for name in ("registration", "authorization", "token", "refresh", "api"):
        assert found[name].startswith(seen["base"] + "/"), name
    assert set(seen["discovered"]["scopes"]) == set(scopes.OB3_SCOPES)
    assert seen["discovered"]["registration"].endswith(reverse("authserver:register"))
    registered = call(seen, "register")
    assert registered["status"] == 201
    assert registered["headers"]["cache-control"] == "no-store"
    assert registered["body"]["client_name"] == CLIENT_NAME
    assert "code" not in seen["callback"] and seen["callback"]["state"]
    token = calls(seen, "token")[0]
    assert token["status"] == 200
    assert "no-store" in token["headers"]["cache-control"]
    assert seen["token"]["token_type"].lower() == "bearer"
    assert set(seen["token"]["scope"].split()) == set(scopes.OB3_SCOPES)
    assert seen["token"]["has_refresh_token"]


def check_reading(seen: dict) -> None:
    everything = call(seen, "getCredentials")
    assert everything["status"] == 200
    check_credentials_body(everything["body"])
    assert everything["headers"]["x-total-count"] == "3"
    assert len(ids_in(everything["body"])) == 3
    pages = calls(seen, "getCredentials page")
    assert [p["status"] for p in pages] == [200, 200]
    for page in pages:
        check_credentials_body(page["body"])
        assert page["headers"]["x-total-count"] == "3"
        assert {"first", "last"} <= set(page["links"])
    assert "next" in pages[0]["links"] and "prev" not in pages[0]["links"]
    assert "prev" in pages[1]["links"] and "next" not in pages[1]["links"]
    assert [len(ids_in(p["body"])) for p in pages] == [2, 1]
    paged = [i for p in pages for i in ids_in(p["body"])]
    assert paged == ids_in(everything["body"])
    since = (
        call(seen, "getCredentials since 2000"),
        call(seen, "getCredentials since 2999"),
    )
    assert [s["headers"]["x-total-count"] for s in since] == ["3", "0"]
    assert ids_in(since[0]["body"]) == ids_in(everything["body"])
    assert ids_in(since[1]["body"]) == []
    check_credentials_body(since[1]["body"])
    profile = call(seen, "getProfile")
    assert profile["status"] == 200
    assert_meets(profile["body"], "profile")
    refused = call(seen, "getCredentials without a token")
    assert refused["status"] == 401
    assert_meets(refused["body"], "imsx_statusinfo")
    assert "www-authenticate" in refused["headers"]


def check_writing(seen: dict, sent: list[Path], cast) -> None:
    jwt_text = sent[0].read_text(encoding="utf-8").strip()
    json_credential = json.loads(sent[1].read_text(encoding="utf-8"))
    first, second = calls(seen, "upsertCredential")
    assert first["status"] == 201 and second["status"] == 201
    assert first["body"] == jwt_text
    assert second["body"] == json_credential
    again = calls(seen, "upsertCredential again")
    assert [a["status"] for a in again] == [200, 200]
    after = call(seen, "getCredentials after upsert")
    check_credentials_body(after["body"])
    assert after["headers"]["x-total-count"] == "5"
    assert jwt_text in after["body"]["compactJwsString"]
    assert json_credential in after["body"]["credential"]
    assert len(ids_in(after["body"])) == 5
    pages = calls(seen, "after upsert page")
    assert [len(ids_in(p["body"])) for p in pages] == [2, 2, 1]
    assert sorted(i for p in pages for i in ids_in(p["body"])) == sorted(
        ids_in(after["body"])
    )
    for page in pages:
        check_credentials_body(page["body"])
    upserted = StoredCredential.objects.filter(user=cast.carol, award=None)
    assert sorted(bytes(s.received) for s in upserted) == sorted(
        p.read_bytes() for p in sent
    )
    put = call(seen, "putProfile")
    assert put["status"] == 200
    assert_meets(put["body"], "profile")
    assert put["body"]["name"] == NEW_NAME
    assert call(seen, "getProfile after put")["body"]["name"] == NEW_NAME
    cast.carol.refresh_from_db()
    assert cast.carol.full_name == NEW_NAME


def check_refresh_and_revocation(seen: dict) -> None:
    assert seen["refreshed"]["access_token_changed"]
    assert set(seen["refreshed"]["scope"].split()) == set(scopes.OB3_SCOPES)
    assert call(seen, "getProfile after refresh")["status"] == 200
    after = calls(seen, "page after refresh")
    assert all(page["status"] == 200 for page in after)
    assert sum(len(ids_in(page["body"])) for page in after) == 5
    assert call(seen, "upsertCredential after refresh")["status"] == 200
    # The refresh token rotates (ROTATE_REFRESH_TOKEN): the old access token ends.
    before = call(seen, "getProfile with the access token before refresh")
    assert before["status"] == 401
    assert call(seen, "revoke access token")["status"] == 200
    revoked = call(seen, "getCredentials after revocation")
    assert revoked["status"] == 401
    assert_meets(revoked["body"], "imsx_statusinfo")
    assert call(seen, "revoke refresh token")["status"] == 200
    assert seen["refresh_after_revocation"]["error"] == "invalid_grant"


def test_the_client_stops_when_the_state_that_comes_back_is_not_its_own(
    cast, settings, live_server, tmp_path
):
    """The client is a fair witness: a forged redirect (another state) ends its run, code unused."""
    settings.PUBLIC_BASE_URL = live_server.url
    settings.OAUTH_ALLOW_LOOPBACK_HTTP = True
    process, out = start_client(live_server, tmp_path, [])
    try:
        line = process.stdout.readline()
        assert line.startswith("AUTHORIZE "), line + process.stderr.read()
        query = parse_qs(urlsplit(line.split(" ", 1)[1].strip()).query)
        forged = query["redirect_uri"][0] + "?code=forged&state=not-the-one-sent"
        with build_opener(ProxyHandler({})).open(forged, timeout=10) as answer:
            assert answer.status == 200
        assert process.wait(timeout=30) == 1
    finally:
        stop(process)
    seen = json.loads(out.read_text(encoding="utf-8"))
    assert "state" in seen["error"]
    assert "token" not in seen and not calls(seen, "token")
