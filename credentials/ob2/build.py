"""Open Badges 2.0 (1EdTech) hosted JSON-LD documents built from plain facts.

Each builder implements one class of the OB 2.0 specification: Profile
(Issuer), BadgeClass, Assertion, CryptographicKey and RevocationList. Every
document is compact JSON-LD in the ``https://w3id.org/openbadges/v2`` context
and every URL comes from the facts. A hosted Assertion, for example::

    {
      "@context": "https://w3id.org/openbadges/v2",
      "type": "Assertion",
      "id": "https://badges.example.edu/public/assertions/6f1c...",
      "recipient": {
        "type": "email", "hashed": true, "salt": "deadsea",
        "identity":
          "sha256$c934fdacc6242be0277a284970416aa9bfa583241fb85094bc96c504ee0abd4e"
      },
      "badge": "https://badges.example.edu/public/badges/0b7e...",
      "issuedOn": "2026-03-02T09:30:00Z",
      "verification": {"type": "HostedBadge"}
    }

The EU micro-credential elements that OB 2.0 has no property for travel in
the BadgeClass extension ``extensions:EuMicroCredentialExtension`` (see
``credentials/_eu_extension.py``); learning outcomes appear only there.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal

from .._eu_extension import eu_elements, extension_context_url
from ..types import (
    Alignment,
    AwardFacts,
    BadgeClassFacts,
    Evidence,
    IssuerFacts,
    Recipient,
)
from ._eu_extension import (
    extension_context_document,
    extension_schema,
    extension_schema_url,
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

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
EXTENSION_PROPERTY = "extensions:EuMicroCredentialExtension"


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop unstated optional properties (None, empty strings and empty lists)."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != []}


def _datetime(value: datetime) -> str:
    """Return an OB 2.0 DateTime: ISO 8601 with a timezone, here always UTC ("Z")."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"OB 2.0 dates need a timezone; got naive {value!r}.")
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def issuer_profile(issuer: IssuerFacts) -> dict[str, Any]:
    """Return the OB 2.0 Profile (``type: Issuer``) hosted at ``issuer.id``.

    OB 2.0 "Profile": ``id``, ``type``, ``name``, ``url``, ``email``,
    ``description``, ``image``, ``telephone``, ``publicKey`` (the
    CryptographicKey URLs that may sign this issuer's assertions) and
    ``revocationList``.
    """
    return _compact(
        {
            "@context": OB2_CONTEXT,
            "type": "Issuer",
            "id": issuer.id,
            "name": issuer.name,
            "url": issuer.url,
            "email": issuer.email,
            "telephone": issuer.telephone,
            "description": issuer.description,
            "image": issuer.image_url,
            "publicKey": list(issuer.public_key_urls),
            "revocationList": issuer.revocation_list_url,
        }
    )


def _alignment(alignment: Alignment) -> dict[str, Any]:
    """Return an OB 2.0 AlignmentObject (targetName and targetUrl are required)."""
    return _compact(
        {
            "targetName": alignment.target_name,
            "targetUrl": alignment.target_url,
            "targetDescription": alignment.target_description,
            "targetFramework": alignment.target_framework,
            "targetCode": alignment.target_code,
        }
    )


def badge_class(badge: BadgeClassFacts, *, base_url: str) -> dict[str, Any]:
    """Return the OB 2.0 BadgeClass hosted at ``badge.id``.

    OB 2.0 "BadgeClass": ``name``, ``description``, ``image``, ``criteria``
    (a Criteria object with the public criteria page as ``id`` and the
    Markdown ``narrative``), ``issuer`` (the Profile URL), ``alignment``,
    ``tags``. The EU elements go in an Extension ("Extensions", section 4)
    whose ``@context`` is served by the deployment at ``base_url``.
    """
    extension = {
        "@context": extension_context_url(base_url),
        "type": ["Extension", EXTENSION_PROPERTY],
        **eu_elements(badge),
    }
    return _compact(
        {
            "@context": OB2_CONTEXT,
            "type": "BadgeClass",
            "id": badge.id,
            "name": badge.name,
            "description": badge.description,
            "image": badge.image_url,
            "criteria": _compact(
                {"id": badge.criteria_url, "narrative": badge.criteria_narrative}
            ),
            "issuer": badge.issuer.id,
            "tags": list(badge.tags),
            "alignment": [_alignment(a) for a in badge.alignments],
            EXTENSION_PROPERTY: extension,
        }
    )


def _recipient(recipient: Recipient) -> dict[str, Any]:
    """Return an OB 2.0 IdentityObject; a hashed identity carries its salt."""
    if recipient.hashed:
        if not recipient.identity.startswith(("sha256$", "md5$")):
            raise ValueError(
                "A hashed recipient identity must be an IdentityHash ('sha256$...')."
            )
        return {
            "type": recipient.type,
            "hashed": True,
            "salt": recipient.salt,
            "identity": recipient.identity,
        }
    return {"type": recipient.type, "hashed": False, "identity": recipient.identity}


def _evidence(evidence: Evidence) -> dict[str, Any]:
    """Return an OB 2.0 Evidence object (``id`` URL, ``narrative``, ``name``)."""
    return _compact(
        {
            "type": "Evidence",
            "id": evidence.url,
            "name": evidence.name,
            "narrative": evidence.narrative,
        }
    )


def assertion(
    award: AwardFacts,
    *,
    verification: Literal["hosted", "signed"],
    key_url: str | None = None,
) -> dict[str, Any]:
    """Return the OB 2.0 Assertion for ``award``.

    OB 2.0 "Assertion": ``recipient`` (IdentityObject), ``badge`` (the
    BadgeClass URL), ``verification``, ``issuedOn``, ``expires``,
    ``evidence``, ``narrative``, ``image``; a revoked assertion has
    ``"revoked": true`` and ``revocationReason``.

    ``verification="hosted"`` gives ``{"type": "HostedBadge"}``: the document
    is checked by fetching ``award.id``, which must be on the issuer's
    origin. ``verification="signed"`` gives ``{"type": "SignedBadge",
    "creator": key_url}``, and ``key_url`` must be one of the issuer's
    ``publicKey`` URLs. Raise ``ValueError`` for anything else.
    """
    if verification == "hosted":
        verification_object: dict[str, Any] = {"type": "HostedBadge"}
    elif verification == "signed":
        if not key_url:
            raise ValueError(
                "A signed assertion needs the signing key's URL (key_url)."
            )
        verification_object = {"type": "SignedBadge", "creator": key_url}
    else:
        raise ValueError(
            f"verification must be 'hosted' or 'signed', not {verification!r}."
        )

    document = _compact(
        {
            "@context": OB2_CONTEXT,
            "type": "Assertion",
            "id": award.id,
            "recipient": _recipient(award.recipient),
            "badge": award.badge_class.id,
            "issuedOn": _datetime(award.issued_on),
            "expires": _datetime(award.expires) if award.expires else None,
            "evidence": [_evidence(e) for e in award.evidence],
            "narrative": award.narrative,
            "image": award.image_url,
            "verification": verification_object,
        }
    )
    if award.revoked:
        document["revoked"] = True
        if award.revocation_reason:
            document["revocationReason"] = award.revocation_reason
    return document


def cryptographic_key(key_url: str, owner_url: str, public_pem: str) -> dict[str, Any]:
    """Return the OB 2.0 CryptographicKey hosted at ``key_url``.

    OB 2.0 "CryptographicKey": ``id``, ``owner`` (the issuer Profile URL,
    which must list this key in its ``publicKey``) and ``publicKeyPem``.
    """
    return {
        "@context": OB2_CONTEXT,
        "type": "CryptographicKey",
        "id": key_url,
        "owner": owner_url,
        "publicKeyPem": public_pem,
    }


def revocation_list(
    list_url: str, issuer_url: str, revoked: Iterable[tuple[str, str]]
) -> dict[str, Any]:
    """Return the OB 2.0 RevocationList hosted at ``list_url``.

    OB 2.0 "RevocationList": ``issuer`` and ``revokedAssertions``, each an
    object with the assertion's ``id`` and, when given, ``revocationReason``.
    """
    return {
        "@context": OB2_CONTEXT,
        "type": "RevocationList",
        "id": list_url,
        "issuer": issuer_url,
        "revokedAssertions": [
            _compact({"id": url, "revocationReason": reason}) for url, reason in revoked
        ],
    }
