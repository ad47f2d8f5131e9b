"""Importing credentials from elsewhere into the backpack (mounted under /wallet/)."""

from django.urls import path

from . import import_views

urlpatterns: list = [
    path("import/", import_views.import_badge, name="import"),
    path("imported/<str:held_id>/", import_views.imported, name="imported"),
    path(
        "imported/<str:held_id>/check/",
        import_views.imported_check,
        name="imported-check",
    ),
    path(
        "imported/<str:held_id>/original",
        import_views.imported_original,
        name="imported-original",
    ),
    path(
        "imported/<str:held_id>/image",
        import_views.imported_image,
        name="imported-image",
    ),
    path(
        "imported/<str:held_id>/remove/",
        import_views.imported_remove,
        name="imported-remove",
    ),
]
