"""Prepare the reliability cluster's database: migrate, collect static files, seed through the app's actions.

Run by harness.py in a process of its own, with the cluster's environment
(its DATABASE_URL, MEDIA_ROOT, KEY_ENCRYPTION_SECRET, ...):

    python -m tests.reliability.seed STATIC_ROOT

and prints one JSON line with the ids and the API token the tests use:
an owner (``owner@example.org``) of one institution with two issuers, each
with published badge classes. ``issuer`` has its signing keys already;
``fresh_issuer`` has none, so its first awards create them.
"""

from __future__ import annotations

import json
import sys


def main(static_root: str) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    settings.STATIC_ROOT = static_root
    call_command("collectstatic", interactive=False, verbosity=0)
    print(json.dumps(seed()), flush=True)


def seed() -> dict[str, str]:
    from accounts.actions import create_account, create_api_token
    from issuers.actions import create_institution, create_issuer, create_signing_key
    from issuers.models import KeyAlgorithm
    from tests.factories import make_badge_class

    owner = create_account(
        email="owner@example.org",
        full_name="Olga Owner",
        password="reliability-password-2026",  # noqa: S106
        email_verified=True,
    )
    institution = create_institution(
        acting_user=owner, name="Reliability Vocational", country="LV"
    )
    issuer, fresh = (
        create_issuer(
            institution=institution,
            acting_user=owner,
            name=name,
            url="https://reliability.example.org",
            email="badges@reliability.example.org",
            country="LV",
        )
        for name in ("Welding school", "New faculty")
    )
    for algorithm in (KeyAlgorithm.RS256, KeyAlgorithm.ED25519):
        create_signing_key(issuer=issuer, algorithm=algorithm, acting_user=owner)
    classes = {
        name: make_badge_class(issuer=on, acting_user=owner, name=title)
        for name, on, title in (
            ("badge_class", issuer, "MIG/MAG welding"),
            ("bulk_badge_class", issuer, "TIG welding"),
            ("fresh_badge_class", fresh, "First aid"),
        )
    }
    _token, secret = create_api_token(user=owner, name="reliability tests")
    return {
        "token": secret,
        "owner": owner.email,
        "issuer": str(issuer.uuid),
        "fresh_issuer": str(fresh.uuid),
        **{name: str(badge_class.uuid) for name, badge_class in classes.items()},
    }


if __name__ == "__main__":
    main(sys.argv[1])
