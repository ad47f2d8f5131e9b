"""Certificate settings of an issuer (included at "staff/", without a namespace)."""

from django.urls import path

from . import certificate_views

urlpatterns = [
    path(
        "issuers/<str:issuer_id>/certificate/",
        certificate_views.certificate_settings,
        name="certificate-settings",
    ),
    path(
        "issuers/<str:issuer_id>/certificate/signature",
        certificate_views.certificate_signature,
        name="certificate-signature",
    ),
    path(
        "issuers/<str:issuer_id>/certificate/sample.pdf",
        certificate_views.certificate_preview,
        name="certificate-preview",
    ),
]
