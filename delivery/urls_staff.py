"""Staff pages of wallet delivery, mounted under /staff/ (namespace "delivery-staff")."""

from django.urls import path

from . import staff

app_name = "delivery-staff"
urlpatterns = [
    path(
        "awards/<str:award_id>/wallet-deliveries/",
        staff.award_deliveries,
        name="award-deliveries",
    ),
]
