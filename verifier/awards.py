"""The one adapter from stored awards to the credential core: verify every signed form of an award.

Nothing is fetched: the issuer's DID document, keys and status list come from
the database, so an award page's verification never depends on the network
(or on the public URLs answering).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.utils.timezone import now

from badges import facts
from badges.models import Award
from credentials.errors import CredentialError
from credentials.ob2 import sign
from credentials.ob3.verification import verify
from credentials.report import (
    FAILED,
    PASSED,
    REVOKED,
    SKIPPED,
    Check,
    VerificationReport,
)
from issuers.models import KeyAlgorithm, SigningKey


@dataclass(frozen=True)
class AwardReports:
    """The report of each signed form of one award, in the order its verification page shows them."""

    ob3_data_integrity: VerificationReport
    ob3_jwt: VerificationReport
    ob2_signature: VerificationReport

    @property
    def valid(self) -> bool:
        """Return True when every signed form verified."""
        return all(getattr(self, f.name).valid for f in fields(self))


def _resolvers(award: Award):
    issuer = award.issuer
    issuer_did = facts.issuer_did(issuer)

    def resolve_did_document(did: str) -> dict:
        if did != issuer_did:
            raise LookupError(f"{did} is not this award's issuer.")
        return facts.issuer_did_document(issuer)

    def fetch_status_list(url: str) -> dict:
        from badges.actions import published_status_list

        if url != facts.status_list_url(issuer):
            raise LookupError(f"{url} is not this issuer's status list.")
        return published_status_list(issuer=issuer).document

    return resolve_did_document, fetch_status_list


def verify_award(award: Award) -> AwardReports:
    """Return the report of every signed form of ``award``."""
    resolve, fetch = _resolvers(award)
    options = {
        "now": now(),
        "resolve_did_document": resolve,
        "fetch_status_list": fetch,
        "base_url": facts.base_url(),
    }
    return AwardReports(
        ob3_data_integrity=verify(award.ob3_credential, **options),
        ob3_jwt=verify(award.ob3_jwt, **options),
        ob2_signature=_verify_ob2(award),
    )


def _verify_ob2(award: Award) -> VerificationReport:
    """Return the OB 2.0 signed assertion's report: its ``proof`` check (RS256 with a published key)."""
    if not award.ob2_jws:
        return _ob2_report(SKIPPED, "Not signed.")
    keys = {
        facts.key_url(k): k.public_key_pem
        for k in SigningKey.objects.filter(
            issuer=award.issuer, algorithm=KeyAlgorithm.RS256
        )
    }
    try:
        sign.verify_ob2_jws(award.ob2_jws, keys)
    except CredentialError as exc:
        return _ob2_report(FAILED, exc.description)
    if award.is_revoked:
        return _ob2_report(FAILED, f"Revoked: {award.revocation_reason}", REVOKED)
    return _ob2_report(
        PASSED, "RS256 signature verified with the issuer's published key."
    )


def _ob2_report(status: str, message: str, code: str = "") -> VerificationReport:
    return VerificationReport(
        (Check("proof", status, message, code),),
        proof_format="ob2-signed",
        version="Open Badges 2.0",
    )
