"""The demo loaded by ``make run`` (``python manage.py load_demo``): realistic, complete and idempotent."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from badges.choices import Status
from badges.completeness import completeness
from badges.models import Alignment, BadgeClass, LearningOutcome, Partner, StackTarget
from demo.data import DEMO_PASSWORD
from issuers.models import Institution, Issuer, Membership, Role

pytestmark = pytest.mark.django_db


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)  # tests run with DEBUG off
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (
        Institution, Issuer, Membership, BadgeClass, LearningOutcome, Alignment, Partner, StackTarget, AuditEvent,
        get_user_model(),
    )  # fmt: skip
    return {model._meta.label: model.objects.count() for model in models}


def test_demo_is_realistic_and_complete():
    output = load()

    assert Institution.objects.count() >= 6
    assert set(Institution.objects.values_list("country", flat=True)) >= {
        "DK",
        "IS",
        "IE",
        "NL",
        "LV",
    }
    assert BadgeClass.objects.count() >= 20
    for issuer in Issuer.objects.all():
        assert (
            issuer.image
            and issuer.url
            and issuer.email
            and issuer.telephone
            and issuer.street_address
        )

    # Every role at every institution, issuer-level roles, and learners without any role.
    for institution in Institution.objects.all():
        roles = set(institution.memberships.values_list("role", flat=True))
        assert roles == set(Role.values), institution
    assert Membership.objects.filter(issuer__isnull=False).exists()
    assert get_user_model().objects.filter(memberships__isnull=True).count() >= 3

    # Published classes pass the required checks; there are drafts and an archived class too.
    published = BadgeClass.objects.filter(status=Status.PUBLISHED)
    assert published.count() >= 20
    for badge_class in published:
        assert completeness(badge_class).missing_required == [], badge_class.name
    assert BadgeClass.objects.filter(status=Status.DRAFT).exists()
    assert BadgeClass.objects.filter(status=Status.ARCHIVED).exists()

    # Translations both ways between English and Latvian.
    assert BadgeClass.objects.filter(language="en", translations__has_key="lv").exists()
    assert BadgeClass.objects.filter(language="lv", translations__has_key="en").exists()
    assert LearningOutcome.objects.filter(translations__has_key="lv").exists()

    # Expiring, participation, stacking and prerequisite classes.
    assert set(
        BadgeClass.objects.exclude(validity_months=None).values_list(
            "validity_months", flat=True
        )
    ) >= {24, 36}
    assert BadgeClass.objects.filter(
        is_participation=True, status=Status.PUBLISHED
    ).exists()
    award = BadgeClass.objects.get(name="Microsoft 365 Fundamentals (150-hour award)")
    modules = BadgeClass.objects.filter(stack_targets__target=award)
    assert modules.count() == 6
    assert sum(m.workload_hours for m in modules) == award.workload_hours == 150
    assert BadgeClass.objects.filter(prerequisite_badges__isnull=False).exists()
    assert LearningOutcome.objects.filter(
        url__startswith="http://data.europa.eu/esco/skill/"
    ).exists()

    # Real images, PNG and SVG.
    names = list(BadgeClass.objects.values_list("image", flat=True))
    assert all(names)
    assert any(n.endswith(".png") for n in names) and any(
        n.endswith(".svg") for n in names
    )
    with (
        BadgeClass.objects.filter(image__endswith=".png")
        .first()
        .image.open("rb") as image
    ):
        assert image.read(8) == b"\x89PNG\r\n\x1a\n"

    # The logins table, and the shared demo password works.
    assert DEMO_PASSWORD in output
    assert "ilze.kalnina@daugavkrasta.example" in output
    assert (
        authenticate(email="ilze.kalnina@daugavkrasta.example", password=DEMO_PASSWORD)
        is not None
    )


def test_loading_twice_changes_nothing():
    load()
    first = counts()
    images = sorted(BadgeClass.objects.values_list("uuid", "image"))
    output = load()
    assert counts() == first
    assert sorted(BadgeClass.objects.values_list("uuid", "image")) == images
    assert "0 new" in output


def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Institution.objects.exists()


def test_every_link_it_prints_answers(client, settings):
    import re

    output = load()
    links = re.findall(r"https?://\S+", output)
    assert any(link.endswith("/ims/ob/v3p0/discovery") for link in links)
    for link in links:
        assert link.startswith(settings.PUBLIC_BASE_URL)
        path = link[len(settings.PUBLIC_BASE_URL) :]
        assert client.get(path).status_code == 200, link
