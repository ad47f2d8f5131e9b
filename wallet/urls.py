from django.urls import include, path

from . import views

app_name = "wallet"
urlpatterns = [
    path("", views.backpack, name="backpack"),
    path("awards/<str:award_id>/", views.entry, name="entry"),
    path("awards/<str:award_id>/accept/", views.accept, name="accept"),
    path("awards/<str:award_id>/decline/", views.decline, name="decline"),
    path("claim/<str:token>", views.claim, name="claim"),
    path("", include("wallet.import_urls")),
]

# Mounted under /api/v1/ (namespace "api").
api_urlpatterns: list = []
