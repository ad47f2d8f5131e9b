"""Staff forms for badge classes: one form in sections, plus a formset per list."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from issuers.forms import LanguageField, TranslationForm, https_urls
from issuers.translations import LANGUAGE_CHOICES

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


class BadgeClassForm(forms.ModelForm):
    image = forms.FileField(
        label=_("Image (PNG or SVG)"),
        required=False,
        help_text=_(
            "Square, at least 90×90 pixels, at most 2 MB. SVGs may not contain scripts or external links."
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
    languages_of_instruction = forms.MultipleChoiceField(
        label=_("Languages of instruction"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
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

    def __init__(self, *args, institution, exclude_pk=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = BadgeClass.objects.filter(issuer__institution=institution).exclude(
            status="draft"
        )
        if exclude_pk:
            choices = choices.exclude(pk=exclude_pk)
        self.fields["prerequisite_badges"].queryset = choices
        self.fields["image"].widget.attrs["accept"] = "image/png,image/svg+xml"

    def sections(self):
        """Yield (anchor, title, bound fields) for the template."""
        for anchor, title, names in SECTIONS:
            yield anchor, title, [self[name] for name in names]

    def action_values(self) -> dict:
        """The cleaned values in the shape ``badges.actions`` takes."""
        data = dict(self.cleaned_data)
        data.pop("image", None)
        data.pop("prerequisite_badges", None)
        data["tags"] = [
            t.strip() for t in data.pop("tags_text", "").split(",") if t.strip()
        ]
        return data


class LearningOutcomeForm(forms.ModelForm):
    class Meta:
        formfield_callback = https_urls
        model = LearningOutcome
        fields = ["text", "framework", "code", "url"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"url": _("Framework entry URL (e.g. ESCO)")}


class AlignmentForm(forms.ModelForm):
    class Meta:
        formfield_callback = https_urls
        model = Alignment
        fields = ["name", "url", "framework", "code", "description"]


class PartnerForm(forms.ModelForm):
    class Meta:
        formfield_callback = https_urls
        model = Partner
        fields = ["name", "url", "role"]


class StackTargetForm(forms.ModelForm):
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
