"""Importing a credential from elsewhere into the backpack: verified first, kept byte for byte.

A learner brings a badge as a link, a file (a baked PNG or SVG, JSON, a JWS or
a VC-JWT) or pasted text. ``import_credential`` verifies it with the public
verifier (``verifier.inputs``) and stores it only when it is authentic: it
can be read, its issuer key and proof checks pass, and it is not revoked. An
expired credential is stored, and shown as expired. An e-mail recipient must
be one of the learner's verified addresses; any other kind of recipient (a
DID, a URL) is stored as "recipient not confirmed".

The stored bytes are exactly what arrived (for a link: what the link
returned) and are never rewritten. ``recheck_credential`` verifies those bytes
again; the verifier fetches the hosted OB 2.0 assertion, the revocation list
or the status list again on the way, which is how a later revocation shows.
"""

from __future__ import annotations

import hashlib
import uuid as uuid_lib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import Resolver404, resolve
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.timezone import localtime, now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import verified_addresses
from audit.log import record
from badges.facts import assertion_url, credential_url
from badges.models import Award
from credentials.ob3.verification import FAILED, PASSED
from credentials.ob3.verification import REVOKED as REVOKED_CODE
from credentials.ob3.verification import SUSPENDED as SUSPENDED_CODE
from credentials.report import VerificationReport
from verifier import core_messages, inputs
from verifier.fetching import FetchError

from ..access import held_awards
from ..models import Source, StoredCredential
from ._stored import stored_fields, stored_report

NOTHING_GIVEN = gettext_noop("Give a link, a file or a pasted credential.")
TOO_LARGE = gettext_noop("The file is larger than %(mb)d MB.")
BAD_LINK = gettext_noop(
    "Give a complete http:// or https:// link, at most 2,000 characters."
)
UNREADABLE = gettext_noop("No badge could be read from this. %(reason)s")
LINK_TO_LINK = gettext_noop("This holds a link, not a badge: import the link itself.")
INVALID = gettext_noop(
    "This is not a valid Open Badges credential, so it was not added. %(reason)s"
)
NOT_AUTHENTIC = gettext_noop(
    "This badge failed verification, so it was not added: it has been altered, or it "
    "does not come from the issuer it names. %(reason)s"
)
REVOKED = gettext_noop(
    "The issuer has revoked this badge, so it was not added. %(reason)s"
)
STATUS_UNKNOWN = gettext_noop(
    "Whether this badge has been revoked could not be checked, so it was not added. "
    "Try again later. %(reason)s"
)
NOT_IN_FORCE = gettext_noop(
    "This badge is not in force, so it was not added. %(reason)s"
)
NOT_YOURS = gettext_noop(
    "This badge was awarded to an e-mail address that is not one of your verified "
    "addresses. If the address is yours, add and verify it first, then import the badge again."
)
AWARDED_HERE = gettext_noop(
    "This badge was awarded on this site and is already in your backpack: “%(title)s”."
)
DUPLICATE = gettext_noop(
    "This badge is already in your backpack: “%(title)s”, imported on %(date)s."
)
NOT_IMPORTED = gettext_noop("This is not a badge you imported.")


class ImportRefused(ValidationError):
    """A refused import: the message says why; ``verdict``, ``existing`` and ``award`` say more.

    ``verdict`` is the verifier's verdict when one was reached (for the page to
    show the failed checks), ``existing`` the backpack entry that makes this a
    duplicate, and ``award`` the award made here that is already held.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        params: dict | None = None,
        verdict: VerificationReport | None = None,
        existing: StoredCredential | None = None,
        award: Award | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.verdict = verdict
        self.existing = existing
        self.award = award


@dataclass(frozen=True)
class _Received:
    source: str  # Source.URL / FILE / TEXT
    data: bytes
    name: str = ""
    url: str = ""


# --- The actions ------------------------------------------------------------------------------


def import_credential(
    *,
    user,
    url: str | None = None,
    data: bytes | None = None,
    filename: str = "",
    text: str | None = None,
) -> StoredCredential:
    """Verify a credential given as a link, a file's bytes or pasted text; store it for ``user``.

    Give exactly one of ``url``, ``data`` and ``text``. Return the new
    ``StoredCredential`` (accepted, without an award). Raise ``ImportRefused``
    when nothing usable was given, when the credential cannot be read, is not
    authentic, is revoked or not yet in force, names an e-mail recipient that
    is not one of the user's verified addresses, is an award made here that
    the user already holds, or duplicates an import (same bytes or same id).
    Nothing is written unless the credential is stored.
    """
    received = _receive(url=url, data=data, filename=filename, text=text)
    digest = hashlib.sha256(received.data).hexdigest()
    _refuse_duplicate(user, sha256=digest, credential_ids=())
    verdict = verify_received(received.data)
    _refuse_unless_authentic(verdict)
    credential_id = _credential_id(verdict)
    award = _award_made_here(credential_id)
    if award is not None and held_awards(user).filter(pk=award.pk).exists():
        raise ImportRefused(
            _(AWARDED_HERE),
            code="awarded_here",
            params={"title": award.badge_class.name},
            verdict=verdict,
            award=award,
        )
    recipient = _recipient_confirmed(verdict, user)
    if recipient is False:
        raise ImportRefused(_(NOT_YOURS), code="not_yours", verdict=verdict)
    known_ids = {credential_id} | (
        {assertion_url(award), credential_url(award)} if award else set()
    )
    _refuse_duplicate(user, sha256="", credential_ids=known_ids, verdict=verdict)
    held = StoredCredential(
        user=user,
        **stored_fields(
            received.data,
            digest,
            verdict,
            recipient,
            credential_id=credential_id,
            source=received.source,
            source_url=received.url,
            name=received.name,
        ),
    )
    held.full_clean(validate_constraints=False)
    # The network work (fetching, verifying, the display image) is done above,
    # so the transaction only spans the writes and stays short.
    try:
        with transaction.atomic():
            _refuse_duplicate(
                user, sha256=digest, credential_ids=known_ids, verdict=verdict
            )
            held.save()
            _audit(
                "stored_credential.imported",
                user=user,
                held=held,
                verdict=verdict,
                extra={
                    "source": held.source,
                    "award": str(award.uuid) if award else "",
                },
            )
    except IntegrityError:
        # Another request stored the same bytes between the check and the insert.
        _refuse_duplicate(
            user, sha256=digest, credential_ids=known_ids, verdict=verdict
        )
        raise
    return held


def recheck_credential(*, user, held: StoredCredential) -> StoredCredential:
    """Verify an imported credential's stored bytes again; update its report, time and verdict.

    The stored bytes are never changed. Raise ValidationError when ``held`` is
    not a credential ``user`` imported.
    """
    _require_imported(user, held)
    verdict = verify_held(held)
    held.report = stored_report(verdict, _recipient_confirmed(verdict, user))
    held.checked_at = now()
    held.valid = verdict.valid
    held.full_clean(validate_constraints=False)
    with transaction.atomic():
        held.save(update_fields=["report", "checked_at", "valid", "updated_at"])
        _audit(
            "stored_credential.rechecked",
            user=user,
            held=held,
            verdict=verdict,
            extra={"state": held.state},
        )
    return held


@transaction.atomic
def remove_imported(*, user, held: StoredCredential) -> None:
    """Delete an imported credential, and with it its collection entries and share links.

    Raise ValidationError when ``held`` is not a credential ``user`` imported.
    """
    _require_imported(user, held)
    record(
        "stored_credential.removed",
        actor=user,
        target=held,
        data={"sha256": held.received_sha256, "version": held.version},
    )
    held.delete()


def verify_received(data: bytes) -> VerificationReport:
    """Return the verifier's verdict on a credential's bytes, the same way at import and later."""
    return inputs.verify_file(data)


def verify_held(held: StoredCredential) -> VerificationReport:
    """Return a fresh verdict on what an imported credential holds (its stored bytes)."""
    return verify_received(bytes(held.received or b""))


# --- Receiving --------------------------------------------------------------------------------


def _receive(*, url, data, filename, text) -> _Received:
    url = url.strip() if url and url.strip() else None
    text = text if text and text.strip() else None
    given = [value for value in (url, data, text) if value]
    if len(given) > 1:
        raise ValueError("Give one of url, data or text, not several.")
    if text and _is_link(text.encode("utf-8")):
        url, text = text.strip(), None  # a pasted link is a link
    if url:
        return _fetch(url)
    if data:
        if len(data) > inputs.MAX_UPLOAD_BYTES:
            raise ImportRefused(
                _(TOO_LARGE),
                code="too_large",
                params={"mb": inputs.MAX_UPLOAD_BYTES // 2**20},
            )
        if _is_link(data):
            raise ImportRefused(_(LINK_TO_LINK), code="unreadable")
        return _Received(
            Source.FILE, bytes(data), PurePosixPath(filename.replace("\\", "/")).name
        )
    if text:
        encoded = text.encode("utf-8")
        if len(encoded) > inputs.MAX_UPLOAD_BYTES:
            raise ImportRefused(
                _(TOO_LARGE),
                code="too_large",
                params={"mb": inputs.MAX_UPLOAD_BYTES // 2**20},
            )
        return _Received(Source.TEXT, encoded)
    raise ImportRefused(_(NOTHING_GIVEN), code="nothing_given")


def _fetch(url: str) -> _Received:
    """Return what ``url`` answers, through the verifier's fetch (our own pages in-process)."""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ImportRefused(_(BAD_LINK), code="bad_link") from None
    if len(url) > 2000:
        raise ImportRefused(_(BAD_LINK), code="bad_link")
    try:
        body = inputs.fetch_document(url)
    except (FetchError, LookupError) as exc:
        raise ImportRefused(
            _(UNREADABLE), code="unreadable", params={"reason": str(exc)}
        ) from None
    if _is_link(body):
        raise ImportRefused(_(LINK_TO_LINK), code="unreadable")
    name = PurePosixPath(urlsplit(url).path).name
    return _Received(Source.URL, body, name, url)


def _is_link(data: bytes) -> bool:
    return data.strip()[:8].lower().startswith((b"http://", b"https://"))


# --- Judging the verdict ----------------------------------------------------------------------


def _refuse_unless_authentic(verdict: VerificationReport) -> None:
    """Raise ImportRefused for the first failed check that forbids storing (expiry does not)."""
    for check in verdict.checks:
        if check.status != FAILED:
            continue
        params = {"reason": core_messages.translate(check.message)}
        if check.name == "format":
            raise ImportRefused(
                _(UNREADABLE), code="unreadable", params=params, verdict=verdict
            )
        if check.name in ("issuer_key", "proof"):
            raise ImportRefused(
                _(NOT_AUTHENTIC), code="not_authentic", params=params, verdict=verdict
            )
        if check.name == "status" and check.code == REVOKED_CODE:
            raise ImportRefused(
                _(REVOKED), code="revoked", params=params, verdict=verdict
            )
        if check.name == "status" and check.code == SUSPENDED_CODE:
            raise ImportRefused(
                _(NOT_IN_FORCE), code="not_in_force", params=params, verdict=verdict
            )
        if check.name == "status":
            raise ImportRefused(
                _(STATUS_UNKNOWN), code="status_unknown", params=params, verdict=verdict
            )
        if check.name == "validity" and _expired(verdict):
            continue
        if check.name == "validity":
            raise ImportRefused(
                _(NOT_IN_FORCE), code="not_in_force", params=params, verdict=verdict
            )
        raise ImportRefused(_(INVALID), code="invalid", params=params, verdict=verdict)
    for name in ("issuer_key", "proof"):
        check = verdict.check(name)
        if check.status != PASSED:
            raise ImportRefused(
                _(NOT_AUTHENTIC),
                code="not_authentic",
                params={"reason": core_messages.translate(check.message)},
                verdict=verdict,
            )


def _expired(verdict: VerificationReport) -> bool:
    """Return whether the credential's expiry date (as summarised) has passed."""
    try:
        expires = parse_date(str(verdict.certified.get("expires") or "")[:10])
    except ValueError:
        return False
    return expires is not None and expires <= localtime(now()).date()


def _recipient_confirmed(verdict: VerificationReport, user) -> bool | None:
    """True when the e-mail recipient is one of the user's verified addresses, False when it is
    not, None when the credential names no e-mail recipient (a DID or URL cannot be confirmed)."""
    credential = verdict.credential or {}
    plain = _mailto_subject(credential)
    if not plain and not _names_email(credential):
        return None
    addresses = verified_addresses(user)
    if plain:
        return plain in addresses
    return any(inputs.recipient_matches(verdict, address) for address in addresses)


def _names_email(credential: dict[str, Any]) -> bool:
    recipient = credential.get("recipient")  # OB 2.0 IdentityObject
    if isinstance(recipient, dict):
        return str(recipient.get("type", "")).lower() == "email"
    subject = credential.get("credentialSubject")  # OB 3.0 AchievementSubject
    identifiers = subject.get("identifier") if isinstance(subject, dict) else None
    return any(
        isinstance(i, dict) and i.get("identityType") == "emailAddress"
        for i in (identifiers if isinstance(identifiers, list) else [identifiers])
    )


def _mailto_subject(credential: dict[str, Any]) -> str:
    subject = credential.get("credentialSubject")
    subject_id = str(subject.get("id") or "") if isinstance(subject, dict) else ""
    return (
        subject_id[7:].strip().lower()
        if subject_id.lower().startswith("mailto:")
        else ""
    )


def _credential_id(verdict: VerificationReport) -> str:
    credential = verdict.credential or {}
    value = credential.get("id") or credential.get("jti") or ""
    return value[:2000] if isinstance(value, str) else ""


def _award_made_here(credential_id: str) -> Award | None:
    """Return the award of this site whose assertion or credential URL ``credential_id`` is."""
    ours, theirs = urlsplit(settings.PUBLIC_BASE_URL), urlsplit(credential_id)
    if (
        theirs.scheme not in ("http", "https")
        or theirs.netloc.lower() != ours.netloc.lower()
    ):
        return None
    try:
        match = resolve(theirs.path)
        award_uuid = uuid_lib.UUID(str(match.kwargs.get("award_id")))
    except (Resolver404, ValueError):
        return None
    if match.namespace != "public" or match.url_name not in ("assertion", "credential"):
        return None
    return Award.objects.filter(uuid=award_uuid).select_related("badge_class").first()


def _refuse_duplicate(user, *, sha256: str, credential_ids, verdict=None) -> None:
    ids = {i for i in credential_ids if i}
    if not sha256 and not ids:
        return
    imported = StoredCredential.objects.filter(user=user, award__isnull=True)
    existing = (
        imported.filter(received_sha256=sha256).first() if sha256 else None
    ) or (imported.filter(credential_id__in=ids).first() if ids else None)
    if existing is not None:
        raise ImportRefused(
            _(DUPLICATE),
            code="duplicate",
            params={
                "title": existing.title,
                "date": date_format(localtime(existing.created_at)),
            },
            verdict=verdict,
            existing=existing,
        )


def _require_imported(user, held: StoredCredential) -> None:
    if held.user_id != user.pk or held.award_id is not None:
        raise ValidationError(_(NOT_IMPORTED), code="not_imported")


# --- What the audit log keeps ------------------------------------------------------------------


def _audit(
    action: str,
    *,
    user,
    held: StoredCredential,
    verdict: VerificationReport,
    extra: dict,
) -> None:
    # Audit data names the credential by digest and id, never by an address: an id
    # that looks like one (a mailto: URI, say) is left out.
    credential_id = held.credential_id if "@" not in held.credential_id else ""
    recipient = held.report.get("recipient_matches")
    record(
        action,
        actor=user,
        target=held,
        data={
            "sha256": held.received_sha256,
            "credential_id": credential_id,
            "version": held.version,
            "format": verdict.proof_format,
            "valid": held.valid,
            "recipient": "confirmed" if recipient is True else "not_confirmed",
            **extra,
        },
    )
