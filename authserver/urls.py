"""Mounted at the site root: the OAuth 2.0 endpoints under /oauth/, the learner's list in the backpack."""

from django.urls import path

from . import views

app_name = "authserver"

urlpatterns = [
    path(
        ".well-known/oauth-authorization-server",
        views.server_metadata,
        name="metadata",
    ),
    path("oauth/register", views.register, name="register"),
    path("oauth/authorize", views.ConsentView.as_view(), name="authorize"),
    path("oauth/token", views.TokenView.as_view(), name="token"),
    path("oauth/revoke", views.RevokeTokenView.as_view(), name="revoke"),
    path("wallet/applications/", views.applications, name="applications"),
    path(
        "wallet/applications/<str:client_id>/disconnect",
        views.disconnect,
        name="disconnect",
    ),
]
