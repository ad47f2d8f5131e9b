from django.urls import path

from . import views

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
]

# Mounted under /public/ (namespace "public"). These URLs are permanent once published.
public_urlpatterns = [
    path(
        "badges/<str:badge_class_id>", views.public_badge_class_page, name="badge-class"
    ),
    path(
        "badges/<str:badge_class_id>/image",
        views.public_badge_class_image,
        name="badge-class-image",
    ),
]
