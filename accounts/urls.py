from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from badges.views import requests as request_views

from . import views
from .forms import PasswordResetForm, SetPasswordForm

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup-sent"),
    path("delete/", views.delete_account, name="delete-account"),
    path("deleted/", views.account_deleted, name="account-deleted"),
    path("verify/<str:token>/", views.verify_email, name="verify-email"),
    path("emails/", views.email_addresses, name="email-addresses"),
    path(
        "emails/<str:address_id>/resend/",
        views.email_address_resend,
        name="email-address-resend",
    ),
    path(
        "emails/<str:address_id>/remove/",
        views.email_address_remove,
        name="email-address-remove",
    ),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="accounts/password_reset.html",
            success_url=reverse_lazy("accounts:password-reset-sent"),
        ),
        name="password-reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_sent.html"
        ),
        name="password-reset-sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordForm,
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    path("requests/", request_views.my_requests, name="requests"),
    path(
        "requests/<str:request_id>/withdraw/",
        request_views.my_request_withdraw,
        name="request-withdraw",
    ),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<uuid:token_id>/revoke/", views.token_revoke, name="token-revoke"),
]
