"""Claim links from award e-mails: sign up, land on the badge, add the address, or be refused."""

from __future__ import annotations

from accounts.models import EmailAddress, User
from audit.models import AuditEvent
from tests.factories import EmailAddressFactory, UserFactory
from tests.notifications.helpers import LEARNER, give
from wallet.models import StoredCredential
from wallet.tokens import claim_token

SIGN_UP = {
    "full_name": "Dana Learner",
    "password1": "a-long-password-2026",
    "password2": "a-long-password-2026",
}


def _link(award) -> str:
    return f"/wallet/claim/{claim_token(award)}"


def test_the_token_names_the_award_but_not_the_address(cast):
    import base64
    import zlib

    award = give(cast)
    token = claim_token(award)
    payload = token.split(":")[0].lstrip(".")
    raw = zlib.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert str(award.uuid).encode() in raw
    assert LEARNER.encode() not in raw


def test_an_anonymous_visitor_signs_up_from_the_link_with_the_address_verified(
    cast, client
):
    award = give(cast)
    page = client.get(_link(award))
    assert page.status_code == 200
    html = page.content.decode()
    assert "MIG/MAG welding, fillet welds" in html and LEARNER in html
    assert "/accounts/login/?next=/wallet/claim/" in html
    response = client.post(_link(award), SIGN_UP)
    assert response.status_code == 302
    assert response["Location"] == f"/wallet/awards/{award.uuid}/"
    user = User.objects.get(email=LEARNER)
    assert EmailAddress.objects.get(user=user).is_verified is True
    backpack = client.get("/wallet/").content.decode()
    assert "MIG/MAG welding, fillet welds" in backpack
    assert AuditEvent.objects.filter(action="account.created", actor=user).exists()


def test_signing_up_for_an_address_with_an_account_says_to_sign_in(cast, client):
    award = give(cast, recipient="carol@example.org")
    response = client.post(_link(award), SIGN_UP)
    assert response.status_code == 200
    assert "sign in instead" in response.content.decode()
    assert User.objects.filter(email="carol@example.org").count() == 1


def test_the_holder_of_the_address_lands_on_the_award(cast, client):
    award = give(cast, recipient="Carol@Example.org")
    client.force_login(cast.carol)
    response = client.get(_link(award))
    assert response.status_code == 302
    assert response["Location"] == f"/wallet/awards/{award.uuid}/"
    assert not StoredCredential.objects.exists()  # opening the link accepts nothing


def test_a_signed_in_user_adds_the_address_from_the_link(cast, client):
    award = give(cast)
    client.force_login(cast.carol)
    page = client.get(_link(award))
    assert page.status_code == 200
    assert "Add the address" in page.content.decode()
    response = client.post(_link(award))
    assert response.status_code == 302
    assert response["Location"] == f"/wallet/awards/{award.uuid}/"
    address = EmailAddress.objects.get(email=LEARNER)
    assert address.user == cast.carol and address.is_verified is True
    event = AuditEvent.objects.get(action="email_address.verified")
    assert event.actor == cast.carol and event.data["recipient"] == award.recipient_hash
    assert LEARNER not in str(event.data)


def test_an_unverified_address_of_the_user_becomes_verified(cast, client):
    EmailAddressFactory(user=cast.carol, email=LEARNER, verified_at=None)
    award = give(cast)
    client.force_login(cast.carol)
    client.post(_link(award))
    assert EmailAddress.objects.get(email=LEARNER).is_verified is True


def test_the_wrong_user_cannot_take_an_address_of_another_account(cast, client):
    dana = UserFactory(email=LEARNER)
    award = give(cast)
    client.force_login(cast.mallory)
    response = client.post(_link(award))
    assert response.status_code == 200
    assert "belongs to another account" in response.content.decode()
    assert EmailAddress.objects.get(email=LEARNER).user == dana
    assert client.get(f"/wallet/awards/{award.uuid}/").status_code == 404
    assert not AuditEvent.objects.filter(action="email_address.verified").exists()


def test_a_forged_or_tampered_link_is_refused_and_changes_nothing(cast, client):
    award = give(cast)
    token = claim_token(award)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    from django.core import signing

    forged = signing.dumps(
        {"award": str(award.uuid), "recipient": award.recipient_hash},
        salt="another.salt",
    )
    wrong_recipient = signing.dumps(
        {"award": str(award.uuid), "recipient": "sha256$0000"},
        salt="insignia.wallet.claim",
    )
    users_before = User.objects.count()
    for bad in (tampered, forged, wrong_recipient, "not-a-token"):
        for method in (client.get, client.post):
            response = method(f"/wallet/claim/{bad}", SIGN_UP)
            assert response.status_code == 400
            assert "This link is not valid" in response.content.decode()
    client.force_login(cast.mallory)
    assert client.post(f"/wallet/claim/{tampered}").status_code == 400
    assert User.objects.count() == users_before
    assert not EmailAddress.objects.filter(email=LEARNER).exists()


def test_a_claim_link_takes_over_an_address_another_account_only_added(cast, client):
    """The same ownership rule as the e-mail addresses page: an unproven claim does not block the owner."""
    EmailAddressFactory(user=cast.mallory, email=LEARNER, verified_at=None)
    award = give(cast)
    client.force_login(cast.carol)
    client.post(_link(award))
    address = EmailAddress.objects.get(email=LEARNER)
    assert address.user == cast.carol and address.is_verified is True
    assert AuditEvent.objects.filter(action="email_address.released").exists()
