"""Every demo credential, of every published class, meets 1EdTech's official OB 3.0 schemas.

The JSON-LD credential meets the JSON-LD adaptation, the VC-JWT ``vc``
claim the formal 2024-09 schema (strictly: no leniency for single values),
each with Insignia's extra rules; a copy without the achievement's
criteria fails both.
"""

from __future__ import annotations

import base64
import copy
import io
import json
import time

import pytest
from django.core.management import call_command

from badges.actions import award_badge
from badges.choices import Status
from badges.models import Award, BadgeClass
from credentials.ob3._schema import schema_errors
from issuers.models import Membership, Role

pytestmark = pytest.mark.django_db


def vc_claim(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))[
        "vc"
    ]


@pytest.fixture(scope="module")
def credentials(django_db_setup, django_db_blocker):
    """Load the demo once, award every class that has no award, return (name, JSON-LD, vc claim)."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            call_command("load_demo", force=True, stdout=io.StringIO())
            for badge_class in BadgeClass.objects.filter(
                status=Status.PUBLISHED, awards__isnull=True
            ):
                owner = Membership.objects.filter(
                    institution=badge_class.issuer.institution, role=Role.OWNER
                ).first()
                award_badge(
                    badge_class=badge_class,
                    recipient_identity="every-class@example.org",
                    acting_user=owner.user,
                    notify=False,
                )
            classes = set(
                BadgeClass.objects.filter(status=Status.PUBLISHED).values_list(
                    "pk", flat=True
                )
            )
            awards = [
                (award.badge_class_id, award.badge_class.name, award.ob3_credential,
                 award.ob3_jwt)
                for award in Award.objects.select_related("badge_class").order_by("pk")
            ]  # fmt: skip
            transaction.set_rollback(True)
    assert classes <= {class_id for class_id, *_ in awards}
    return [(name, ld, vc_claim(jwt)) for _, name, ld, jwt in awards]


def test_every_demo_credential_meets_the_official_schemas(credentials):
    assert len(credentials) >= 20
    largest = max(credentials, key=lambda c: len(json.dumps(c[1])))
    start = time.perf_counter()
    assert schema_errors(largest[1]) == []
    print(  # noqa: T201 - the measurement the issue asks for
        f"largest demo credential ({len(json.dumps(largest[1]))} bytes): "
        f"{(time.perf_counter() - start) * 1000:.1f} ms"
    )
    for name, json_ld, claim in credentials:
        assert schema_errors(json_ld, "data-integrity") == [], name
        assert schema_errors(claim, "vc-jwt") == [], name


def test_a_mutated_copy_of_each_fails(credentials):
    for name, json_ld, claim in credentials:
        for document, proof_format in ((json_ld, "data-integrity"), (claim, "vc-jwt")):
            broken = copy.deepcopy(document)
            del broken["credentialSubject"]["achievement"]["criteria"]
            assert schema_errors(broken, proof_format) == [
                "credentialSubject.achievement: 'criteria' is a required property"
            ], name
