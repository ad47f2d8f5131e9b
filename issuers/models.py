"""Institutions, their issuers, and the staff who work for them."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from .stored_images import upload_path
from .translations import Translatable

COUNTRY_CODE = RegexValidator(
    r"^[A-Z]{2}$",
    _("Use a two-letter ISO 3166-1 country code, e.g. LV."),
    code="country",
)
PHONE = RegexValidator(
    r"^\+[1-9][0-9 ()\-]{5,28}$",
    _(
        "Enter a telephone number in international form, starting with + and the country code, e.g. +371 6700 0000."
    ),
    code="phone",
)


def e164(telephone: str) -> str:
    """Return ``telephone`` as E.164 (``+37167000000``), the form Open Badges asks for."""
    return "".join(c for c in telephone if c.isdigit() or c == "+")


class Role(models.TextChoices):
    """Staff roles, strongest first. Each role can do everything the ones below it can."""

    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    AWARDER = "awarder", _("Awarder")

    @classmethod
    def rank(cls, role: str | None) -> int:
        return {cls.AWARDER: 1, cls.EDITOR: 2, cls.ADMIN: 3, cls.OWNER: 4}.get(role, 0)


ROLE_HELP = {
    Role.OWNER: _("Everything, including adding and removing owners."),
    Role.ADMIN: _("Manage staff and issuers, design and award badges."),
    Role.EDITOR: _("Design badge classes and award them."),
    Role.AWARDER: _("Award badges only."),
}


class InstitutionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class Institution(Translatable):
    """An organisation (university, VET school, training company) with one or more issuers."""

    TRANSLATABLE_FIELDS = ("name", "description")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), blank=True)
    country = models.CharField(_("country"), max_length=2, validators=[COUNTRY_CODE])
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IssuerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


def issuer_image_path(issuer: Issuer, filename: str) -> str:
    """``issuers/<uuid>/logo-<digest>.<ext>``: content-addressed (see issuers.stored_images)."""
    return upload_path("issuers", issuer.uuid, filename)


def issuer_signature_path(issuer: Issuer, filename: str) -> str:
    """``issuers/<uuid>/signature-…``: the signature or seal printed on certificates."""
    return upload_path("issuers", issuer.uuid, filename)


class Issuer(Translatable):
    """A unit that awards badges (faculty, department, training centre): an OB Issuer Profile."""

    TRANSLATABLE_FIELDS = ("name", "description")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="issuers"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"))
    email = models.EmailField(_("contact e-mail"))
    telephone = models.CharField(
        _("telephone"), max_length=30, blank=True, validators=[PHONE]
    )
    image = models.FileField(_("logo"), upload_to=issuer_image_path, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    locality = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, validators=[COUNTRY_CODE])
    # Certificates: who signs them, and the signature or seal image printed above the line.
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_title = models.CharField(
        _("signatory's position"), max_length=200, blank=True
    )
    signature_image = models.FileField(
        _("signature or seal image"), upload_to=issuer_signature_path, blank=True
    )
    # The public directory (/issuers/, /badges/) lists only issuers that opt in.
    listed_in_directory = models.BooleanField(
        _("list in the public directory"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = IssuerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Membership(models.Model):
    """A staff member's role at a whole institution, or at one of its issuers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    issuer = models.ForeignKey(
        Issuer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(institution__isnull=False, issuer__isnull=True)
                | Q(institution__isnull=True, issuer__isnull=False),
                name="membership_one_scope",
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="membership_role_valid"
            ),
            models.UniqueConstraint(
                fields=["user", "institution"], name="membership_unique_institution"
            ),
            models.UniqueConstraint(
                fields=["user", "issuer"], name="membership_unique_issuer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.scope}"

    @property
    def scope(self) -> Institution | Issuer:
        return self.institution or self.issuer

    @property
    def scope_institution(self) -> Institution:
        return self.institution or self.issuer.institution


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now()
        )


class Invitation(models.Model):
    """An e-mailed invitation to join an institution or issuer with a role.

    Only a digest of the link's secret is stored.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"))
    institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    issuer = models.ForeignKey(
        Issuer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(institution__isnull=False, issuer__isnull=True)
                | Q(institution__isnull=True, issuer__isnull=False),
                name="invitation_one_scope",
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="invitation_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} as {self.role}"

    @property
    def scope(self) -> Institution | Issuer:
        return self.institution or self.issuer

    @property
    def scope_institution(self) -> Institution:
        return self.institution or self.issuer.institution

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > now()
        )

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()


class KeyAlgorithm(models.TextChoices):
    RS256 = "RS256", "RSA-2048, RS256 (Open Badges 2.0 signed badges)"
    ED25519 = "Ed25519", "Ed25519 (Open Badges 3.0: eddsa-rdfc-2022 and VC-JWT EdDSA)"


class SigningKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired_at__isnull=True)


class SigningKey(models.Model):
    """An issuer's key pair. The private half is sealed with the deployment's key-encryption key.

    Retired keys stay published (CryptographicKey, DID document, JWKS) so that
    credentials signed with them keep verifying after a rotation.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="signing_keys"
    )
    algorithm = models.CharField(max_length=16, choices=KeyAlgorithm.choices)
    # RFC 7638 thumbprint of the public key: the key's public name in URLs and "kid" headers.
    kid = models.CharField(max_length=64, unique=True)
    public_key_pem = models.TextField()
    sealed_private_key = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = SigningKeyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(algorithm__in=KeyAlgorithm.values),
                name="signing_key_algorithm_valid",
            ),
            models.UniqueConstraint(
                fields=["issuer", "algorithm"],
                condition=Q(retired_at__isnull=True),
                name="signing_key_one_active_per_algorithm",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.algorithm} {self.kid[:12]}… ({'retired' if self.retired_at else 'active'})"

    @property
    def is_active(self) -> bool:
        return self.retired_at is None
