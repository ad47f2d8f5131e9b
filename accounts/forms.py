from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _


class NewPasswordForm(forms.Form):
    """A password typed twice, checked with the configured validators against the new account."""

    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def account_email(self, data: dict) -> str:
        return data.get("email", "")

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            from accounts.models import User

            account = User(
                email=self.account_email(data), full_name=data.get("full_name", "")
            )
            try:
                password_validation.validate_password(data["password1"], account)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class SignUpForm(NewPasswordForm):
    """Sign-up for an address already known (an invitation or a claim link reached it)."""

    email = forms.EmailField(label=_("E-mail address"), disabled=True)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    field_order = ["email", "full_name", "password1", "password2"]

    def __init__(self, *args, fixed_email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_email = fixed_email
        self.fields["email"].initial = fixed_email

    def account_email(self, data: dict) -> str:
        return self.fixed_email


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Moodle sync”."),
    )


class LearnerSignUpForm(NewPasswordForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["full_name", "email", "password1", "password2"]


class EmailAddressForm(forms.Form):
    email = forms.EmailField(
        label=_("Another e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, but the e-mail goes through ``actions.request_password_reset`` (a task)."""

    def save(self, **kwargs) -> None:
        from accounts.actions import request_password_reset

        for user in self.get_users(self.cleaned_data["email"]):
            request_password_reset(user=user)


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Django's form, but the new password is set by ``actions.reset_password``."""

    def save(self, commit: bool = True):
        from accounts.actions import reset_password

        return reset_password(
            user=self.user, password=self.cleaned_data["new_password1"]
        )


class SignInForm(auth_forms.AuthenticationForm):
    """Django's sign-in form; an account whose sign-in address is unverified cannot sign in.

    It gets the same answer as a wrong password, so that signing up with
    someone's address and then signing in cannot tell whether that address
    had an account already.
    """

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or the password is wrong. If you have just signed up, "
            "open the link we e-mailed you first."
        ),
    }

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        from .models import EmailAddress

        verified = EmailAddress.objects.filter(
            user=user, email__iexact=user.email, verified_at__isnull=False
        ).exists()
        if not verified:
            raise self.get_invalid_login_error()
