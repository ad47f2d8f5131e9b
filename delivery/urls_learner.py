"""The learner's "Add to a wallet" page, mounted under /wallet/to-wallet/ (namespace "to-wallet")."""

from django.urls import path

from . import views_learner

app_name = "to-wallet"
urlpatterns = [
    path("<str:award_id>/", views_learner.to_wallet, name="choose"),
]
