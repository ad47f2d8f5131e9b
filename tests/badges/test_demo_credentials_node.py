"""Every demo credential, of every badge class, verifies with Digital Bazaar's and DCC's libraries.

Issue 18: a class with four learning outcomes signed credentials that
``@digitalbazaar/vc`` and ``@digitalcredentials/vc`` refused on their default
settings ("Maximum deep iterations exceeded"), and the suite only ever gave
them the first award. Here each published demo class without an award gets
one, and every stored OB 3.0 credential goes to both libraries in one batch
each, with the DID documents, status lists and extension context the app
serves. Valid awards verify; revoked and expired ones fail for that reason
alone, never for their signature or canonicalisation.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.test import Client

from badges.actions import award_badge, publish_status_list
from badges.choices import Status
from badges.facts import base_url, issuer_did, status_list_url
from badges.models import Award, BadgeClass
from credentials._eu_extension import extension_context_url
from issuers.models import Membership, Role
from tests.node import run_node

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/ld+json"}


@pytest.fixture(scope="module")
def verified(django_db_setup, django_db_blocker):
    """Load the demo once, award every class that has no award, verify all in two batches."""
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
            awards = list(
                Award.objects.select_related("badge_class", "issuer").order_by("pk")
            )
            client = Client()
            documents = {}
            for issuer in {award.issuer for award in awards}:
                publish_status_list(issuer=issuer)
                documents[issuer_did(issuer)] = client.get(
                    f"/issuers/{issuer.uuid}/did.json"
                ).json()
                documents[status_list_url(issuer)] = client.get(
                    f"/public/issuers/{issuer.uuid}/status-list"
                ).json()
            context_url = extension_context_url(base_url())
            documents[context_url] = client.get(
                "/public/contexts/eu-microcredential/v1"
            ).json()
            credentials = [
                client.get(f"/public/credentials/{award.uuid}", **JSON).json()
                for award in awards
            ]
            payload = {
                "credentials": credentials,
                "documents": documents,
                "now": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            results = {
                script: run_node(script, payload)["results"]
                for script in ("verify-di.mjs", "verify-dcc.mjs")
            }
            summary = [
                (award.badge_class.name, award.badge_class.learning_outcomes.count(),
                 award.is_revoked, award.is_expired)
                for award in awards
            ]  # fmt: skip
            classes = set(
                BadgeClass.objects.filter(status=Status.PUBLISHED).values_list(
                    "pk", flat=True
                )
            )
            awarded = {award.badge_class_id for award in awards}
            transaction.set_rollback(True)
    return {
        "summary": summary,
        "results": results,
        "classes": classes,
        "awarded": awarded,
    }


def test_every_published_demo_class_has_a_credential_in_the_batch(verified):
    assert verified["classes"] <= verified["awarded"]
    assert len(verified["summary"]) >= 20
    # The class that broke the verifiers is among them: more than three outcomes.
    assert max(outcomes for _, outcomes, _, _ in verified["summary"]) >= 4


@pytest.mark.parametrize("script", ["verify-di.mjs", "verify-dcc.mjs"])
def test_each_demo_credential_verifies_or_fails_only_for_its_state(verified, script):
    results = verified["results"][script]
    assert len(results) == len(verified["summary"])
    states = set()
    for (name, outcomes, revoked, expired), result in zip(
        verified["summary"], results, strict=True
    ):
        errors = " ".join(result["errors"])
        assert "Maximum deep iterations" not in errors, (name, outcomes, errors)
        assert "signature" not in errors.lower(), (name, outcomes, errors)
        if revoked:
            states.add("revoked")
            assert result["verified"] is False and "revoked" in errors, (name, errors)
        elif expired:
            states.add("expired")
            assert result["verified"] is False and 'after "validUntil"' in errors, (
                name,
                errors,
            )
        else:
            states.add("valid")
            assert result == {"verified": True, "errors": []}, (name, outcomes)
    assert states == {"valid", "revoked", "expired"}
