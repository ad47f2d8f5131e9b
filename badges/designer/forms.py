"""The designer's choices, checked: one form for the page, the preview and the PNG download."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .icons import ICONS
from .svg import DEFAULT_PALETTE, PALETTES, SHAPES, Design, DoesNotFit, contrast, fit

TITLE_MAX = 90
SUBTITLE_MAX = 40
MIN_CONTRAST = 3.0  # WCAG 2 for large text: the title is bold and at least 20 px of 512

BAD_COLOUR = _("Give a colour as # and six hexadecimal digits, for example #1d3557.")
LOW_CONTRAST = _(
    "The text colour and the background colour are too alike (contrast %(ratio)s:1; "
    "at least 3:1 is needed for the title to be read)."
)
TITLE_DOES_NOT_FIT = _(
    "The title does not fit this shape on three lines, even in small type. "
    "Shorten it, or choose a roomier shape (circle, seal or rounded square)."
)
SUBTITLE_DOES_NOT_FIT = _("The subtitle does not fit on one line; shorten it.")
NO_LOGO = _("This issuer has no logo to add; upload one on the issuer's page.")


def _colour_field(label) -> forms.RegexField:
    return forms.RegexField(
        label=label,
        regex=r"^#[0-9a-fA-F]{6}$",
        error_messages={"invalid": BAD_COLOUR},
        widget=forms.TextInput(attrs={"type": "color"}),
    )


class DesignForm(forms.Form):
    shape = forms.ChoiceField(
        label=_("Shape"),
        choices=[(key, shape.label) for key, shape in SHAPES.items()],
        widget=forms.RadioSelect,
    )
    primary = _colour_field(_("Background colour"))
    accent = _colour_field(_("Border colour"))
    text = _colour_field(_("Text and icon colour"))
    icon = forms.ChoiceField(
        label=_("Icon"),
        choices=[("", _("No icon")), *ICONS.items()],
        required=False,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    subtitle = forms.CharField(
        label=_("Subtitle"),
        max_length=SUBTITLE_MAX,
        required=False,
        help_text=_("Optional: a level, a year or a short motto."),
    )
    logo = forms.BooleanField(label=_("Add the issuer's logo"), required=False)

    def __init__(self, *args, has_logo: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.has_logo = has_logo
        if not has_logo:
            self.fields["logo"].disabled = True
            self.fields["logo"].help_text = NO_LOGO

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        ratio = contrast(data["primary"], data["text"])
        if ratio < MIN_CONTRAST:
            self.add_error(
                "text",
                ValidationError(
                    LOW_CONTRAST,
                    code="low_contrast",
                    params={"ratio": f"{ratio:.1f}"},
                ),
            )
            return data
        try:
            fit(self.design(data))
        except DoesNotFit as exc:
            message = (
                TITLE_DOES_NOT_FIT if exc.field == "title" else SUBTITLE_DOES_NOT_FIT
            )
            self.add_error(exc.field, ValidationError(message, code="does_not_fit"))
        return data

    def design(self, data: dict | None = None) -> Design:
        """The checked choices (call after ``is_valid``)."""
        data = data if data is not None else self.cleaned_data
        return Design(
            shape=data["shape"],
            primary=data["primary"].lower(),
            accent=data["accent"].lower(),
            text=data["text"].lower(),
            icon=data["icon"],
            title=" ".join(data["title"].split()),
            subtitle=" ".join(data["subtitle"].split()),
            logo=bool(data["logo"]) and self.has_logo,
        )


class AltForm(forms.Form):
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        max_length=300,
        help_text=_(
            "Read out to people who cannot see the image, and shown when it does not load."
        ),
    )


def initial_choices(badge_class, *, palette: str = DEFAULT_PALETTE) -> dict:
    """The choices to start from: the saved design, else a first suggestion from the class itself."""
    saved = badge_class.image_design or {}
    primary, accent, text = PALETTES[palette][1]
    start = {
        "shape": "circle",
        "primary": primary,
        "accent": accent,
        "text": text,
        "icon": "award",
        "title": badge_class.name[:TITLE_MAX],
        "subtitle": "",
        "logo": False,
    }
    return {
        key: saved.get(key, value)
        for key, value in start.items()
        if key != "version" and key in DesignForm.base_fields
    }
