"""Mounted at the site root: the OID4VCI issuer's endpoints (the token endpoint is /oauth/token)."""

from django.urls import path

from . import oid4vci

app_name = "delivery"

urlpatterns = [
    path(
        ".well-known/openid-credential-issuer",
        oid4vci.issuer_metadata,
        name="issuer-metadata",
    ),
    path("oid4vci/offers/<str:reference>", oid4vci.credential_offer, name="offer"),
    path("oid4vci/nonce", oid4vci.nonce, name="nonce"),
    path("oid4vci/credential", oid4vci.credential, name="credential"),
]
