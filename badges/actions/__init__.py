"""Every state change of badge classes and awards (house style R1)."""

from .awarding import (
    EXPIRES_BEFORE_ISSUE,
    NOT_AWARDABLE,
    IssuerSigners,
    award_badge,
    reissue_awards,
    sign_award,
    sign_awards,
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
from .renewal import CANNOT_RENEW_REVOKED, renew_award
from .requests import *  # noqa: F403 (badge requests; see requests.__all__)
from .revocation import (
    REASON_REQUIRED,
    publish_status_list,
    published_status_list,
    revoke_award,
    revoke_awards,
)

__all__ = [
    "ARCHIVED_READ_ONLY",
    "CANNOT_PUBLISH",
    "CANNOT_RENEW_REVOKED",
    "EXPIRES_BEFORE_ISSUE",
    "ISSUER_ARCHIVED",
    "IssuerSigners",
    "REASON_REQUIRED",
    "NOT_AWARDABLE",
    "archive_badge_class",
    "award_badge",
    "reissue_awards",
    "create_badge_class",
    "publish_badge_class",
    "publish_status_list",
    "published_status_list",
    "renew_award",
    "revoke_award",
    "revoke_awards",
    "set_badge_class_translation",
    "sign_award",
    "sign_awards",
    "update_badge_class",
]
