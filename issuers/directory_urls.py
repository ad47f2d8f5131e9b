"""The public directory (included at "", without a namespace): /issuers/ and /badges/."""

from django.urls import path

from . import directory

urlpatterns = [
    path("issuers/", directory.issuer_list, name="directory-issuers"),
    path("badges/", directory.badge_list, name="directory-badges"),
]
