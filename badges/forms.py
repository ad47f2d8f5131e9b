"""Staff forms for badge classes: one form in sections, plus a formset per list."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from issuers.forms import (
    LanguageField,
    LanguagesField,
    TranslationForm,
    https_urls,
    row_deleted,
)

from .actions.badge_classes import BADGE_CLASS_FIELDS
from .choices import AssessmentType, ParticipationForm
from .models import Alignment, BadgeClass, LearningOutcome, Partner, StackTarget

SECTIONS = (
    (
        "identity",
        _("Title, description and image"),
        (
            "name",
            "description",
            "image",
            "image_alt",
            "language",
            "achievement_type",
            "is_participation",
            "human_code",
            "tags_text",
            "course_provider",
        ),
    ),
    ("outcomes", _("Learning outcomes and alignments"), ()),
    (
        "assessment",
        _("Criteria and assessment"),
        (
            "criteria_narrative",
            "criteria_url",
            "assessment_types",
            "assessor",
            "identity_verification",
            "result_type",
            "result_description",
            "allows_requests",
        ),
    ),
    (
        "workload",
        _("Workload"),
        (
            "workload_hours",
            "credits",
            "credit_system",
            "credit_system_name",
            "duration_amount",
            "duration_unit",
        ),
    ),
    (
        "level",
        _("Level and field of study"),
        ("eqf_level", "nqf_level", "nqf_framework", "isced_f_code"),
    ),
    (
        "participation",
        _("Participation and language"),
        ("participation_forms", "languages_of_instruction"),
    ),
    (
        "quality",
        _("Quality assurance"),
        (
            "qa_type",
            "qa_body",
            "qa_body_url",
            "accreditation",
            "is_full_qualification",
            "part_of_qualification",
        ),
    ),
    (
        "prerequisites",
        _("Prerequisites, stacking and validity"),
        (
            "prerequisites",
            "prerequisite_badges",
            "validity_months",
        ),
    ),
)


# The section of the form each list (formset) is edited in.
LIST_SECTIONS = {
    "partners": "identity",
    "learning_outcomes": "outcomes",
    "alignments": "outcomes",
    "stack_targets": "prerequisites",
}

IMAGE_ALT_REQUIRED = _(
    "Describe the image in a few words: people who cannot see it hear or read this "
    "description instead (its alt text)."
)


class BadgeClassForm(forms.ModelForm):
    image = forms.FileField(
        label=_("Image (PNG or SVG)"),
        required=False,
        help_text=_(
            "Square, at least 90×90 pixels, at most 2 MB. SVGs may not contain scripts or external links."
        ),
    )
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        required=False,
        max_length=300,
        help_text=_(
            "Needed with an image. Say what it shows, e.g. “A green shield with a welding torch and the "
            "words Pipe welding”."
        ),
    )
    language = LanguageField(initial="en")
    tags_text = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separated by commas.")
    )
    assessment_types = forms.MultipleChoiceField(
        label=_("Type of assessment"),
        choices=AssessmentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participation_forms = forms.MultipleChoiceField(
        label=_("Form of participation"),
        choices=ParticipationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages_of_instruction = LanguagesField(
        label=_("Languages of instruction"), required=False
    )
    prerequisite_badges = forms.ModelMultipleChoiceField(
        label=_("Prerequisite badges"),
        queryset=BadgeClass.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    class Meta:
        formfield_callback = https_urls
        model = BadgeClass
        # Every field the actions take, except those this form edits its own way.
        fields = [f for f in BADGE_CLASS_FIELDS if f not in ("tags", "translations")]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "criteria_narrative": forms.Textarea(attrs={"rows": 6}),
            "prerequisites": forms.Textarea(attrs={"rows": 2}),
            "eqf_level": forms.NumberInput(attrs={"min": 1, "max": 8}),
            "workload_hours": forms.NumberInput(attrs={"min": 0, "step": "0.5"}),
            "credits": forms.NumberInput(attrs={"min": 0, "step": "0.5"}),
        }

    def __init__(self, *args, institution, exclude_pk=None, has_image=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_image = has_image
        choices = BadgeClass.objects.filter(issuer__institution=institution).exclude(
            status="draft"
        )
        if exclude_pk:
            choices = choices.exclude(pk=exclude_pk)
        self.fields["prerequisite_badges"].queryset = choices
        self.fields["image"].widget.attrs["accept"] = "image/png,image/svg+xml"

    def clean(self):
        cleaned = super().clean()
        image_alt = (cleaned.get("image_alt") or "").strip()
        cleaned["image_alt"] = image_alt
        if (self.has_image or cleaned.get("image")) and not image_alt:
            self.add_error(
                "image_alt",
                forms.ValidationError(IMAGE_ALT_REQUIRED, code="image_alt_required"),
            )
        return cleaned

    def sections(self):
        """Yield (anchor, title, bound fields) for the template."""
        for anchor, title, names in SECTIONS:
            yield anchor, title, [self[name] for name in names]

    def action_values(self) -> dict:
        """The cleaned values in the shape ``badges.actions`` takes."""
        data = dict(self.cleaned_data)
        data.pop("image", None)
        if "image_alt" not in BADGE_CLASS_FIELDS:
            # Until badges.actions takes the alt text (a line the lead adds to
            # BADGE_CLASS_FIELDS), it is checked here but cannot be stored.
            data.pop("image_alt", None)
        data.pop("prerequisite_badges", None)
        data["tags"] = [
            t.strip() for t in data.pop("tags_text", "").split(",") if t.strip()
        ]
        return data


class _RowForm(forms.ModelForm):
    """One row of a list; the formset adds its DELETE box, which the page shows apart."""

    def row_fields(self):
        return [self[name] for name in self.fields if name != "DELETE"]


class LearningOutcomeForm(_RowForm):
    class Meta:
        formfield_callback = https_urls
        model = LearningOutcome
        fields = ["text", "framework", "code", "url"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"url": _("Framework entry URL (e.g. ESCO)")}


class AlignmentForm(_RowForm):
    class Meta:
        formfield_callback = https_urls
        model = Alignment
        fields = ["name", "url", "framework", "code", "description"]


class PartnerForm(_RowForm):
    class Meta:
        formfield_callback = https_urls
        model = Partner
        fields = ["name", "url", "role"]


class StackTargetForm(_RowForm):
    def __init__(self, *args, institution=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = BadgeClass.objects.filter(
            issuer__institution=institution
        )
        self.fields["target"].required = False

    class Meta:
        formfield_callback = https_urls
        model = StackTarget
        fields = ["target", "name", "url", "credits"]
        labels = {
            "target": _("Badge class here"),
            "name": _("…or a credential elsewhere"),
        }


def _formset(form, extra: int):
    return forms.formset_factory(form, extra=extra, can_delete=True)


LIST_FORMSETS = {
    "learning_outcomes": (
        _formset(LearningOutcomeForm, 2),
        _("Learning outcomes"),
        ("text", "framework", "code", "url"),
    ),
    "alignments": (
        _formset(AlignmentForm, 1),
        _("Alignments"),
        ("name", "url", "framework", "code", "description"),
    ),
    "partners": (
        _formset(PartnerForm, 1),
        _("Partners and co-issuers"),
        ("name", "url", "role"),
    ),
    "stack_targets": (
        _formset(StackTargetForm, 1),
        _("Counts towards"),
        ("target", "name", "url", "credits"),
    ),
}


# The buttons that add and remove a row of each list (static/js/badge-form.js).
LIST_BUTTONS = {
    "learning_outcomes": (_("Add a learning outcome"), _("Remove this outcome")),
    "alignments": (_("Add an alignment"), _("Remove this alignment")),
    "partners": (_("Add a partner"), _("Remove this partner")),
    "stack_targets": (_("Add a credential it counts towards"), _("Remove this one")),
}


@dataclass
class FormList:
    key: str
    title: Promise
    formset: forms.BaseFormSet

    @property
    def add_label(self) -> Promise:
        return LIST_BUTTONS[self.key][0]

    @property
    def remove_label(self) -> Promise:
        return LIST_BUTTONS[self.key][1]

    @property
    def has_errors(self) -> bool:
        return bool(self.formset.is_bound and self.formset.non_form_errors()) or any(
            row.errors for row in self.formset.forms if not row_deleted(row)
        )


@dataclass
class Section:
    """One step of the badge class form: its fields and the lists edited in it."""

    anchor: str
    title: Promise
    number: int
    fields: list
    lists: list[FormList]
    # Neighbours, left out of repr and comparison, which would otherwise recurse.
    previous: Section | None = field(default=None, repr=False, compare=False)
    next: Section | None = field(default=None, repr=False, compare=False)

    @property
    def has_errors(self) -> bool:
        return any(f.errors for f in self.fields) or any(
            lst.has_errors for lst in self.lists
        )


def form_sections(form: BadgeClassForm, formsets: dict) -> list[Section]:
    """The form's sections in order, each with its bound fields and formsets."""
    sections = [
        Section(
            anchor,
            title,
            number,
            fields,
            [
                FormList(key, LIST_FORMSETS[key][1], formsets[key])
                for key, section in LIST_SECTIONS.items()
                if section == anchor
            ],
        )
        for number, (anchor, title, fields) in enumerate(form.sections(), start=1)
    ]
    for section, following in zip(sections, sections[1:], strict=False):
        section.next, following.previous = following, section
    return sections


def build_formsets(data, *, institution, badge_class: BadgeClass | None = None) -> dict:
    """Bound (POST) or initial formsets for each list, keyed like the action's arguments."""
    formsets = {}
    for key, (formset_class, _title, fields) in LIST_FORMSETS.items():
        initial = None
        if badge_class is not None and data is None:
            initial = [
                {f: getattr(obj, f) for f in fields}
                for obj in getattr(badge_class, key).all()
            ]
        kwargs = (
            {"form_kwargs": {"institution": institution}}
            if key == "stack_targets"
            else {}
        )
        formsets[key] = formset_class(data, prefix=key, initial=initial, **kwargs)
    return formsets


def formset_values(formsets: dict) -> dict[str, list[dict]]:
    """Rows that were filled in and not deleted, in order."""
    return {
        key: [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in formset.forms
            if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        for key, formset in formsets.items()
    }


class BadgeClassTranslationForm(TranslationForm):
    """One language's texts for a badge class, and for its learning outcomes."""

    def __init__(self, *args, badge_class: BadgeClass, language: str, **kwargs):
        super().__init__(*args, instance=badge_class, language=language, **kwargs)
        for outcome in badge_class.learning_outcomes.all():
            field = forms.CharField(
                label=_("Learning outcome %(n)d") % {"n": outcome.position + 1},
                required=False,
                initial=outcome.translations.get(language, {}).get("text", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            field.original = outcome.text
            self.fields[f"outcome_{outcome.position}"] = field

    def texts(self) -> dict[str, str]:
        return {
            n: v for n, v in self.cleaned_data.items() if not n.startswith("outcome_")
        }

    def outcomes(self) -> list[str]:
        return [v for k, v in self.cleaned_data.items() if k.startswith("outcome_")]
