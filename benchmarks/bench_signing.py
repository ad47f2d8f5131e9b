"""Signing rates for every credential format, against the raw cryptography in the same process.

Run: ``.venv/bin/python benchmarks/bench_signing.py [--seconds 3]``. Prints, per
format, credentials signed per second and the ratio to the raw signature rate
of the same key type, and how much of an OB 3.0 Data Integrity signature is
RDF canonicalisation. Pure core only: no database, no Django.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from credentials import keys, ob2, ob3
from credentials.loader import OfflineLoader  # noqa: E402
from credentials.ob2 import sign  # noqa: E402
from credentials.ob3 import data_integrity
from credentials.types import (  # noqa: E402
    AwardFacts,
    BadgeClassFacts,
    IssuerFacts,
    LearningOutcome,
    Recipient,
    StatusEntry,
)

BASE = "https://badges.example.edu"


def facts(n: int) -> AwardFacts:
    issuer = IssuerFacts(
        id=f"{BASE}/public/issuers/1", name="Bench VET centre", url="https://vet.example.edu",
        email="badges@vet.example.edu", did="did:web:badges.example.edu:issuers:1",
        public_key_urls=(f"{BASE}/public/keys/k1",), revocation_list_url=f"{BASE}/public/issuers/1/revocations",
    )  # fmt: skip
    badge = BadgeClassFacts(
        id=f"{BASE}/public/badges/1", name="MIG/MAG welding: fillet welds", description="Fillet welds in all positions.",
        image_url=f"{BASE}/public/badges/1/image", issuer=issuer, criteria_url=f"{BASE}/public/badges/1",
        criteria_narrative="Pass a practical test.", eqf_level=4, workload_hours=Decimal(74),
        learning_outcomes=(LearningOutcome("Weld fillet welds in position PB"), LearningOutcome("Inspect a weld")),
        assessment_types=("practical",), participation_forms=("onsite",), qa_type="external",
    )  # fmt: skip
    return AwardFacts(
        id=f"{BASE}/public/assertions/{n}", credential_id=f"{BASE}/public/credentials/{n}", badge_class=badge,
        recipient=Recipient(type="email", identity="sha256$" + "ab" * 32, salt="s"),
        issued_on=datetime(2026, 11, 1, tzinfo=UTC), status=StatusEntry(f"{BASE}/public/issuers/1/status-list", n),
    )  # fmt: skip


def rate(label: str, work, seconds: float) -> float:
    """Run ``work(i)`` repeatedly for about ``seconds``; return operations per second."""
    work(0)  # warm caches (contexts, key objects)
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        work(count)
        count += 1
    per_second = count / elapsed
    print(f"  {label:<46} {per_second:>10,.0f} /s   ({1000 / per_second:7.3f} ms each)")
    return per_second


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="time per measurement"
    )
    seconds = parser.parse_args().seconds

    rsa_key, ed_key = keys.generate_rsa_key(), keys.generate_ed25519_key()
    rsa_signer = keys.LocalSigner(rsa_key)
    message = b"x" * 600
    loader = OfflineLoader.for_base_url(BASE)
    created = datetime(2026, 11, 1, tzinfo=UTC)
    method = "did:web:badges.example.edu:issuers:1#k1"

    print("Raw signatures (cryptography):")
    raw_rsa = rate(
        "RSA-2048 PKCS#1 v1.5 SHA-256 (RS256)",
        lambda i: rsa_signer.sign(message),
        seconds,
    )
    raw_ed = rate("Ed25519", lambda i: ed_key.sign(message), seconds)

    print("Credentials (build + sign):")
    ob2_rate = rate(
        "OB 2.0 signed assertion (JWS RS256)",
        lambda i: sign.sign_ob2(
            ob2.assertion(
                facts(i), verification="signed", key_url=f"{BASE}/public/keys/k1"
            ),
            rsa_signer,
        ),
        seconds,
    )
    di_rate = rate(
        "OB 3.0 Data Integrity (eddsa-rdfc-2022)",
        lambda i: ob3.sign(
            ob3.credential(facts(i), base_url=BASE),
            ed_key,
            verification_method=method,
            created=created,
            base_url=BASE,
        ),
        seconds,
    )
    signed = ob3.sign(
        ob3.credential(facts(0), base_url=BASE),
        ed_key,
        verification_method=method,
        created=created,
        base_url=BASE,
    )
    jwt_rate = rate(
        "OB 3.0 VC-JWT (EdDSA) of a signed credential",
        lambda i: ob3.encode_jwt(signed, ed_key, kid=method),
        seconds,
    )

    print("Where the Data Integrity time goes:")
    document = ob3.credential(facts(1), base_url=BASE)
    canon_rate = rate(
        "JSON-LD expansion + RDFC-1.0: the credential",
        lambda i: data_integrity.canonicalize(document, loader),
        seconds,
    )
    config = data_integrity.proof_config(
        document, verification_method=method, created=created
    )
    config_rate = rate(
        "JSON-LD expansion + RDFC-1.0: the proof config",
        lambda i: data_integrity.canonicalize(config, loader),
        seconds,
    )

    print("\nRatios (credential rate / raw signature rate of the same key type):")
    print(f"  OB 2.0 JWS      {ob2_rate / raw_rsa:6.2f}  (RSA signing dominates)")
    print(
        f"  OB 3.0 DI       {di_rate / raw_ed:6.4f}  (1 credential costs {raw_ed / di_rate:,.0f} raw Ed25519 signatures)"
    )
    print(f"  OB 3.0 VC-JWT   {jwt_rate / raw_ed:6.3f}")
    # A DI signature canonicalises the credential each time; the proof configuration is the
    # same for every credential signed with one key at one time, so its hash is remembered.
    share = (1 / canon_rate) / (1 / di_rate)
    print(
        f"  Canonicalising the credential: {share:.0%} of a DI signature "
        f"(the proof configuration's {1000 / config_rate:.1f} ms is paid once per key and time)"
    )
    print(
        f"\nAll three formats for one award: about {1 / (1 / ob2_rate + 1 / di_rate + 1 / jwt_rate):,.0f} awards/s on one core"
    )


if __name__ == "__main__":
    main()
