"""The issuers' dashboard, included at "staff/insights/" (names prefixed "insights-")."""

from django.urls import path

from . import views

urlpatterns = [
    path("issuers/<str:issuer_id>/", views.issuer_insights, name="insights-issuer"),
    path(
        "issuers/<str:issuer_id>/figures.csv",
        views.issuer_insights_csv,
        name="insights-issuer-csv",
    ),
    path(
        "institutions/<str:institution_id>/",
        views.institution_insights,
        name="insights-institution",
    ),
    path(
        "institutions/<str:institution_id>/figures.csv",
        views.institution_insights_csv,
        name="insights-institution-csv",
    ),
]
