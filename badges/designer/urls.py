"""The badge designer, included at "staff/" without a namespace (hence the prefixed names)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "badge-classes/<str:badge_class_id>/design/",
        views.designer,
        name="badge-designer",
    ),
    path(
        "badge-classes/<str:badge_class_id>/design/preview.svg",
        views.preview,
        name="badge-designer-preview",
    ),
]
