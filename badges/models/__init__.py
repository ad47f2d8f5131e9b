"""The badges app's models, one module per subject; everything is importable from here.

``badges.models.<name>`` stays the import path that migrations and other apps use.
"""

from .awards import (  # noqa: F401
    Award,
    AwardQuerySet,
    StatusList,
)
from .badge_classes import (  # noqa: F401
    BadgeClass,
    BadgeClassQuerySet,
    badge_image_path,
)
from .elements import (  # noqa: F401
    Alignment,
    LearningOutcome,
    Partner,
    StackTarget,
)
from .requests import (  # noqa: F401
    BadgeRequest,
    BadgeRequestQuerySet,
    BadgeRequestStatus,
)
from .validators import (  # noqa: F401
    NOT_NEGATIVE,
    ChoiceListValidator,
    _validate_languages,
    _validate_tags,
)
