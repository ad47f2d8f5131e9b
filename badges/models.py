"""Badge classes: what can be earned, with every EU micro-credential element."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from issuers.models import Issuer
from issuers.translations import Translatable, validate_language

from .choices import (
    ISCED_F_CHOICES,
    AchievementType,
    AssessmentType,
    Assessor,
    AwardRoute,
    CreditSystem,
    DurationUnit,
    IdentityVerification,
    ParticipationForm,
    QualityAssurance,
    RecipientType,
    ResultType,
    Status,
)

NOT_NEGATIVE = MinValueValidator(0, message=_("Enter zero or a positive number."))


@deconstructible
class ChoiceListValidator:
    """Validate a JSON list of distinct values taken from ``choices``."""

    def __init__(self, allowed) -> None:
        self.allowed = (
            sorted(value for value, *_label in allowed)
            if allowed and isinstance(allowed[0], tuple)
            else sorted(allowed)
        )

    def __call__(self, values) -> None:
        if not isinstance(values, list):
            raise ValidationError(_("Give a list."), code="invalid")
        unknown = [v for v in values if v not in self.allowed]
        if unknown:
            raise ValidationError(
                _("Unknown value(s): %(values)s."),
                code="invalid_choice",
                params={"values": ", ".join(map(str, unknown))},
            )
        if len(set(values)) != len(values):
            raise ValidationError(_("Each value may appear once."), code="duplicate")

    def __eq__(self, other) -> bool:
        return isinstance(other, ChoiceListValidator) and self.allowed == other.allowed


def _validate_languages(values) -> None:
    if not isinstance(values, list):
        raise ValidationError(_("Give a list of language codes."), code="invalid")
    for code in values:
        validate_language(code)


def _validate_tags(values) -> None:
    if not isinstance(values, list) or not all(
        isinstance(v, str) and 0 < len(v) <= 60 for v in values
    ):
        raise ValidationError(
            _("Tags are a list of words of at most 60 characters."), code="invalid"
        )


def badge_image_path(badge_class: BadgeClass, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"badges/{badge_class.uuid}/image-{uuid.uuid4().hex[:8]}.{extension}"


class BadgeClassQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def not_archived(self):
        return self.exclude(status=Status.ARCHIVED)

    def public(self):
        """Classes whose public page is visible: published or archived (their URLs are permanent)."""
        return self.exclude(status=Status.DRAFT)


class BadgeClass(Translatable):
    """What can be earned. Field groups follow the EU micro-credential elements (PRODUCT.md)."""

    TRANSLATABLE_FIELDS = (
        "name",
        "description",
        "criteria_narrative",
        "prerequisites",
        "part_of_qualification",
        "course_provider",
        "result_description",
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="badge_classes"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )

    # Identity: title, description, image.
    name = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    image = models.FileField(_("image"), upload_to=badge_image_path, blank=True)
    human_code = models.CharField(_("course code"), max_length=50, blank=True)
    achievement_type = models.CharField(
        _("achievement type"),
        max_length=40,
        choices=AchievementType.choices,
        default=AchievementType.MICRO_CREDENTIAL,
    )
    is_participation = models.BooleanField(
        _("participation badge"),
        default=False,
        help_text=_("Awarded for taking part, not for assessed achievement."),
    )
    tags = models.JSONField(
        _("tags"), default=list, blank=True, validators=[_validate_tags]
    )

    # Awarding body and partners.
    course_provider = models.CharField(
        _("course provider"),
        max_length=200,
        blank=True,
        help_text=_("Only when different from the issuer."),
    )

    # Criteria and assessment.
    criteria_narrative = models.TextField(
        _("criteria"), blank=True, help_text=_("Markdown.")
    )
    criteria_url = models.URLField(_("criteria URL"), blank=True)
    assessment_types = models.JSONField(
        _("assessment"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(AssessmentType.choices)],
    )
    assessor = models.CharField(
        _("assessor"), max_length=16, choices=Assessor.choices, blank=True
    )
    identity_verification = models.CharField(
        _("supervision and identity verification"),
        max_length=20,
        choices=IdentityVerification.choices,
        blank=True,
    )
    result_type = models.CharField(
        _("result type"), max_length=24, choices=ResultType.choices, blank=True
    )
    result_description = models.CharField(
        _("result description"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Grade A–F” or “Score out of 100”."),
    )

    # Workload.
    workload_hours = models.DecimalField(
        _("workload (hours)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    credits = models.DecimalField(
        _("credits"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    credit_system = models.CharField(
        _("credit system"), max_length=16, choices=CreditSystem.choices, blank=True
    )
    credit_system_name = models.CharField(
        _("national credit system"),
        max_length=100,
        blank=True,
        help_text=_("Its name, for a national system."),
    )
    duration_amount = models.PositiveIntegerField(
        _("calendar duration"), null=True, blank=True
    )
    duration_unit = models.CharField(
        _("duration unit"), max_length=1, choices=DurationUnit.choices, blank=True
    )

    # Level and field.
    eqf_level = models.PositiveSmallIntegerField(
        _("EQF level"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("EQF levels run from 1 to 8.")),
            MaxValueValidator(8, message=_("EQF levels run from 1 to 8.")),
        ],
    )
    nqf_level = models.CharField(_("NQF level"), max_length=20, blank=True)
    nqf_framework = models.CharField(
        _("national qualifications framework"),
        max_length=100,
        blank=True,
        help_text=_("E.g. LKI (Latvia), NFQ (Ireland)."),
    )
    isced_f_code = models.CharField(
        _("field of study (ISCED-F)"), max_length=4, choices=ISCED_F_CHOICES, blank=True
    )

    # Participation.
    participation_forms = models.JSONField(
        _("form of participation"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(ParticipationForm.choices)],
    )
    languages_of_instruction = models.JSONField(
        _("languages of instruction"),
        default=list,
        blank=True,
        validators=[_validate_languages],
    )

    # Quality assurance.
    qa_type = models.CharField(
        _("quality assurance"),
        max_length=16,
        choices=QualityAssurance.choices,
        blank=True,
    )
    qa_body = models.CharField(_("quality assurance body"), max_length=200, blank=True)
    qa_body_url = models.URLField(_("quality assurance body URL"), blank=True)
    accreditation = models.CharField(
        _("accreditation status"), max_length=200, blank=True
    )
    is_full_qualification = models.BooleanField(_("full qualification"), default=False)
    part_of_qualification = models.CharField(
        _("part of qualification"),
        max_length=200,
        blank=True,
        help_text=_("The qualification it forms part of, if any."),
    )

    # Prerequisites, stackability, validity.
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    prerequisite_badges = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisite badges"),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_(
            "Credentials expire this long after they are issued. Leave empty for no expiry."
        ),
    )
    allows_requests = models.BooleanField(
        _("learners may request it"),
        default=False,
        help_text=_(
            "Signed-in learners can ask for this badge; awarders approve or deny each request."
        ),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BadgeClassQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("badge class")
        verbose_name_plural = _("badge classes")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="badge_class_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(eqf_level__isnull=True)
                | Q(eqf_level__gte=1, eqf_level__lte=8),
                name="badge_class_eqf_range",
            ),
            models.CheckConstraint(
                condition=Q(workload_hours__isnull=True) | Q(workload_hours__gte=0),
                name="badge_class_workload_positive",
            ),
            models.CheckConstraint(
                condition=Q(credits__isnull=True) | Q(credits__gte=0),
                name="badge_class_credits_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def image_is_png(self) -> bool:
        """Baked PNGs exist only for a PNG image (an SVG bakes into SVG only)."""
        return bool(self.image) and not self.image.name.endswith(".svg")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.credits is not None and not self.credit_system:
            errors["credit_system"] = _("Say which credit system the credits are in.")
        if self.credit_system == CreditSystem.NATIONAL and not self.credit_system_name:
            errors["credit_system_name"] = _("Name the national credit system.")
        if (self.duration_amount is None) != (not self.duration_unit):
            errors["duration_unit"] = _(
                "Give the calendar duration as a number and a unit."
            )
        if self.is_full_qualification and self.part_of_qualification:
            errors["part_of_qualification"] = _(
                "A full qualification is not part of another qualification."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_archived(self) -> bool:
        return self.status == Status.ARCHIVED

    @property
    def duration_iso(self) -> str:
        """The calendar duration as an ISO 8601 duration, e.g. ``P6W``."""
        return (
            f"P{self.duration_amount}{self.duration_unit}"
            if self.duration_amount and self.duration_unit
            else ""
        )

    @property
    def credit_system_label(self) -> str:
        if self.credit_system == CreditSystem.NATIONAL:
            return self.credit_system_name
        return self.credit_system


class LearningOutcome(Translatable):
    """One learning outcome, in order; it may point to a framework entry (e.g. an ESCO skill)."""

    TRANSLATABLE_FIELDS = ("text",)

    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.CASCADE, related_name="learning_outcomes"
    )
    position = models.PositiveSmallIntegerField()
    text = models.TextField(_("learning outcome"))
    framework = models.CharField(_("framework"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=100, blank=True)
    url = models.URLField(_("framework URL"), blank=True, max_length=500)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["badge_class", "position"], name="outcome_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text


class Alignment(models.Model):
    """An alignment to an external framework entry (OB 2.0 AlignmentObject, OB 3.0 Alignment)."""

    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.CASCADE, related_name="alignments"
    )
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    framework = models.CharField(_("framework"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """A partner organisation or co-issuer, and the role it played."""

    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.CASCADE, related_name="partners"
    )
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("URL"), blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class StackTarget(models.Model):
    """A larger credential this badge counts towards, here or elsewhere."""

    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.CASCADE, related_name="stack_targets"
    )
    position = models.PositiveSmallIntegerField()
    target = models.ForeignKey(
        BadgeClass,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stacked_from",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    url = models.URLField(_("URL"), blank=True)
    credits = models.DecimalField(
        _("credits contributed"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=False) | ~Q(name=""),
                name="stack_target_named",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        if self.target_id is None and not self.name.strip():
            raise ValidationError(
                {
                    "name": _(
                        "Choose a badge class or name the credential it counts towards."
                    )
                }
            )

    @property
    def display_name(self) -> str:
        return self.target.name if self.target_id else self.name


class AwardQuerySet(models.QuerySet):
    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def not_revoked(self):
        return self.filter(revoked_at__isnull=True)

    def expired(self, at=None):
        return self.filter(expires_at__isnull=False, expires_at__lte=at or now())

    def search(self, query: str):
        """Awards whose recipient address or name contains ``query`` (the staff search box)."""
        query = query.strip()
        if not query:
            return self
        return self.filter(
            Q(recipient_identity__icontains=query) | Q(recipient_name__icontains=query)
        )

    def in_state(self, state: str):
        """Awards in ``state`` (valid, revoked, expired); any other value filters nothing."""
        if state == "valid":
            return self.valid()
        if state == "revoked":
            return self.revoked()
        if state == "expired":
            return self.not_revoked().expired()
        return self

    def valid(self, at=None):
        """Neither revoked nor expired at ``at`` (default: now)."""
        return self.not_revoked().filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at or now())
        )


class Award(models.Model):
    """One recipient earned one badge class: the format-neutral record behind OB 2.0 and OB 3.0.

    The plain recipient identity and name are private; public documents carry
    ``recipient_hash`` (salted SHA-256) only. ``ob2_jws``, ``ob3_credential``
    and ``ob3_jwt`` are the signed forms, made by ``actions.sign_award``.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="awards"
    )
    # Denormalised from badge_class, for the per-issuer status list index constraint.
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="awards")

    recipient_type = models.CharField(
        _("recipient type"), max_length=16, choices=RecipientType.choices
    )
    recipient_identity = models.CharField(_("recipient"), max_length=320)
    recipient_salt = models.CharField(max_length=64)
    recipient_hash = models.CharField(max_length=80)
    recipient_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    show_name_publicly = models.BooleanField(default=False)

    issued_on = models.DateTimeField(_("issued on"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    result = models.CharField(_("result"), max_length=100, blank=True)
    route = models.CharField(
        _("route"), max_length=20, choices=AwardRoute.choices, default=AwardRoute.COURSE
    )

    # Position in the issuer's Bitstring Status List (OB 3.0 revocation), drawn at random.
    status_index = models.PositiveIntegerField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(
        _("revocation reason"), max_length=500, blank=True
    )

    ob2_jws = models.TextField(blank=True)
    ob3_credential = models.JSONField(null=True, blank=True)
    ob3_jwt = models.TextField(blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    # Awarding the same key twice for one badge class returns the first award (bulk uploads, API retries).
    idempotency_key = models.CharField(max_length=64, blank=True)
    # A renewal re-issues an award with a new validity and points back to it.
    renewed_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals"
    )

    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_type__in=RecipientType.values),
                name="award_recipient_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(route__in=AwardRoute.values), name="award_route_valid"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(expires_at__gt=models.F("issued_on")),
                name="award_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revocation_reason="")
                | Q(revoked_at__isnull=False),
                name="award_revocation_reason_with_date",
            ),
            models.UniqueConstraint(
                fields=["issuer", "status_index"], name="award_status_index_unique"
            ),
            models.UniqueConstraint(
                fields=["badge_class", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="award_idempotency_key_unique",
            ),
        ]
        indexes = [
            # The award lists per badge class, newest first.
            models.Index(fields=["badge_class", "-issued_on"]),
            # Finding a learner's awards by address.
            models.Index(fields=["recipient_identity"]),
        ]

    def __str__(self) -> str:
        return f"{self.badge_class} → {self.recipient_hash[:16]}…"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= now()

    @property
    def state(self) -> str:
        """One of ``revoked``, ``expired``, ``valid``."""
        if self.is_revoked:
            return "revoked"
        if self.is_expired:
            return "expired"
        return "valid"


class StatusList(models.Model):
    """An issuer's published, signed W3C Bitstring Status List credential (OB 3.0 revocation)."""

    issuer = models.OneToOneField(
        Issuer, on_delete=models.PROTECT, related_name="status_list"
    )
    document = models.JSONField()
    published_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Status list of {self.issuer}"


class BadgeRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Denied")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BadgeRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=BadgeRequestStatus.PENDING)


class BadgeRequest(models.Model):
    """A learner asks for a badge class that allows requests; staff approve (award) or deny.

    ``email`` is the learner's verified address the award goes to. ``issuer``
    repeats ``badge_class.issuer`` for the per-issuer queue. A request leaves
    ``pending`` once: ``decided_at`` is set with every other status.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="requests"
    )
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="badge_requests"
    )
    # Null once the learner has deleted their account: a decided request stays the issuer's record.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="badge_requests",
    )
    email = models.EmailField(_("e-mail address"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    evidence_url = models.URLField(_("evidence URL"), blank=True, max_length=500)
    evidence_narrative = models.TextField(_("evidence"), blank=True, max_length=5000)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=BadgeRequestStatus.choices,
        default=BadgeRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True, max_length=1000)
    award = models.ForeignKey(
        Award, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BadgeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("badge request")
        verbose_name_plural = _("badge requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BadgeRequestStatus.values),
                name="badge_request_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=BadgeRequestStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=BadgeRequestStatus.PENDING) & Q(decided_at__isnull=False)),
                name="badge_request_decided_at_unless_pending",
            ),
            models.CheckConstraint(
                condition=~Q(status=BadgeRequestStatus.DENIED) | ~Q(decision_reason=""),
                name="badge_request_denial_has_reason",
            ),
            # The award is linked after the approval claim, in the same transaction.
            models.CheckConstraint(
                condition=Q(award__isnull=True) | Q(status=BadgeRequestStatus.APPROVED),
                name="badge_request_award_only_when_approved",
            ),
            models.UniqueConstraint(
                fields=["badge_class", "user"],
                condition=Q(status=BadgeRequestStatus.PENDING),
                name="badge_request_one_pending_per_learner",
            ),
        ]
        indexes = [
            # The per-issuer queue, oldest pending first.
            models.Index(fields=["issuer", "status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.badge_class} ← {self.user}"

    @property
    def is_pending(self) -> bool:
        return self.status == BadgeRequestStatus.PENDING
