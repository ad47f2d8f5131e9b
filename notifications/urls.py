from django.urls import path

from . import api, views

app_name = "notifications"
urlpatterns = [
    path(
        "issuers/<str:issuer_id>/deliveries",
        views.issuer_deliveries,
        name="issuer-deliveries",
    ),
    path(
        "deliveries/<str:delivery_id>/resend",
        views.delivery_resend,
        name="delivery-resend",
    ),
    path("awards/<str:award_id>/renew", views.award_renew, name="award-renew"),
]

# Mounted under /api/v1/ (namespace "api").
api_urlpatterns: list = [
    path(
        "awards/<str:award_id>/renew",
        api.AwardRenewApi.as_view(),
        name="award-renew",
    ),
]
