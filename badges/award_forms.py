"""Staff forms for awarding and revoking one badge (the badge class's awards page)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .award_rules import check_result
from .choices import AwardRoute


class AwardForm(forms.Form):
    recipient_identity = forms.EmailField(label=_("Recipient's e-mail address"))
    recipient_name = forms.CharField(
        label=_("Recipient's name"), required=False, max_length=200
    )
    issued_on = forms.DateTimeField(
        label=_("Issue date"), required=False, help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    expires_at = forms.DateTimeField(
        label=_("Expiry date"), required=False, help_text=_("Leave empty for the badge class's validity period."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    route = forms.ChoiceField(
        label=_("Route"), choices=AwardRoute.choices, initial=AwardRoute.COURSE
    )
    result = forms.CharField(label=_("Result"), required=False, max_length=100)
    evidence_url = forms.URLField(
        label=_("Evidence URL"), required=False, assume_scheme="https"
    )
    narrative = forms.CharField(
        label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, badge_class=None, **kwargs) -> None:
        """Offer "Result" only when ``badge_class`` records one, labelled with its kind and description."""
        super().__init__(*args, **kwargs)
        self.records_result = bool(badge_class and badge_class.result_type)
        if not self.records_result:
            del self.fields["result"]
            return
        field = self.fields["result"]
        field.label = badge_class.get_result_type_display()
        field.help_text = badge_class.result_description or _(
            "The learner's result, as this badge class records it."
        )

    def clean(self):
        """Refuse a result for a class that records none, with the action's own rule and message."""
        cleaned = super().clean()
        if "result" in self.data and not self.records_result and self.data["result"]:
            # A form posted from an older page, or by hand: say so rather than drop it.
            try:
                check_result(self.data["result"], records_result=False)
            except forms.ValidationError as exc:
                self.add_error(None, exc.error_dict["result"])
        return cleaned

    def action_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.setdefault("result", "")
        url = data.pop("evidence_url")
        data["evidence"] = [{"url": url}] if url else []
        for key in ("issued_on", "expires_at"):
            if data[key] is None:
                data.pop(key)
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to verifiers)"), max_length=500)
