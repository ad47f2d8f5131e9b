"""Forms for the staff UI. They parse and validate input; actions do the writing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .models import Institution, Issuer, Role
from .translations import LANGUAGE_CHOICES


def apply_errors(
    form: forms.Form, exc: ValidationError, formsets: dict | None = None
) -> None:
    """Attach an action's ValidationError to the form fields (and formset rows) it names."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        prefix, _dot, rest = field.partition(".")
        if formsets and prefix in formsets and rest:
            index, _dot, subfield = rest.partition(".")
            rows = [
                f
                for f in formsets[prefix].forms
                if f.has_changed() and not row_deleted(f)
            ]
            if index.isdigit() and int(index) < len(rows):
                row = rows[int(index)]
                row.add_error(subfield if subfield in row.fields else None, errors)
                continue
        if field in form.fields:
            form.add_error(field, errors)
        else:
            form.add_error(None, [f"{field}: {m}" for e in errors for m in e.messages])


def row_deleted(form: forms.Form) -> bool:
    """Whether a formset row was ticked for deletion (False before it is cleaned)."""
    return (
        bool(form.cleaned_data.get("DELETE"))
        if hasattr(form, "cleaned_data")
        else False
    )


def https_urls(field, **kwargs):
    """ModelForm field callback: URLs typed without a scheme get https:// (Django 6.0's default)."""
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class LanguageField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", LANGUAGE_CHOICES)
        kwargs.setdefault("label", _("Primary language"))
        super().__init__(**kwargs)


class LanguagePicker(forms.CheckboxSelectMultiple):
    """About 90 languages as checkboxes under a text filter, the chosen ones first.

    Without JavaScript it is a plain list of checkboxes (static/js/badge-form.js
    shows the filter and the chosen-language chips). The field's label points
    at the filter box, so the label names what one types into.
    """

    template_name = "widgets/language_picker.html"

    def id_for_label(self, id_, index=None):
        if index is not None:
            return super().id_for_label(id_, index)
        return f"{id_}_filter" if id_ else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [
            option for group in context["widget"]["optgroups"] for option in group[1]
        ]
        # Chosen languages first; otherwise the order of LANGUAGE_CHOICES (by name).
        context["widget"]["options"] = sorted(options, key=lambda o: not o["selected"])
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's templates/ directory, which Django's default form renderer
        # does not search. Django's templates return SafeString, escaped inside.
        return render_to_string(template_name, context)


class LanguagesField(forms.MultipleChoiceField):
    """Several languages (e.g. of instruction), picked from LANGUAGE_CHOICES."""

    widget = LanguagePicker

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", LANGUAGE_CHOICES)
        kwargs.setdefault("label", _("Languages"))
        super().__init__(**kwargs)


class InstitutionForm(forms.ModelForm):
    language = LanguageField(initial="en")

    class Meta:
        formfield_callback = https_urls
        model = Institution
        fields = ["name", "description", "url", "country", "language"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class IssuerForm(forms.ModelForm):
    language = LanguageField(initial="en")
    image = forms.FileField(label=_("Logo (PNG or SVG)"), required=False)

    class Meta:
        formfield_callback = https_urls
        model = Issuer
        fields = [
            "name",
            "description",
            "url",
            "email",
            "telephone",
            "street_address",
            "locality",
            "region",
            "postal_code",
            "country",
            "language",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Role.choices, initial=Role.AWARDER
    )
    issuer = forms.ChoiceField(label=_("Where"), required=False)

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [("", _("The whole institution"))] + [
            (str(i.uuid), i.name) for i in issuers
        ]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class TranslationForm(forms.Form):
    """One language's texts for any translatable model (its TRANSLATABLE_FIELDS)."""

    def __init__(self, *args, instance, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        existing = instance.translations.get(language, {})
        for name in instance.TRANSLATABLE_FIELDS:
            model_field = type(instance)._meta.get_field(name)
            widget = (
                forms.Textarea(attrs={"rows": 3})
                if model_field.get_internal_type() == "TextField"
                else None
            )
            field = forms.CharField(
                label=model_field.verbose_name,
                required=False,
                initial=existing.get(name, ""),
                widget=widget,
            )
            field.original = getattr(instance, name)
            self.fields[name] = field

    def texts(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items()}


class CertificateSettingsForm(forms.Form):
    """Who signs the issuer's certificates, the image above the line, and the directory listing."""

    signatory_name = forms.CharField(
        label=_("Signatory's name"),
        max_length=200,
        required=False,
        help_text=_("Printed under the signature line, e.g. the dean or director."),
    )
    signatory_title = forms.CharField(
        label=_("Signatory's position"), max_length=200, required=False
    )
    signature_image = forms.FileField(
        label=_("Signature or seal (PNG or SVG)"),
        required=False,
        help_text=_(
            "Printed above the signature line. A transparent background looks best."
        ),
    )
    remove_signature_image = forms.BooleanField(
        label=_("Remove the signature or seal image"), required=False
    )
    listed_in_directory = forms.BooleanField(
        label=_("List in the public directory"),
        required=False,
        help_text=_(
            "Show this issuer and its published badges on the public pages Issuers and Badges."
        ),
    )
