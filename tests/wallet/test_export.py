"""The backpack export: every OB 3.0 credential the learner holds, in the OB 3.0 API's response shape."""

from __future__ import annotations

import json

from badges.actions import award_badge
from badges.choices import RecipientType
from badges.facts import assertion_url
from tests.notifications.helpers import give
from verifier import inputs
from wallet import actions


def elsewhere(cast, web: str):
    return award_badge(
        badge_class=cast.badge_class,
        recipient_type=RecipientType.URL,
        recipient_identity=web,
        acting_user=cast.aaron,
        notify=False,
    )


def test_the_export_holds_what_the_learner_holds_and_it_verifies(
    cast, client, settings
):
    settings.IMPORT_RATE_LIMIT = 1000
    accepted = actions.accept_award(
        user=cast.carol, award=give(cast, recipient="carol@example.org")
    )
    give(cast, recipient="carol@example.org")  # pending: not held, not exported
    baked = elsewhere(cast, "https://carol.example.org/a")
    jwt = elsewhere(cast, "https://carol.example.org/b")
    ob2 = elsewhere(cast, "https://carol.example.org/c")
    png = client.get(f"/public/credentials/{baked.uuid}/image.png").content
    actions.import_credential(user=cast.carol, data=png)
    token = client.get(f"/public/credentials/{jwt.uuid}.jwt").content.decode()
    actions.import_credential(user=cast.carol, text=token)
    actions.import_credential(user=cast.carol, url=assertion_url(ob2))
    # Someone else's backpack is not in it.
    actions.accept_award(
        user=cast.mallory, award=give(cast, recipient="mallory@example.org")
    )

    client.force_login(cast.carol)
    response = client.get("/wallet/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="backpack.json"'
    body = response.json()
    assert set(body) == {"credential", "compactJwsString"}
    ids = [c["id"] for c in body["credential"]]
    assert ids == [accepted.award.ob3_credential["id"], baked.ob3_credential["id"]]
    assert body["compactJwsString"] == [token.strip()]
    for credential in body["credential"]:
        assert inputs.verify_pasted(json.dumps(credential)).valid
    assert inputs.verify_pasted(body["compactJwsString"][0]).valid


def test_the_export_is_for_the_signed_in_learner_only(client):
    response = client.get("/wallet/export.json")
    assert response.status_code == 302 and "/accounts/login" in response["Location"]
