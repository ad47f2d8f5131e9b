"""Saving a designed badge image: the SVG, the choices that made it, and its alt text."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import changed_fields, record
from issuers.actions import checked_image, store_image

from ..models import BadgeClass
from .badge_classes import ARCHIVED_READ_ONLY

ALT_REQUIRED = gettext_noop("Describe the image for people who cannot see it.")


@transaction.atomic
def save_badge_design(
    *, badge_class: BadgeClass, svg: bytes, design: dict, alt: str, acting_user
) -> BadgeClass:
    """Make ``svg`` the badge class's image, keeping ``design`` to reopen it and ``alt`` to describe it.

    The image goes through the same checks and content-addressed storage as
    an uploaded one (``issuers.actions.checked_image`` / ``store_image``), so
    the rules of editing a badge class apply: an archived class is read-only;
    a published one may change its picture, which its hosted documents and
    baked images show from then on (they name the class image by its stable URL).
    Raise ValidationError on ``image``, ``image_alt`` or the whole.
    """
    if badge_class.is_archived:
        raise ValidationError(_(ARCHIVED_READ_ONLY), code="archived")
    alt = alt.strip()
    if not alt:
        raise ValidationError(
            {"image_alt": ValidationError(_(ALT_REQUIRED), code="required")}
        )
    checked = checked_image(svg)
    before = {
        "image": badge_class.image.name,
        "image_alt": badge_class.image_alt,
        "image_design": badge_class.image_design,
    }
    badge_class.image_alt = alt
    badge_class.image_design = design
    badge_class.full_clean()
    store_image(badge_class, checked, "image")
    badge_class.save()
    changes = changed_fields(badge_class, before)
    changes.pop("image_design", None)  # the choices are kept on the row, not in the log
    record(
        "badge_class.updated",
        actor=acting_user,
        target=badge_class,
        institution=badge_class.issuer.institution,
        issuer=badge_class.issuer,
        data={**changes, "designed": True},
    )
    return badge_class
