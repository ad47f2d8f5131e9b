"""Public share pages: what a learner chose to show, under an unguessable link, until revoked.

``/share/<token>`` shows one badge or one collection; ``/share/<token>/<uuid>``
one badge of a shared collection. Each page carries Open Graph and Twitter
tags (a pasted link previews well) and asks search engines not to index it
(withdrawing a link must make it disappear). A revoked link answers 410 with
a plain explanation; an unknown one 404. Verifying an award made here uses
its public verification page; an imported credential is verified anew from
the bytes the learner stored, by the same verifier as ``/verify``.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from badges.facts import base_url
from config.ratelimit import hit, limited_page
from issuers.access import NOT_FOUND, parse_uuid
from verifier.views import too_many_checks, verify_limit

from . import actions, og_card
from .display_images import image_response
from .models import ShareLink, StoredCredential

NO_INDEX = "noindex, nofollow, noarchive"
CARD_SECONDS = 600  # a changed title or name shows on preview cards within ten minutes


def _link(token: str) -> ShareLink:
    link = (
        ShareLink.objects.select_related("user", "collection", "credential")
        .filter(token=token)
        .first()
    )
    if link is None:
        raise Http404(NOT_FOUND)
    return link


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = NO_INDEX
    response["Cache-Control"] = "private, no-cache"
    return response


def _withdrawn(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "wallet/share_withdrawn.html", status=410))


def _members(link: ShareLink) -> list[StoredCredential]:
    """What the link shows: its credential, or the collection's, in the learner's order."""
    if link.credential_id:
        return [link.credential]
    return [
        entry.credential
        for entry in link.collection.entries.select_related(
            "credential__award__badge_class__issuer__institution",
            "credential__award__issuer",
        )
    ]


def _image_url(link: ShareLink, held: StoredCredential) -> str:
    if held.award_id:
        if not held.award.badge_class.image:
            return ""
        return reverse("public:badge-class-image", args=[held.award.badge_class.uuid])
    if not held.image:
        return ""
    return reverse("share:image", args=[link.token, held.uuid])


def _card_url(link: ShareLink, held: StoredCredential) -> str:
    if link.credential_id:
        return reverse("share:card", args=[link.token])
    return reverse("share:item-card", args=[link.token, held.uuid])


def _card(link: ShareLink, held: StoredCredential) -> dict:
    return {
        "held": held,
        "image_url": _image_url(link, held),
        "page_url": reverse("share:item", args=[link.token, held.uuid]),
        "verify_url": reverse("share:verify", args=[link.token, held.uuid]),
    }


def page(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token)
    if not link.is_live:
        return _withdrawn(request)
    actions.note_visit(link)
    if link.credential_id:
        return _badge_page(request, link, link.credential)
    cards = [_card(link, held) for held in _members(link)]
    return _private(
        render(
            request,
            "wallet/share_collection.html",
            {
                "link": link,
                "collection": link.collection,
                "holder": link.user.get_full_name(),
                "cards": cards,
                "og_image": base_url() + reverse("share:card", args=[link.token]),
                "og_url": base_url() + reverse("share:page", args=[link.token]),
            },
        )
    )


def _shown(link: ShareLink, held_id) -> StoredCredential:
    """A credential the live link shows; 404 for anything else."""
    wanted = parse_uuid(held_id)
    for held in _members(link):
        if held.uuid == wanted:
            return held
    raise Http404(NOT_FOUND)


def item(request: HttpRequest, token: str, held_id) -> HttpResponse:
    link = _link(token)
    if not link.is_live:
        return _withdrawn(request)
    return _badge_page(request, link, _shown(link, held_id))


def _badge_page(
    request: HttpRequest, link: ShareLink, held: StoredCredential
) -> HttpResponse:
    card = _card(link, held)
    award = held.award
    return _private(
        render(
            request,
            "wallet/share_badge.html",
            {
                "link": link,
                "card": card,
                "held": held,
                "award": award,
                "badge_class": award.badge_class if award else None,
                "holder": link.user.get_full_name(),
                "og_image": base_url() + _card_url(link, held),
                "og_url": base_url() + request.path,
            },
        )
    )


def image(request: HttpRequest, token: str, held_id) -> HttpResponse:
    """The stored display image of an imported credential on a live link."""
    link = _link(token)
    if not link.is_live:
        raise Http404(NOT_FOUND)
    return _private(image_response(_shown(link, held_id)))


def _image_bytes(held: StoredCredential) -> bytes | None:
    if held.award_id:
        from issuers.stored_images import read_image_if_there

        # The card is drawn without the picture while storage is away.
        return read_image_if_there(held.award.badge_class.image)
    return bytes(held.image) if held.image else None


def card(request: HttpRequest, token: str, held_id=None) -> HttpResponse:
    """The link's preview picture (``og:image``): a PNG card, since social sites ignore SVG."""
    link = _link(token)
    if not link.is_live:
        raise Http404(NOT_FOUND)
    held = _shown(link, held_id) if held_id is not None else link.credential
    # Crawlers fetch a card a few times at most; drawing one takes ~40 ms.
    key = f"share-card:{link.token}:{held.uuid if held else ''}:{get_language()}"
    png = cache.get(key)
    if png is None:
        png = _draw_card(link, held)
        cache.set(key, png, CARD_SECONDS)
    return _private(HttpResponse(png, content_type="image/png"))


def _draw_card(link: ShareLink, held: StoredCredential | None) -> bytes:
    """A badge's card, or (``held`` None) the collection's."""
    holder = link.user.get_full_name()
    if held is None:
        members = _members(link)
        png = og_card.collection_card(
            title=link.collection.name,
            subtitle=ngettext(
                "%(count)d badge held by %(holder)s",
                "%(count)d badges held by %(holder)s",
                len(members),
            )
            % {"count": len(members), "holder": holder},
            images=[_image_bytes(held) for held in members[:6]],
        )
    else:
        png = og_card.badge_card(
            title=held.title,
            issuer=held.issuer_name,
            holder=_("Held by %(holder)s") % {"holder": holder},
            image=_image_bytes(held),
        )
    return png


def verify(request: HttpRequest, token: str, held_id) -> HttpResponse:
    """Verify a shared badge now: our own awards on their page, imports from their stored bytes."""
    link = _link(token)
    if not link.is_live:
        return _withdrawn(request)
    held = _shown(link, held_id)
    actions.note_verification(link)
    if held.award_id:
        return redirect("public:award-verify", held.award.uuid)
    wait = hit(request, "verify", limit=verify_limit())
    if wait:
        context = {"link": link, "held": held, "error": too_many_checks(wait)}
        return _private(
            limited_page(request, "wallet/share_verify.html", context, wait)
        )
    return _private(
        render(
            request,
            "wallet/share_verify.html",
            {"link": link, "held": held, "verdict": actions.verify_held(held)},
        )
    )
