"""Receiving a credential through the OB 3.0 API (upsertCredential): the import's rules, plus replacing.

``upsert_credential`` verifies and stores exactly as ``import_credential``
does (the same verifier, the same refusals, the bytes kept as received), and
differs in two ways the API asks for:

- **Equality** (OB 3.0 "Credential equality and comparison"): a credential is
  the same as a held import when both its ``id`` and its issuer's ``id`` are
  equal after percent-unescaping and trimming whitespace. The same credential
  with a ``validFrom`` later than or equal to the held one's **replaces** it
  in place (the entry keeps its uuid, so collections and share links keep
  pointing at it); an older one is refused (``older``) and nothing changes.
  The same bytes again change nothing.
- **An award made here** that the learner holds is not stored a second time:
  the result says so (``created`` is False) instead of refusing.

Only Open Badges 3.0 credentials are taken, as JSON-LD (``application/json``,
``application/vc+ld+json``) or as a compact JWS (``text/plain``).
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from badges.facts import assertion_url, credential_url
from credentials import jsontext
from credentials.errors import DecodeError
from credentials.jws import unverified_claims
from credentials.ob2.verification import looks_like_jws
from credentials.report import VerificationReport
from verifier import inputs

from ..access import held_awards
from ..models import Source, StoredCredential
from ..ob3_host import ob3_form
from ._stored import stored_fields
from .imports import (
    NOT_YOURS,
    TOO_LARGE,
    ImportRefused,
    _audit,
    _award_made_here,
    _credential_id,
    _recipient_confirmed,
    _refuse_duplicate,
    _refuse_unless_authentic,
    verify_received,
)

JSON_TYPES = ("application/json", "application/vc+ld+json", "application/ld+json")
JWS_TYPE = "text/plain"

WRONG_FORM = gettext_noop(
    "The body is not an Open Badges 3.0 credential in the form its Content-Type names: "
    "a JSON object for application/json or application/vc+ld+json, a compact JWS for text/plain."
)
NOT_OB3 = gettext_noop("This is not an Open Badges 3.0 credential.")
OLDER = gettext_noop(
    "A newer version of this credential (a later validFrom) is already held; "
    "nothing was replaced."
)


def upsert_credential(
    *, user, data: bytes, media_type: str
) -> tuple[StoredCredential | None, bool]:
    """Verify an OB 3.0 credential received through the API; store it or replace its equal.

    ``media_type`` is the request's Content-Type without parameters. Return
    ``(held, created)``: ``created`` is True for a new entry, False when an
    equal credential was replaced (or the same bytes were already held, or it
    is an award made here the user holds; ``held`` is then that award's entry,
    or None while the learner has not answered the award). Raise
    ``ImportRefused`` with the import's codes (``unreadable``,
    ``not_authentic``, ``revoked``, ``not_yours``, ``too_large`` …), or
    ``wrong_form`` (the body is not what ``media_type`` names), ``not_ob3``,
    ``older`` (a newer equal credential is held) and ``duplicate`` (a held
    import has this id but another issuer). Nothing is written on refusal.
    """
    if len(data) > inputs.MAX_UPLOAD_BYTES:
        raise ImportRefused(
            _(TOO_LARGE),
            code="too_large",
            params={"mb": inputs.MAX_UPLOAD_BYTES // 2**20},
        )
    _require_form(data, media_type)
    digest = hashlib.sha256(data).hexdigest()
    imported = StoredCredential.objects.filter(user=user, award__isnull=True)
    same_bytes = imported.filter(received_sha256=digest).first()
    if same_bytes is not None:
        return same_bytes, False
    verdict = verify_received(data)
    _refuse_unless_authentic(verdict)
    if verdict.version != "Open Badges 3.0":
        raise ImportRefused(_(NOT_OB3), code="not_ob3", verdict=verdict)
    credential_id = _credential_id(verdict)
    award = _award_made_here(credential_id)
    if award is not None and held_awards(user).filter(pk=award.pk).exists():
        return StoredCredential.objects.filter(user=user, award=award).first(), False
    recipient = _recipient_confirmed(verdict, user)
    if recipient is False:
        raise ImportRefused(_(NOT_YOURS), code="not_yours", verdict=verdict)
    if award is not None:
        # Held here in its other form (the OB 2.0 assertion, say): a duplicate, as for the import.
        other_ids = {assertion_url(award), credential_url(award)} - {credential_id}
        _refuse_duplicate(user, sha256="", credential_ids=other_ids, verdict=verdict)
    fields = stored_fields(
        data, digest, verdict, recipient, credential_id=credential_id, source=Source.API
    )
    with transaction.atomic():
        # One upsert at a time per learner, so two equal credentials cannot both be new.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        same_bytes = imported.filter(received_sha256=digest).first()
        if same_bytes is not None:
            return same_bytes, False
        existing = _equal_held(user, verdict)
        if existing is not None:
            _refuse_older(existing, verdict)
        held = existing or StoredCredential(user=user)
        for name, value in fields.items():
            setattr(held, name, value)
        held.full_clean(validate_constraints=False)
        held.save()
        _audit(
            "stored_credential.upserted",
            user=user,
            held=held,
            verdict=verdict,
            extra={"outcome": "created" if existing is None else "replaced"},
        )
    return held, existing is None


# --- The form the Content-Type names ----------------------------------------------------------


def _require_form(data: bytes, media_type: str) -> None:
    text = data.decode("utf-8-sig", "replace").strip()
    if media_type in JSON_TYPES:
        try:
            document = jsontext.loads(text)
        except DecodeError:
            document = None
        if isinstance(document, dict):
            return
    elif media_type == JWS_TYPE and looks_like_jws(text):
        return
    raise ImportRefused(_(WRONG_FORM), code="wrong_form")


# --- Equality and comparison (OB 3.0 §"Credential equality and comparison") ------------------


def same_id(value: Any) -> str:
    """Return an id as the equality rule compares it: percent-unescaped, then trimmed."""
    return unquote(value).strip() if isinstance(value, str) else ""


def issuer_id(credential: dict[str, Any]) -> str:
    """Return the credential's issuer id (``issuer`` is a Profile or its id), compared form."""
    issuer = credential.get("issuer")
    return same_id(issuer.get("id") if isinstance(issuer, dict) else issuer)


def _valid_from(credential: dict[str, Any]):
    value = credential.get("validFrom") or credential.get("issuanceDate")
    try:
        return parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # a well-formed but impossible date: not comparable
        return None


def _equal_held(user, verdict: VerificationReport) -> StoredCredential | None:
    """Return (locked) the held import equal to the verified credential, or None."""
    credential = verdict.credential or {}
    wanted = same_id(credential.get("id") or credential.get("jti"))
    if not wanted:
        return None
    rows = StoredCredential.objects.filter(user=user, award__isnull=True)
    candidates = [
        pk
        for pk, cid in rows.values_list("pk", "credential_id")
        if same_id(cid) == wanted
    ]
    for held in rows.filter(pk__in=candidates).select_for_update().order_by("pk"):
        held_credential = credential_of(ob3_form(held))
        if held_credential is not None and issuer_id(held_credential) == issuer_id(
            credential
        ):
            return held
        # Same id, another issuer: a duplicate, as the import calls it.
        _refuse_duplicate(
            user, sha256="", credential_ids={held.credential_id}, verdict=verdict
        )
    return None


def credential_of(form: dict | str | None) -> dict[str, Any] | None:
    """Return the credential an OB 3.0 form holds; a VC-JWT's is its ``vc`` claim or its payload.

    The stored form was verified when it arrived, so it is only decoded here.
    """
    if isinstance(form, dict):
        return form
    if not isinstance(form, str):
        return None
    try:
        payload = unverified_claims(form)
    except DecodeError:
        return None
    vc = payload.get("vc")
    return vc if isinstance(vc, dict) else payload


def _refuse_older(existing: StoredCredential, verdict: VerificationReport) -> None:
    held_from = _valid_from(credential_of(ob3_form(existing)) or {})
    new_from = _valid_from(verdict.credential or {})
    if held_from and new_from and new_from < held_from:
        raise ImportRefused(_(OLDER), code="older", verdict=verdict, existing=existing)
