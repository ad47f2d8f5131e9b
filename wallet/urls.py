from django.urls import path  # noqa: F401

app_name = "wallet"
urlpatterns: list = []

# Mounted under /api/v1/ (namespace "api").
api_urlpatterns: list = []
