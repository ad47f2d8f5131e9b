"""The badge class API: create, read, update, publish, archive; errors in one shape."""

from __future__ import annotations

import base64

import pytest
from rest_framework.test import APIClient

from accounts.actions import create_api_token
from audit.models import AuditEvent
from badges.models import BadgeClass
from tests.factories import SVG_OK, png_bytes


def data_uri(content: bytes, kind: str = "image/png") -> str:
    return f"data:{kind};base64," + base64.b64encode(content).decode()


def client_for(user) -> APIClient:
    _token, secret = create_api_token(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def full_payload(**overrides) -> dict:
    payload = {
        "name": "CNC turning 1",
        "description": "Set up and run a CNC lathe.",
        "image": data_uri(png_bytes()),
        "language": "en",
        "criteria_narrative": "Pass a practical test.",
        "criteria_url": "https://example.org/criteria",
        "assessment_types": ["practical"],
        "assessor": "independent",
        "identity_verification": "onsite_id",
        "workload_hours": "37.5",
        "credits": "1.5",
        "credit_system": "ECTS",
        "duration_amount": 1,
        "duration_unit": "W",
        "eqf_level": 4,
        "nqf_level": "4",
        "nqf_framework": "DK NQF",
        "isced_f_code": "0715",
        "participation_forms": ["onsite"],
        "languages_of_instruction": ["da", "en"],
        "qa_type": "external",
        "qa_body": "Danish Ministry of Children and Education",
        "accreditation": "AMU-approved",
        "part_of_qualification": "Industrial technician (EUD)",
        "prerequisites": "Basic workshop safety.",
        "validity_months": 36,
        "tags": ["cnc", "metal"],
        "translations": {"lv": {"name": "CNC virpošana 1"}},
        "learning_outcomes": [
            {
                "text": "Set up a CNC lathe",
                "url": "http://data.europa.eu/esco/skill/abc",
                "framework": "ESCO",
            },
            {
                "text": "Measure parts",
                "translations": {"lv": {"text": "Mērīt detaļas"}},
            },
        ],
        "alignments": [
            {
                "name": "Operate CNC",
                "url": "https://esco.example/cnc",
                "framework": "ESCO",
                "code": "S1",
            }
        ],
        "partners": [{"name": "Metal industry association", "role": "assessor"}],
        "stack_targets": [{"name": "CNC operator certificate", "credits": "1.5"}],
    }
    payload.update(overrides)
    return payload


def test_an_editor_creates_a_badge_class_with_every_element(cast):
    response = client_for(cast.erin).post(
        f"/api/v1/issuers/{cast.welding.uuid}/badge-classes",
        full_payload(),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert [o["text"] for o in body["learning_outcomes"]] == [
        "Set up a CNC lathe",
        "Measure parts",
    ]
    assert body["learning_outcomes"][1]["translations"] == {
        "lv": {"text": "Mērīt detaļas"}
    }
    assert body["workload_hours"] == "37.5"
    assert body["stack_targets"][0]["name"] == "CNC operator certificate"
    assert body["completeness"]["missing_required"] == []
    assert body["image"].endswith(f"/public/badges/{body['id']}/image")
    badge_class = BadgeClass.objects.get(uuid=body["id"])
    assert badge_class.localized("name", "lv") == "CNC virpošana 1"
    assert AuditEvent.objects.filter(
        action="badge_class.created", target_id=body["id"], actor=cast.erin
    ).exists()


def test_publish_then_archive(cast):
    client = client_for(cast.erin)
    created = client.post(
        f"/api/v1/issuers/{cast.welding.uuid}/badge-classes",
        full_payload(),
        format="json",
    ).json()
    assert (
        client.post(f"/api/v1/badge-classes/{created['id']}/publish").json()["status"]
        == "published"
    )
    assert (
        client.post(f"/api/v1/badge-classes/{created['id']}/archive").json()["status"]
        == "archived"
    )
    response = client.patch(
        f"/api/v1/badge-classes/{created['id']}", {"name": "New"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"]["non_field_errors"][0]["code"] == "archived"


def test_publishing_needs_the_starred_elements(cast):
    client = client_for(cast.erin)
    created = client.post(
        f"/api/v1/issuers/{cast.welding.uuid}/badge-classes",
        {"name": "Bare", "description": "Nothing else"},
        format="json",
    ).json()
    response = client.post(f"/api/v1/badge-classes/{created['id']}/publish")
    assert response.status_code == 400
    message = response.json()["fields"]["non_field_errors"][0]["message"]
    assert (
        "Image" in message and "Learning outcomes" in message and "Criteria" in message
    )


def test_patch_replaces_given_lists_and_keeps_others(cast):
    client = client_for(cast.erin)
    response = client.patch(
        f"/api/v1/badge-classes/{cast.badge_class.uuid}",
        {"learning_outcomes": [{"text": "Only this one"}], "eqf_level": 3},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert [o["text"] for o in body["learning_outcomes"]] == ["Only this one"]
    assert body["eqf_level"] == 3
    assert body["name"] == cast.badge_class.name
    event = AuditEvent.objects.filter(action="badge_class.updated").latest("id")
    assert event.data["eqf_level"] == [4, 3]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"eqf_level": 9}, "eqf_level", "max_value"),
        ({"eqf_level": 0}, "eqf_level", "min_value"),
        ({"workload_hours": "-5"}, "workload_hours", "min_value"),
        ({"credits": "-1", "credit_system": "ECTS"}, "credits", "min_value"),
        ({"language": "xx"}, "language", "invalid_choice"),
        (
            {"languages_of_instruction": ["en", "zz"]},
            "languages_of_instruction",
            "unknown_language",
        ),
        ({"translations": {"qq": {"name": "?"}}}, "translations", "unknown_language"),
        ({"translations": {"lv": {"issuer": "?"}}}, "translations", "not_translatable"),
        ({"credits": "3", "credit_system": ""}, "credit_system", "invalid"),
        ({"image": "not a data uri"}, "image", "invalid"),
        (
            {"image": data_uri(b"GIF89a....", "image/gif")},
            "image",
            "invalid_image_type",
        ),
        (
            {
                "image": data_uri(
                    b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
                )
            },
            "image",
            "svg_script",
        ),
        (
            {
                "image": data_uri(
                    b"<svg xmlns='http://www.w3.org/2000/svg'><image href='https://evil.example/x.png'/></svg>"
                )
            },
            "image",
            "svg_external_reference",
        ),
        ({"image": data_uri(png_bytes((3000, 100)))}, "image", "too_many_pixels"),
        (
            {
                "learning_outcomes": [
                    {"text": "ok"},
                    {"text": "bad url", "url": "not a url"},
                ]
            },
            "learning_outcomes.1.url",
            "invalid",
        ),
        ({"isced_f_code": "9999"}, "isced_f_code", "invalid_choice"),
        ({"assessment_types": ["telepathy"]}, "assessment_types.0", "invalid_choice"),
    ],
)
def test_bad_input_gets_a_precise_field_error_and_saves_nothing(
    cast, overrides, field, code
):
    before = BadgeClass.objects.count()
    response = client_for(cast.erin).post(
        f"/api/v1/issuers/{cast.welding.uuid}/badge-classes",
        full_payload(**overrides),
        format="json",
    )
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "validation_error"
    assert field in body["fields"], body
    assert code in [e["code"] for e in body["fields"][field]], body
    assert BadgeClass.objects.count() == before


def test_an_svg_image_is_accepted_and_sanitised(cast):
    svg = SVG_OK.replace(
        b"</svg>", b'<metadata><foo:bar xmlns:foo="urn:x"/></metadata></svg>'
    )
    response = client_for(cast.erin).post(
        f"/api/v1/issuers/{cast.welding.uuid}/badge-classes",
        full_payload(image=data_uri(svg, "image/svg+xml")),
        format="json",
    )
    assert response.status_code == 201, response.json()
    stored = BadgeClass.objects.get(uuid=response.json()["id"]).image.read()
    assert b"<circle" in stored and b"foo:bar" not in stored and b"urn:x" not in stored


def test_malformed_json_is_a_clear_error(cast):
    response = client_for(cast.erin).post(
        f"/api/v1/issuers/{cast.welding.uuid}/badge-classes",
        "{not json",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"


def test_prerequisites_must_come_from_the_same_institution(cast):
    foreign = cast.evil_issuer.badge_classes.create(
        name="x", description="y", status="published"
    )
    response = client_for(cast.erin).post(
        f"/api/v1/issuers/{cast.welding.uuid}/badge-classes",
        full_payload(prerequisite_badges=[str(foreign.uuid)]),
        format="json",
    )
    assert response.status_code == 400
    assert "prerequisite_badges" in response.json()["fields"]


@pytest.mark.parametrize(
    ("person", "create", "read"),
    [
        ("erin", 201, 200),
        ("ivy", 201, 200),
        ("aaron", 403, 200),
        ("carol", 404, 404),
        ("mallory", 404, 404),
    ],
)
def test_permissions_as_every_role(cast, person, create, read):
    client = client_for(getattr(cast, person))
    assert (
        client.post(
            f"/api/v1/issuers/{cast.welding.uuid}/badge-classes",
            full_payload(),
            format="json",
        ).status_code
        == create
    )
    assert (
        client.get(f"/api/v1/badge-classes/{cast.badge_class.uuid}").status_code == read
    )
    assert (
        client.get(f"/api/v1/issuers/{cast.welding.uuid}/badge-classes").status_code
        == read
    )
    expected_patch = {201: 200, 403: 403, 404: 404}[create]
    assert (
        client.patch(
            f"/api/v1/badge-classes/{cast.badge_class.uuid}",
            {"name": "Renamed"},
            format="json",
        ).status_code
        == expected_patch
    )


def test_unauthenticated_and_revoked_tokens_are_refused(cast):
    from accounts.actions import revoke_api_token

    anonymous = APIClient()
    response = anonymous.get("/api/v1/issuers")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    token, secret = create_api_token(user=cast.erin, name="old")
    revoke_api_token(token=token, acting_user=cast.erin)
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert anonymous.get("/api/v1/issuers").json()["code"] == "authentication_failed"


def test_malformed_uuids_answer_404_in_json(cast):
    response = client_for(cast.erin).get("/api/v1/badge-classes/not-a-uuid")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "No such object."}


def test_the_openapi_schema_describes_the_api(cast, client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/issuers/{issuer_id}/badge-classes" in paths
    assert "post" in paths["/api/v1/issuers/{issuer_id}/badge-classes"]


def test_the_interactive_docs_use_no_external_assets(db, client):
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn." not in page and "//unpkg" not in page


def test_the_openapi_schema_generates_without_warnings_and_validates(db):
    """drf-spectacular's own checks: no colliding component names, a valid OpenAPI document."""
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
