"""The verify page names its checks in plain words, in English and in Latvian."""

from __future__ import annotations

import pytest

from badges.actions import award_badge
from credentials.report import CHECK_NAMES
from verifier.templatetags.verifier import CHECK_LABELS

ENGLISH = ["Readable credential", "Required contents", "Issuer's signing key",
           "Signature", "Dates of validity", "Revocation status"]  # fmt: skip
LATVIAN = ["Nolasāms apliecinājums", "Obligātais saturs", "Izdevēja parakstīšanas atslēga",
           "Paraksts", "Derīguma datumi", "Atsaukšanas statuss"]  # fmt: skip


def test_every_check_has_a_label():
    assert set(CHECK_LABELS) == set(CHECK_NAMES)


@pytest.mark.parametrize("language, labels", [("en", ENGLISH), ("lv", LATVIAN)])
def test_the_report_uses_the_labels(cast, client, language, labels):
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="words@example.org",
        acting_user=cast.aaron,
    )
    page = client.post(
        "/verify", {"text": award.ob3_jwt}, HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    for label in labels:
        assert f'<th scope="row">{label}</th>' in page.replace("&#x27;", "'"), label
    assert '<th scope="row">issuer_key</th>' not in page


def _details(page: str) -> list[str]:
    """The third cell of every row of the check table."""
    import re

    table = page.split('<table class="checks">', 1)[1].split("</table>", 1)[0]
    return [
        re.sub(r"<[^>]+>", "", cells[2]).strip()
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)[1:]
        if len(cells := re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)) == 3
    ]


@pytest.mark.parametrize("form", ["ob3_jwt", "ob3_json", "tampered"])
def test_every_check_detail_of_the_latvian_report_is_latvian(cast, client, form):
    import json

    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="words@example.org",
        acting_user=cast.aaron,
    )
    text = award.ob3_jwt
    if form != "ob3_jwt":
        credential = dict(award.ob3_credential)
        if form == "tampered":
            credential["name"] = "Something else"
        text = json.dumps(credential)
    english = _details(client.post("/verify", {"text": text}).content.decode())
    latvian = _details(
        client.post(
            "/verify", {"text": text}, HTTP_ACCEPT_LANGUAGE="lv"
        ).content.decode()
    )
    assert len(latvian) == len(english) == len(CHECK_NAMES)
    for en, lv in zip(english, latvian, strict=True):
        assert en == "" or lv != en, en
