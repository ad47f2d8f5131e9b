"""Collections and public share links. Nothing is public until the learner shares it.

A credential can go into a collection or be shared once the learner holds it:
an award made here must be accepted first, an imported credential is held from
the moment it is stored. A share link is live until revoked; sharing again
after a revocation makes a new, different link, so an old copy stays dead.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record
from issuers.validation import field_error

from ..models import (
    Collection,
    CollectionEntry,
    HoldingStatus,
    ShareEvent,
    ShareLink,
    StoredCredential,
)

NOT_HELD = gettext_noop(
    "Accept the badge first: only badges you hold can go into a collection or be shared."
)
ALREADY_IN = gettext_noop("This badge is already in the collection.")
NOT_IN = gettext_noop("This badge is not in the collection.")
NAME_REQUIRED = gettext_noop("Give the collection a name.")


def _audit(action: str, *, user, target, data: dict | None = None) -> None:
    # Wallet events belong to the learner, not to an institution; no addresses in the data.
    record(action, actor=user, target=target, data=data or {})


def _require_held(user, held: StoredCredential) -> None:
    if held.user_id != user.pk or held.status != HoldingStatus.ACCEPTED:
        raise field_error("credential", _(NOT_HELD), "not_held")


def _clean_collection(collection: Collection) -> None:
    collection.name = collection.name.strip()
    collection.description = collection.description.strip()
    if not collection.name:
        raise field_error("name", _(NAME_REQUIRED), "required")
    collection.full_clean(exclude=["user"])


@transaction.atomic
def create_collection(*, user, name: str, description: str = "") -> Collection:
    collection = Collection(user=user, name=name, description=description)
    _clean_collection(collection)
    collection.save()
    _audit("collection.created", user=user, target=collection)
    return collection


@transaction.atomic
def update_collection(
    *, user, collection: Collection, name: str, description: str = ""
) -> Collection:
    collection.name, collection.description = name, description
    _clean_collection(collection)
    collection.save()
    _audit("collection.updated", user=user, target=collection)
    return collection


@transaction.atomic
def delete_collection(*, user, collection: Collection) -> None:
    """Delete the collection and its share links; the badges in it stay in the backpack."""
    _audit("collection.deleted", user=user, target=collection)
    collection.delete()


@transaction.atomic
def add_to_collection(
    *, user, collection: Collection, held: StoredCredential
) -> CollectionEntry:
    _require_held(user, held)
    if CollectionEntry.objects.filter(collection=collection, credential=held).exists():
        raise field_error("credential", _(ALREADY_IN), "already_in")
    last = collection.entries.aggregate(last=Max("position"))["last"]
    entry = CollectionEntry.objects.create(
        collection=collection,
        credential=held,
        position=0 if last is None else last + 1,
    )
    Collection.objects.filter(pk=collection.pk).update(updated_at=now())
    _audit(
        "collection.added",
        user=user,
        target=collection,
        data={"credential": str(held.uuid)},
    )
    return entry


@transaction.atomic
def remove_from_collection(
    *, user, collection: Collection, held: StoredCredential
) -> None:
    deleted, _rows = CollectionEntry.objects.filter(
        collection=collection, credential=held
    ).delete()
    if not deleted:
        raise field_error("credential", _(NOT_IN), "not_in")
    Collection.objects.filter(pk=collection.pk).update(updated_at=now())
    _audit(
        "collection.removed",
        user=user,
        target=collection,
        data={"credential": str(held.uuid)},
    )


@transaction.atomic
def move_in_collection(
    *, user, collection: Collection, held: StoredCredential, offset: int
) -> None:
    """Move a badge ``offset`` places (−1 is up, 1 is down), clamped to the ends."""
    entries = list(collection.entries.select_for_update().order_by("position", "id"))
    index = next((i for i, e in enumerate(entries) if e.credential_id == held.pk), None)
    if index is None:
        raise field_error("credential", _(NOT_IN), "not_in")
    target = max(0, min(len(entries) - 1, index + offset))
    entries.insert(target, entries.pop(index))
    for position, entry in enumerate(entries):
        if entry.position != position:
            CollectionEntry.objects.filter(pk=entry.pk).update(position=position)


@transaction.atomic
def share(
    *,
    user,
    credential: StoredCredential | None = None,
    collection: Collection | None = None,
) -> ShareLink:
    """Return the live share link of the credential or collection, making one if there is none."""
    if (credential is None) == (collection is None):
        raise ValueError("share exactly one credential or one collection")
    if credential is not None:
        _require_held(user, credential)
        target = {"credential": credential}
    else:
        if collection.user_id != user.pk:
            raise ValidationError(_("This is not your collection."))
        target = {"collection": collection}
    live = (
        ShareLink.objects.select_for_update().filter(revoked_at=None, **target).first()
    )
    if live is not None:
        return live
    link = ShareLink.objects.create(user=user, **target)
    _audit(
        "share_link.created",
        user=user,
        target=credential or collection,
        data={"link": link.pk},
    )
    return link


@transaction.atomic
def revoke_share(*, user, link: ShareLink) -> ShareLink:
    """Withdraw a share link for good; anyone opening it is told it was withdrawn."""
    if link.user_id != user.pk:
        raise ValidationError(_("This is not your share link."))
    if link.revoked_at is None:
        link.revoked_at = now()
        link.save(update_fields=["revoked_at"])
        _audit("share_link.revoked", user=user, target=link.credential or link.collection, data={"link": link.pk})  # fmt: skip
    return link


@transaction.atomic
def note_visit(link: ShareLink) -> None:
    """Count an opening of a share link (for the learner, and the issuers' dashboard)."""
    at = now()
    ShareLink.objects.filter(pk=link.pk).update(views=F("views") + 1, last_viewed_at=at)
    ShareEvent.objects.create(link=link, kind=ShareEvent.Kind.VIEW, at=at)


def note_verification(link: ShareLink) -> None:
    """Count a visitor's "Verify" on a shared badge (the issuers' dashboard)."""
    ShareEvent.objects.create(link=link, kind=ShareEvent.Kind.VERIFY)
