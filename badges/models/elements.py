"""The repeatable parts of a badge class: learning outcomes, alignments, partners, stack targets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from issuers.translations import Translatable

from .badge_classes import BadgeClass
from .validators import NOT_NEGATIVE


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
