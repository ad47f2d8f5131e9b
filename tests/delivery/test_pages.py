"""The learner's "Add to a wallet" page, the backpack's delivery list, and what staff see of deliveries."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils.formats import date_format
from django.utils.timezone import localtime, now

from badges.actions import revoke_award
from delivery import actions, codes
from delivery.models import Format, Offer, Protocol
from delivery.staff import short_did
from tests.delivery.qr import read_qr
from tests.notifications.helpers import give, html_of, send_queued, text_of
from wallet import actions as wallet_actions

HOLDER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"


def page_url(award) -> str:
    return f"/wallet/to-wallet/{award.uuid}/"


def html(response) -> str:
    return response.content.decode()


def offer_link(response) -> str:
    """The link the "Open in a wallet on this device" button opens."""
    match = re.search(
        r'<a class="button" href="([^"]+)" id="open-in-wallet">', html(response)
    )
    assert match is not None, html(response)
    return unescape(match.group(1))


def delivered(
    award, user, *, protocol=Protocol.OID4VCI, fmt=Format.LDP_VC, holder=HOLDER
):
    offer, _reference, _pin = actions.make_offer(
        award=award, user=user, protocol=protocol
    )
    return actions.deliver(offer=offer, holder_id=holder, fmt=fmt)


@pytest.fixture
def carol(cast, client):
    client.force_login(cast.carol)
    return client


# --- The backpack entry --------------------------------------------------------------


def test_the_entry_of_a_held_award_has_an_add_to_a_wallet_button(
    cast, held_award, carol
):
    body = html(carol.get(f"/wallet/awards/{held_award.uuid}/"))
    assert f'href="{page_url(held_award)}" id="add-to-wallet"' in body
    assert "Add to a wallet" in body


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_a_revoked_or_expired_award_has_no_button(cast, carol, state):
    if state == "revoked":
        award = give(cast, recipient="carol@example.org")
        revoke_award(award=award, reason="Mistake", acting_user=cast.alice)
    else:
        award = give(
            cast,
            recipient="carol@example.org",
            issued_on=now() - timedelta(days=30),
            expires_at=now() - timedelta(days=1),
        )
    body = html(carol.get(f"/wallet/awards/{award.uuid}/"))
    assert 'id="add-to-wallet"' not in body
    assert "Only a valid badge can be added to a wallet app." in body
    assert carol.get(page_url(award)).status_code == 404
    assert carol.post(page_url(award), {"protocol": "oid4vci"}).status_code == 404
    assert not Offer.objects.exists()


def test_the_entry_lists_each_delivery_with_its_date_and_kind(cast, held_award, carol):
    delivered(held_award, cast.carol)
    delivered(held_award, cast.carol, protocol=Protocol.VC_API)
    body = html(carol.get(f"/wallet/awards/{held_award.uuid}/"))
    today = date_format(localtime(now()), "DATE_FORMAT")
    assert f"Delivered to a wallet on {today} (OpenID wallet)" in body
    assert f"Delivered to a wallet on {today} (Learner Credential Wallet)" in body


def test_a_revoked_award_still_lists_its_deliveries(cast, held_award, carol):
    delivered(held_award, cast.carol)
    revoke_award(award=held_award, reason="Mistake", acting_user=cast.alice)
    body = html(carol.get(f"/wallet/awards/{held_award.uuid}/"))
    assert "(OpenID wallet)" in body
    assert 'id="add-to-wallet"' not in body


# --- Choosing a wallet and the offer -------------------------------------------------


def test_the_page_explains_the_two_kinds_of_wallet(cast, held_award, carol):
    response = carol.get(page_url(held_award))
    assert response.status_code == 200
    body = html(response)
    assert "A wallet app that reads OpenID offers" in body
    assert "EU Digital Identity wallets, walt.id, eduwallet" in body
    assert "Learner Credential Wallet (DCC)" in body
    assert body.count('name="csrfmiddlewaretoken"') >= 3  # language switch, two choices
    assert 'value="oid4vci"' in body and 'value="vc-api"' in body
    assert not Offer.objects.exists()  # looking makes no offer


def test_choosing_an_openid_wallet_shows_the_qr_code_the_link_the_pin_and_the_expiry(
    cast, held_award, carol, settings
):
    settings.WALLET_OFFER_SECONDS = 600
    response = carol.post(page_url(held_award), {"protocol": "oid4vci"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = html(response)
    link = offer_link(response)
    scheme, rest = link.split("://?", 1)
    assert scheme == "openid-credential-offer"
    (uri,) = parse_qs(rest)["credential_offer_uri"]
    assert uri.startswith("https://") or uri.startswith("http://")
    reference = urlsplit(uri).path.rsplit("/", 1)[1]
    offer = Offer.objects.get(reference_digest=codes.digest(reference))
    assert offer.award == held_award and offer.user == cast.carol
    pin = re.search(r'<p class="pin"[^>]*>(\d{6})</p>', body).group(1)
    code = codes.pre_authorized_code(reference)
    assert offer.tx_code_digest == codes.tx_code_digest(code, pin)
    assert "Your wallet will ask for this." in body
    assert f'value="{link}"'.replace("&", "&amp;") in body  # the copyable text
    assert re.search(
        r'<div role="img" aria-label="QR code: [^"]+"[^>]*><svg viewBox=', body
    )
    assert "This offer works once, until" in body and "(10 minutes from now)" in body
    assert pin not in str(Offer.objects.values().get(pk=offer.pk))


def test_choosing_the_learner_credential_wallet_shows_its_deep_link_and_no_pin(
    cast, held_award, carol
):
    response = carol.post(page_url(held_award), {"protocol": "vc-api"})
    assert response.status_code == 200
    link = offer_link(response)
    assert link.startswith("dccrequest://request?")
    query = parse_qs(urlsplit(link).query)
    offer = Offer.objects.get()
    assert offer.protocol == Protocol.VC_API
    assert query["challenge"] == [offer.challenge]
    assert query["vc_request_url"][0].startswith("http")
    assert 'class="pin"' not in html(response)


def test_each_post_makes_a_new_offer(cast, held_award, carol):
    first = offer_link(carol.post(page_url(held_award), {"protocol": "oid4vci"}))
    second = offer_link(carol.post(page_url(held_award), {"protocol": "oid4vci"}))
    assert first != second
    assert Offer.objects.count() == 2


def test_an_unknown_kind_of_wallet_is_refused_with_the_choices_again(
    cast, held_award, carol
):
    response = carol.post(page_url(held_award), {"protocol": "carrier-pigeon"})
    assert response.status_code == 400
    assert "Choose the kind of wallet you use." in html(response)
    assert "A wallet app that reads OpenID offers" in html(response)
    assert not Offer.objects.exists()


def test_a_post_without_the_csrf_token_makes_no_offer(cast, held_award):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.carol)
    assert client.post(page_url(held_award), {"protocol": "oid4vci"}).status_code == 403
    assert not Offer.objects.exists()


def test_a_visitor_is_sent_to_sign_in(held_award, client):
    response = client.get(page_url(held_award))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert client.post(page_url(held_award), {"protocol": "oid4vci"}).status_code == 302
    assert not Offer.objects.exists()


@pytest.mark.parametrize("who", ["mallory", "alice", "aaron"])
def test_nobody_but_the_holder_sees_the_page_or_makes_an_offer(
    cast, held_award, client, who
):
    client.force_login(getattr(cast, who))
    assert client.get(page_url(held_award)).status_code == 404
    assert client.post(page_url(held_award), {"protocol": "oid4vci"}).status_code == 404
    assert client.get("/wallet/to-wallet/not-a-uuid/").status_code == 404
    assert not Offer.objects.exists()


def test_an_imported_credential_has_no_wallet_page(cast, carol):
    """A badge brought in from a link is not ours to sign again for a wallet."""
    from badges.actions import award_badge
    from badges.choices import RecipientType
    from badges.facts import assertion_url
    from wallet.actions import import_credential

    ours = award_badge(
        badge_class=cast.badge_class,
        recipient_type=RecipientType.URL,
        recipient_identity="https://carol.example.org/",
        acting_user=cast.aaron,
        notify=False,
    )
    held = import_credential(user=cast.carol, url=assertion_url(ours))
    assert held.award_id is None
    page = html(carol.get(f"/wallet/imported/{held.uuid}/"))
    assert "Add to a wallet" not in page
    assert carol.get(f"/wallet/to-wallet/{held.uuid}/").status_code == 404
    assert carol.get(page_url(ours)).status_code == 404


# --- The claim page and the e-mail ---------------------------------------------------


def test_the_award_e_mail_links_to_the_wallet_page(cast, held_award):
    award = give(cast, recipient="dana@example.org")
    send_queued()
    (message,) = [m for m in mail.outbox if "dana@example.org" in m.to]
    assert f"/wallet/to-wallet/{award.uuid}/" in text_of(message)
    assert 'href="http' in html_of(message)
    assert re.search(
        rf'href="https?://[^"]+/wallet/to-wallet/{award.uuid}/"', html_of(message)
    )


def test_the_claim_page_says_the_badge_can_go_to_a_wallet(cast, client):
    from wallet.tokens import claim_token

    award = give(cast, recipient="newcomer@example.org")
    body = html(client.get(f"/wallet/claim/{claim_token(award)}"))
    assert "add it to a wallet app on your phone" in body


# --- Staff: the delivery log and the counts ------------------------------------------


def log_url(award) -> str:
    return f"/staff/awards/{award.uuid}/wallet-deliveries/"


def test_the_award_log_shows_date_kind_format_and_the_wallets_did_shortened(
    cast, held_award, client
):
    delivered(held_award, cast.carol, fmt=Format.JWT_VC_JSON)
    client.force_login(cast.aaron)
    body = html(client.get(log_url(held_award)))
    assert "OpenID wallet" in body
    assert "VC-JWT (jwt_vc_json)" in body
    assert f'<code title="{HOLDER}">{short_did(HOLDER)}</code>' in body
    assert short_did(HOLDER) == "did:key:z6MkhaXgBZDv…ta2doK"
    assert now().strftime("%Y") in body
    awards_page = html(
        client.get(f"/staff/badge-classes/{cast.badge_class.uuid}/awards/")
    )
    assert log_url(held_award) in awards_page


def test_an_award_never_delivered_says_so(cast, held_award, client):
    client.force_login(cast.aaron)
    assert "This award has not been delivered to a wallet." in html(
        client.get(log_url(held_award))
    )


@pytest.mark.parametrize("who", ["alice", "adam", "erin", "aaron", "ivy"])
def test_every_staff_role_of_the_issuer_sees_the_log(cast, held_award, client, who):
    delivered(held_award, cast.carol)
    client.force_login(getattr(cast, who))
    response = client.get(log_url(held_award))
    assert response.status_code == 200
    assert short_did(HOLDER) in html(response)


@pytest.mark.parametrize("who", ["mallory", "carol"])
def test_outsiders_and_the_learner_do_not_see_the_log(cast, held_award, client, who):
    delivered(held_award, cast.carol)
    client.force_login(getattr(cast, who))
    assert client.get(log_url(held_award)).status_code == 404
    assert client.get("/staff/awards/not-a-uuid/wallet-deliveries/").status_code == 404


def test_a_visitor_is_sent_to_sign_in_from_the_log(held_award, client):
    response = client.get(log_url(held_award))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_badge_class_page_counts_learners_per_kind_of_wallet(
    cast, held_award, client
):
    detail = f"/staff/badge-classes/{cast.badge_class.uuid}/"
    client.force_login(cast.aaron)
    assert "No learner has taken this badge to a wallet app yet." in html(
        client.get(detail)
    )
    delivered(held_award, cast.carol)
    delivered(held_award, cast.carol)  # the same learner again: counted once
    other = give(cast, recipient="carol.two@example.org")
    from tests.factories import EmailAddressFactory

    EmailAddressFactory(user=cast.carol, email="carol.two@example.org")
    wallet_actions.accept_award(user=cast.carol, award=other)
    delivered(other, cast.carol, protocol=Protocol.VC_API)
    delivered(other, cast.carol)
    body = html(client.get(detail))
    assert "2 learners took this badge to a wallet app." in body
    assert "<li>OpenID wallet: 2</li>" in body
    assert "<li>Learner Credential Wallet: 1</li>" in body
    client.force_login(cast.mallory)
    assert client.get(detail).status_code == 404


# --- In Chromium, on a phone ---------------------------------------------------------


@pytest.fixture
def phone(browser, live_server):
    """A 360 px wide page that ignores the CSP only for axe-core (injected inline)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        bypass_csp=True,
        viewport={"width": 360, "height": 740},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.browser
def test_on_a_phone_each_page_fits_the_screen_reads_well_and_its_qr_code_is_the_link(
    cast, held_award, phone
):
    from tests.browser.test_accessibility import audit, sign_in
    from tests.browser.test_visitor_sees_who_issued import fits_the_screen

    delivered(
        held_award,
        cast.carol,
        holder="did:jwk:" + "eyJrdHkiOiJPS1AiLCJjcnYiOiJFZDI1NTE5IiwieCI6I" * 3,
    )
    sign_in(phone, "carol@example.org")
    phone.goto(f"/wallet/awards/{held_award.uuid}/")
    assert fits_the_screen(phone)
    phone.locator("#add-to-wallet").click()
    assert fits_the_screen(phone)
    assert audit(phone) == []
    for button, scheme in (
        ("Make an offer for an OpenID wallet", "openid-credential-offer://"),
        ("Make a request for the Learner Credential Wallet", "dccrequest://"),
    ):
        phone.goto(page_url(held_award))
        phone.get_by_role("button", name=button).click()
        link = phone.locator("#open-in-wallet").get_attribute("href")
        assert link.startswith(scheme)
        assert read_qr(phone) == link == phone.locator("#offer-link").input_value()
        assert fits_the_screen(phone), button
        assert phone.locator("figure.qr svg").bounding_box()["width"] >= 200
        assert audit(phone) == [], button
    assert phone.locator("#pin").count() == 0  # the Learner Credential Wallet has none
    phone.goto(f"/wallet/awards/{held_award.uuid}/")
    assert phone.get_by_text("Delivered to a wallet on").is_visible()
    sign_in(phone, "aaron@example.org")
    phone.goto(log_url(held_award))
    assert fits_the_screen(phone)
    assert audit(phone) == []
