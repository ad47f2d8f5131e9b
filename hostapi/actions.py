"""The OB 3.0 API's own write: a putProfile that changes the learner's name.

There is no accounts action for a change of name (the sign-up form sets it
once), so this is it; credentials are written by ``wallet.actions``.
"""

from __future__ import annotations

from django.db import transaction

from audit.log import record


@transaction.atomic
def change_name(*, user, name: str, client_id: str) -> bool:
    """Set ``user``'s full name to ``name`` for the application ``client_id``; return whether it changed.

    The audit event names the application, never the names themselves.
    """
    if user.full_name == name:
        return False
    user.full_name = type(user)._meta.get_field("full_name").clean(name, user)
    user.save(update_fields=["full_name"])
    record(
        "account.name_changed",
        actor=user,
        target=user,
        data={"via": "ob3_api", "client_id": client_id},
    )
    return True
