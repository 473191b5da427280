"""Compliance's forms: they read what was typed (bounded); the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from parure.shipping.compliance.choices import RuleDirection, RuleEffect, RuleKind
from parure.shipping.compliance.services import REASON_MAX, TEXT_MAX, WORD_MAX, WORDS_MAX, RuleDraft

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WORDS_LENGTH = WORDS_MAX * (WORD_MAX + 2)
LISTS = ("materials", "species", "varieties", "origins", "jurisdictions")


def _words(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=WORDS_LENGTH, help_text=help_text,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}))  # fmt: skip


class RuleForm(forms.Form):
    code = forms.SlugField(label="Code", max_length=60, help_text="Lower-case letters, figures and hyphens.")
    title = forms.CharField(label="Title", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=RuleKind.choices)
    effect = forms.ChoiceField(label="Effect", choices=RuleEffect.choices)
    materials = _words("Materials", "Words separated by commas: coral, ivory.")
    species = _words("Stone species", "Words separated by commas: diamond, pearl.")
    varieties = _words("Stone varieties", "Words separated by commas: ruby, jadeite.")
    origins = _words("Origins", "Words or ISO codes: burma, myanmar, mm. Empty: any origin.")
    jurisdictions = _words("Jurisdictions", "ISO country codes, or EU: US, GB, EU. Empty: every shipment.")
    direction = forms.ChoiceField(label="Direction", choices=RuleDirection.choices, initial=RuleDirection.BOTH)
    international_only = forms.BooleanField(
        label="Only shipments that cross a border", required=False, initial=True,
        help_text="For a rule without jurisdictions: leave ticked unless it governs domestic shipments too.",
    )  # fmt: skip
    min_weight_ct = forms.CharField(label="Minimum stone weight (ct)", required=False, max_length=20)
    text = forms.CharField(label="Statement, declaration or what the rule says", required=False,
                           max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    source = forms.CharField(label="Source (citation)", max_length=300)
    source_url = forms.CharField(label="Source's address", required=False, max_length=300,
                                 help_text="Recorded for reference; Parure never fetches it.")  # fmt: skip
    effective_from = forms.DateField(label="In force from", widget=DATE)
    effective_to = forms.DateField(label="In force to (inclusive)", required=False, widget=DATE)
    is_active = forms.BooleanField(label="In use", required=False, initial=True)
    reason = forms.CharField(label="Reason for the change", max_length=REASON_MAX, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True
            self.fields["reason"].required = True
        else:
            self.fields["reason"].label = "Note (optional)"

    def draft(self) -> RuleDraft:
        data = self.cleaned_data
        return RuleDraft(
            code=data["code"], title=data["title"], kind=data["kind"], effect=data["effect"],
            materials=data["materials"], species=data["species"], varieties=data["varieties"],
            origins=data["origins"], jurisdictions=data["jurisdictions"], direction=data["direction"],
            international_only=data["international_only"], min_weight_ct=data["min_weight_ct"], text=data["text"],
            source=data["source"], source_url=data["source_url"], effective_from=data["effective_from"],
            effective_to=data["effective_to"], is_active=data["is_active"],
        )  # fmt: skip


def initial_of(rule: Any) -> dict[str, Any]:
    values = {name: getattr(rule, name) for name in RuleForm.base_fields if name != "reason"}
    for name in LISTS:
        values[name] = ", ".join(values[name])
    values["min_weight_ct"] = "" if rule.min_weight_ct is None else str(rule.min_weight_ct)
    return values
