"""Which stored credentials must be signed again, and why: what we signed that others reject.

Two departures are known (issue 18), both in credentials signed before the
builders were fixed:

* ``CANONICALISATION``: the Data Integrity document holds blank nodes that look
  alike (anonymous learning outcomes, two identical addresses), so RDFC-1.0
  needs more deep iterations than rdf-canonize allows by default, and Digital
  Bazaar's and DCC's verifiers refuse a correct signature;
* ``VC_JWT_MAPPING``: the VC-JWT's ``sub`` is the credential's URL although the
  subject has no ``id``, or its ``vc`` claim carries the Data Integrity proof
  (OB 3.0, section 8.2.4).

``departures(award)`` reads the stored forms only; ``actions.reissue_awards``
signs them again with the same id, status entry and dates.
"""

from __future__ import annotations

from credentials.errors import CredentialError
from credentials.jws import unverified_claims
from credentials.loader import OfflineLoader
from credentials.ob3 import data_integrity

from . import facts
from .models import Award

CANONICALISATION = "canonicalisation"
VC_JWT_MAPPING = "vc_jwt_mapping"


def departures(award: Award, *, loader: OfflineLoader | None = None) -> list[str]:
    """Return the departures of ``award``'s stored OB 3.0 forms, in a stable order (none: [])."""
    found = []
    if award.ob3_credential and _exceeds_canonicalisation_limit(
        award.ob3_credential, loader or OfflineLoader.for_base_url(facts.base_url())
    ):
        found.append(CANONICALISATION)
    if award.ob3_jwt and _old_jwt_mapping(award.ob3_jwt):
        found.append(VC_JWT_MAPPING)
    return found


def _exceeds_canonicalisation_limit(credential: dict, loader: OfflineLoader) -> bool:
    unsigned = {k: v for k, v in credential.items() if k != "proof"}
    try:
        work = data_integrity.canonicalization_work(unsigned, loader)
    except CredentialError:
        return False  # not ours to fix here: verification reports it
    return work.deep_iterations > work.limit()


def _old_jwt_mapping(token: str) -> bool:
    try:
        claims = unverified_claims(token)
    except CredentialError:
        return False
    vc = claims.get("vc") if isinstance(claims.get("vc"), dict) else {}
    subject = vc.get("credentialSubject")
    subject_id = subject.get("id") if isinstance(subject, dict) else None
    return "proof" in vc or ("sub" in claims and claims["sub"] != subject_id)
