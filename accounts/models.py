"""People who sign in (staff and learners) and their personal API tokens."""

from __future__ import annotations

import hashlib
import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with their e-mail address.

    ``is_staff`` keeps Django's meaning (may use the admin site); institution
    roles live in ``issuers.Membership``.
    """

    username = None
    first_name = None
    last_name = None
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split() or [self.email])[0]


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 digest of the secret is stored."""

    PREFIX = "ins_"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the secret, shown in lists so people can tell tokens apart.
    hint = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()


class EmailAddressQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(verified_at__isnull=False)


class EmailAddress(models.Model):
    """An e-mail address of an account. Awards to any verified address belong to the account."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="email_addresses"
    )
    # Stored lower-cased: awards hash the lower-cased address too.
    email = models.EmailField(_("e-mail address"), unique=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EmailAddressQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")

    def __str__(self) -> str:
        return self.email

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


def verified_addresses(user) -> list[str]:
    """Return the user's verified e-mail addresses (lower-cased)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        EmailAddress.objects.verified()
        .filter(user=user)
        .values_list("email", flat=True)
    )


def email_digest(email: str) -> str:
    """Return the SHA-256 hex digest of a lower-cased address: how audit data names it."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()
