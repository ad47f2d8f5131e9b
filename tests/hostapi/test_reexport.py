"""Re-export without loss (the Host's import items): a baked PNG or SVG brought into the backpack
comes back out through getCredentials as the very credential baked into it."""

from __future__ import annotations

import json

import pytest

from credentials import jsontext
from tests.authserver.clients import issue_token
from verifier import inputs
from wallet import actions
from wallet.models import StoredCredential

from .helpers import API, elsewhere

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_a_baked_image_comes_back_as_the_credential_baked_into_it(cast, client, kind):
    award = elsewhere(cast, f"https://carol.example.org/{kind}")
    image = client.get(f"/public/credentials/{award.uuid}/image.{kind}").content
    baked, _form = inputs.unbake_image(image)
    held = actions.import_credential(user=cast.carol, data=image)
    token = issue_token(cast.carol)
    response = client.get(f"{API}/credentials", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    listed = response.json()["credential"]
    assert listed == [jsontext.loads(baked)]  # every member, the proof included
    assert inputs.verify_pasted(json.dumps(listed[0])).valid
    stored = StoredCredential.objects.get(pk=held.pk)
    assert bytes(stored.received) == image  # the file itself is kept as it came
