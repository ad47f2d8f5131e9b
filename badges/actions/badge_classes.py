"""Every state change of badge classes. Each runs in one transaction and writes an AuditEvent.

Nested lists (learning outcomes, alignments, partners, stack targets) are
given whole and replace what was there: ``None`` leaves a list unchanged.
Errors name the field concerned, with list items as ``learning_outcomes.2.url``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import changed_fields, record
from issuers.actions import checked_image, store_image
from issuers.models import Issuer
from issuers.translations import LANGUAGE_NAMES, UNKNOWN_LANGUAGE, clean_translations

from ..choices import Status
from ..completeness import completeness
from ..models import Alignment, BadgeClass, LearningOutcome, Partner, StackTarget

BADGE_CLASS_FIELDS = (
    "name",
    "description",
    "image_alt",
    "human_code",
    "achievement_type",
    "is_participation",
    "tags",
    "course_provider",
    "criteria_narrative",
    "criteria_url",
    "assessment_types",
    "assessor",
    "identity_verification",
    "result_type",
    "result_description",
    "workload_hours",
    "credits",
    "credit_system",
    "credit_system_name",
    "duration_amount",
    "duration_unit",
    "eqf_level",
    "nqf_level",
    "nqf_framework",
    "isced_f_code",
    "participation_forms",
    "languages_of_instruction",
    "qa_type",
    "qa_body",
    "qa_body_url",
    "accreditation",
    "is_full_qualification",
    "part_of_qualification",
    "prerequisites",
    "validity_months",
    "allows_requests",
    "language",
    "translations",
)

ISSUER_ARCHIVED = gettext_noop(
    "This issuer is archived: it takes no new badge classes."
)
ARCHIVED_READ_ONLY = gettext_noop(
    "This badge class is archived and can no longer be changed."
)
CANNOT_PUBLISH = gettext_noop("Before publishing, add: %(missing)s.")
PREREQUISITE_SELF = gettext_noop("A badge class cannot be its own prerequisite.")
STACK_SELF = gettext_noop("A badge class cannot stack into itself.")
OTHER_INSTITUTION = gettext_noop("Choose a badge class of the same institution.")


def _item_errors(prefix: str, index: int, error: ValidationError) -> dict[str, list]:
    if hasattr(error, "error_dict"):
        return {
            f"{prefix}.{index}.{field}": errors
            for field, errors in error.error_dict.items()
        }
    return {f"{prefix}.{index}": error.error_list}


def _build_items(
    model, badge_class: BadgeClass, prefix: str, items: Sequence[dict], exclude=()
) -> list:
    """Instantiate and validate list items; raise one ValidationError naming every bad item."""
    built, errors = [], {}
    for index, values in enumerate(items):
        obj = model(badge_class=badge_class, position=index, **values)
        try:
            obj.full_clean(
                exclude=["badge_class", *exclude],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors.update(_item_errors(prefix, index, exc))
        built.append(obj)
    if errors:
        raise ValidationError(errors)
    return built


def _validate_related(
    badge_class: BadgeClass, prerequisite_badges, stack_targets
) -> None:
    errors: dict[str, Any] = {}
    institution_id = badge_class.issuer.institution_id
    for other in prerequisite_badges or ():
        if other.pk is not None and other.pk == badge_class.pk:
            errors["prerequisite_badges"] = _(PREREQUISITE_SELF)
        elif other.issuer.institution_id != institution_id:
            errors["prerequisite_badges"] = _(OTHER_INSTITUTION)
    for index, item in enumerate(stack_targets or ()):
        target = item.get("target")
        if target is None:
            continue
        if target.pk == badge_class.pk:
            errors[f"stack_targets.{index}.target"] = _(STACK_SELF)
        elif target.issuer.institution_id != institution_id:
            errors[f"stack_targets.{index}.target"] = _(OTHER_INSTITUTION)
    if errors:
        raise ValidationError(errors)


def _apply_fields(badge_class: BadgeClass, values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(BADGE_CLASS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown badge class fields: {', '.join(sorted(unknown))}")
    before = {name: getattr(badge_class, name) for name in values}
    for name, value in values.items():
        if (
            name in ("workload_hours", "credits")
            and value is not None
            and not isinstance(value, Decimal)
        ):
            value = Decimal(str(value))
        setattr(badge_class, name, value)
    return before


def _plan_lists(
    badge_class: BadgeClass,
    *,
    learning_outcomes: Sequence[dict] | None,
    alignments: Sequence[dict] | None,
    partners: Sequence[dict] | None,
    stack_targets: Sequence[dict] | None,
    prerequisite_badges: Sequence[BadgeClass] | None,
) -> tuple[list, Sequence[BadgeClass] | None]:
    """Validate every list without writing anything; return what ``_replace_lists`` writes."""
    _validate_related(badge_class, prerequisite_badges, stack_targets)
    plans = []
    for model, prefix, items in (
        (LearningOutcome, "learning_outcomes", learning_outcomes),
        (Alignment, "alignments", alignments),
        (Partner, "partners", partners),
        (StackTarget, "stack_targets", stack_targets),
    ):
        if items is not None:
            if model is LearningOutcome:
                items = [{"language": badge_class.language, **item} for item in items]
            plans.append((model, _build_items(model, badge_class, prefix, items)))
    return plans, prerequisite_badges


def _replace_lists(
    badge_class: BadgeClass, plan: tuple[list, Sequence[BadgeClass] | None]
) -> dict[str, Any]:
    """Replace the planned lists; return a summary for the audit log."""
    plans, prerequisite_badges = plan
    summary = {}
    for model, objects in plans:
        model.objects.filter(badge_class=badge_class).delete()
        model.objects.bulk_create(objects)
        summary[model._meta.model_name] = len(objects)
    if prerequisite_badges is not None:
        badge_class.prerequisite_badges.set(prerequisite_badges)
        summary["prerequisite_badges"] = [str(b.uuid) for b in prerequisite_badges]
    return summary


@transaction.atomic
def create_badge_class(
    *,
    issuer: Issuer,
    acting_user,
    image: bytes | None = None,
    learning_outcomes: Sequence[dict] = (),
    alignments: Sequence[dict] = (),
    partners: Sequence[dict] = (),
    stack_targets: Sequence[dict] = (),
    prerequisite_badges: Sequence[BadgeClass] = (),
    **values: Any,
) -> BadgeClass:
    """Create a draft badge class for ``issuer``; publish it with ``publish_badge_class``."""
    if issuer.is_archived:
        raise ValidationError(_(ISSUER_ARCHIVED), code="issuer_archived")
    badge_class = BadgeClass(issuer=issuer, created_by=acting_user, status=Status.DRAFT)
    _apply_fields(badge_class, values)
    checked = checked_image(image) if image is not None else None
    badge_class.full_clean()
    plan = _plan_lists(
        badge_class,
        learning_outcomes=learning_outcomes,
        alignments=alignments,
        partners=partners,
        stack_targets=stack_targets,
        prerequisite_badges=prerequisite_badges,
    )
    if checked is not None:
        store_image(badge_class, checked, "image")
    badge_class.save()
    lists = _replace_lists(badge_class, plan)
    record(
        "badge_class.created",
        actor=acting_user,
        target=badge_class,
        institution=issuer.institution,
        issuer=issuer,
        data={"name": badge_class.name, **lists},
    )
    return badge_class


@transaction.atomic
def update_badge_class(
    *,
    badge_class: BadgeClass,
    acting_user,
    image: bytes | None = None,
    learning_outcomes: Sequence[dict] | None = None,
    alignments: Sequence[dict] | None = None,
    partners: Sequence[dict] | None = None,
    stack_targets: Sequence[dict] | None = None,
    prerequisite_badges: Sequence[BadgeClass] | None = None,
    **values: Any,
) -> BadgeClass:
    """Change a badge class. Lists given replace the old ones; ``None`` keeps them."""
    if badge_class.is_archived:
        raise ValidationError(_(ARCHIVED_READ_ONLY), code="archived")
    before = _apply_fields(badge_class, values)
    checked = checked_image(image) if image is not None else None
    badge_class.full_clean()
    plan = _plan_lists(
        badge_class,
        learning_outcomes=learning_outcomes,
        alignments=alignments,
        partners=partners,
        stack_targets=stack_targets,
        prerequisite_badges=prerequisite_badges,
    )
    if checked is not None:
        before["image"] = badge_class.image.name
        store_image(badge_class, checked, "image")
    badge_class.save()
    lists = _replace_lists(badge_class, plan)
    if "language" in before and before["language"] != badge_class.language:
        _follow_primary_language(badge_class)
    record(
        "badge_class.updated",
        actor=acting_user,
        target=badge_class,
        institution=badge_class.issuer.institution,
        issuer=badge_class.issuer,
        data={**changed_fields(badge_class, before), **lists},
    )
    return badge_class


def _follow_primary_language(badge_class: BadgeClass) -> None:
    """Give the outcomes the class's new primary language; a translation into it is dropped."""
    for outcome in badge_class.learning_outcomes.all():
        outcome.language = badge_class.language
        outcome.translations = {
            k: v for k, v in outcome.translations.items() if k != badge_class.language
        }
        outcome.save(update_fields=["language", "translations"])


@transaction.atomic
def set_badge_class_translation(
    *,
    badge_class: BadgeClass,
    language: str,
    texts: dict[str, str],
    outcomes: Sequence[str] = (),
    acting_user,
) -> BadgeClass:
    """Set (or, with empty texts, remove) one language's translation of a badge class and its outcomes."""
    if badge_class.is_archived:
        raise ValidationError(_(ARCHIVED_READ_ONLY), code="archived")
    if language not in LANGUAGE_NAMES:
        raise ValidationError(
            {"language": ValidationError(UNKNOWN_LANGUAGE, params={"code": language})}
        )
    translations = {**badge_class.translations, language: texts}
    badge_class.translations = clean_translations(
        translations,
        fields=BadgeClass.TRANSLATABLE_FIELDS,
        primary=badge_class.language,
        model=badge_class,
    )
    badge_class.full_clean()
    badge_class.save(update_fields=["translations", "updated_at"])
    # Outcomes beyond the texts given lose this language's translation, as do all
    # of them when the whole translation is removed.
    texts_for_outcomes = list(outcomes) if language in badge_class.translations else []
    for index, outcome in enumerate(badge_class.learning_outcomes.all()):
        text = texts_for_outcomes[index] if index < len(texts_for_outcomes) else ""
        outcome.translations = clean_translations(
            {**outcome.translations, language: {"text": text}},
            fields=("text",),
            primary=outcome.language,
        )
        outcome.save(update_fields=["translations"])
    record(
        "badge_class.translated",
        actor=acting_user,
        target=badge_class,
        institution=badge_class.issuer.institution,
        issuer=badge_class.issuer,
        data={"language": language},
    )
    return badge_class


@transaction.atomic
def publish_badge_class(*, badge_class: BadgeClass, acting_user) -> BadgeClass:
    """Publish a draft: its public page appears and it can be awarded."""
    if badge_class.status == Status.PUBLISHED:
        return badge_class
    if badge_class.is_archived:
        raise ValidationError(_(ARCHIVED_READ_ONLY), code="archived")
    missing = completeness(badge_class).missing_required
    if missing:
        raise ValidationError(
            _(CANNOT_PUBLISH) % {"missing": ", ".join(str(e.label) for e in missing)},
            code="incomplete",
        )
    badge_class.status = Status.PUBLISHED
    badge_class.save(update_fields=["status", "updated_at"])
    record(
        "badge_class.published",
        actor=acting_user,
        target=badge_class,
        institution=badge_class.issuer.institution,
        issuer=badge_class.issuer,
    )
    return badge_class


@transaction.atomic
def archive_badge_class(*, badge_class: BadgeClass, acting_user) -> BadgeClass:
    """Archive a badge class: it can no longer be awarded or edited; its public URLs stay."""
    if badge_class.is_archived:
        return badge_class
    badge_class.status = Status.ARCHIVED
    badge_class.save(update_fields=["status", "updated_at"])
    record(
        "badge_class.archived",
        actor=acting_user,
        target=badge_class,
        institution=badge_class.issuer.institution,
        issuer=badge_class.issuer,
    )
    return badge_class
