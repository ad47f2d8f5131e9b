"""Verify an award issued here, with the same core as any credential (no network: local resolvers)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.timezone import now

from credentials.errors import CredentialError
from credentials.ob2 import sign
from credentials.ob3.verification import (
    FAILED,
    PASSED,
    SKIPPED,
    VerificationReport,
    verify,
)
from issuers.models import KeyAlgorithm, SigningKey

from . import facts
from .models import Award, StatusList


@dataclass(frozen=True)
class AwardVerification:
    ob3_data_integrity: VerificationReport
    ob3_jwt: VerificationReport
    ob2_signature: tuple[str, str]  # (status, message)

    @property
    def valid(self) -> bool:
        return (
            self.ob3_data_integrity.valid
            and self.ob3_jwt.valid
            and self.ob2_signature[0] == PASSED
        )


def _resolvers(award: Award):
    issuer = award.issuer
    issuer_did = facts.issuer_did(issuer)

    def resolve_did_document(did: str) -> dict:
        if did != issuer_did:
            raise LookupError(f"{did} is not this award's issuer.")
        return facts.issuer_did_document(issuer)

    def fetch_status_list(url: str) -> dict:
        from .actions import publish_status_list

        if url != facts.status_list_url(issuer):
            raise LookupError(f"{url} is not this issuer's status list.")
        entry = StatusList.objects.filter(issuer=issuer).first() or publish_status_list(
            issuer=issuer
        )
        return entry.document

    return resolve_did_document, fetch_status_list


def verify_award(award: Award) -> AwardVerification:
    """Return the verification of every signed form of ``award``."""
    resolve, fetch = _resolvers(award)
    options = {
        "now": now(),
        "resolve_did_document": resolve,
        "fetch_status_list": fetch,
        "base_url": facts.base_url(),
    }
    return AwardVerification(
        ob3_data_integrity=verify(award.ob3_credential, **options),
        ob3_jwt=verify(award.ob3_jwt, **options),
        ob2_signature=_verify_ob2(award),
    )


def _verify_ob2(award: Award) -> tuple[str, str]:
    if not award.ob2_jws:
        return SKIPPED, "Not signed."
    keys = {
        facts.key_url(k): k.public_key_pem
        for k in SigningKey.objects.filter(
            issuer=award.issuer, algorithm=KeyAlgorithm.RS256
        )
    }
    try:
        sign.verify_ob2_jws(award.ob2_jws, keys)
    except CredentialError as exc:
        return FAILED, exc.description
    if award.is_revoked:
        return FAILED, f"Revoked: {award.revocation_reason}"
    return PASSED, "RS256 signature verified with the issuer's published key."
