"""Commands the two-instance test runs inside one instance's environment (its own SQLite file).

    python -m tests.hostlinks.instance seed LABEL      # a learner, an issuer, one accepted award
    python -m tests.hostlinks.instance remote-credentials   # getCredentials at the connected host

Each prints one JSON line. They live under tests/ (never shipped) and call
the app's own actions, as tests/reliability/seed.py does.
"""

from __future__ import annotations

import json
import sys

LEARNER = "lena@example.org"
PASSWORD = "a long learner passphrase 2026"  # noqa: S105 (a test account's)


def seed(label: str) -> dict:
    from accounts.actions import create_account
    from badges.actions import award_badge
    from issuers.actions import create_institution, create_issuer
    from tests.factories import make_badge_class
    from wallet.actions import accept_award

    learner = create_account(
        email=LEARNER, full_name="Lena Ozola", password=PASSWORD, email_verified=True
    )
    owner = create_account(
        email=f"owner@{label.lower()}.example.org",
        full_name=f"Owner {label}",
        password=PASSWORD,
        email_verified=True,
    )
    institution = create_institution(
        acting_user=owner, name=f"{label} Vocational", country="LV"
    )
    issuer = create_issuer(
        institution=institution,
        acting_user=owner,
        name=f"{label} school",
        url=f"https://{label.lower()}.example.org",
        email=f"badges@{label.lower()}.example.org",
        country="LV",
    )
    badge_class = make_badge_class(
        issuer=issuer, acting_user=owner, name=f"Badge earned at {label}"
    )
    award = award_badge(
        badge_class=badge_class,
        recipient_identity=LEARNER,
        recipient_name="Lena Ozola",
        acting_user=owner,
        notify=False,
    )
    accept_award(user=learner, award=award)
    award.refresh_from_db()
    return {"title": badge_class.name, "credential": award.ob3_credential}


def remote_credentials() -> dict:
    from hostlinks import client
    from hostlinks.actions import usable_token
    from hostlinks.models import HostLink

    link = HostLink.objects.select_related("host").get()
    url = f"{link.host.api_base}/credentials"
    page = client.get_credentials(url, usable_token(link))
    return {"credential": page.credentials, "compactJwsString": page.jws}


def main(command: str, *args: str) -> None:
    import django

    django.setup()
    if command == "seed":
        result = seed(*args)
    elif command == "remote-credentials":
        result = remote_credentials()
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
