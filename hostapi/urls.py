"""The Open Badges 3.0 API (OB 3.0 §6), mounted at /ims/ob/v3p0/; and the site pages it names.

``site_urlpatterns`` (the terms of service and the privacy policy the
discovery document links to when ``TERMS_OF_SERVICE_URL`` and
``PRIVACY_POLICY_URL`` are not set) is mounted at /about/ under the
namespace ``about``.
"""

from django.urls import path, re_path
from django.views.generic import TemplateView

from . import errors, views

app_name = "hostapi"

urlpatterns = [
    path("discovery", views.discovery, name="discovery"),
    path("credentials", views.credentials, name="credentials"),
    path("profile", views.profile, name="profile"),
    # Anything else under the prefix: an Imsx_StatusInfo 404, not the site's HTML page.
    re_path(r"^.*$", errors.not_found, name="not_found"),
]

site_urlpatterns = [
    path(
        "terms",
        TemplateView.as_view(template_name="hostapi/terms.html"),
        name="terms",
    ),
    path(
        "privacy",
        TemplateView.as_view(template_name="hostapi/privacy.html"),
        name="privacy",
    ),
]
