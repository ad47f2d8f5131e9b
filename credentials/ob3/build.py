"""Build Open Badges 3.0 ``OpenBadgeCredential`` documents from plain facts.

Open Badges 3.0 (1EdTech, final release 3.0.3) builds on the W3C Verifiable
Credentials Data Model 2.0. ``credential(award, base_url=...)`` returns the
unsigned credential; ``sign()`` adds the ``eddsa-rdfc-2022`` Data Integrity
proof and ``encode_jwt()`` makes the VC-JWT form (``badges.actions.awarding``
calls all three when an award is signed). A trimmed example of the output::

    {
      "@context": ["https://www.w3.org/ns/credentials/v2",
                   "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                   "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
                   "https://badges.example.edu/public/contexts/eu-microcredential/v1"],
      "id": "https://badges.example.edu/public/credentials/7d0c...",
      "type": ["VerifiableCredential", "OpenBadgeCredential"],
      "name": "Welding: MAG fillet welds",
      "issuer": {"id": "did:web:badges.example.edu:issuers:4f1c...",
                 "type": ["Profile"], ...},
      "validFrom": "2025-03-01T09:00:00Z",
      "credentialSubject": {
        "type": ["AchievementSubject"],
        "identifier": [{"type": "IdentityObject", "identityType": "emailAddress",
                        "hashed": true, "identityHash": "sha256$3f2a...",
                        "salt": "b1e9..."}],
        "achievement": {"id": "https://badges.example.edu/public/badges/...",
                        "type": ["Achievement"], "criteria": {...},
                        "euMicroCredential": {"type": "EuMicroCredential",
                                              "eqfLevel": 4, ...}}
      },
      "credentialSchema": [{"id": ".../ob_v3p0_achievementcredential_schema.json",
                            "type": "1EdTechJsonSchemaValidator2019"}],
      "credentialStatus": {"type": "BitstringStatusListEntry", ...}
    }

Section numbers below refer to the Open Badges 3.0 specification (3.0.3).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .._dates import xsd_datetime
from .._eu_extension import eu_elements, extension_context_url
from ..loader import OfflineLoader
from ..types import Alignment, AwardFacts, BadgeClassFacts, IssuerFacts, Recipient
from . import data_integrity, vc_jwt

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

VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# Defines the "1EdTechJsonSchemaValidator2019" type used by credentialSchema;
# without it that type name is an undefined term for JSON-LD processors.
OB3_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
ACHIEVEMENT_CREDENTIAL_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"

# Section B.2.2 "IdentifierTypeEnum" has "emailAddress" but no URL or
# telephone value; extension values must start with "ext:".
_IDENTITY_TYPES = {
    "email": "emailAddress",
    "url": "ext:url",
    "telephone": "ext:phone",
    "did": "identifier",
}


def format_datetime(moment: datetime) -> str:
    """Return ``moment`` as an XML Schema dateTime in UTC, to the second (``...Z``).

    Raise ``ValueError`` for naive datetimes.
    """
    return xsd_datetime(moment)


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def contexts(base_url: str) -> list[str]:
    """Return the credential's ``@context`` list (VC 2.0, 4.3: base context first)."""
    return [
        VC2_CONTEXT,
        OB3_CONTEXT,
        OB3_EXTENSIONS_CONTEXT,
        extension_context_url(base_url),
    ]


def _image(url: str) -> dict[str, Any] | None:
    # Section B.1.17 "Image": id and type "Image" are required.
    return {"id": url, "type": "Image"} if url else None


def issuer_profile(issuer: IssuerFacts) -> dict[str, Any]:
    """Return the issuer as an OB 3.0 ``Profile`` (section B.1.20) with its did:web id.

    Raise ``ValueError`` when the issuer has no DID: OB 3.0 credentials are
    issued under the issuer's did:web only.
    """
    if not issuer.did:
        raise ValueError("The issuer has no did:web identifier.")
    address = None
    if issuer.address is not None:
        a = issuer.address
        # Section B.1.2 "Address". The id (under the issuer's hosted profile
        # URL) makes the address one RDF node, not two anonymous nodes that
        # look alike when the profile appears as issuer and as creator.
        address = _compact(
            {
                "id": issuer.id + "#address",
                "type": ["Address"],
                "streetAddress": a.street,
                "addressLocality": a.locality,
                "addressRegion": a.region,
                "postalCode": a.postal_code,
                "addressCountryCode": a.country,
            }
        )
        if list(address) == ["id", "type"]:
            address = None
    return _compact(
        {
            "id": issuer.did,
            "type": ["Profile"],
            "name": issuer.name,
            "url": issuer.url,
            "email": issuer.email,
            "phone": issuer.telephone,
            "description": issuer.description,
            "image": _image(issuer.image_url),
            "address": address,
        }
    )


def _alignment(alignment: Alignment, node_id: str) -> dict[str, Any]:
    # Section B.1.4 "Alignment": type, targetName and targetUrl are required.
    return _compact(
        {
            "id": node_id,
            "type": ["Alignment"],
            "targetName": alignment.target_name,
            "targetUrl": alignment.target_url,
            "targetFramework": alignment.target_framework,
            "targetCode": alignment.target_code,
            "targetDescription": alignment.target_description,
        }
    )


def _alignments(badge: BadgeClassFacts) -> list[dict[str, Any]]:
    """Return the badge's alignments, then its outcomes' alignments, without repeats.

    Each is identified as ``<badge class>#alignment-<n>``.
    """
    seen: set[str] = set()
    result = []
    for item in (
        *badge.alignments,
        *(o.alignment for o in badge.learning_outcomes if o.alignment),
    ):
        if item.target_url not in seen:
            seen.add(item.target_url)
            result.append(_alignment(item, f"{badge.id}#alignment-{len(result) + 1}"))
    return result


def _number(value: Any) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def achievement(badge: BadgeClassFacts) -> dict[str, Any]:
    """Return the badge class as an OB 3.0 ``Achievement`` (section B.1.3).

    Every EU micro-credential element that OB 3.0 has a property for is
    mapped to it; the others travel in ``euMicroCredential`` (see
    ``credentials/_eu_extension.py``). Required: ``id``, ``type``, ``name``,
    ``description`` and ``criteria``.
    """
    result_descriptions = []
    if badge.result_type:
        # Section B.1.24 "ResultDescription": id, type, name, resultType required.
        result_descriptions.append(
            {
                "id": badge.id + "#result",
                "type": ["ResultDescription"],
                "name": badge.result_description or badge.name,
                "resultType": badge.result_type,
            }
        )
    eu = eu_elements(badge)
    return _compact(
        {
            "id": badge.id,
            "type": ["Achievement"],
            "name": badge.name,
            "description": badge.description,
            # Section B.1.9 "Criteria": a URL and/or a narrative (Markdown).
            "criteria": _compact(
                {"id": badge.criteria_url, "narrative": badge.criteria_narrative}
            ),
            "image": _image(badge.image_url),
            "achievementType": badge.achievement_type,
            "alignment": _alignments(badge),
            "creator": issuer_profile(badge.issuer),
            "creditsAvailable": _number(badge.credits),
            "fieldOfStudy": badge.isced_f_name or badge.isced_f_code,
            "humanCode": badge.human_code,
            "inLanguage": badge.language,
            "resultDescription": result_descriptions,
            "tag": list(badge.tags),
            "euMicroCredential": {"type": "EuMicroCredential", **eu} if eu else None,
        }
    )


def _identity(recipient: Recipient) -> dict[str, Any]:
    """Return an ``IdentityObject`` (section B.1.16) for a recipient."""
    return _compact(
        {
            "type": "IdentityObject",
            "identityHash": recipient.identity,
            "identityType": _IDENTITY_TYPES.get(recipient.type, "identifier"),
            "hashed": recipient.hashed,
            "salt": recipient.salt if recipient.hashed else "",
        }
    )


def _subject(award: AwardFacts) -> dict[str, Any]:
    """Return the ``AchievementSubject`` (section B.1.5).

    The subject is identified by the learner's DID when one is known (a DID
    recipient stated in clear, or ``award.subject_did``); otherwise only by
    the salted hash in ``identifier``, so that the public document does not
    reveal the address.
    """
    recipient = award.recipient
    subject_id = award.subject_did
    identifier = []
    if recipient.type == "did" and not recipient.hashed:
        subject_id = subject_id or recipient.identity
    else:
        identifier.append(_identity(recipient))
    results = []
    if award.result is not None:
        # Section B.1.23 "Result".
        results.append(
            _compact(
                {
                    "type": ["Result"],
                    "value": award.result.value,
                    "status": award.result.status,
                    "resultDescription": award.badge_class.id + "#result"
                    if award.badge_class.result_type
                    else "",
                }
            )
        )
    return _compact(
        {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "identifier": identifier,
            "achievement": achievement(award.badge_class),
            "result": results,
        }
    )


def _evidence(award: AwardFacts) -> list[dict[str, Any]]:
    """Return the award's evidence (section B.1.14), each distinct item once.

    ``type`` is required and ``id`` is the evidence URL. An item without a
    URL is an RDF blank node; two identical ones would be blank nodes that
    look alike (costly to canonicalise, see ``_rdfc``) and say nothing more
    than one, so repeats are left out.
    """
    items = [
        _compact(
            {
                "id": e.url,
                "type": ["Evidence"],
                "name": e.name,
                "narrative": e.narrative,
            }
        )
        for e in award.evidence
    ]
    if award.narrative:
        items.append({"type": ["Evidence"], "narrative": award.narrative})
    distinct: dict[str, dict[str, Any]] = {}
    for item in items:
        distinct.setdefault(json.dumps(item, sort_keys=True), item)
    return list(distinct.values())


def credential(award: AwardFacts, *, base_url: str) -> dict[str, Any]:
    """Return the unsigned ``OpenBadgeCredential`` (section B.1.1).

    ``base_url`` is the deployment's public origin: it names the EU
    micro-credential extension context. Raise ``ValueError`` for naive
    datetimes or an issuer without a DID.
    """
    status = None
    if award.status is not None:
        entry = award.status
        # Bitstring Status List v1.0, section 2.1 "BitstringStatusListEntry".
        status = {
            "id": f"{entry.list_url}#{entry.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": entry.purpose,
            "statusListIndex": str(entry.index),
            "statusListCredential": entry.list_url,
        }
    badge = award.badge_class
    return _compact(
        {
            "@context": contexts(base_url),
            "id": award.credential_id,
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": badge.name,
            "description": badge.description,
            "image": _image(award.image_url),
            "issuer": issuer_profile(badge.issuer),
            "validFrom": format_datetime(award.issued_on),
            "validUntil": format_datetime(award.expires) if award.expires else None,
            "awardedDate": format_datetime(award.issued_on),
            "credentialSubject": _subject(award),
            "evidence": _evidence(award),
            "credentialSchema": [
                {
                    "id": ACHIEVEMENT_CREDENTIAL_SCHEMA,
                    "type": "1EdTechJsonSchemaValidator2019",
                }
            ],
            "credentialStatus": status,
        }
    )


def sign(
    document: dict[str, Any],
    private_key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: datetime,
    base_url: str,
) -> dict[str, Any]:
    """Return ``document`` with an ``eddsa-rdfc-2022`` Data Integrity proof.

    ``verification_method`` is the issuer's Multikey URL
    (``did.verification_method_id(did, "key-1")``). Works for credentials
    and status list credentials alike. Raise ``DecodeError`` when the
    document uses a term its contexts do not define (it would go unsigned).
    """
    return data_integrity.add_proof(
        document,
        private_key,
        verification_method=verification_method,
        created=created,
        loader=OfflineLoader.for_base_url(base_url),
    )


def encode_jwt(
    credential: dict[str, Any], private_key: Ed25519PrivateKey, *, kid: str
) -> str:
    """Return the VC-JWT (OB 3.0, section 8.2) of ``credential``, signed with EdDSA.

    ``kid`` is the issuer's JsonWebKey method URL (``did.jwk_method_id``).
    The signed or the unsigned credential may be passed: the ``vc`` claim
    carries it without its Data Integrity proof (see ``vc_jwt``).
    """
    return vc_jwt.encode(credential, private_key, kid=kid)
