from django.urls import path

from .api import awards as awards_api
from .api import badge_classes as badge_classes_api
from .api import requests as requests_api
from .views import awards, badge_classes, public, requests

app_name = "badges"
urlpatterns = [
    path(
        "issuers/<str:issuer_id>/badge-classes/new/",
        badge_classes.badge_class_create,
        name="badge-class-create",
    ),
    path(
        "badge-classes/<str:badge_class_id>/",
        badge_classes.badge_class_detail,
        name="badge-class-detail",
    ),
    path(
        "badge-classes/<str:badge_class_id>/edit/",
        badge_classes.badge_class_edit,
        name="badge-class-edit",
    ),
    path(
        "badge-classes/<str:badge_class_id>/awards/",
        awards.badge_class_awards,
        name="badge-class-awards",
    ),
    path(
        "badge-classes/<str:badge_class_id>/revoke/",
        awards.award_revoke_many,
        name="award-revoke-many",
    ),
    path("awards/<str:award_id>/revoke/", awards.award_revoke, name="award-revoke"),
    path(
        "badge-classes/<str:badge_class_id>/image/",
        badge_classes.badge_class_image,
        name="badge-class-image",
    ),
    path(
        "badge-classes/<str:badge_class_id>/preview/",
        badge_classes.badge_class_preview,
        name="badge-class-preview",
    ),
    path(
        "badge-classes/<str:badge_class_id>/publish/",
        badge_classes.badge_class_publish,
        name="badge-class-publish",
    ),
    path(
        "badge-classes/<str:badge_class_id>/archive/",
        badge_classes.badge_class_archive,
        name="badge-class-archive",
    ),
    path(
        "badge-classes/<str:badge_class_id>/translations/<str:language>/",
        badge_classes.badge_class_translation,
        name="badge-class-translation",
    ),
    path(
        "issuers/<str:issuer_id>/requests/",
        requests.request_queue,
        name="badge-request-queue",
    ),
    path(
        "issuers/<str:issuer_id>/requests/decide/",
        requests.request_queue_decide,
        name="badge-request-queue-decide",
    ),
    path(
        "requests/<str:request_id>/approve/",
        requests.badge_request_decide,
        {"decision": "approve"},
        name="badge-request-approve",
    ),
    path(
        "requests/<str:request_id>/deny/",
        requests.badge_request_decide,
        {"decision": "deny"},
        name="badge-request-deny",
    ),
]

# Mounted under /public/ (namespace "public"). These URLs are permanent once published.
public_urlpatterns = [
    path("issuers/<str:issuer_id>", public.issuer, name="issuer"),
    path(
        "issuers/<str:issuer_id>/revocations",
        public.revocation_list,
        name="revocation-list",
    ),
    path(
        "issuers/<str:issuer_id>/status-list",
        public.status_list,
        name="status-list",
    ),
    path("issuers/<str:issuer_id>/jwks.json", public.jwks, name="jwks"),
    path("keys/<str:kid>", public.public_key, name="key"),
    path("badges/<str:badge_class_id>", public.badge_class, name="badge-class"),
    path(
        "badges/<str:badge_class_id>/request",
        requests.badge_request_create,
        name="badge-request",
    ),
    path(
        "badges/<str:badge_class_id>/image",
        badge_classes.public_badge_class_image,
        name="badge-class-image",
    ),
    path(
        "contexts/eu-microcredential/v1/schema.json",
        public.context_schema,
        name="context-schema",
    ),
    path("contexts/eu-microcredential/v1", public.context, name="context"),
    path("assertions/<str:award_id>", public.assertion, name="assertion"),
    path(
        "assertions/<str:award_id>/certificate.pdf",
        public.certificate,
        name="certificate",
    ),
    path(
        "assertions/<str:award_id>/assertion.jws",
        public.assertion_jws,
        name="assertion-jws",
    ),
    path(
        "assertions/<str:award_id>/image.png",
        public.assertion_image,
        {"signed": False, "kind": "png"},
        name="assertion-image",
    ),
    path(
        "assertions/<str:award_id>/image.svg",
        public.assertion_image,
        {"signed": False, "kind": "svg"},
        name="assertion-svg",
    ),
    path(
        "assertions/<str:award_id>/signed.png",
        public.assertion_image,
        {"signed": True, "kind": "png"},
        name="assertion-signed-image",
    ),
    path(
        "assertions/<str:award_id>/signed.svg",
        public.assertion_image,
        {"signed": True, "kind": "svg"},
        name="assertion-signed-svg",
    ),
    # The .jwt download comes first: <str:award_id> would otherwise swallow the suffix.
    path(
        "credentials/<str:award_id>.jwt",
        public.credential_jwt,
        name="credential-jwt",
    ),
    path("credentials/<str:award_id>", public.credential, name="credential"),
    path(
        "credentials/<str:award_id>/image.png",
        public.credential_image,
        {"kind": "png"},
        name="credential-image",
    ),
    path(
        "credentials/<str:award_id>/image.svg",
        public.credential_image,
        {"kind": "svg"},
        name="credential-svg",
    ),
]

# The did:web method puts a DID's document at /<path>/did.json (mounted at the site root).
did_urlpatterns = [
    path(
        "issuers/<str:issuer_id>/did.json",
        public.did_document,
        name="did-document",
    ),
]

# Further API routes of this app, mounted under /api/v1/ (namespace "api").
# Under /api/v1/, after the other apps' routes (config/urls.py): literal paths such
# as awards/batch must win over awards/<id>.
api_urlpatterns: list = [
    path(
        "issuers/<str:issuer_id>/badge-classes",
        badge_classes_api.BadgeClassListApi.as_view(),
        name="badge-class-list",
    ),
    path(
        "badge-classes/<str:badge_class_id>",
        badge_classes_api.BadgeClassDetailApi.as_view(),
        name="badge-class-detail",
    ),
    path(
        "badge-classes/<str:badge_class_id>/publish",
        badge_classes_api.BadgeClassPublishApi.as_view(),
        name="badge-class-publish",
    ),
    path(
        "badge-classes/<str:badge_class_id>/awards",
        awards_api.AwardListApi.as_view(),
        name="award-list",
    ),
    # Before awards/<id>: "revoke" is not an award id.
    path(
        "awards/revoke",
        awards_api.AwardBulkRevokeApi.as_view(),
        name="award-revoke-many",
    ),
    path(
        "awards/<str:award_id>",
        awards_api.AwardDetailApi.as_view(),
        name="award-detail",
    ),
    path(
        "awards/<str:award_id>/revoke",
        awards_api.AwardRevokeApi.as_view(),
        name="award-revoke",
    ),
    path(
        "badge-classes/<str:badge_class_id>/archive",
        badge_classes_api.BadgeClassArchiveApi.as_view(),
        name="badge-class-archive",
    ),
    path(
        "issuers/<str:issuer_id>/requests",
        requests_api.BadgeRequestListApi.as_view(),
        name="badge-request-list",
    ),
    path(
        "requests/decide",
        requests_api.BadgeRequestDecideApi.as_view(),
        name="badge-request-decide",
    ),
    path(
        "requests/<str:request_id>/approve",
        requests_api.BadgeRequestApproveApi.as_view(),
        name="badge-request-approve",
    ),
    path(
        "requests/<str:request_id>/deny",
        requests_api.BadgeRequestDenyApi.as_view(),
        name="badge-request-deny",
    ),
]
