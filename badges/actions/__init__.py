"""Every state change of badge classes and awards (house style R1)."""

from .awarding import (
    EXPIRES_BEFORE_ISSUE,
    NOT_AWARDABLE,
    award_badge,
    publish_status_list,
    revoke_award,
    sign_award,
)
from .badge_classes import (
    ARCHIVED_READ_ONLY,
    CANNOT_PUBLISH,
    ISSUER_ARCHIVED,
    archive_badge_class,
    create_badge_class,
    publish_badge_class,
    set_badge_class_translation,
    update_badge_class,
)

__all__ = [
    "ARCHIVED_READ_ONLY",
    "CANNOT_PUBLISH",
    "EXPIRES_BEFORE_ISSUE",
    "ISSUER_ARCHIVED",
    "NOT_AWARDABLE",
    "archive_badge_class",
    "award_badge",
    "create_badge_class",
    "publish_badge_class",
    "publish_status_list",
    "revoke_award",
    "set_badge_class_translation",
    "sign_award",
    "update_badge_class",
]
