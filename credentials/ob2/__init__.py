"""Open Badges 2.0: hosted documents (``build``), signed assertions (``sign``), verification.

The builders are re-exported here, so ``ob2.assertion(...)`` reads as the spec's
class name; the signing and verification modules are imported by name.
"""

from .build import (
    EXTENSION_PROPERTY,
    OB2_CONTEXT,
    assertion,
    badge_class,
    cryptographic_key,
    extension_context_document,
    extension_schema,
    extension_schema_url,
    issuer_profile,
    revocation_list,
)

__all__ = [
    "OB2_CONTEXT",
    "EXTENSION_PROPERTY",
    "issuer_profile",
    "badge_class",
    "assertion",
    "cryptographic_key",
    "revocation_list",
    "extension_context_document",
    "extension_schema",
    "extension_schema_url",
]
