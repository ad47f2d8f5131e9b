"""Plain facts the credential builders work from: frozen dataclasses, no Django.

The Django side (``badges/facts.py``) turns rows into these; the builders in
``ob2.py`` and ``ob3.py`` turn these into wire formats. Every URL here is
absolute and final: the builders never invent URLs.

Text fields carry the primary language's text; ``translations`` maps a
language code (BCP 47 / ISO 639-1) to ``{field name: text}`` for the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

__all__ = [
    "Address",
    "Alignment",
    "LearningOutcome",
    "Partner",
    "StackTarget",
    "IssuerFacts",
    "BadgeClassFacts",
    "Recipient",
    "Evidence",
    "Result",
    "StatusEntry",
    "AwardFacts",
]

Translations = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Address:
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class Alignment:
    """A link to an entry in an external framework (ESCO skill, NQF level, ...)."""

    target_name: str
    target_url: str
    target_framework: str = ""
    target_code: str = ""
    target_description: str = ""


@dataclass(frozen=True)
class LearningOutcome:
    text: str
    alignment: Alignment | None = None
    translations: Mapping[str, str] = field(default_factory=dict)  # language -> text


@dataclass(frozen=True)
class Partner:
    """A co-issuer or partner organisation and the role it played."""

    name: str
    url: str = ""
    role: str = ""


@dataclass(frozen=True)
class StackTarget:
    """A larger credential this badge counts towards."""

    name: str
    url: str = ""
    credits: Decimal | None = None


@dataclass(frozen=True)
class IssuerFacts:
    id: str  # the hosted OB 2.0 Issuer Profile URL: https://<host>/public/issuers/<uuid>
    name: str
    url: str
    email: str = ""
    description: str = ""
    image_url: str = ""
    telephone: str = ""
    address: Address | None = None
    language: str = "en"
    did: str = ""  # did:web:<host>:issuers:<uuid> for OB 3.0
    public_key_urls: tuple[str, ...] = ()  # OB 2.0 CryptographicKey URLs, active first
    revocation_list_url: str = ""  # OB 2.0 RevocationList URL
    institution_name: str = ""
    translations: Translations = field(default_factory=dict)


@dataclass(frozen=True)
class BadgeClassFacts:
    """What can be earned, with every EU micro-credential element we hold.

    Values use the codes stored by the platform (see ``badges/choices.py``);
    ``None`` or an empty value means "not stated".
    """

    id: str  # https://<host>/public/badges/<uuid>
    name: str
    description: str
    image_url: str
    issuer: IssuerFacts
    criteria_url: str  # the public page that states the criteria (always set)
    criteria_narrative: str = ""  # Markdown
    language: str = "en"
    translations: Translations = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    learning_outcomes: tuple[LearningOutcome, ...] = ()
    achievement_type: str = "MicroCredential"  # OB 3.0 AchievementType vocabulary
    is_participation: bool = False  # participation badge vs achievement badge
    human_code: str = ""
    course_provider: str = ""
    partners: tuple[Partner, ...] = ()
    assessment_types: tuple[
        str, ...
    ] = ()  # attendance, assignment, exam, practical, ...
    assessor: str = ""  # internal | independent
    identity_verification: str = ""  # none | onsite_id | online_proctored
    workload_hours: Decimal | None = None
    credits: Decimal | None = None
    credit_system: str = ""  # ECTS, ECVET, or a national system's name
    duration: str = ""  # ISO 8601 duration, e.g. "P6W"
    eqf_level: int | None = None
    nqf_level: str = ""
    nqf_framework: str = ""
    isced_f_code: str = ""
    isced_f_name: str = ""
    participation_forms: tuple[str, ...] = ()  # online, onsite, blended, work_based
    languages_of_instruction: tuple[str, ...] = ()
    qa_type: str = ""  # internal | external | none
    qa_body: str = ""
    qa_body_url: str = ""
    accreditation: str = ""
    is_full_qualification: bool = False
    part_of_qualification: str = ""
    prerequisites: str = ""
    prerequisite_badges: tuple[str, ...] = ()  # badge class URLs
    stack_targets: tuple[StackTarget, ...] = ()
    validity_months: int | None = None
    result_description: str = ""
    result_type: str = ""  # OB 3.0 ResultType, when the class defines a result


@dataclass(frozen=True)
class Recipient:
    """A recipient identity as it appears in public documents.

    ``identity`` is ``"sha256$" + hexdigest(plain + salt)`` when ``hashed``;
    the plain value never reaches this core for hashed recipients.
    """

    type: str  # email | url | telephone | did
    identity: str
    hashed: bool = True
    salt: str = ""


@dataclass(frozen=True)
class Evidence:
    url: str = ""
    narrative: str = ""
    name: str = ""


@dataclass(frozen=True)
class Result:
    value: str
    status: str = ""  # OB 3.0 ResultStatusType, e.g. "Completed"


@dataclass(frozen=True)
class StatusEntry:
    """A position in an issuer's W3C Bitstring Status List."""

    list_url: str  # the status list credential's URL
    index: int
    purpose: str = "revocation"


@dataclass(frozen=True)
class AwardFacts:
    """One learner earned one badge class (the format-neutral award)."""

    id: str  # the hosted OB 2.0 Assertion URL: https://<host>/public/assertions/<uuid>
    credential_id: (
        str  # the OB 3.0 credential URL: https://<host>/public/credentials/<uuid>
    )
    badge_class: BadgeClassFacts
    recipient: Recipient
    issued_on: datetime
    expires: datetime | None = None
    evidence: tuple[Evidence, ...] = ()
    narrative: str = ""
    result: Result | None = None
    route: str = ""  # course | assessment_only | prior_learning
    image_url: str = ""  # the award's image (baked or plain) URL
    subject_did: str = ""  # the learner's DID, when known (OB 3.0 subject id)
    status: StatusEntry | None = None
    revoked: bool = False
    revocation_reason: str = ""
