"""The verifier's routes: the public page, the API, and each award's one-step verification."""

from django.urls import path

from . import views

urlpatterns = [path("verify", views.verify_page, name="verify")]
api_urlpatterns = [path("verify", views.VerifyApi.as_view(), name="verify")]
# Under /public/: permanent once published (certificates carry it as a QR code).
public_urlpatterns = [
    path("assertions/<str:award_id>/verify", views.award_verify, name="award-verify"),
]
