"""factory_boy factories and the fixed cast (house style R9)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import factory
from django.utils.timezone import now
from PIL import Image

from accounts.models import EmailAddress, User
from badges import actions as badge_actions
from badges.models import BadgeClass
from issuers import actions as issuer_actions
from issuers.models import Institution, Issuer, Membership, Role

PASSWORD = "correct-horse-battery"  # noqa: S105


def png_bytes(size: tuple[int, int] = (200, 200), color: str = "navy") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


SVG_OK = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
    b'<circle cx="50" cy="50" r="45" fill="#0b5cad"/><text x="50" y="58" text-anchor="middle">B</text></svg>'
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)
    verified_address = factory.RelatedFactory(
        "tests.factories.EmailAddressFactory",
        factory_related_name="user",
        email=factory.SelfAttribute("..email"),
    )


class EmailAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailAddress

    email = factory.Sequence(lambda n: f"address{n}@example.org")
    verified_at = factory.LazyFunction(now)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Institution {n}")
    country = "LV"


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Issuer {n}")
    url = "https://issuer.example.org"
    email = "badges@issuer.example.org"
    country = "LV"


def complete_badge_class_values(**overrides) -> dict:
    """Values for ``create_badge_class`` that state every required element."""
    values = {
        "name": "MIG/MAG welding, fillet welds",
        "description": "Fillet welds in all positions on steel plate.",
        "image": png_bytes(),
        "criteria_narrative": "Pass the **practical test** and the written exam.",
        "assessment_types": ["practical", "exam"],
        "learning_outcomes": [
            {"text": "Weld fillet welds in position PB"},
            {"text": "Inspect a weld visually"},
        ],
        "workload_hours": 74,
        "eqf_level": 4,
        "participation_forms": ["onsite"],
        "qa_type": "external",
    }
    values.update(overrides)
    return values


def make_badge_class(
    *, issuer: Issuer, acting_user, publish: bool = True, **overrides
) -> BadgeClass:
    badge_class = badge_actions.create_badge_class(
        issuer=issuer,
        acting_user=acting_user,
        **complete_badge_class_values(**overrides),
    )
    if publish:
        badge_actions.publish_badge_class(
            badge_class=badge_class, acting_user=acting_user
        )
    return badge_class


@dataclass
class Cast:
    alice: User  # owner of Acme
    adam: User  # administrator of Acme
    erin: User  # editor at Acme
    aaron: User  # awarder at Acme
    ivy: User  # editor of Acme's "Welding" issuer only
    carol: User  # a learner, no staff role
    mallory: User  # owner of Evil Corp: a real staff member, outsider to Acme
    acme: Institution
    welding: Issuer
    electrics: Issuer
    evil: Institution
    evil_issuer: Issuer
    badge_class: BadgeClass  # published, at welding


def make_cast() -> Cast:
    users = {
        name: UserFactory(email=f"{name}@example.org", full_name=name.title())
        for name in ("alice", "adam", "erin", "aaron", "ivy", "carol", "mallory")
    }
    acme = issuer_actions.create_institution(
        acting_user=users["alice"], name="Acme Vocational", country="LV"
    )
    welding = issuer_actions.create_issuer(
        institution=acme,
        acting_user=users["alice"],
        name="Welding school",
        url="https://acme.example.org",
        email="welding@acme.example.org",
        country="LV",
    )
    electrics = issuer_actions.create_issuer(
        institution=acme,
        acting_user=users["alice"],
        name="Electrics",
        url="https://acme.example.org/el",
        email="el@acme.example.org",
        country="LV",
    )
    for name, role in (
        ("adam", Role.ADMIN),
        ("erin", Role.EDITOR),
        ("aaron", Role.AWARDER),
    ):
        Membership.objects.create(user=users[name], institution=acme, role=role)
    Membership.objects.create(user=users["ivy"], issuer=welding, role=Role.EDITOR)
    evil = issuer_actions.create_institution(
        acting_user=users["mallory"], name="Evil Corp", country="EE"
    )
    evil_issuer = issuer_actions.create_issuer(
        institution=evil,
        acting_user=users["mallory"],
        name="Evil badges",
        url="https://evil.example.org",
        email="x@evil.example.org",
        country="EE",
    )
    badge_class = make_badge_class(issuer=welding, acting_user=users["alice"])
    return Cast(
        **users,
        acme=acme,
        welding=welding,
        electrics=electrics,
        evil=evil,
        evil_issuer=evil_issuer,
        badge_class=badge_class,
    )
