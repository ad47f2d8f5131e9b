"""Insignia's RDFC-1.0 work counter counts what rdf-canonize counts.

Common verifiers canonicalise with rdf-canonize, which by default allows as
many deep iterations (Hash N-Degree Quads calls) as there are blank nodes
that share a first-degree hash. ``_rdfc`` counts the same calls under the
same limit; these tests hold it to rdf-canonize on the W3C RDFC-1.0 test
suite, and show that signing refuses a document verifiers would reject.
"""

import json
import time
from pathlib import Path

import pytest
from fixtures.ob3 import facts
from pyld import jsonld
from pyld.jsonld import JsonLdProcessor

from credentials import ob3
from credentials._multikey import multibase_base58btc
from credentials.errors import CanonicalizationLimitError
from credentials.ob3 import _rdfc, data_integrity
from tests.node import run_node

SUITE = Path(__file__).parent / "fixtures" / "vectors" / "rdf-canon"
LIMIT_MESSAGE = "Maximum deep iterations exceeded"


def suite_inputs() -> list[tuple[str, str]]:
    manifest = json.loads((SUITE / "manifest.jsonld").read_text(encoding="utf-8"))
    return [
        (entry["id"], (SUITE / entry["action"]).read_text(encoding="utf-8"))
        for entry in manifest["entries"]
        if entry["type"] in ("rdfc:RDFC10EvalTest", "rdfc:RDFC10NegativeEvalTest")
    ]


def ours(nquads: str, max_work_factor: int | None = _rdfc.MAX_WORK_FACTOR):
    return _rdfc.canonize(
        JsonLdProcessor.parse_nquads(nquads), max_work_factor=max_work_factor
    )


def rdf_canonize(datasets: list[dict]) -> list[dict]:
    return run_node("canonize.mjs", {"datasets": datasets})["results"]


def test_it_refuses_exactly_the_w3c_suite_inputs_rdf_canonize_refuses():
    inputs = suite_inputs()
    theirs = rdf_canonize([{"nquads": text} for _, text in inputs])
    refused_by_them = {
        name
        for (name, _), result in zip(inputs, theirs, strict=True)
        if LIMIT_MESSAGE in result.get("error", "")
    }
    refused_by_us = set()
    for name, text in inputs:
        try:
            ours(text)
        except CanonicalizationLimitError:
            refused_by_us.add(name)
    assert len(refused_by_them) == 19
    assert refused_by_us == refused_by_them
    assert "#test074c" in refused_by_us  # the suite's poison graph


def test_it_counts_the_deep_iterations_rdf_canonize_needs():
    """rdf-canonize succeeds with our count as its limit and fails with one less."""
    counted = []
    for name, text in suite_inputs():
        try:
            _, work = ours(text)
        except CanonicalizationLimitError:
            continue
        if work.deep_iterations:
            counted.append((name, text, work.deep_iterations))
    assert len(counted) == 13
    datasets = []
    for _, text, count in counted:
        datasets += [
            {"nquads": text, "maxDeepIterations": count},
            {"nquads": text, "maxDeepIterations": count - 1},
        ]
    results = iter(rdf_canonize(datasets))
    for name, _, count in counted:
        enough, one_less = next(results), next(results)
        assert "canonical" in enough, (name, count, enough)
        assert LIMIT_MESSAGE in one_less.get("error", ""), (name, count, one_less)


def alike_addresses_and_list() -> dict:
    """Return a document with 7 alike list nodes and 2 alike anonymous addresses."""
    return {
        "@context": [
            ob3.VC2_CONTEXT,
            {
                "address": "https://schema.org/address",
                "country": "https://schema.org/addressCountry",
                "outcomes": {
                    "@id": "https://example.org/outcomes",
                    "@container": "@list",
                },
                "text": "https://example.org/text",
            },
        ],
        "@id": "https://example.org/class",
        "address": [{"country": "LV"}, {"country": "LV"}],
        "outcomes": [{"text": f"Outcome {n}"} for n in range(9)],
    }


def test_signing_refuses_a_document_verifiers_would_reject():
    with pytest.raises(CanonicalizationLimitError) as caught:
        ob3.sign(
            alike_addresses_and_list(),
            facts.fixed_key(),
            verification_method=facts.ISSUER_DID + "#key-1",
            created=facts.ISSUED_ON,
            base_url=facts.BASE_URL,
        )
    error = caught.value
    assert error.code == "canonicalization_limit"
    assert "more than 9 deep iterations" in error.description
    assert "2 under <https://schema.org/address>" in error.description
    assert "7 under <https://example.org/outcomes> (an @list)" in error.description


def test_the_work_of_that_document_is_counted_without_a_limit():
    work = data_integrity.canonicalization_work(
        alike_addresses_and_list(), facts.loader()
    )
    assert (work.alike, work.limit()) == (9, 9)
    assert work.deep_iterations > work.limit()


def sign_without_the_guard(document: dict, key) -> dict:
    """Sign as Insignia did before the signing guard existed (no work limit)."""
    config = data_integrity.proof_config(
        document,
        verification_method=facts.ISSUER_DID + "#key-1",
        created=facts.ISSUED_ON,
    )
    data = data_integrity.hash_data(document, config, facts.loader())
    proof = {k: v for k, v in config.items() if k != "@context"}
    proof["proofValue"] = multibase_base58btc(key.sign(data))
    return {**document, "proof": proof}


def verify_proof(document, key) -> None:
    data_integrity.verify_proof(
        document, resolve_key=lambda *_: key.public_key(), loader=facts.loader()
    )


def test_credentials_signed_before_the_guard_still_verify():
    """Verification allows alike ** 2 deep iterations: enough for what we issued before."""
    key = facts.fixed_key()
    document = alike_addresses_and_list()
    work = data_integrity.canonicalization_work(document, facts.loader())
    assert (
        work.limit() < work.deep_iterations <= work.limit(_rdfc.VERIFY_MAX_WORK_FACTOR)
    )
    verify_proof(sign_without_the_guard(document, key), key)


def poison_graph_credential() -> dict:
    """Our credential carrying the W3C suite's poison graph (test074c), with a made-up proof."""
    (text,) = [t for name, t in suite_inputs() if name == "#test074c"]
    nodes = jsonld.from_rdf(text, {"format": "application/n-quads"})
    credential = facts.unsigned_credential()
    credential["https://example.org/poison"] = nodes
    config = data_integrity.proof_config(
        credential,
        verification_method=facts.ISSUER_DID + "#key-1",
        created=facts.ISSUED_ON,
    )
    proof = {k: v for k, v in config.items() if k != "@context"}
    proof["proofValue"] = multibase_base58btc(bytes(64))
    return {**credential, "proof": proof}


def test_a_poison_graph_ends_in_a_clear_refusal_within_a_second():
    started = time.perf_counter()
    with pytest.raises(CanonicalizationLimitError) as caught:
        verify_proof(poison_graph_credential(), facts.fixed_key())
    assert (
        time.perf_counter() - started < 1
    )  # a safety bound, far above the ~50 ms seen
    assert "within the work a verifier spends on one document" in str(caught.value)


def test_the_verifier_reports_a_poison_graph_as_a_failed_proof():
    from tests.credentials.test_verification import World

    world = World()
    report = world.verify(poison_graph_credential())
    proof = report.check("proof")
    assert proof.status == "failed"
    assert "poison graph" in proof.message
    assert report.valid is False
