"""URL wiring. Everything under /public/ is permanent once published."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from badges import urls as badges_urls
from bulk import urls as bulk_urls
from hostapi import urls as hostapi_urls
from issuers import urls as issuers_urls
from notifications import urls as notifications_urls
from verifier import urls as verifier_urls
from wallet import urls as wallet_urls

from . import metrics, views

# Each app's API routes; badges come last, so literal paths of the others
# (awards/batch) win over awards/<id>.
api_v1 = (
    issuers_urls.api_urlpatterns
    + bulk_urls.api_urlpatterns
    + notifications_urls.api_urlpatterns
    + wallet_urls.api_urlpatterns
    + verifier_urls.api_urlpatterns
    + badges_urls.api_urlpatterns
)

public = (
    issuers_urls.public_urlpatterns
    + badges_urls.public_urlpatterns
    + verifier_urls.public_urlpatterns
)

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("readyz", views.readyz, name="readyz"),
    path("", include(verifier_urls.urlpatterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("staff/", include("issuers.urls")),
    path("staff/", include("badges.urls")),
    path("staff/bulk/", include("bulk.urls")),
    path("staff/notifications/", include("notifications.urls")),
    path("staff/", include("delivery.urls_staff")),
    path("staff/", include("issuers.certificate_urls")),
    path("staff/", include("badges.designer.urls")),
    path("staff/insights/", include("insights.urls")),
    path("", include("issuers.directory_urls")),
    path("", include("authserver.urls")),
    path("vc-api/", include("delivery.urls_vcapi")),
    path("", include("delivery.urls")),
    path("ims/ob/v3p0/", include("hostapi.urls")),
    path("about/", include((hostapi_urls.site_urlpatterns, "about"))),
    path("wallet/hosts/", include("hostlinks.urls")),
    path("wallet/to-wallet/", include("delivery.urls_learner")),
    path("wallet/", include("wallet.urls")),
    path("share/", include((wallet_urls.share_urlpatterns, "share"))),
    path("public/", include((public, "public"))),
    path("", include((badges_urls.did_urlpatterns, "did"))),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
]

handler500 = "config.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
