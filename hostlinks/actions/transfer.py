"""Moving credentials between the backpack and a connected host: pull them in, push them out.

A pull lists every page of getCredentials first (following ``Link:
rel="next"``), then stores each credential through the backpack's write
path for the OB 3.0 API (``wallet.actions.upsert_credential``: verified as an
import is, kept byte for byte): one the backpack holds already (or a newer
version of it) counts as a duplicate, one that fails verification is named
with its reason, and a listing that fails stores nothing. A push is an outbound delivery (ground rule 5): the request
records a ``Push`` and its outbox message in one transaction, and a task
sends it with upsertCredential, retrying while the host is away.
"""

from __future__ import annotations

import json
import logging

from django.db import transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _

from audit.log import record
from outbox.actions import enqueue
from wallet.actions import ImportRefused, upsert_credential

from .. import client
from ..access import pushable
from ..client import RemoteError
from ..models import HostLink, Push, PushStatus
from .connect import usable_token

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
MAX_PAGES = 40  # 2,000 credentials: a host that pages without end is cut off
SAME = ("duplicate", "older")  # refusals that mean "already in the backpack"


def pull(*, user, link: HostLink) -> dict:
    """Import the learner's credentials from the host; record and return what happened.

    Return ``{"imported", "duplicates", "refused": [{"title", "reason"}], "error"}``.
    A failure to list (the host away, a bad answer) imports nothing and is in ``error``.
    """
    try:
        found = _list_all(link)
    except RemoteError as exc:
        summary = {"imported": 0, "duplicates": 0, "refused": [], "error": str(exc)}
        return _record_pull(user, link, summary, listed=0)
    summary = {"imported": 0, "duplicates": 0, "refused": [], "error": ""}
    for position, (data, media_type) in enumerate(found, start=1):
        try:
            _held, created = upsert_credential(
                user=user, data=data, media_type=media_type
            )
        except ImportRefused as exc:
            if exc.code in SAME:
                summary["duplicates"] += 1
                continue
            title = _title(data) or _("Badge %(n)d") % {"n": position}
            summary["refused"].append({"title": title, "reason": exc.messages[0]})
        else:
            summary["imported" if created else "duplicates"] += 1
    return _record_pull(user, link, summary, listed=len(found))


def push(*, user, link: HostLink, held_ids) -> list[Push]:
    """Record a push of each chosen credential and queue its delivery, in one transaction.

    ``held_ids`` are uuids of credentials from ``pushable(user)``; others are ignored.
    """
    chosen = {str(i) for i in held_ids}
    with transaction.atomic():
        pushes = []
        for held, _body, _type in pushable(user):
            if str(held.uuid) not in chosen:
                continue
            entry = Push(link=link, held=held, title=held.title[:255])
            entry.full_clean(exclude=["link", "held"])
            entry.save()
            from ..tasks import deliver_push_task

            enqueue(deliver_push_task, entry.pk)
            pushes.append(entry)
        if pushes:
            record(
                "hostlink.pushed",
                actor=user,
                target=link,
                data={
                    "host": link.host.discovery_url,
                    "credentials": [str(p.held.uuid) for p in pushes],
                },
            )
    return pushes


def deliver_push(*, entry: Push, last_try: bool) -> None:
    """Send one recorded push with upsertCredential and record its fate.

    A host that is away (a network failure, a 5xx) raises RemoteError with
    ``retry`` set, for the task to try again, unless ``last_try``; any other
    failure is recorded at once.
    """
    if entry.status != PushStatus.WAITING:
        return  # delivered or failed already: running twice sends once
    link = entry.link
    form = next(
        ((b, t) for h, b, t in pushable(link.user) if h.pk == entry.held_id), None
    )
    try:
        if form is None:
            raise RemoteError(_("The badge is no longer in your backpack."))
        status = client.upsert_credential(link.host.api_base, usable_token(link), *form)
    except RemoteError as exc:
        if exc.retry and not last_try:
            entry.reason = str(exc)[:500]
            entry.save(update_fields=["reason"])
            raise
        _finish(entry, status=PushStatus.FAILED, reason=str(exc))
        return
    _finish(entry, status=PushStatus.DELIVERED, http_status=status)


def _finish(
    entry: Push, *, status: str, http_status: int | None = None, reason: str = ""
) -> None:
    with transaction.atomic():
        entry.status = status
        entry.http_status = http_status
        entry.reason = reason[:500]
        entry.finished_at = now()
        entry.save(update_fields=["status", "http_status", "reason", "finished_at"])
        record(
            f"hostlink.push_{status}",
            actor=entry.link.user,
            target=entry.link,
            data={"credential": str(entry.held.uuid), "http_status": http_status},
        )


def _list_all(link: HostLink) -> list[tuple[bytes, str]]:
    """Every credential of every page, with its media type: JSON objects, then compact JWS."""
    url = f"{link.host.api_base}/credentials?limit={PAGE_SIZE}&offset=0"
    found: list[tuple[bytes, str]] = []
    seen: set[str] = set()
    while url and url not in seen:
        if len(seen) >= MAX_PAGES:
            raise RemoteError(
                _(
                    "%(host)s sent more than %(n)d pages of badges; nothing was imported."
                )
                % {"host": link.host.name, "n": MAX_PAGES}
            )
        seen.add(url)
        page = client.get_credentials(url, usable_token(link))
        found += [
            (json.dumps(c, ensure_ascii=False).encode(), client.JSON)
            for c in page.credentials
        ]
        found += [(j.strip().encode(), "text/plain") for j in page.jws]
        url = page.next_url
    return found


def _record_pull(user, link: HostLink, summary: dict, *, listed: int) -> dict:
    with transaction.atomic():
        HostLink.objects.filter(pk=link.pk).update(
            last_pull_at=now(), last_pull=summary
        )
        record(
            "hostlink.pulled",
            actor=user,
            target=link,
            data={
                "host": link.host.discovery_url,
                "listed": listed,
                "imported": summary["imported"],
                "duplicates": summary["duplicates"],
                "refused": len(summary["refused"]),
                "error": bool(summary["error"]),
            },
        )
    link.refresh_from_db(fields=["last_pull_at", "last_pull"])
    return summary


def _title(data: bytes) -> str:
    try:
        document = json.loads(data)
    except ValueError:
        return ""
    subject = document.get("credentialSubject") if isinstance(document, dict) else None
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    name = (
        achievement.get("name")
        if isinstance(achievement, dict)
        else document.get("name")
    )
    return str(name or "")[:200] if isinstance(document, dict) else ""
