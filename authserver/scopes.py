"""The Open Badges 3.0 API scopes (OB 3.0 §6 "Scopes"), each with the words a learner reads.

The scope names are the specification's URIs. ``offline_access`` is not an
OB 3.0 scope, but the specification's own registration example asks for it:
it is accepted, and means that the application may stay connected (refresh
tokens) while the learner is away.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

_BASE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/"

CREDENTIAL_READONLY = _BASE + "credential.readonly"
CREDENTIAL_UPSERT = _BASE + "credential.upsert"
PROFILE_READONLY = _BASE + "profile.readonly"
PROFILE_UPDATE = _BASE + "profile.update"
OFFLINE_ACCESS = "offline_access"

OB3_SCOPES = (CREDENTIAL_READONLY, CREDENTIAL_UPSERT, PROFILE_READONLY, PROFILE_UPDATE)

# What the consent page and the connected-applications list say for each scope.
DESCRIPTIONS = {
    CREDENTIAL_READONLY: _(
        "See the badges in your backpack, with their signed credentials"
    ),
    CREDENTIAL_UPSERT: _(
        "Add badges to your backpack and replace newer versions of them"
    ),
    PROFILE_READONLY: _("See your profile: your name and your e-mail addresses"),
    PROFILE_UPDATE: _("Change your profile: your name"),
    OFFLINE_ACCESS: _("Stay connected while you are away, until you disconnect it"),
}

# What the discovery document says (the specification's own descriptions, in English).
SPEC_DESCRIPTIONS = {
    CREDENTIAL_READONLY: "Permission to read AchievementCredentials for the authenticated entity.",
    CREDENTIAL_UPSERT: "Permission to create or update AchievementCredentials for the authenticated entity.",
    PROFILE_READONLY: "Permission to read the profile for the authenticated entity.",
    PROFILE_UPDATE: "Permission to update the profile for the authenticated entity.",
}


def describe(scopes) -> list[str]:
    """Return the plain words for each known scope in ``scopes``, in the order given."""
    return [str(DESCRIPTIONS[s]) for s in scopes if s in DESCRIPTIONS]
