"""Generated credentials verify everywhere: ours, the official schemas, Digital Bazaar and DCC.

Issue 18: four learning outcomes made credentials whose canonicalisation
needed more deep iterations than rdf-canonize allows by default. Hypothesis
generates badge classes with 0-25 learning outcomes (duplicate and
near-duplicate texts), 0-10 partners, alignments and stack targets, issuers
with and without addresses, and awards with and without every optional
field. Each credential is signed, verified by our verifier, checked against
the official JSON-LD schema (and its VC-JWT ``vc`` claim against the formal
one), and needs no more canonicalisation work than the default limit; then
all of them go to ``@digitalbazaar/vc`` and ``@digitalcredentials/vc`` (both
on their default settings) in one batch each.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from fixtures.ob3 import facts
from fixtures.schemas import official
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credentials import did, ob3
from credentials._eu_extension import extension_context, extension_context_url
from credentials.ob3 import data_integrity, status_list
from credentials.ob3.verification import verify
from credentials.types import (
    Address,
    Alignment,
    Evidence,
    LearningOutcome,
    Partner,
    Result,
    StackTarget,
    StatusEntry,
)
from tests.node import run_node

EXAMPLES = 50
KEY_ID, KEY = facts.issuer_keys(1)[0]
METHOD = did.verification_method_id(facts.ISSUER_DID, KEY_ID)
DID_DOCUMENT = did.did_document(facts.ISSUER_DID, [(KEY_ID, KEY.public_key(), True)])

# Few distinct words, so texts repeat exactly or differ by a letter or a space.
WORDS = ["Weld", "weld", "joints", "joints ", "in PA", "in PB", "safely", "MAG", "ā"]
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
urls = st.sampled_from(
    [
        "http://data.europa.eu/esco/skill/abcd",
        "http://data.europa.eu/esco/skill/abce",
        "https://lma.example.lv",
    ]
)
alignments = st.builds(
    Alignment,
    target_name=texts,
    target_url=urls,
    target_framework=st.sampled_from(["", "ESCO"]),
    target_code=st.sampled_from(["", "S6.13"]),
)
outcomes = st.builds(
    LearningOutcome,
    text=texts,
    alignment=st.none() | alignments,
    translations=st.sampled_from([{}, {"en": "Weld joints."}]),
)
partners = st.builds(
    Partner,
    name=texts,
    url=st.sampled_from(["", "https://lma.example.lv"]),
    role=st.sampled_from(["", "assessor", "co-issuer"]),
)
stack_targets = st.builds(
    StackTarget,
    name=texts,
    url=st.sampled_from(["", f"{facts.BASE_URL}/public/badges/welder"]),
    credits=st.none() | st.sampled_from([Decimal("6"), Decimal("6.5")]),
)
addresses = st.none() | st.builds(
    Address,
    street=st.sampled_from(["", "Krišjāņa Valdemāra iela 1"]),
    locality=st.sampled_from(["", "Rīga"]),
    postal_code=st.sampled_from(["", "LV-1010"]),
    country=st.sampled_from(["", "LV"]),
)


@st.composite
def awards(draw):
    issuer = replace(facts.ISSUER, address=draw(addresses))
    badge = replace(
        facts.BADGE,
        issuer=issuer,
        learning_outcomes=tuple(draw(st.lists(outcomes, max_size=25))),
        partners=tuple(draw(st.lists(partners, max_size=10))),
        alignments=tuple(draw(st.lists(alignments, max_size=10))),
        stack_targets=tuple(draw(st.lists(stack_targets, max_size=10))),
    )
    evidence = st.builds(
        Evidence,
        url=st.sampled_from(["", f"{facts.BASE_URL}/media/evidence/a.jpg"]),
        narrative=st.sampled_from(["", "Photo of the test piece."]),
        name=st.sampled_from(["", "Test piece"]),
    ).filter(lambda e: e.url or e.narrative)
    return facts.award(
        badge_class=badge,
        expires=draw(st.none() | st.just(facts.EXPIRES)),
        evidence=tuple(draw(st.lists(evidence, max_size=3))),
        narrative=draw(st.sampled_from(["", "All three pieces on the first try."])),
        result=draw(st.none() | st.just(Result(value="A", status="Completed"))),
        route=draw(st.sampled_from(["", "course", "prior_learning"])),
        subject_did=draw(st.sampled_from(["", "did:key:z6MkcarolZ"])),
        status=draw(
            st.none()
            | st.integers(0, 131071).map(
                lambda i: StatusEntry(list_url=facts.STATUS_LIST_URL, index=i)
            )
        ),
    )


def sign(document):
    return ob3.sign(
        document,
        KEY,
        verification_method=METHOD,
        created=facts.ISSUED_ON,
        base_url=facts.BASE_URL,
    )


STATUS_LIST = sign(
    status_list.status_list_credential(
        list_url=facts.STATUS_LIST_URL,
        issuer_did=facts.ISSUER_DID,
        revoked_indexes=(),
        valid_from=facts.ISSUED_ON,
    )
)


def vc_claim(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))[
        "vc"
    ]


def shape(award) -> dict:
    badge = award.badge_class
    return {
        "outcomes": len(badge.learning_outcomes),
        "partners": len(badge.partners),
        "alignments": len(badge.alignments),
        "stack_targets": len(badge.stack_targets),
        "address": badge.issuer.address is not None,
    }


def test_every_generated_credential_verifies_everywhere():
    signed: list[tuple[dict, dict]] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(awards())
    def check(award):
        credential = sign(ob3.credential(award, base_url=facts.BASE_URL))
        work = data_integrity.canonicalization_work(credential, facts.loader())
        assert work.deep_iterations <= work.limit(), (shape(award), work)
        token = ob3.encode_jwt(
            credential, KEY, kid=did.jwk_method_id(facts.ISSUER_DID, KEY_ID)
        )
        assert official.json_ld_errors(credential) == [], shape(award)
        assert official.formal_errors(vc_claim(token)) == [], shape(award)
        for form in (credential, token):
            report = verify(
                form,
                now=facts.NOW + timedelta(days=1),
                resolve_did_document=lambda _: DID_DOCUMENT,
                fetch_status_list=lambda _: STATUS_LIST,
                base_url=facts.BASE_URL,
            )
            assert report.valid, (shape(award), report.checks)
        signed.append((shape(award), credential))

    check()
    assert len(signed) >= EXAMPLES
    most = max(s["outcomes"] for s, _ in signed)
    assert most >= 4, "hypothesis never drew a class with more than three outcomes"
    payload = {
        "credentials": [credential for _, credential in signed],
        "documents": {
            facts.ISSUER_DID: DID_DOCUMENT,
            extension_context_url(facts.BASE_URL): extension_context(facts.BASE_URL),
            facts.STATUS_LIST_URL: STATUS_LIST,
        },
        "now": "2025-06-02T12:00:00Z",
    }
    for script in ("verify-di.mjs", "verify-dcc.mjs"):
        results = run_node(script, payload)["results"]
        refused = [
            (s, r["errors"])
            for (s, _), r in zip(signed, results, strict=True)
            if not r["verified"]
        ]
        assert refused == [], (script, refused[:3])
