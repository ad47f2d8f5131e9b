"""Open Badges 3.0: ``OpenBadgeCredential`` documents, their proofs, status lists, verification.

``build`` makes the unsigned credential from facts and signs it;
``data_integrity`` is the ``eddsa-rdfc-2022`` cryptosuite, ``vc_jwt`` the JWT
proof, ``status_list`` the Bitstring Status List and ``verification`` the
report of named checks. The builders are re-exported here, so
``ob3.credential(...)`` and ``ob3.sign(...)`` read as the spec does.
"""

from .build import (
    ACHIEVEMENT_CREDENTIAL_SCHEMA,
    OB3_CONTEXT,
    OB3_EXTENSIONS_CONTEXT,
    VC2_CONTEXT,
    achievement,
    contexts,
    credential,
    encode_jwt,
    format_datetime,
    issuer_profile,
    sign,
)

__all__ = [
    "VC2_CONTEXT",
    "OB3_CONTEXT",
    "OB3_EXTENSIONS_CONTEXT",
    "ACHIEVEMENT_CREDENTIAL_SCHEMA",
    "contexts",
    "credential",
    "issuer_profile",
    "achievement",
    "format_datetime",
    "sign",
    "encode_jwt",
]
