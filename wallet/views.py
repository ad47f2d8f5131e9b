"""The learner's pages: the backpack, one entry in it, collections, sharing, and claim links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.timezone import make_aware
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import verified_addresses
from accounts.views import act_by_link, link_sign_up_form
from badges.facts import base_url

from . import actions, linkedin, ob3_host
from .access import (
    access_collection,
    access_held,
    access_held_award,
    held_awards,
    held_credentials,
)
from .models import Collection, HoldingStatus, ShareLink, StoredCredential
from .tokens import BadClaimToken, read_claim_token

# Lists show neither the signed documents nor the stored bytes: not loaded.
SIGNED_FORMS = ("ob2_jws", "ob3_credential", "ob3_jwt")
RECEIVED_BYTES = ("received", "image")


def _holdings(user) -> dict[int, StoredCredential]:
    return {
        held.award_id: held
        for held in StoredCredential.objects.filter(
            user=user, award__isnull=False
        ).defer(*RECEIVED_BYTES, "facts", "report")
    }


def _holding(user, award, held: StoredCredential | None) -> StoredCredential:
    """The learner's holding of ``award``: its row, or an unsaved pending one if not answered."""
    held = held or StoredCredential(user=user, status=HoldingStatus.PENDING)
    held.award = award
    return held


def _live_links(user) -> dict[int, ShareLink]:
    return {
        link.credential_id: link
        for link in ShareLink.objects.filter(
            user=user, revoked_at=None, credential__isnull=False
        )
    }


# The backpack's filter: ?state=<one of these>&q=<words in the title or issuer>.
STATE_FILTERS = ("pending", "accepted", "imported", "expired", "revoked", "declined")


@dataclass
class Tile:
    """One badge in the backpack grid: the holding, its picture and what the filter matches."""

    held: StoredCredential
    image_url: str
    states: frozenset[str]
    shared: bool
    shown: bool = True

    @property
    def pending(self) -> bool:
        return "pending" in self.states

    def matches(self, words: list[str]) -> bool:
        """True if the title or the issuer's name holds every word (in any case)."""
        text = f"{self.held.title} {self.held.issuer_name}".casefold()
        return all(word in text for word in words)


def _tile(held: StoredCredential, shared: set[int]) -> Tile:
    states = {held.state}  # valid, expired, revoked or (imported) invalid
    if held.is_imported:
        states.add("imported")
        image_url = (
            reverse("wallet:imported-image", args=[held.uuid])
            if held.image_type
            else ""
        )
    else:
        states.add(held.status)
        badge_class = held.award.badge_class
        image_url = (
            reverse("public:badge-class-image", args=[badge_class.uuid])
            if badge_class.image
            else ""
        )
    return Tile(held, image_url, frozenset(states), held.pk in shared)


def _newest_first(tile: Tile):
    """Issued date (or, when an import does not say, the day it was added), newest first."""
    held = tile.held
    when = held.issued_on or held.created_at
    if not isinstance(when, datetime):
        when = make_aware(datetime.combine(when, time.min))
    return when


@login_required
def backpack(request: HttpRequest) -> HttpResponse:
    """Every badge the learner holds as a grid of pictures, newest first, pending ones on top.

    Awards to the learner's verified addresses (declined ones only on request),
    and imports. ``?state=`` keeps one kind (see ``STATE_FILTERS``), ``?q=``
    the badges whose title or issuer holds every word: filtered here, so the
    page works without JavaScript (static/js/backpack.js filters as you type).
    """
    user = request.user
    holdings = _holdings(user)
    shared = set(_live_links(user))
    state = request.GET.get("state", "")
    if state not in STATE_FILTERS:
        state = ""
    query = request.GET.get("q", "").strip()[:200]
    show_declined = request.GET.get("declined") == "1" or state == "declined"
    held = [
        _holding(user, award, holdings.get(award.pk))
        for award in held_awards(user).defer(*SIGNED_FORMS)
    ]
    held += StoredCredential.objects.filter(user=user, award__isnull=True).defer(
        *RECEIVED_BYTES
    )
    tiles = sorted((_tile(h, shared) for h in held), key=_newest_first, reverse=True)
    declined = sum(1 for tile in tiles if "declined" in tile.states)
    if not show_declined:
        tiles = [tile for tile in tiles if "declined" not in tile.states]
    held_count = len(tiles)
    if state:
        tiles = [tile for tile in tiles if state in tile.states]
    # Tiles that do not match the words are sent hidden: backpack.js shows them
    # again as the words change, without a new request.
    words = query.casefold().split()
    for tile in tiles:
        tile.shown = tile.matches(words)
    shown = sum(1 for tile in tiles if tile.shown)
    return render(
        request,
        "wallet/backpack.html",
        {
            "pending": [tile for tile in tiles if tile.pending],
            "tiles": [tile for tile in tiles if not tile.pending],
            "pending_shown": sum(1 for tile in tiles if tile.pending and tile.shown),
            "shown_count": shown,
            # The number backpack.js keeps up to date as the search words change.
            "shown_html": format_html('<span id="backpack-shown">{}</span>', shown),
            "held_count": held_count,
            "filtered": bool(state or query),
            "state": state,
            "query": query,
            "collections": user.collections.annotate(size=Count("entries")),
            "declined": declined,
            "show_declined": show_declined,
        },
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Every OB 3.0 credential the learner holds, as one JSON file (the OB 3.0 API's shape)."""
    response = JsonResponse(
        ob3_host.credentials_response(request.user), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="backpack.json"'
    return response


def share_page_url(link: ShareLink) -> str:
    return base_url() + reverse("share:page", args=[link.token])


def sharing_context(user, held: StoredCredential | None) -> dict:
    """What the sharing panel of a held credential needs (see wallet/_sharing.html)."""
    if held is None or held.pk is None or held.status != HoldingStatus.ACCEPTED:
        return {"shareable": False}
    link = held.share_links.filter(revoked_at=None).first()
    in_collections = list(Collection.objects.filter(entries__credential=held))
    return {
        "shareable": True,
        "held": held,
        "link": link,
        "link_url": share_page_url(link) if link else "",
        "in_collections": in_collections,
        "other_collections": user.collections.exclude(
            pk__in=[c.pk for c in in_collections]
        ),
    }


@login_required
def entry(request: HttpRequest, award_id) -> HttpResponse:
    award = access_held_award(request.user, award_id)
    held = _holding(
        request.user,
        award,
        StoredCredential.objects.filter(user=request.user, award=award).first(),
    )
    return render(
        request,
        "wallet/entry.html",
        {"award": award, "held": held, **sharing_context(request.user, held)},
    )


@login_required
@require_POST
def accept(request: HttpRequest, award_id) -> HttpResponse:
    award = access_held_award(request.user, award_id)
    actions.accept_award(user=request.user, award=award)
    messages.success(request, _("Accepted. The badge is in your backpack."))
    return redirect("wallet:entry", award.uuid)


@login_required
@require_POST
def decline(request: HttpRequest, award_id) -> HttpResponse:
    award = access_held_award(request.user, award_id)
    actions.decline_award(user=request.user, award=award)
    messages.success(
        request,
        _("Declined. The badge is hidden from your backpack; you can accept it later."),
    )
    return redirect("wallet:backpack")


def claim(request: HttpRequest, token: str) -> HttpResponse:
    """Open a claim link: the holder lands on the award; others sign in, sign up or add the address."""
    try:
        award = read_claim_token(token)
    except BadClaimToken:
        return render(request, "wallet/claim_invalid.html", status=400)
    user = request.user
    if user.is_authenticated and award.recipient_identity in verified_addresses(user):
        return redirect("wallet:entry", award.uuid)
    email = award.recipient_identity
    form = link_sign_up_form(request, email)
    if request.method == "POST":

        def claim_it() -> None:
            if form is None:  # a new account holds the address already, verified
                actions.claim_address(user=request.user, award=award)

        claimed, _nothing = act_by_link(request, form, email, claim_it)
        if claimed:
            messages.success(request, _("The badge is in your backpack."))
            return redirect("wallet:entry", award.uuid)
    return render(
        request, "wallet/claim.html", {"award": award, "email": email, "form": form}
    )


# --- Sharing one held credential -------------------------------------------------------------


def _report(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
@require_POST
def share_held(request: HttpRequest, held_id) -> HttpResponse:
    held = access_held(request.user, held_id)
    try:
        actions.share(user=request.user, credential=held)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(
            request, _("Shared. Anyone with the link can see this badge and verify it.")
        )
    return redirect(held)


@login_required
@require_POST
def unshare_held(request: HttpRequest, held_id) -> HttpResponse:
    held = access_held(request.user, held_id)
    for link in held.share_links.filter(revoked_at=None):
        actions.revoke_share(user=request.user, link=link)
    messages.success(request, _("The link is withdrawn: it no longer shows the badge."))
    return redirect(held)


@login_required
@require_POST
def linkedin_held(request: HttpRequest, held_id) -> HttpResponse:
    """Share the badge (if not yet) and go to LinkedIn: add it to the profile, or post it."""
    held = access_held(request.user, held_id)
    link = actions.share(user=request.user, credential=held)
    url = share_page_url(link)
    if request.POST.get("kind") == "post":
        return redirect(linkedin.share_url(url))
    return redirect(
        linkedin.add_to_profile_url(
            name=held.title,
            organization=held.issuer_name,
            issued=held.issued_on,
            expires=held.expires_on,
            cert_url=url,
            cert_id=str(held.award.uuid if held.award_id else held.uuid),
        )
    )


@login_required
@require_POST
def add_held_to_collection(request: HttpRequest, held_id) -> HttpResponse:
    held = access_held(request.user, held_id)
    collection = access_collection(request.user, request.POST.get("collection"))
    try:
        actions.add_to_collection(user=request.user, collection=collection, held=held)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(
            request,
            _("Added to “%(name)s”.") % {"name": collection.name},
        )
    return redirect(held)


# --- Collections ---------------------------------------------------------------------------


@login_required
def collections(request: HttpRequest) -> HttpResponse:
    """The learner's collections, and a form to start one."""
    errors: list[str] = []
    if request.method == "POST":
        try:
            collection = actions.create_collection(
                user=request.user,
                name=request.POST.get("name", ""),
                description=request.POST.get("description", ""),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Collection created. Add badges to it below."))
            return redirect("wallet:collection", collection.uuid)
    return render(
        request,
        "wallet/collections.html",
        {
            "collections": request.user.collections.annotate(size=Count("entries")),
            "errors": errors,
            "form": request.POST,
            "live": {
                link.collection_id
                for link in request.user.share_links.filter(
                    revoked_at=None, collection__isnull=False
                )
            },
        },
    )


@login_required
def collection(request: HttpRequest, collection_id) -> HttpResponse:
    collection = access_collection(request.user, collection_id)
    errors: list[str] = []
    if request.method == "POST":
        try:
            actions.update_collection(
                user=request.user,
                collection=collection,
                name=request.POST.get("name", ""),
                description=request.POST.get("description", ""),
            )
        except ValidationError as exc:
            errors = exc.messages
            collection.refresh_from_db()
        else:
            messages.success(request, _("Saved."))
            return redirect("wallet:collection", collection.uuid)
    members = [
        entry.credential
        for entry in collection.entries.select_related(
            "credential__award__badge_class", "credential__award__issuer"
        ).defer(
            *(f"credential__{f}" for f in RECEIVED_BYTES),
            *(f"credential__award__{f}" for f in SIGNED_FORMS),
        )
    ]
    link = collection.share_links.filter(revoked_at=None).first()
    return render(
        request,
        "wallet/collection.html",
        {
            "collection": collection,
            "members": members,
            "candidates": held_credentials(request.user)
            .exclude(pk__in=[m.pk for m in members])
            .defer(*RECEIVED_BYTES, *(f"award__{f}" for f in SIGNED_FORMS)),
            "link": link,
            "link_url": share_page_url(link) if link else "",
            "errors": errors,
        },
    )


def _collection_change(request: HttpRequest, collection_id, change) -> HttpResponse:
    collection = access_collection(request.user, collection_id)
    try:
        change(collection)
    except ValidationError as exc:
        _report(request, exc)
    return redirect("wallet:collection", collection.uuid)


@login_required
@require_POST
def collection_add(request: HttpRequest, collection_id) -> HttpResponse:
    held = access_held(request.user, request.POST.get("credential"))
    return _collection_change(
        request,
        collection_id,
        lambda c: actions.add_to_collection(user=request.user, collection=c, held=held),
    )


@login_required
@require_POST
def collection_remove(request: HttpRequest, collection_id) -> HttpResponse:
    held = access_held(request.user, request.POST.get("credential"))
    return _collection_change(
        request,
        collection_id,
        lambda c: actions.remove_from_collection(
            user=request.user, collection=c, held=held
        ),
    )


@login_required
@require_POST
def collection_move(request: HttpRequest, collection_id) -> HttpResponse:
    held = access_held(request.user, request.POST.get("credential"))
    offset = -1 if request.POST.get("direction") == "up" else 1
    return _collection_change(
        request,
        collection_id,
        lambda c: actions.move_in_collection(
            user=request.user, collection=c, held=held, offset=offset
        ),
    )


@login_required
@require_POST
def collection_delete(request: HttpRequest, collection_id) -> HttpResponse:
    collection = access_collection(request.user, collection_id)
    actions.delete_collection(user=request.user, collection=collection)
    messages.success(
        request, _("Collection deleted. The badges in it are still in your backpack.")
    )
    return redirect("wallet:collections")


@login_required
@require_POST
def collection_share(request: HttpRequest, collection_id) -> HttpResponse:
    collection = access_collection(request.user, collection_id)
    link = actions.share(user=request.user, collection=collection)
    if request.POST.get("kind") == "linkedin":
        return redirect(linkedin.share_url(share_page_url(link)))
    messages.success(
        request,
        _(
            "Shared. Anyone with the link can see this collection and verify its badges."
        ),
    )
    return redirect("wallet:collection", collection.uuid)


@login_required
@require_POST
def collection_unshare(request: HttpRequest, collection_id) -> HttpResponse:
    collection = access_collection(request.user, collection_id)
    for link in collection.share_links.filter(revoked_at=None):
        actions.revoke_share(user=request.user, link=link)
    messages.success(
        request, _("The link is withdrawn: it no longer shows the collection.")
    )
    return redirect("wallet:collection", collection.uuid)
