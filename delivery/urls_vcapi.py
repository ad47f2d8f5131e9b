"""The Learner Credential Wallet's VC-API exchange, mounted at /vc-api/ (``delivery.vcapi``)."""

from django.urls import path

from . import vcapi

app_name = "vc-api"
urlpatterns = [
    path("exchanges/<str:reference>", vcapi.exchange, name="exchange"),
]
