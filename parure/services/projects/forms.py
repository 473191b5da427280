"""The projects pages' forms: they bound what is typed; the services decide what is right."""

from __future__ import annotations

from typing import Any

from django import forms

from parure.services.projects import services
from parure.services.projects.choices import FileKind, MaterialKind, MilestoneKind, ProjectMetal, SignOffMethod

_DATE = forms.DateInput(attrs={"type": "date"})


class ProjectForm(forms.Form):
    client_number = forms.CharField(max_length=40, label="Client number", help_text="e.g. C-000412-3")
    title = forms.CharField(max_length=services.TITLE_MAX)
    brief = forms.CharField(max_length=services.BRIEF_MAX, widget=forms.Textarea(attrs={"rows": 6}),
                            label="The client's brief")  # fmt: skip
    designer = forms.TypedChoiceField(coerce=int, label="Designer")
    metal = forms.ChoiceField(choices=ProjectMetal.choices, label="Principal metal")
    metal_weight_g = forms.CharField(max_length=12, required=False, label="Estimated metal weight (g)")
    budget = forms.CharField(max_length=20, required=False, label="Client's budget")
    currency = forms.CharField(max_length=3, required=False, help_text="The office's currency when left empty.")
    included_revisions = forms.IntegerField(min_value=0, max_value=services.MAX_REVISIONS_INCLUDED, initial=3,
                                            label="CAD revisions included")  # fmt: skip

    def __init__(self, *args: Any, designers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["designer"].choices = [(d.pk, d.get_full_name()) for d in designers]  # type: ignore[attr-defined]


class CompleteForm(forms.Form):
    milestone = forms.ChoiceField(choices=MilestoneKind.choices, widget=forms.HiddenInput)
    signatory = forms.CharField(max_length=services.SIGNATORY_MAX, required=False, label="Signed for the client by")
    method = forms.ChoiceField(choices=[("", "—"), *SignOffMethod.choices], required=False, label="How")
    signed_at = forms.DateTimeField(required=False, label="When (empty for now)",
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))  # fmt: skip
    note = forms.CharField(max_length=services.NOTE_MAX, required=False)


class RevisionForm(forms.Form):
    note = forms.CharField(max_length=services.NOTE_MAX, label="What changed in this revision")


class DueForm(forms.Form):
    milestone = forms.ChoiceField(choices=MilestoneKind.choices, widget=forms.HiddenInput)
    due_on = forms.DateField(required=False, widget=_DATE, label="Due")


class QuoteForm(forms.Form):
    amount = forms.CharField(max_length=20)
    metal_basis = forms.CharField(max_length=services.BASIS_MAX, label="Metal price basis",
                                  help_text="e.g. Platinum at USD 965/oz (LPPM, 1 December)")  # fmt: skip
    valid_until = forms.DateField(widget=_DATE)
    extra_revision_price = forms.CharField(max_length=20, initial="0", label="Price of each extra CAD revision")


class ScheduleForm(forms.Form):
    deposit = forms.CharField(max_length=20, label="Deposit at the agreement")
    stage = forms.CharField(max_length=20, initial="0", label="Stage payment at written approval")
    balance = forms.CharField(max_length=20, label="Balance at delivery")


class FileForm(forms.Form):
    milestone = forms.ChoiceField(choices=MilestoneKind.choices)
    kind = forms.ChoiceField(choices=FileKind.choices, label="What it is")
    caption = forms.CharField(max_length=services.CAPTION_MAX, required=False)
    file = forms.FileField(help_text="PDF, JPEG, PNG, WebP, STL, 3DM, STEP or OBJ.")


class ReserveForm(forms.Form):
    stock_number = forms.CharField(max_length=40, label="Stock number",
                                   widget=forms.TextInput(attrs={"autocomplete": "off"}))  # fmt: skip
    kind = forms.ChoiceField(choices=MaterialKind.choices)
    note = forms.CharField(max_length=services.DESCRIPTION_MAX, required=False)


class SourceForm(forms.Form):
    kind = forms.ChoiceField(choices=MaterialKind.choices)
    description = forms.CharField(max_length=services.DESCRIPTION_MAX)
    supplier = forms.CharField(max_length=services.SUPPLIER_MAX)
    estimated_cost = forms.CharField(max_length=20, required=False, label="Estimated cost")


class StatusForm(forms.Form):
    action = forms.ChoiceField(choices=[("hold", "Put on hold"), ("resume", "Resume"), ("cancel", "Cancel")])
    reason = forms.CharField(max_length=services.NOTE_MAX, required=False)
