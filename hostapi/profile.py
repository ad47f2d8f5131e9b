"""The learner as an OB 3.0 Profile (getProfile), and what a putProfile may change.

The Profile's ``id`` is ``urn:uuid:`` and the account's uuid: stable, and
naming no address. It carries the learner's name and primary e-mail address.
A putProfile sends the whole Profile; only ``name`` can change here. A field
this site cannot verify (``email``, ``phone``, ``address``, ``url`` …) must
be left as it is or left out; a changed one is refused with a 400 naming
it, and nothing changes (OB 3.0 allows "reject data that is known
immediately to not be acceptable"). A missing ``name`` keeps the name.
"""

from __future__ import annotations

from typing import Any

from credentials.ob3.build import OB3_CONTEXT

from .errors import INVALID_DATA, ApiError
from .schemas import schema_errors

NAME_MAX = 200  # accounts.User.full_name
_KEPT = ("@context", "type", "id")


def profile_of(user) -> dict[str, Any]:
    """Return the OB 3.0 Profile of ``user``."""
    profile: dict[str, Any] = {
        "@context": [OB3_CONTEXT],
        "type": "Profile",
        "id": f"urn:uuid:{user.uuid}",
    }
    if user.full_name:
        profile["name"] = user.full_name
    profile["email"] = user.email
    return profile


def requested_name(user, body: Any) -> str | None:
    """Return the name a putProfile body asks for (None: no change); else raise ``ApiError``."""
    if not isinstance(body, dict):
        raise ApiError(400, INVALID_DATA, "The body must be a JSON object (a Profile).")
    errors = schema_errors(body, "profile")
    if errors:
        raise ApiError(
            400,
            INVALID_DATA,
            "The body is not an OB 3.0 Profile: " + "; ".join(errors[:5]),
        )
    kind = body.get("type")
    if "Profile" not in (kind if isinstance(kind, list) else [kind]):
        raise ApiError(400, INVALID_DATA, "'type' must be, or include, 'Profile'.")
    current = profile_of(user)
    if body.get("id") != current["id"]:
        raise ApiError(
            400,
            INVALID_DATA,
            f"'id' must be this learner's profile id, {current['id']}.",
        )
    refused = sorted(
        key
        for key, value in body.items()
        if key not in (*_KEPT, "name") and value != current.get(key)
    )
    if refused:
        raise ApiError(
            400,
            INVALID_DATA,
            "These fields cannot be changed here, as they cannot be verified: "
            + ", ".join(refused)
            + ". Only 'name' can change.",
        )
    if "name" not in body:
        return None
    name = body["name"]
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > NAME_MAX:
        raise ApiError(
            400,
            INVALID_DATA,
            f"'name' must be a non-empty string of at most {NAME_MAX} characters.",
        )
    return name.strip()
