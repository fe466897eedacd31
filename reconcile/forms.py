from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from django import forms

from .models import Discrepancy

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CUSTOM = "__custom__"


class ResolveForm(forms.Form):
    choice = forms.ChoiceField(widget=forms.RadioSelect, label="Correct value")
    custom_value = forms.CharField(required=False, max_length=500, label="Or write the value")
    verdict = forms.ChoiceField(choices=Discrepancy.Verdict.choices)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://… one link per line"}),
        label="Evidence links",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, values: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice = self.fields["choice"]
        assert isinstance(choice, forms.ChoiceField)  # declared above; `fields` holds any Field
        choice.choices = [(v, v) for v in values] + [(CUSTOM, "Other:")]

    def clean_evidence(self) -> list[str]:
        links = [
            line.strip() for line in self.cleaned_data["evidence"].splitlines() if line.strip()
        ]
        for link in links:
            parsed = urlparse(link)
            if parsed.scheme not in {"http", "https"} or not parsed.netloc:
                raise forms.ValidationError(f"{link!r} is not a web link (http:// or https://).")
        return links

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns
        if data.get("choice") == CUSTOM:
            if not data.get("custom_value", "").strip():
                self.add_error("custom_value", "Write the correct value, or pick one above.")
            data["value"] = data.get("custom_value", "").strip()
        else:
            data["value"] = data.get("choice", "")
        return data


class WorkflowForm(forms.Form):
    status = forms.ChoiceField(choices=Discrepancy.Status.choices)
    assignee = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, members: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.TypedChoiceField)  # declared above
        assignee.choices = [("", "Nobody")] + [(m.pk, m.get_username()) for m in members]


class ClaimVerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        choices=[("", "Not checked"), *Discrepancy.Verdict.choices], required=False
    )


class ConflictFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "All kinds"), *Discrepancy.Kind.choices], required=False)
    severity = forms.ChoiceField(
        choices=[("", "All severities"), *Discrepancy.Severity.choices], required=False
    )
    status = forms.ChoiceField(
        choices=[("", "All statuses"), *Discrepancy.Status.choices], required=False
    )
