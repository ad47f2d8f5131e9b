"""Audit events in words: one sentence per event, in the active language, for staff pages.

``describe(events)`` returns one ``Entry`` per event: who (the actor's name, or
"Insignia (automatic)" when no person acted), a sentence naming the object
(linked to its page where there is one) and when. Recipients are named by the
award's recipient name, else by a masked address (``j***@example.com``): an
audit page never shows a plain e-mail address, since the events themselves
keep only hashes. A code without a sentence of its own gets a generic one.

>>> entry = describe([event])[0]
>>> entry.sentence   # 'Anna Bērziņa revoked the award of “Data Literacy” to j***@example.com'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from .models import AuditEvent

N_ = gettext_noop

SYSTEM = gettext_lazy("Insignia (automatic)")

# The kinds of event (the code's first part) a staff member filters by, in words.
KINDS = {
    "account": gettext_lazy("Accounts"),
    "api_token": gettext_lazy("API tokens"),
    "award": gettext_lazy("Awards"),
    "badge_class": gettext_lazy("Badge classes"),
    "badge_request": gettext_lazy("Badge requests"),
    "bulk_upload": gettext_lazy("Bulk awarding"),
    "collection": gettext_lazy("Collections"),
    "delivery": gettext_lazy("Wallet deliveries"),
    "email_address": gettext_lazy("E-mail addresses"),
    "email_delivery": gettext_lazy("E-mails"),
    "hostlink": gettext_lazy("Connected backpacks"),
    "institution": gettext_lazy("Institution"),
    "invitation": gettext_lazy("Invitations"),
    "issuer": pgettext_lazy("audit kind", "Issuer"),
    "membership": gettext_lazy("Staff"),
    "oauth": gettext_lazy("Connected applications"),
    "remote_host": gettext_lazy("Other backpacks"),
    "share_link": gettext_lazy("Share links"),
    "signing_key": gettext_lazy("Signing keys"),
    "stored_credential": gettext_lazy("Backpack"),
}


@dataclass(frozen=True)
class Entry:
    event: AuditEvent
    actor: str
    sentence: SafeString
    url: str | None
    when: datetime


def kind_label(kind: str) -> str:
    """Return the words for an event kind (``award`` → "Awards"); unknown kinds read as words."""
    return str(KINDS.get(kind) or kind.replace("_", " ").capitalize())


def mask_email(address: str) -> str:
    """Return ``address`` with its local part hidden but the first letter: ``j***@example.com``."""
    local, at, domain = address.partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


def actor_name(user) -> str:
    """Return how a page names who acted: the person's name, a masked address, or Insignia itself."""
    if user is None:
        return str(SYSTEM)
    name = user.get_full_name().strip()
    return name or mask_email(user.email or "")


def describe(events: Iterable[AuditEvent]) -> list[Entry]:
    """Return an ``Entry`` per event, fetching every named object in one query per kind."""
    events = list(events)
    targets = _targets(events)
    return [
        _entry(event, targets.get((event.target_type, event.target_id)))
        for event in events
    ]


def _targets(events: Sequence[AuditEvent]) -> dict[tuple[str, str], object]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        wanted[event.target_type].add(event.target_id)
    found = {}
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        key = "uuid" if any(f.name == "uuid" for f in model._meta.fields) else "pk"
        queryset = model._default_manager.filter(
            **{f"{key}__in": _valid_ids(model, key, ids)}
        )
        queryset = queryset.select_related(*_RELATED.get(label, ()))
        for obj in queryset:
            found[(label, str(getattr(obj, key)))] = obj
    return found


def _valid_ids(model, key: str, ids: set[str]) -> list:
    field = model._meta.get_field("uuid" if key == "uuid" else model._meta.pk.name)
    valid = []
    for value in ids:
        try:
            valid.append(field.to_python(value))
        except ValidationError:  # an id that no longer parses names nothing
            continue
    return valid


_RELATED = {
    "badges.award": ("badge_class",),
    "bulk.bulkupload": ("badge_class",),
    "badges.badgerequest": ("badge_class", "issuer"),
    "issuers.membership": ("user", "issuer", "institution"),
    "issuers.signingkey": ("issuer",),
    "notifications.emaildelivery": ("award", "issuer"),
}


def _entry(event: AuditEvent, target) -> Entry:
    actor = actor_name(event.actor)
    url = _url(event.target_type, target)
    make = _SENTENCES.get(event.action) or _generic
    return Entry(
        event=event,
        actor=actor,
        sentence=make(_Parts(event, target, actor, url)),
        url=url,
        when=event.created_at,
    )


def _reverse(name: str, *args, query: str = "") -> str | None:
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return None


def _url(label: str, target) -> str | None:
    """Return the staff page of an event's object, if it still exists and has one."""
    if target is None:
        return None
    pages: dict[str, Callable[[object], str | None]] = {
        "badges.award": lambda a: _reverse("badges:badge-class-awards", a.badge_class.uuid, query=f"highlight={a.uuid}"),
        "badges.badgeclass": lambda b: _reverse("badges:badge-class-detail", b.uuid),
        "badges.badgerequest": lambda r: _reverse("badges:badge-request-queue", r.issuer.uuid),
        "bulk.bulkupload": lambda u: _reverse("bulk:upload-detail", u.uuid),
        "issuers.issuer": lambda i: _reverse("issuers:issuer-detail", i.uuid),
        "issuers.institution": lambda i: _reverse("issuers:institution-detail", i.uuid),
        "issuers.signingkey": lambda k: _reverse("issuers:issuer-detail", k.issuer.uuid),
        "issuers.membership": lambda m: _reverse("issuers:institution-detail", (m.institution or m.issuer.institution).uuid),
        "issuers.invitation": lambda i: _reverse("issuers:institution-detail", (i.institution or i.issuer.institution).uuid),
        "notifications.emaildelivery": lambda d: _reverse("notifications:issuer-deliveries", d.issuer.uuid),
    }  # fmt: skip
    page = pages.get(label)
    try:
        return page(target) if page else None
    except AttributeError:  # a relation that is gone
        return None


class _Parts:
    """The pieces a sentence is made of, escaped, with the object linked when it has a page."""

    def __init__(self, event: AuditEvent, target, actor: str, url: str | None):
        self.event, self.target, self.actor, self.url = event, target, actor, url
        self.data = event.data if isinstance(event.data, dict) else {}

    def link(self, text: str) -> SafeString:
        if self.url:
            return format_html('<a href="{}">{}</a>', self.url, text)
        return conditional_escape(text)

    def quoted(self, name: str) -> str:
        return _("“%(name)s”") % {"name": name}

    def name_of(self, obj, fallback: str) -> str:
        from badges.templatetags.insignia import tr

        if obj is None:
            return fallback
        try:
            return self.quoted(tr(obj, "name") or str(obj))
        except Exception:
            return self.quoted(getattr(obj, "name", "") or str(obj))

    def badge(self) -> str:
        target = self.target
        badge_class = (
            getattr(target, "badge_class", None) if target is not None else None
        )
        if self.event.target_type == "badges.badgeclass":
            badge_class = target
        return self.name_of(badge_class, _("a badge class"))

    def recipient(self) -> str:
        award = self.target if self.event.target_type == "badges.award" else None
        award = award or getattr(self.target, "award", None)
        if award is None:
            return _("a recipient")
        if award.recipient_name:
            return award.recipient_name
        if "@" in award.recipient_identity:
            return mask_email(award.recipient_identity)
        return _("a recipient")

    def person(self) -> str:
        """The staff member or learner a membership or request is about."""
        user = getattr(self.target, "user", None)
        if user is not None:
            return actor_name(user)
        email = getattr(self.target, "email", "")
        return mask_email(email) if email else _("someone")

    def say(self, message: str, **values) -> SafeString:
        values.setdefault("actor", self.actor)
        escaped = {k: conditional_escape(v) for k, v in values.items()}
        return mark_safe(escape(message) % escaped)  # noqa: S308 (every part escaped)


def _generic(p: _Parts) -> SafeString:
    kind, _dot, verb = p.event.action.partition(".")
    return p.say(
        _("%(actor)s: %(what)s (%(kind)s)"),
        what=p.link(verb.replace("_", " ") or kind),
        kind=kind_label(kind),
    )


def _award(message: str) -> Callable[[_Parts], SafeString]:
    return lambda p: p.say(_(message), badge=p.badge(), recipient=p.link(p.recipient()))


def _badge_class(message: str) -> Callable[[_Parts], SafeString]:
    return lambda p: p.say(_(message), badge=p.link(p.badge()))


def _object(message: str, fallback: str = "") -> Callable[[_Parts], SafeString]:
    def sentence(p: _Parts) -> SafeString:
        name = p.name_of(p.target, _(fallback) if fallback else _("(removed)"))
        return p.say(_(message), name=p.link(name))

    return sentence


def _plain(message: str) -> Callable[[_Parts], SafeString]:
    return lambda p: p.say(_(message))


def _linked(message: str, what: str) -> Callable[[_Parts], SafeString]:
    return lambda p: p.say(_(message), what=p.link(_(what)))


def _bulk(message: str) -> Callable[[_Parts], SafeString]:
    def sentence(p: _Parts) -> SafeString:
        data = p.data
        upload = p.target
        name = getattr(upload, "filename", "") or _("a list of recipients")
        return p.say(
            _(message),
            file=p.link(name),
            badge=p.badge(),
            total=data.get("total", 0),
            valid=data.get("valid", 0),
            awarded=data.get("awarded", 0),
            failed=data.get("failed", 0),
            reason=data.get("reason", ""),
        )

    return sentence


def _request(message: str) -> Callable[[_Parts], SafeString]:
    return lambda p: p.say(_(message), badge=p.link(p.badge()), person=p.person())


def _membership(message: str) -> Callable[[_Parts], SafeString]:
    def sentence(p: _Parts) -> SafeString:
        from issuers.models import Role

        roles = dict(Role.choices)
        role = p.data.get("role", "")
        if isinstance(role, list) and role:
            role = role[-1]
        return p.say(_(message), person=p.link(p.person()), role=roles.get(role, role))

    return sentence


def _key(message: str) -> Callable[[_Parts], SafeString]:
    return lambda p: p.say(
        _(message), algorithm=p.link(str(p.data.get("algorithm", "")))
    )


def _changed(message: str) -> Callable[[_Parts], SafeString]:
    def sentence(p: _Parts) -> SafeString:
        fields = [f for f in p.data if f not in ("name",)] if p.data else []
        name = p.name_of(p.target, _("(removed)"))
        result = p.say(_(message), name=p.link(name))
        if fields:
            result = p.say(
                _("%(sentence)s (%(fields)s)"),
                sentence=result,
                fields=", ".join(f.replace("_", " ") for f in fields[:6]),
            )
        return result

    return sentence


# Every code written by a ``record(...)`` call in the code base (grep ``record(`` and ``_audit(``).
_SENTENCES: dict[str, Callable[[_Parts], SafeString]] = {
    "award.created": _award(N_("%(actor)s awarded %(badge)s to %(recipient)s")),
    "award.revoked": _award(N_("%(actor)s revoked the award of %(badge)s to %(recipient)s")),
    "award.renewed": _award(N_("%(actor)s renewed the award of %(badge)s to %(recipient)s")),
    "award.reissued": _award(N_("%(actor)s signed the award of %(badge)s to %(recipient)s again")),
    "badge_class.created": _badge_class(N_("%(actor)s created the badge class %(badge)s")),
    "badge_class.updated": _badge_class(N_("%(actor)s edited the badge class %(badge)s")),
    "badge_class.published": _badge_class(N_("%(actor)s published the badge class %(badge)s")),
    "badge_class.archived": _badge_class(N_("%(actor)s archived the badge class %(badge)s")),
    "badge_class.translated": lambda p: p.say(_("%(actor)s translated the badge class %(badge)s into %(language)s"), badge=p.link(p.badge()), language=_language(p.data.get("language", ""))),
    "badge_request.created": _request(N_("%(person)s asked for %(badge)s")),
    "badge_request.withdrawn": _request(N_("%(person)s withdrew their request for %(badge)s")),
    "badge_request.approved": _request(N_("%(actor)s approved the request of %(person)s for %(badge)s")),
    "badge_request.denied": _request(N_("%(actor)s denied the request of %(person)s for %(badge)s")),
    "bulk_upload.created": _bulk(N_("%(actor)s uploaded %(file)s for %(badge)s: %(total)s lines, %(valid)s to award")),
    "bulk_upload.confirmed": _bulk(N_("%(actor)s confirmed %(file)s: %(valid)s badges of %(badge)s to award")),
    "bulk_upload.finished": _bulk(N_("Awarding %(file)s finished: %(awarded)s awarded, %(failed)s failed")),
    "bulk_upload.failed": _bulk(N_("Awarding %(file)s stopped: %(reason)s")),
    "institution.created": _object(N_("%(actor)s created the institution %(name)s")),
    "institution.updated": _changed(N_("%(actor)s edited the institution %(name)s")),
    "issuer.created": _object(N_("%(actor)s created the issuer %(name)s")),
    "issuer.updated": _changed(N_("%(actor)s edited the issuer %(name)s")),
    "issuer.archived": _object(N_("%(actor)s archived the issuer %(name)s")),
    "invitation.created": _membership(N_("%(actor)s invited %(person)s as %(role)s")),
    "invitation.revoked": _membership(N_("%(actor)s withdrew the invitation of %(person)s")),
    "membership.created": _membership(N_("%(person)s joined the staff as %(role)s")),
    "membership.role_changed": _membership(N_("%(actor)s made %(person)s %(role)s")),
    "membership.removed": _membership(N_("%(actor)s removed %(person)s from the staff")),
    "signing_key.created": _key(N_("A new %(algorithm)s signing key was made")),
    "signing_key.rotated": _key(N_("%(actor)s replaced the %(algorithm)s signing key")),
    "email_delivery.failed": lambda p: p.say(_("An e-mail to %(recipient)s could not be delivered"), recipient=p.link(p.recipient())),
    "email_delivery.resent": lambda p: p.say(_("%(actor)s sent the e-mail to %(recipient)s again"), recipient=p.link(p.recipient())),
    "delivery.offer_created": _linked(N_("%(actor)s offered a credential to a wallet (%(what)s)"), N_("offer")),
    "delivery.code_redeemed": _plain(N_("A wallet redeemed an offer code")),
    "delivery.code_refused": _plain(N_("A wallet gave a wrong offer code")),
    "delivery.credential_delivered": _plain(N_("%(actor)s received a credential in a wallet")),
    "stored_credential.accepted": _award(N_("%(actor)s accepted %(badge)s into their backpack")),
    "stored_credential.declined": _award(N_("%(actor)s declined %(badge)s")),
    "stored_credential.imported": _plain(N_("%(actor)s imported a credential into their backpack")),
    "stored_credential.rechecked": _plain(N_("%(actor)s checked an imported credential again")),
    "stored_credential.removed": _plain(N_("%(actor)s removed an imported credential from their backpack")),
    "stored_credential.upserted": _plain(N_("A connected application stored a credential in the backpack of %(actor)s")),
    "collection.created": _plain(N_("%(actor)s created a collection")),
    "collection.updated": _plain(N_("%(actor)s edited a collection")),
    "collection.deleted": _plain(N_("%(actor)s deleted a collection")),
    "collection.added": _plain(N_("%(actor)s added a credential to a collection")),
    "collection.removed": _plain(N_("%(actor)s removed a credential from a collection")),
    "share_link.created": _plain(N_("%(actor)s made a share link")),
    "share_link.revoked": _plain(N_("%(actor)s ended a share link")),
    "account.created": _plain(N_("%(actor)s created an account")),
    "account.deleted": _plain(N_("An account was deleted")),
    "account.name_changed": _plain(N_("%(actor)s changed their name")),
    "account.password_reset": _plain(N_("%(actor)s set a new password")),
    "account.password_reset_requested": _plain(N_("Someone asked to reset a password")),
    "account.sign_up_attempted": _plain(N_("Someone tried to sign up with an address already in use")),
    "api_token.created": _plain(N_("%(actor)s created an API token")),
    "api_token.revoked": _plain(N_("%(actor)s revoked an API token")),
    "email_address.added": _plain(N_("%(actor)s added an e-mail address")),
    "email_address.released": _plain(N_("An unverified e-mail address was released for another account")),
    "email_address.removed": _plain(N_("%(actor)s removed an e-mail address")),
    "email_address.verification_resent": _plain(N_("%(actor)s asked for the verification e-mail again")),
    "email_address.verified": _plain(N_("%(actor)s verified an e-mail address")),
    "hostlink.connected": _plain(N_("%(actor)s connected another backpack")),
    "hostlink.disconnected": _plain(N_("%(actor)s disconnected another backpack")),
    "hostlink.pulled": _plain(N_("%(actor)s fetched credentials from another backpack")),
    "hostlink.pushed": _plain(N_("%(actor)s sent credentials to another backpack")),
    "hostlink.push_delivered": _plain(N_("A credential of %(actor)s reached another backpack")),
    "hostlink.push_failed": _plain(N_("A credential of %(actor)s could not be sent to another backpack")),
    "remote_host.registered": _plain(N_("Insignia registered with another backpack")),
    "remote_host.forgotten": _plain(N_("Insignia forgot another backpack")),
    "oauth.client_registered": _plain(N_("An application registered to connect")),
    "oauth.consent_given": _plain(N_("%(actor)s let an application connect")),
    "oauth.code_replayed": _plain(N_("An application reused a sign-in code (refused)")),
    "oauth.token_revoked": _plain(N_("An application's access was ended")),
    "oauth.application_disconnected": _plain(N_("%(actor)s disconnected an application")),
}  # fmt: skip

KNOWN_CODES = frozenset(_SENTENCES)


def _language(code: str) -> str:
    from django.conf import settings

    return str(dict(settings.LANGUAGES).get(code, code))
