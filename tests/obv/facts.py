"""One issuer, one badge class and a few awards, as plain facts under any base URL.

Shared by the OB 2.0 fixture tests (base ``https://badges.example.edu``) and
the validator tests (base ``http://127.0.0.1:<port>``). The awards cover the
cases the validator must see: hosted, signed, revoked, expired.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal

from credentials.hashing import hash_identity
from credentials.types import (
    Alignment,
    AwardFacts,
    BadgeClassFacts,
    Evidence,
    IssuerFacts,
    LearningOutcome,
    Partner,
    Recipient,
    StackTarget,
)

ISSUER_UUID = "5b0c1c35-8d7e-4b62-9d1b-0c6d3f1e2a10"
BADGE_UUID = "0b7e4c51-2f4a-4f8e-bb43-6a0c2e9d5c21"
SALT = "deadsea"
EMAIL = "carol@example.org"


@dataclass(frozen=True)
class Cast:
    base_url: str
    issuer: IssuerFacts
    badge: BadgeClassFacts
    key_url: str
    hosted: AwardFacts
    signed: AwardFacts
    revoked: AwardFacts
    expired: AwardFacts


def assertion_url(base_url: str, name: str) -> str:
    return f"{base_url}/public/assertions/{name}"


def make_cast(base_url: str) -> Cast:
    """Return the facts of the sample issuer, badge class and awards under ``base_url``."""
    issuer_url = f"{base_url}/public/issuers/{ISSUER_UUID}"
    key_url = f"{issuer_url}/keys/1"
    issuer = IssuerFacts(
        id=issuer_url,
        name="Dublin Further Education College",
        url="https://fe.example.ie/",
        email="badges@fe.example.ie",
        description="A further-education college awarding short-course badges.",
        image_url=f"{base_url}/media/issuer.png",
        public_key_urls=(key_url,),
        revocation_list_url=f"{issuer_url}/revocations",
    )
    badge = BadgeClassFacts(
        id=f"{base_url}/public/badges/{BADGE_UUID}",
        name="Microsoft 365 Fundamentals: Teams",
        description="Plan, run and record meetings and shared work in Microsoft Teams.",
        image_url=f"{base_url}/media/badge.png",
        issuer=issuer,
        criteria_url=f"{base_url}/public/badges/{BADGE_UUID}/criteria",
        criteria_narrative="Complete the 25-hour module and pass the practical assessment.",
        tags=("digital skills", "Microsoft 365"),
        alignments=(
            Alignment(
                target_name="Collaborating through digital technologies",
                target_url="https://data.europa.eu/esco/skill/f3a3a4b8-0b4f-4c7f-9a7c-5d1f7a1e9b2c",
                target_framework="ESCO",
                target_code="S1.13",
                target_description="Use digital tools for collaborative work.",
            ),
        ),
        learning_outcomes=(
            LearningOutcome("Schedule and run a Teams meeting with breakout rooms."),
            LearningOutcome("Organise a team's files and channels."),
        ),
        assessment_types=("practical",),
        assessor="internal",
        identity_verification="onsite_id",
        workload_hours=Decimal("25"),
        credits=Decimal("2.5"),
        credit_system="QQI",
        eqf_level=4,
        participation_forms=("blended",),
        languages_of_instruction=("en",),
        qa_type="external",
        qa_body="Quality and Qualifications Ireland",
        stack_targets=(
            StackTarget("Microsoft 365 Fundamentals", credits=Decimal("2.5")),
        ),
        partners=(Partner("Dublin Chamber", role="co-designer"),),
        validity_months=36,
    )
    recipient = Recipient(type="email", identity=hash_identity(EMAIL, SALT), salt=SALT)
    hosted = AwardFacts(
        id=assertion_url(base_url, "hosted"),
        credential_id=f"{base_url}/public/credentials/hosted",
        badge_class=badge,
        recipient=recipient,
        issued_on=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        expires=datetime(2099, 3, 2, 9, 30, tzinfo=UTC),
        evidence=(
            Evidence(
                url=f"{base_url}/evidence/1",
                name="Practical assessment",
                narrative="Ran a 30-minute team meeting with a recorded agenda.",
            ),
        ),
        narrative="Assessed on site by the course tutor.",
        image_url=f"{base_url}/media/badge.png",
    )
    return Cast(
        base_url=base_url,
        issuer=issuer,
        badge=badge,
        key_url=key_url,
        hosted=hosted,
        signed=replace(hosted, id=assertion_url(base_url, "signed")),
        revoked=replace(
            hosted,
            id=assertion_url(base_url, "revoked"),
            revoked=True,
            revocation_reason="Issued to the wrong learner.",
        ),
        expired=replace(
            hosted,
            id=assertion_url(base_url, "expired"),
            issued_on=datetime(2020, 1, 10, 12, 0, tzinfo=UTC),
            expires=datetime(2021, 1, 10, 12, 0, tzinfo=UTC),
        ),
    )
