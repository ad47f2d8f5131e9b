"""Every state change of the backpack (house style R1), one module per topic.

- ``answers``: accept or decline an award made here, claim the address it went to.
- ``imports``: add a credential from elsewhere, verified first; re-check it; remove it.
- ``upserts``: a credential received through the OB 3.0 API: imported, or replacing its equal.
- ``sharing``: collections and public share links.
"""

from .answers import (
    ADDRESS_OF_ANOTHER_ACCOUNT,
    NOT_YOURS,
    accept_award,
    claim_address,
    decline_award,
)
from .imports import (
    ImportRefused,
    import_credential,
    recheck_credential,
    remove_imported,
    verify_held,
)
from .sharing import (
    add_to_collection,
    create_collection,
    delete_collection,
    move_in_collection,
    note_verification,
    note_visit,
    remove_from_collection,
    revoke_share,
    share,
    update_collection,
)
from .upserts import upsert_credential

__all__ = [
    "ADDRESS_OF_ANOTHER_ACCOUNT",
    "NOT_YOURS",
    "accept_award",
    "claim_address",
    "decline_award",
    "add_to_collection",
    "create_collection",
    "delete_collection",
    "move_in_collection",
    "note_verification",
    "note_visit",
    "remove_from_collection",
    "revoke_share",
    "share",
    "update_collection",
    "ImportRefused",
    "import_credential",
    "recheck_credential",
    "remove_imported",
    "upsert_credential",
    "verify_held",
]
