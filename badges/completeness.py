"""How complete a badge class is against the EU micro-credential elements.

Council Recommendation 2022/C 243/02, Annex I, lists mandatory elements
(learner, title, provider, issue date, learning outcomes, workload, level,
assessment type, form of participation, quality assurance) and optional ones
(prerequisites, supervision and identity verification, grade, integration or
stackability, further information). The award supplies learner and date; the
rest is the badge class's to state. ``required`` marks what PRODUCT.md stars
(a class cannot be published without it); the rest is nudged for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import BadgeClass


@dataclass(frozen=True)
class Element:
    key: str
    label: Promise
    required: bool
    section: str  # the edit form's section anchor
    test: Callable[[BadgeClass], bool]


@dataclass(frozen=True)
class ElementState:
    element: Element
    done: bool


@dataclass(frozen=True)
class Completeness:
    states: tuple[ElementState, ...]

    @property
    def score(self) -> int:
        """Percent of elements stated, with the mandatory ones counting double."""
        weight = sum(2 if s.element.required else 1 for s in self.states)
        done = sum(2 if s.element.required else 1 for s in self.states if s.done)
        return round(100 * done / weight)

    @property
    def missing_required(self) -> list[Element]:
        return [s.element for s in self.states if s.element.required and not s.done]

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.states if s.done)


ELEMENTS: tuple[Element, ...] = (
    Element("title", _("Title"), True, "identity", lambda b: bool(b.name.strip())),
    Element(
        "description",
        _("Description"),
        True,
        "identity",
        lambda b: bool(b.description.strip()),
    ),
    Element("image", _("Image"), True, "identity", lambda b: bool(b.image)),
    Element(
        "awarding_body",
        _("Awarding body"),
        True,
        "identity",
        lambda b: b.issuer_id is not None,
    ),
    Element(
        "learning_outcomes",
        _("Learning outcomes"),
        True,
        "outcomes",
        lambda b: b.learning_outcomes.exists(),
    ),
    Element(
        "criteria",
        _("Criteria"),
        True,
        "assessment",
        lambda b: bool(b.criteria_narrative.strip() or b.criteria_url),
    ),
    Element(
        "assessment_type",
        _("Type of assessment"),
        True,
        "assessment",
        lambda b: bool(b.assessment_types),
    ),
    Element(
        "workload",
        _("Workload (hours or credits)"),
        False,
        "workload",
        lambda b: b.workload_hours is not None or b.credits is not None,
    ),
    Element(
        "level",
        _("Level (EQF or NQF)"),
        False,
        "level",
        lambda b: b.eqf_level is not None or bool(b.nqf_level),
    ),
    Element(
        "participation",
        _("Form of participation"),
        False,
        "participation",
        lambda b: bool(b.participation_forms),
    ),
    Element(
        "quality_assurance",
        _("Quality assurance"),
        False,
        "quality",
        lambda b: bool(b.qa_type),
    ),
    Element(
        "field_of_study",
        _("Field of study (ISCED-F)"),
        False,
        "level",
        lambda b: bool(b.isced_f_code),
    ),
    Element(
        "languages",
        _("Language(s) of instruction"),
        False,
        "participation",
        lambda b: bool(b.languages_of_instruction),
    ),
    Element(
        "identity_verification",
        _("Supervision and identity verification"),
        False,
        "assessment",
        lambda b: bool(b.identity_verification),
    ),
    Element(
        "prerequisites",
        _("Prerequisites"),
        False,
        "prerequisites",
        lambda b: bool(b.prerequisites.strip()) or b.prerequisite_badges.exists(),
    ),
    Element(
        "stackability",
        _("Stackability"),
        False,
        "prerequisites",
        lambda b: b.stack_targets.exists(),
    ),
    Element(
        "qualification_status",
        _("Relation to a full qualification"),
        False,
        "quality",
        lambda b: b.is_full_qualification or bool(b.part_of_qualification),
    ),
    Element(
        "validity",
        _("Validity period"),
        False,
        "prerequisites",
        lambda b: b.validity_months is not None,
    ),
    Element(
        "alignments",
        _("Alignments to frameworks"),
        False,
        "outcomes",
        lambda b: b.alignments.exists(),
    ),
)


def completeness(badge_class: BadgeClass) -> Completeness:
    """Return which EU elements ``badge_class`` states (a few queries for the related lists)."""
    return Completeness(
        tuple(ElementState(e, bool(e.test(badge_class))) for e in ELEMENTS)
    )
