"""Verify Open Badges 2.0 assertions, hosted or signed: the same named checks as OB 3.0.

OB 2.0, "Verification": a **hosted** assertion is verified by fetching it from
its ``id`` (which must be on the issuer's origin) and checking it is not
revoked; a **signed** assertion is a JWS (RS256) whose ``verification.creator``
names a CryptographicKey owned by the issuer and listed in its ``publicKey``,
and whose id is absent from the issuer's RevocationList. The caller injects
``fetch_json(url) -> dict`` (and the clock), so this module does no I/O::

    report = verify_ob2(jws_or_url_or_assertion, now=now, fetch_json=fetch)
    [(c.name, c.status) for c in report.checks]
    # [('format', 'passed'), ('schema', 'passed'), ('issuer_key', 'passed'),
    #  ('proof', 'passed'), ('validity', 'passed'), ('status', 'passed')]
    report.documents["badge"]["name"]   # the BadgeClass, for display

Check names: format (parses, is an OB 2.0 Assertion), schema (required
properties present and typed), issuer_key (the issuer profile and, for signed
badges, the key and its owner), proof (signature, or the hosted copy),
validity (issued before now, not expired), status (not revoked). A failed
status check has the code ``"revoked"`` (the hosted copy says ``revoked``,
or the RevocationList lists the assertion) or ``"status_unavailable"`` (the
RevocationList could not be fetched), as OB 3.0's does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from .. import jsontext
from ..errors import CredentialError, DecodeError
from ..jsontext import NestingError
from ..jws import unverified_claims
from ..report import (
    CHECK_NAMES,
    FAILED,
    PASSED,
    REVOKED,
    SKIPPED,
    STATUS_UNAVAILABLE,
    Check,
    VerificationReport,
)
from .sign import OB2_ALGORITHMS, verify_ob2_jws

__all__ = ["verify_ob2", "looks_like_jws"]

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
_VERIFICATION_ALIASES = {"hosted": "HostedBadge", "signed": "SignedBadge"}
_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")

FetchJson = Callable[[str], Mapping[str, Any]]


class _Failed(Exception):
    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


def _revoked(reason: Any) -> _Failed:
    """Return the status failure for a revoked assertion, with the issuer's reason."""
    text = str(reason or "no reason given").rstrip(".")
    return _Failed(f"Revoked by the issuer: {text}.", REVOKED)


def looks_like_jws(text: str) -> bool:
    return bool(_JWS.match(text.strip()))


def _parse_time(value: Any, name: str) -> datetime:
    if not isinstance(value, str):
        raise _Failed(f"{name} is missing or not a date.")
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        text += "T00:00:00+00:00"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _Failed(f"{name} is not an ISO 8601 date: {value!r}.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _id(value: Any) -> str:
    """An OB 2.0 property may hold an IRI or an embedded object with an ``id``."""
    if isinstance(value, Mapping):
        return str(value.get("id", ""))
    return str(value or "")


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def verify_ob2(
    value: str | Mapping[str, Any],
    *,
    now: datetime,
    fetch_json: FetchJson,
    algorithms: Collection[str] = OB2_ALGORITHMS,
) -> VerificationReport:
    """Return a report for an OB 2.0 assertion: a URL, a JWS, or the assertion JSON (text or dict)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware.")
    checks: dict[str, Check] = {}
    documents: dict[str, Any] = {}
    state: dict[str, Any] = {}

    def run(name: str, step: Callable[[], str]) -> bool:
        try:
            checks[name] = Check(name, PASSED, step())
        except _Failed as exc:
            checks[name] = Check(name, FAILED, str(exc), exc.code)
        except CredentialError as exc:
            checks[name] = Check(name, FAILED, exc.description)
        return checks[name].status == PASSED

    def fetch(url: str, what: str) -> Mapping[str, Any]:
        try:
            document = fetch_json(url)
        except Exception as exc:  # noqa: BLE001 (any fetch failure fails the check that needed it)
            raise _Failed(f"The {what} at {url} could not be fetched: {exc}") from None
        if not isinstance(document, Mapping):
            raise _Failed(f"The {what} at {url} is not a JSON object.")
        return document

    def parse() -> str:
        raw = value.strip() if isinstance(value, str) else value
        if isinstance(raw, str) and looks_like_jws(raw):
            state["jws"] = raw
            try:
                state["assertion"] = unverified_claims(raw)
            except DecodeError:
                raise _Failed("The JWS payload is not JSON.") from None
            kind = "signed"
        elif isinstance(raw, str) and raw.startswith(("http://", "https://")):
            state["assertion"] = dict(fetch(raw, "assertion"))
            kind = "hosted"
        else:
            try:
                state["assertion"] = (
                    json.loads(raw) if isinstance(raw, str) else dict(raw)
                )
            except json.JSONDecodeError as exc:
                raise _Failed(
                    f"Not JSON, a JWS or a URL: {exc.msg} at line {exc.lineno}."
                ) from None
            except RecursionError:
                raise _Failed(
                    f"The JSON is nested more than {jsontext.MAX_DEPTH} levels deep."
                ) from None
            try:
                jsontext.check_depth(state["assertion"])
            except NestingError as exc:
                raise _Failed(str(exc)) from None
            kind = "hosted"
        assertion = state["assertion"]
        if not isinstance(assertion, Mapping):
            raise _Failed("The assertion is not a JSON object.")
        if OB2_CONTEXT not in _listed(assertion.get("@context")):
            raise _Failed(
                f"Not an Open Badges 2.0 document (its @context does not include {OB2_CONTEXT})."
            )
        if "Assertion" not in _listed(assertion.get("type")):
            raise _Failed("The document is not an OB 2.0 Assertion.")
        verification = assertion.get("verification") or {}
        # The OB 2.0 context names the types HostedBadge and SignedBadge and
        # gives them the aliases "hosted" and "signed".
        declared = [
            _VERIFICATION_ALIASES.get(t, t)
            for t in _listed(
                verification.get("type") if isinstance(verification, Mapping) else None
            )
            if isinstance(t, str)
        ]
        if kind == "signed" and "SignedBadge" not in declared:
            raise _Failed(
                "A JWS was given but the assertion does not declare SignedBadge verification."
            )
        if kind == "hosted" and "SignedBadge" in declared:
            raise _Failed(
                "This assertion declares SignedBadge verification: give its JWS, not its JSON."
            )
        state["kind"] = kind
        documents["assertion"] = assertion
        return f"An Open Badges 2.0 assertion ({kind})."

    def schema() -> str:
        assertion = state["assertion"]
        missing = [
            p
            for p in ("id", "recipient", "badge", "verification", "issuedOn")
            if not assertion.get(p)
        ]
        if missing:
            raise _Failed(f"Required properties are missing: {', '.join(missing)}.")
        recipient = assertion["recipient"]
        if (
            not isinstance(recipient, Mapping)
            or not recipient.get("identity")
            or not recipient.get("type")
        ):
            raise _Failed("recipient must be an IdentityObject with type and identity.")
        # OB 2.0, Assertion: image is an "IRI or Image"; only a BadgeClass's
        # image may be a "Data URI or IRI".
        if _id(assertion.get("image")).startswith("data:"):
            raise _Failed(
                "The assertion's image is a data URI: OB 2.0 gives an assertion's "
                "image as an IRI (only a BadgeClass image may be a data URI)."
            )
        badge = assertion["badge"]
        documents["badge"] = (
            dict(badge)
            if isinstance(badge, Mapping)
            else dict(fetch(_id(badge), "badge class"))
        )
        for prop in ("name", "criteria", "issuer"):
            if not documents["badge"].get(prop):
                raise _Failed(f"The BadgeClass has no {prop}.")
        return "The assertion and its BadgeClass have every required property."

    def issuer_key() -> str:
        issuer_ref = documents["badge"]["issuer"]
        issuer = (
            dict(issuer_ref)
            if isinstance(issuer_ref, Mapping)
            else dict(fetch(_id(issuer_ref), "issuer profile"))
        )
        documents["issuer"] = issuer
        if not issuer.get("id") or not issuer.get("name"):
            raise _Failed("The issuer profile has no id or name.")
        if state["kind"] == "hosted":
            # OB 2.0, VerificationObject: the issuer's policy may limit hosted
            # assertions to ids that start with one of ``startsWith`` and to
            # the ``allowedOrigins``, which default to the issuer id's origin.
            assertion_id = str(state["assertion"]["id"])
            assertion_origin = _origin(assertion_id)
            policy = issuer.get("verification")
            policy = policy if isinstance(policy, Mapping) else {}
            prefixes = [
                p for p in _listed(policy.get("startsWith")) if isinstance(p, str)
            ]
            if prefixes and not assertion_id.startswith(tuple(prefixes)):
                raise _Failed(
                    "The assertion's id does not start with any prefix its "
                    "issuer's verification policy allows."
                )
            origins = [str(o) for o in _listed(policy.get("allowedOrigins"))]
            allowed = [
                _origin(o if "://" in o else f"https://{o}") for o in origins
            ] or [_origin(str(issuer["id"]))]
            if not origins and allowed[0][0] not in ("http", "https"):
                raise _Failed(
                    f"The issuer's id {issuer['id']} is not a web address and its "
                    "verification policy names no allowedOrigins: nothing ties a "
                    "hosted assertion to the issuer."
                )
            if assertion_origin[1] not in {o[1] for o in allowed}:
                raise _Failed("The assertion is not hosted on the issuer's origin.")
            return f"Hosted on the issuer's origin ({assertion_origin[1]})."
        creator = _id(state["assertion"]["verification"].get("creator"))
        if creator not in [_id(k) for k in _listed(issuer.get("publicKey"))]:
            raise _Failed(
                f"The signing key {creator} is not one of the issuer's public keys."
            )
        key = fetch(creator, "signing key")
        if _id(key.get("owner")) != issuer["id"]:
            raise _Failed("The signing key is owned by someone else than the issuer.")
        if not key.get("publicKeyPem"):
            raise _Failed("The signing key document has no publicKeyPem.")
        state["keys"] = {creator: key["publicKeyPem"]}
        return f"Signed with {creator}, a key of the issuer."

    def proof() -> str:
        if state["kind"] == "signed":
            verify_ob2_jws(state["jws"], state["keys"], algorithms=algorithms)
            return "The RS256 signature matches the issuer's key."
        hosted = fetch(str(state["assertion"]["id"]), "hosted assertion")
        # The status check reads the hosted copy even when it no longer matches
        # the copy given: a revoked assertion may answer 410 Gone with little
        # more than {"revoked": true}.
        state["hosted"] = hosted
        comparable = {
            k: v for k, v in hosted.items() if k not in ("revoked", "revocationReason")
        }
        given = {
            k: v
            for k, v in state["assertion"].items()
            if k not in ("revoked", "revocationReason")
        }
        if comparable != given:
            raise _Failed("The assertion differs from the copy hosted at its id.")
        return "The issuer hosts this exact assertion at its id."

    def validity() -> str:
        assertion = state["assertion"]
        issued = _parse_time(assertion.get("issuedOn"), "issuedOn")
        if issued > now:
            raise _Failed(f"Issued in the future ({issued:%Y-%m-%d}).")
        if assertion.get("expires"):
            expires = _parse_time(assertion["expires"], "expires")
            if expires <= now:
                raise _Failed(f"Expired on {expires:%Y-%m-%d}.")
            return f"Issued {issued:%Y-%m-%d}, valid until {expires:%Y-%m-%d}."
        return f"Issued {issued:%Y-%m-%d}; does not expire."

    def status() -> str:
        if state["kind"] == "hosted" and "hosted" not in state:
            raise _Failed(
                "Whether it was revoked could not be learned: the hosted "
                "assertion could not be fetched.",
                STATUS_UNAVAILABLE,
            )
        hosted = state.get("hosted", state["assertion"])
        if hosted.get("revoked"):
            raise _revoked(hosted.get("revocationReason"))
        if state["kind"] == "signed":
            list_url = _id(documents["issuer"].get("revocationList"))
            if not list_url:
                return "The issuer publishes no revocation list."
            try:
                revocations = fetch(list_url, "revocation list")
            except _Failed as exc:
                raise _Failed(str(exc), STATUS_UNAVAILABLE) from None
            for entry in _listed(revocations.get("revokedAssertions")):
                if (
                    _id(entry) == state["assertion"]["id"]
                    or entry == state["assertion"]["id"]
                ):
                    raise _revoked(
                        entry.get("revocationReason")
                        if isinstance(entry, Mapping)
                        else None
                    )
        return "Not revoked."

    steps = [("format", parse), ("schema", schema), ("issuer_key", issuer_key), ("proof", proof),
             ("validity", validity), ("status", status)]  # fmt: skip
    for index, (name, step) in enumerate(steps):
        if not run(name, step) and name in ("format", "schema", "issuer_key"):
            for later, _ in steps[index + 1 :]:
                checks[later] = Check(
                    later, SKIPPED, f"Not checked: the {name} check failed."
                )
            break
    ordered = tuple(checks.get(n, Check(n, SKIPPED, "")) for n in CHECK_NAMES)
    return VerificationReport(
        ordered,
        state.get("assertion") if isinstance(state.get("assertion"), dict) else None,
        f"ob2-{state.get('kind', 'unknown')}",
        documents=documents,
        version="Open Badges 2.0",
    )
