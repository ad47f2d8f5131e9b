from django.urls import path

from . import api, views

app_name = "issuers"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("institutions/new/", views.institution_create, name="institution-create"),
    path(
        "institutions/<str:institution_id>/",
        views.institution_detail,
        name="institution-detail",
    ),
    path(
        "institutions/<str:institution_id>/edit/",
        views.institution_edit,
        name="institution-edit",
    ),
    path(
        "institutions/<str:institution_id>/issuers/new/",
        views.issuer_create,
        name="issuer-create",
    ),
    path(
        "institutions/<str:institution_id>/invite/",
        views.staff_invite,
        name="staff-invite",
    ),
    path(
        "institutions/<str:institution_id>/staff/<int:membership_id>/role/",
        views.staff_change_role,
        name="staff-change-role",
    ),
    path(
        "institutions/<str:institution_id>/staff/<int:membership_id>/remove/",
        views.staff_remove,
        name="staff-remove",
    ),
    path(
        "institutions/<str:institution_id>/invitations/<str:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("issuers/<str:issuer_id>/", views.issuer_detail, name="issuer-detail"),
    path("issuers/<str:issuer_id>/edit/", views.issuer_edit, name="issuer-edit"),
    path(
        "issuers/<str:issuer_id>/rotate-key/",
        views.issuer_rotate_key,
        name="issuer-rotate-key",
    ),
    path(
        "issuers/<str:issuer_id>/audit/",
        views.issuer_audit_log,
        name="issuer-audit-log",
    ),
    path(
        "issuers/<str:issuer_id>/translations/<str:language>/",
        views.issuer_translation,
        name="issuer-translation",
    ),
    path(
        "issuers/<str:issuer_id>/archive/", views.issuer_archive, name="issuer-archive"
    ),
    path(
        "invitations/<str:secret>/", views.invitation_accept, name="invitation-accept"
    ),
]

# Mounted under /public/ (namespace "public"). These URLs are permanent once published.
public_urlpatterns = [
    path(
        "issuers/<str:issuer_id>/image", views.public_issuer_image, name="issuer-image"
    ),
]
# Under /api/v1/ (config/urls.py); "create" before <id>: it is not an issuer id.
api_urlpatterns = [
    path("institutions", api.InstitutionListApi.as_view(), name="institution-list"),
    path("issuers", api.IssuerListApi.as_view(), name="issuer-list"),
    path("issuers/create", api.IssuerCreateApi.as_view(), name="issuer-create"),
    path(
        "issuers/<str:issuer_id>", api.IssuerDetailApi.as_view(), name="issuer-detail"
    ),
]
