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
