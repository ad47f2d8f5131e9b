"""URL wiring. Everything under /public/ is permanent once published."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from badges import api as badges_api
from badges import urls as badges_urls
from bulk import urls as bulk_urls
from issuers import api as issuers_api
from issuers import urls as issuers_urls
from notifications import urls as notifications_urls
from verifier import urls as verifier_urls
from wallet import urls as wallet_urls

from . import views

api_v1 = [
    path(
        "institutions",
        issuers_api.InstitutionListApi.as_view(),
        name="institution-list",
    ),
    path("issuers", issuers_api.IssuerListApi.as_view(), name="issuer-list"),
    path("issuers/create", issuers_api.IssuerCreateApi.as_view(), name="issuer-create"),
    path(
        "issuers/<str:issuer_id>",
        issuers_api.IssuerDetailApi.as_view(),
        name="issuer-detail",
    ),
    path(
        "issuers/<str:issuer_id>/badge-classes",
        badges_api.BadgeClassListApi.as_view(),
        name="badge-class-list",
    ),
    path(
        "badge-classes/<str:badge_class_id>",
        badges_api.BadgeClassDetailApi.as_view(),
        name="badge-class-detail",
    ),
    path(
        "badge-classes/<str:badge_class_id>/publish",
        badges_api.BadgeClassPublishApi.as_view(),
        name="badge-class-publish",
    ),
    path(
        "badge-classes/<str:badge_class_id>/awards",
        badges_api.AwardListApi.as_view(),
        name="award-list",
    ),
    # Before awards/<id>: "revoke" is not an award id.
    path(
        "awards/revoke",
        badges_api.AwardBulkRevokeApi.as_view(),
        name="award-revoke-many",
    ),
    path(
        "awards/<str:award_id>",
        badges_api.AwardDetailApi.as_view(),
        name="award-detail",
    ),
    path(
        "awards/<str:award_id>/revoke",
        badges_api.AwardRevokeApi.as_view(),
        name="award-revoke",
    ),
    path(
        "badge-classes/<str:badge_class_id>/archive",
        badges_api.BadgeClassArchiveApi.as_view(),
        name="badge-class-archive",
    ),
]

# The apps' own routes come first: literal paths such as awards/batch must win over awards/<id>.
api_v1 = (
    badges_urls.api_urlpatterns
    + bulk_urls.api_urlpatterns
    + notifications_urls.api_urlpatterns
    + wallet_urls.api_urlpatterns
    + verifier_urls.api_urlpatterns
    + api_v1
)

public = (
    issuers_urls.public_urlpatterns
    + badges_urls.public_urlpatterns
    + verifier_urls.public_urlpatterns
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include(verifier_urls.urlpatterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("staff/", include("issuers.urls")),
    path("staff/", include("badges.urls")),
    path("staff/bulk/", include("bulk.urls")),
    path("staff/notifications/", include("notifications.urls")),
    path("wallet/", include("wallet.urls")),
    path("share/", include((wallet_urls.share_urlpatterns, "share"))),
    # /ims/ob/v3p0/ is kept for the Open Badges 3.0 host API (see wallet/ob3_host.py).
    path("public/", include((public, "public"))),
    path("", include((badges_urls.did_urlpatterns, "did"))),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
