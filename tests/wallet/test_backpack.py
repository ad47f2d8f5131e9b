"""The backpack lists awards to the learner's verified addresses; the learner accepts or declines them."""

from __future__ import annotations

from datetime import timedelta

from django.utils.timezone import now

from audit.models import AuditEvent
from badges.actions import revoke_award
from tests.factories import EmailAddressFactory, make_badge_class
from tests.notifications.helpers import give
from wallet.models import HoldingStatus, StoredCredential


def test_the_backpack_lists_awards_to_verified_addresses_only(cast, client):
    shown = give(cast, recipient="carol@example.org")
    EmailAddressFactory(
        user=cast.carol, email="carol.old@example.org", verified_at=None
    )
    hidden = give(
        cast,
        recipient="carol.old@example.org",
        badge_class=make_badge_class(
            issuer=cast.welding, acting_user=cast.alice, name="Hygiene passport"
        ),
    )
    client.force_login(cast.carol)
    page = client.get("/wallet/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/wallet/awards/{shown.uuid}/" in html
    assert f"/wallet/awards/{hidden.uuid}/" not in html
    assert client.get(f"/wallet/awards/{hidden.uuid}/").status_code == 404
    # Verifying the address later brings its awards in: the backpack is a query.
    from accounts.models import EmailAddress

    EmailAddress.objects.filter(email="carol.old@example.org").update(verified_at=now())
    html = client.get("/wallet/").content.decode()
    assert f"/wallet/awards/{hidden.uuid}/" in html


def test_the_backpack_marks_expired_and_revoked_awards(cast, client):
    expired = give(
        cast,
        recipient="carol@example.org",
        issued_on=now() - timedelta(days=400),
        expires_at=now() - timedelta(days=1),
    )
    revoked = give(cast, recipient="carol@example.org")
    revoke_award(award=revoked, reason="Mistake", acting_user=cast.aaron)
    client.force_login(cast.carol)
    html = client.get("/wallet/").content.decode()
    assert '<span class="pill archived">expired</span>' in html
    assert '<span class="pill archived">revoked</span>' in html
    entry = client.get(f"/wallet/awards/{expired.uuid}/").content.decode()
    assert '<span class="pill archived">expired</span>' in entry


def test_the_learner_accepts_an_award(cast, client):
    award = give(cast, recipient="carol@example.org")
    client.force_login(cast.carol)
    assert "pending" in client.get(f"/wallet/awards/{award.uuid}/").content.decode()
    response = client.post(f"/wallet/awards/{award.uuid}/accept/")
    assert response.status_code == 302
    held = StoredCredential.objects.get(user=cast.carol, award=award)
    assert held.status == HoldingStatus.ACCEPTED
    assert AuditEvent.objects.filter(
        action="stored_credential.accepted", actor=cast.carol
    ).exists()
    assert "accepted" in client.get("/wallet/").content.decode()


def test_declining_hides_the_award_without_revoking_it_and_can_be_undone(cast, client):
    award = give(cast, recipient="carol@example.org")
    client.force_login(cast.carol)
    response = client.post(f"/wallet/awards/{award.uuid}/decline/")
    assert response.status_code == 302 and response["Location"] == "/wallet/"
    html = client.get("/wallet/").content.decode()
    assert f"/wallet/awards/{award.uuid}/" not in html
    assert "Show 1 declined badge" in html
    assert (
        f"/wallet/awards/{award.uuid}/"
        in client.get("/wallet/?declined=1").content.decode()
    )
    award.refresh_from_db()
    assert award.is_revoked is False
    assert AuditEvent.objects.filter(action="stored_credential.declined").exists()
    client.post(f"/wallet/awards/{award.uuid}/accept/")
    assert StoredCredential.objects.get(award=award).status == HoldingStatus.ACCEPTED
    assert f"/wallet/awards/{award.uuid}/" in client.get("/wallet/").content.decode()


def test_nobody_else_sees_or_answers_a_learner_s_award(cast, client):
    award = give(cast, recipient="carol@example.org")
    for person in (cast.mallory, cast.aaron):
        client.force_login(person)
        assert client.get(f"/wallet/awards/{award.uuid}/").status_code == 404
        assert client.post(f"/wallet/awards/{award.uuid}/accept/").status_code == 404
        assert client.post(f"/wallet/awards/{award.uuid}/decline/").status_code == 404
        assert (
            f"/wallet/awards/{award.uuid}/"
            not in client.get("/wallet/").content.decode()
        )
    assert not StoredCredential.objects.exists()


def test_the_backpack_needs_a_sign_in(client):
    response = client.get("/wallet/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signed_in_users_see_a_backpack_link(cast, client):
    client.force_login(cast.carol)
    assert 'href="/wallet/"' in client.get("/wallet/").content.decode()
