"""Turn rows into the credential core's plain facts, and name every public URL.

This is the only place that knows both the database and ``credentials``;
the URLs built here appear inside issued credentials and never change.
"""

from __future__ import annotations

from django.conf import settings

from credentials import did as did_lib
from credentials.types import (
    Address,
    Alignment,
    AwardFacts,
    BadgeClassFacts,
    Evidence,
    IssuerFacts,
    LearningOutcome,
    Partner,
    Recipient,
    Result,
    StackTarget,
    StatusEntry,
)
from issuers.models import Issuer, KeyAlgorithm, SigningKey, e164

from .choices import ISCED_F
from .models import Award, BadgeClass


def base_url() -> str:
    return settings.PUBLIC_BASE_URL


# --- Public URLs (permanent) -------------------------------------------------------


def issuer_url(issuer: Issuer) -> str:
    return f"{base_url()}/public/issuers/{issuer.uuid}"


def issuer_did(issuer: Issuer) -> str:
    return did_lib.did_for(base_url(), str(issuer.uuid))


def revocation_list_url(issuer: Issuer) -> str:
    return f"{issuer_url(issuer)}/revocations"


def status_list_url(issuer: Issuer) -> str:
    return f"{issuer_url(issuer)}/status-list"


def key_url(signing_key: SigningKey) -> str:
    return f"{base_url()}/public/keys/{signing_key.kid}"


def badge_class_url(badge_class: BadgeClass) -> str:
    return f"{base_url()}/public/badges/{badge_class.uuid}"


def assertion_url(award: Award) -> str:
    return f"{base_url()}/public/assertions/{award.uuid}"


def credential_url(award: Award) -> str:
    return f"{base_url()}/public/credentials/{award.uuid}"


def issuer_ed25519_keys(issuer: Issuer) -> list:
    """The issuer's Ed25519 keys as (kid, public key, active), retired ones included."""
    from credentials.keys import load_public_key_pem

    return [
        (k.kid, load_public_key_pem(k.public_key_pem), k.is_active)
        for k in SigningKey.objects.filter(
            issuer=issuer, algorithm=KeyAlgorithm.ED25519
        )
    ]


def issuer_did_document(issuer: Issuer) -> dict:
    """The issuer's did:web DID document, listing retired keys so old credentials keep verifying."""
    return did_lib.did_document(issuer_did(issuer), issuer_ed25519_keys(issuer))


# --- Facts -----------------------------------------------------------------------


def issuer_facts(issuer: Issuer) -> IssuerFacts:
    rsa_keys = SigningKey.objects.filter(
        issuer=issuer, algorithm=KeyAlgorithm.RS256
    ).order_by("retired_at", "-created_at")
    return IssuerFacts(
        id=issuer_url(issuer),
        name=issuer.name,
        url=issuer.url,
        email=issuer.email,
        description=issuer.description,
        image_url=f"{issuer_url(issuer)}/image" if issuer.image else "",
        telephone=e164(issuer.telephone),
        address=Address(
            street=issuer.street_address,
            locality=issuer.locality,
            region=issuer.region,
            postal_code=issuer.postal_code,
            country=issuer.country,
        ),
        language=issuer.language,
        did=issuer_did(issuer),
        public_key_urls=tuple(key_url(k) for k in rsa_keys),
        revocation_list_url=revocation_list_url(issuer),
        institution_name=issuer.institution.name,
        translations=issuer.translations,
    )


def badge_class_facts(
    badge_class: BadgeClass, *, issuer: IssuerFacts | None = None
) -> BadgeClassFacts:
    url = badge_class_url(badge_class)
    return BadgeClassFacts(
        id=url,
        name=badge_class.name,
        description=badge_class.description,
        image_url=f"{url}/image" if badge_class.image else "",
        issuer=issuer or issuer_facts(badge_class.issuer),
        criteria_url=badge_class.criteria_url or url,
        criteria_narrative=badge_class.criteria_narrative,
        language=badge_class.language,
        translations=badge_class.translations,
        tags=tuple(badge_class.tags),
        alignments=tuple(
            Alignment(
                target_name=a.name,
                target_url=a.url,
                target_framework=a.framework,
                target_code=a.code,
                target_description=a.description,
            )
            for a in badge_class.alignments.all()
        ),
        learning_outcomes=tuple(
            LearningOutcome(
                text=o.text,
                alignment=Alignment(
                    target_name=o.text,
                    target_url=o.url,
                    target_framework=o.framework,
                    target_code=o.code,
                )
                if o.url
                else None,
                translations={
                    lang: t["text"] for lang, t in o.translations.items() if "text" in t
                },
            )
            for o in badge_class.learning_outcomes.all()
        ),
        achievement_type=badge_class.achievement_type,
        is_participation=badge_class.is_participation,
        human_code=badge_class.human_code,
        course_provider=badge_class.course_provider,
        partners=tuple(
            Partner(name=p.name, url=p.url, role=p.role)
            for p in badge_class.partners.all()
        ),
        assessment_types=tuple(badge_class.assessment_types),
        assessor=badge_class.assessor,
        identity_verification=badge_class.identity_verification,
        workload_hours=badge_class.workload_hours,
        credits=badge_class.credits,
        credit_system=badge_class.credit_system_label,
        duration=badge_class.duration_iso,
        eqf_level=badge_class.eqf_level,
        nqf_level=badge_class.nqf_level,
        nqf_framework=badge_class.nqf_framework,
        isced_f_code=badge_class.isced_f_code,
        isced_f_name=str(ISCED_F.get(badge_class.isced_f_code, "")),
        participation_forms=tuple(badge_class.participation_forms),
        languages_of_instruction=tuple(badge_class.languages_of_instruction),
        qa_type=badge_class.qa_type,
        qa_body=badge_class.qa_body,
        qa_body_url=badge_class.qa_body_url,
        accreditation=badge_class.accreditation,
        is_full_qualification=badge_class.is_full_qualification,
        part_of_qualification=badge_class.part_of_qualification,
        prerequisites=badge_class.prerequisites,
        prerequisite_badges=tuple(
            badge_class_url(b) for b in badge_class.prerequisite_badges.all()
        ),
        stack_targets=tuple(
            StackTarget(
                name=t.display_name,
                url=badge_class_url(t.target) if t.target_id else t.url,
                credits=t.credits,
            )
            for t in badge_class.stack_targets.select_related("target")
        ),
        validity_months=badge_class.validity_months,
        result_description=badge_class.result_description,
        result_type=badge_class.result_type,
    )


def award_facts(
    award: Award, *, badge_class: BadgeClassFacts | None = None
) -> AwardFacts:
    url = assertion_url(award)
    return AwardFacts(
        id=url,
        credential_id=credential_url(award),
        badge_class=badge_class or badge_class_facts(award.badge_class),
        recipient=Recipient(
            type=award.recipient_type,
            identity=award.recipient_hash,
            hashed=True,
            salt=award.recipient_salt,
        ),
        issued_on=award.issued_on,
        expires=award.expires_at,
        evidence=tuple(
            Evidence(
                url=e.get("url", ""),
                narrative=e.get("narrative", ""),
                name=e.get("name", ""),
            )
            for e in award.evidence
        ),
        narrative=award.narrative,
        result=Result(value=award.result) if award.result else None,
        route=award.route,
        image_url=f"{url}/image.png",
        status=StatusEntry(
            list_url=status_list_url(award.issuer), index=award.status_index
        ),
        revoked=award.is_revoked,
        revocation_reason=award.revocation_reason,
    )
