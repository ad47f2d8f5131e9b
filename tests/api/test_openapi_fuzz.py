"""Schemathesis over our OpenAPI schema: no 5xx, and every answer as the schema says.

The schema is read from ``/api/schema/`` of the WSGI application in this
process, and every operation is called with generated requests (the schema's
examples, then a few fuzzed ones, valid and invalid; derandomised, so every
run sends the same requests) three times over:

* anonymously;
* as a learner (carol) with an API token: nothing of hers is behind these routes;
* as the institution's owner (alice) with an API token, with the path's ids
  replaced by real objects of hers (a badge class, an award, a bulk upload, a
  badge request, an issuer), so that valid bodies reach the actions themselves.

The checks are that no answer is a 5xx, that its status code and content type
are documented, and that its body matches the documented schema. Each
operation is its own test, in its own rolled-back transaction.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.actions.accounts import create_api_token
from badges.actions import award_badge, request_badge, update_badge_class
from bulk.actions import create_upload
from tests.bulk.helpers import recipients_csv
from tests.verifier.test_never_a_500 import DEEP

EXAMPLES = 12  # fuzzed requests per operation and caller, besides the schema's examples
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi(
    "/api/schema/",
    get_wsgi_application(),
    config=schemathesis.config.SchemathesisConfig.from_dict(
        {"phases": {"coverage": {"enabled": False}}}
    ),
)


@pytest.fixture(autouse=True)
def _one_connection_for_the_test():
    """Keep the test's database connection open across requests, as Django's test client does.

    Django's WSGI handler closes old connections when a request starts and
    ends; on PostgreSQL that would close the connection holding this test's
    transaction.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_schema_has_every_operation():
    assert len(list(schema.get_all_operations())) == 27


@pytest.fixture(params=["anonymous", "learner", "owner"])
def caller(request, cast):
    """The caller's headers, and the path ids to use instead of generated ones."""
    if request.param == "anonymous":
        return {}, {}
    if request.param == "learner":
        _, secret = create_api_token(user=cast.carol, name="fuzz")
        return {"Authorization": f"Token {secret}"}, {}
    _, secret = create_api_token(user=cast.alice, name="fuzz")
    return {"Authorization": f"Token {secret}"}, _alices_objects(cast)


def _alices_objects(cast) -> dict[str, str]:
    update_badge_class(
        badge_class=cast.badge_class, allows_requests=True, acting_user=cast.alice
    )
    cast.badge_class.refresh_from_db()
    award = award_badge(
        badge_class=cast.badge_class,
        recipient_identity="vera@example.org",
        acting_user=cast.alice,
        notify=False,
    )
    upload = create_upload(
        badge_class=cast.badge_class, acting_user=cast.alice, data=recipients_csv(3)
    )
    badge_request = request_badge(
        badge_class=cast.badge_class, user=cast.carol, email="carol@example.org"
    )
    return {
        "award_id": str(award.uuid),
        "badge_class_id": str(cast.badge_class.uuid),
        "issuer_id": str(cast.welding.uuid),
        "upload_id": str(upload.uuid),
        "request_id": str(badge_request.uuid),
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented_and_never_with_a_5xx(case, caller):
    headers, ids = caller
    if ids and case.path_parameters:
        case.path_parameters = {
            name: ids.get(name, value) for name, value in case.path_parameters.items()
        }
    case.call_and_validate(headers=headers, checks=CHECKS)


JSON_OPERATIONS = [
    (method.upper(), path)
    for path, operations in schema.raw_schema["paths"].items()
    for method, operation in operations.items()
    if "application/json" in operation.get("requestBody", {}).get("content", {})
]


@pytest.mark.parametrize(("method", "path"), JSON_OPERATIONS)
def test_json_nested_50000_deep_is_a_400_at_every_json_operation(cast, method, path):
    from rest_framework.test import APIClient

    ids = _alices_objects(cast)
    client = APIClient()
    client.force_authenticate(cast.alice)
    response = client.generic(
        method, path.format(**ids), DEEP, content_type="application/json"
    )
    assert response.status_code == 400, response.content[:300]
    assert "nested more than 100 levels" in response.json()["detail"]
