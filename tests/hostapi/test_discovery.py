"""getServiceDescription: a valid OpenAPI 3.0 document, as OB 3.0 §7.1.1 profiles it; and the API's routing."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from authserver import scopes
from tests.authserver.clients import issue_token
from tests.hostapi.helpers import API, assert_imsx, bearer


def discover(client, **headers):
    return client.get(f"{API}/discovery", **headers)


def test_the_document_is_openapi_3_and_needs_no_token(client, db, settings):
    settings.PUBLIC_BASE_URL = "https://badges.example.edu"
    response = discover(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    validate(document)  # openapi-spec-validator: OpenAPI 3.0 (raises if not)
    assert document["openapi"].startswith("3.0")
    info = document["info"]
    assert info["title"] == "Insignia"
    assert info["version"]
    assert info["termsOfService"] == "https://badges.example.edu/about/terms"
    assert (
        info["x-imssf-privacyPolicyUrl"] == "https://badges.example.edu/about/privacy"
    )
    assert info["x-imssf-image"] == "https://badges.example.edu/static/img/favicon.svg"
    assert document["servers"] == [
        {"url": "https://badges.example.edu/ims/ob/v3p0", "description": "The OB 3.0 API of this host."}
    ]  # fmt: skip
    scheme = document["components"]["securitySchemes"]["OAuth2ACG"]
    assert scheme["type"] == "oauth2" and scheme["description"]
    assert scheme["x-imssf-name"] == "Insignia"
    assert (
        scheme["x-imssf-registrationUrl"] == "https://badges.example.edu/oauth/register"
    )
    assert scheme["x-imssf-privacyPolicyUrl"] == info["x-imssf-privacyPolicyUrl"]
    assert scheme["x-imssf-termsOfServiceUrl"] == info["termsOfService"]
    assert scheme["x-imssf-image"] == info["x-imssf-image"]
    flow = scheme["flows"]["authorizationCode"]
    assert flow == {
        "authorizationUrl": "https://badges.example.edu/oauth/authorize",
        "tokenUrl": "https://badges.example.edu/oauth/token",
        "refreshUrl": "https://badges.example.edu/oauth/token",
        "scopes": scopes.SPEC_DESCRIPTIONS,
    }


def test_every_operation_is_described_with_its_scope_and_parameters(client, db):
    paths = discover(client).json()["paths"]
    assert set(paths) == {"/credentials", "/profile", "/discovery"}
    wanted = {
        ("/credentials", "get"): ("getCredentials", scopes.CREDENTIAL_READONLY),
        ("/credentials", "post"): ("upsertCredential", scopes.CREDENTIAL_UPSERT),
        ("/profile", "get"): ("getProfile", scopes.PROFILE_READONLY),
        ("/profile", "put"): ("putProfile", scopes.PROFILE_UPDATE),
    }
    for (path, method), (operation_id, scope) in wanted.items():
        operation = paths[path][method]
        assert operation["operationId"] == operation_id
        assert operation["security"] == [{"OAuth2ACG": [scope]}]
        for code in ("400", "401", "403", "default"):
            assert operation["responses"][code]["content"]["application/json"][
                "schema"
            ] == {"$ref": "#/components/schemas/Imsx_StatusInfo"}
    assert paths["/discovery"]["get"]["security"] == []
    parameters = {p["name"]: p for p in paths["/credentials"]["get"]["parameters"]}
    assert set(parameters) == {"limit", "offset", "since"}
    assert all(p["in"] == "query" for p in parameters.values())
    headers = paths["/credentials"]["get"]["responses"]["200"]["headers"]
    assert set(headers) == {"X-Total-Count", "Link"}
    assert set(paths["/credentials"]["post"]["responses"]) >= {"200", "201", "413"}


def test_the_operators_terms_and_policy_are_named_when_set(client, db, settings):
    settings.TERMS_OF_SERVICE_URL = "https://example.edu/legal/terms"
    settings.PRIVACY_POLICY_URL = "https://example.edu/legal/privacy"
    document = discover(client).json()
    assert document["info"]["termsOfService"] == "https://example.edu/legal/terms"
    scheme = document["components"]["securitySchemes"]["OAuth2ACG"]
    assert scheme["x-imssf-privacyPolicyUrl"] == "https://example.edu/legal/privacy"


def test_the_built_in_terms_and_privacy_pages_are_there(client, db):
    for path, words in (
        ("/about/terms", b"Terms of service"),
        ("/about/privacy", b"Privacy policy"),
    ):
        response = client.get(path)
        assert response.status_code == 200 and words in response.content


def test_the_document_is_cacheable_and_answers_304_to_its_etag(client, db):
    first = discover(client)
    assert first["Cache-Control"] == "public, max-age=3600"
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = discover(client, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert discover(client, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert discover(client, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_broken_document_would_be_caught_by_the_validator():
    with pytest.raises(OpenAPIValidationError):
        validate({"openapi": "3.0.1", "info": {"title": "x"}, "paths": {}})


@pytest.mark.parametrize(
    "path",
    ["/nothing", "/credentials/", "/credentials/1", "/profile/x", "/", "/discovery.json", "/CREDENTIALS"],
)  # fmt: skip
def test_unknown_paths_under_the_prefix_are_imsx_404(client, db, path):
    assert_imsx(client.get(f"{API}{path}"), 404, "not_found")


@pytest.mark.parametrize(
    ("path", "method", "allowed"),
    [
        ("/discovery", "post", "GET, HEAD"),
        ("/credentials", "delete", "GET, POST"),
        ("/credentials", "put", "GET, POST"),
        ("/profile", "post", "GET, PUT"),
        ("/profile", "patch", "GET, PUT"),
    ],
)
def test_other_methods_are_imsx_405_with_allow(cast, client, path, method, allowed):
    response = getattr(client, method)(
        f"{API}{path}", **bearer(issue_token(cast.carol))
    )
    assert_imsx(response, 405, "not_allowed")
    assert response["Allow"] == allowed


def test_the_site_is_named_as_the_operator_sets_it(client, db, settings):
    settings.SITE_NAME = "Latvijas Universitātes mugursoma"
    body = discover(client).json()
    assert body["info"]["title"] == "Latvijas Universitātes mugursoma"
    assert body["components"]["securitySchemes"]["OAuth2ACG"]["x-imssf-name"] == (
        "Latvijas Universitātes mugursoma"
    )
