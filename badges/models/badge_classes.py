"""Badge classes: what can be earned, with every EU micro-credential element."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from issuers.models import Issuer
from issuers.stored_images import upload_path
from issuers.translations import Translatable

from ..choices import (
    ISCED_F_CHOICES,
    AchievementType,
    AssessmentType,
    Assessor,
    CreditSystem,
    DurationUnit,
    IdentityVerification,
    ParticipationForm,
    QualityAssurance,
    ResultType,
    Status,
)
from .validators import (
    NOT_NEGATIVE,
    ChoiceListValidator,
    _validate_languages,
    _validate_tags,
)


def badge_image_path(badge_class: BadgeClass, filename: str) -> str:
    """``badges/<uuid>/image-<digest>.<ext>``: content-addressed (see issuers.stored_images)."""
    return upload_path("badges", badge_class.uuid, filename)


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
    image_alt = models.CharField(
        _("image description (alt text)"), max_length=300, blank=True
    )
    # The badge designer's choices (template, colours, icon, text), to reopen a design.
    image_design = models.JSONField(null=True, blank=True, editable=False)
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
