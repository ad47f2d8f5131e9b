from django.urls import path

from . import public_views, request_views, views

app_name = "badges"
urlpatterns = [
    path(
        "issuers/<str:issuer_id>/badge-classes/new/",
        views.badge_class_create,
        name="badge-class-create",
    ),
    path(
        "badge-classes/<str:badge_class_id>/",
        views.badge_class_detail,
        name="badge-class-detail",
    ),
    path(
        "badge-classes/<str:badge_class_id>/edit/",
        views.badge_class_edit,
        name="badge-class-edit",
    ),
    path(
        "badge-classes/<str:badge_class_id>/awards/",
        views.badge_class_awards,
        name="badge-class-awards",
    ),
    path(
        "badge-classes/<str:badge_class_id>/revoke/",
        views.award_revoke_many,
        name="award-revoke-many",
    ),
    path("awards/<str:award_id>/revoke/", views.award_revoke, name="award-revoke"),
    path(
        "badge-classes/<str:badge_class_id>/image/",
        views.badge_class_image,
        name="badge-class-image",
    ),
    path(
        "badge-classes/<str:badge_class_id>/preview/",
        views.badge_class_preview,
        name="badge-class-preview",
    ),
    path(
        "badge-classes/<str:badge_class_id>/publish/",
        views.badge_class_publish,
        name="badge-class-publish",
    ),
    path(
        "badge-classes/<str:badge_class_id>/archive/",
        views.badge_class_archive,
        name="badge-class-archive",
    ),
    path(
        "badge-classes/<str:badge_class_id>/translations/<str:language>/",
        views.badge_class_translation,
        name="badge-class-translation",
    ),
    path(
        "issuers/<str:issuer_id>/requests/",
        request_views.request_queue,
        name="badge-request-queue",
    ),
    path(
        "issuers/<str:issuer_id>/requests/decide/",
        request_views.request_queue_decide,
        name="badge-request-queue-decide",
    ),
    path(
        "requests/<str:request_id>/approve/",
        request_views.badge_request_decide,
        {"decision": "approve"},
        name="badge-request-approve",
    ),
    path(
        "requests/<str:request_id>/deny/",
        request_views.badge_request_decide,
        {"decision": "deny"},
        name="badge-request-deny",
    ),
]

# Mounted under /public/ (namespace "public"). These URLs are permanent once published.
public_urlpatterns = [
    path("issuers/<str:issuer_id>", public_views.issuer, name="issuer"),
    path(
        "issuers/<str:issuer_id>/revocations",
        public_views.revocation_list,
        name="revocation-list",
    ),
    path(
        "issuers/<str:issuer_id>/status-list",
        public_views.status_list,
        name="status-list",
    ),
    path("issuers/<str:issuer_id>/jwks.json", public_views.jwks, name="jwks"),
    path("keys/<str:kid>", public_views.public_key, name="key"),
    path("badges/<str:badge_class_id>", public_views.badge_class, name="badge-class"),
    path(
        "badges/<str:badge_class_id>/request",
        request_views.badge_request_create,
        name="badge-request",
    ),
    path(
        "badges/<str:badge_class_id>/image",
        views.public_badge_class_image,
        name="badge-class-image",
    ),
    path(
        "contexts/eu-microcredential/v1/schema.json",
        public_views.context_schema,
        name="context-schema",
    ),
    path("contexts/eu-microcredential/v1", public_views.context, name="context"),
    path("assertions/<str:award_id>", public_views.assertion, name="assertion"),
    path(
        "assertions/<str:award_id>/certificate.pdf",
        public_views.certificate,
        name="certificate",
    ),
    path(
        "assertions/<str:award_id>/assertion.jws",
        public_views.assertion_jws,
        name="assertion-jws",
    ),
    path(
        "assertions/<str:award_id>/image.png",
        public_views.assertion_image,
        {"signed": False, "kind": "png"},
        name="assertion-image",
    ),
    path(
        "assertions/<str:award_id>/image.svg",
        public_views.assertion_image,
        {"signed": False, "kind": "svg"},
        name="assertion-svg",
    ),
    path(
        "assertions/<str:award_id>/signed.png",
        public_views.assertion_image,
        {"signed": True, "kind": "png"},
        name="assertion-signed-image",
    ),
    path(
        "assertions/<str:award_id>/signed.svg",
        public_views.assertion_image,
        {"signed": True, "kind": "svg"},
        name="assertion-signed-svg",
    ),
    # The .jwt download comes first: <str:award_id> would otherwise swallow the suffix.
    path(
        "credentials/<str:award_id>.jwt",
        public_views.credential_jwt,
        name="credential-jwt",
    ),
    path("credentials/<str:award_id>", public_views.credential, name="credential"),
    path(
        "credentials/<str:award_id>/image.png",
        public_views.credential_image,
        {"kind": "png"},
        name="credential-image",
    ),
    path(
        "credentials/<str:award_id>/image.svg",
        public_views.credential_image,
        {"kind": "svg"},
        name="credential-svg",
    ),
]

# The did:web method puts a DID's document at /<path>/did.json (mounted at the site root).
did_urlpatterns = [
    path(
        "issuers/<str:issuer_id>/did.json",
        public_views.did_document,
        name="did-document",
    ),
]

# Further API routes of this app, mounted under /api/v1/ (namespace "api").
api_urlpatterns: list = [
    path(
        "issuers/<str:issuer_id>/requests",
        request_views.BadgeRequestListApi.as_view(),
        name="badge-request-list",
    ),
    path(
        "requests/decide",
        request_views.BadgeRequestDecideApi.as_view(),
        name="badge-request-decide",
    ),
    path(
        "requests/<str:request_id>/approve",
        request_views.BadgeRequestApproveApi.as_view(),
        name="badge-request-approve",
    ),
    path(
        "requests/<str:request_id>/deny",
        request_views.BadgeRequestDenyApi.as_view(),
        name="badge-request-deny",
    ),
]
