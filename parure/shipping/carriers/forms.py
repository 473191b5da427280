"""The carriers area's forms: they read what was typed (bounded); the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.carriers.services import NOTES_MAX, CarrierInput, PolicyInput
from parure.shipping.choices import ServiceLevel, SignatureRule

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "min_value": 0, "required": False}


def listed(text: str) -> list[str]:
    """``"US, CA  GB"`` → ``["US", "CA", "GB"]``: commas or spaces between, for countries."""
    return [part for part in text.replace(",", " ").split() if part]


def listed_words(text: str) -> list[str]:
    """``"ivory, tortoiseshell, coral"`` → a list of the words, commas between (a word may hold a space)."""
    return [part.strip() for part in text.split(",") if part.strip()]


class CarrierForm(forms.Form):
    name = forms.CharField(label="Name", max_length=80)
    level = forms.ChoiceField(label="Service level", choices=ServiceLevel.choices)
    currency = forms.CharField(label="Currency of its limits", max_length=3, initial="USD")
    max_per_parcel = forms.DecimalField(label="Declared value it takes a parcel of jewelry",
                                        help_text="Empty: no limit stated.", **AMOUNT)  # fmt: skip
    refuses_loose_stones = forms.BooleanField(label="Refuses loose stones", required=False)
    refused_materials = forms.CharField(label="Materials it refuses", max_length=1300, required=False,
                                        help_text="Commas between, e.g. ivory, tortoiseshell, coral")  # fmt: skip
    signature_rule = forms.ChoiceField(label="Signature", choices=SignatureRule.choices)
    signature_above = forms.DecimalField(label="Signature above (for that rule)", **AMOUNT)
    countries = forms.CharField(label="Countries it delivers to", max_length=1000, required=False,
                                help_text="Two-letter codes, e.g. US, CA, GB. Empty: everywhere.")  # fmt: skip
    international = forms.BooleanField(label="Carries across borders", required=False, initial=True)
    account_number = forms.CharField(label="Our account number", max_length=40, required=False)
    tracking_url = forms.CharField(label="Tracking address", max_length=200, required=False,
                                   help_text="With {tracking} where the number goes.")  # fmt: skip
    notes = forms.CharField(
        label="Notes", max_length=NOTES_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_active = forms.BooleanField(label="In use", required=False, initial=True)

    @staticmethod
    def initial_for(carrier: Carrier) -> dict[str, Any]:
        initial = {name: getattr(carrier, name) for name in CarrierForm.base_fields}
        initial["refused_materials"] = ", ".join(carrier.refused_materials or [])
        initial["countries"] = ", ".join(carrier.countries or [])
        return initial

    def carrier_input(self) -> CarrierInput:
        data = self.cleaned_data
        return CarrierInput(
            name=data["name"], level=data["level"], currency=data["currency"], max_per_parcel=data["max_per_parcel"],
            refuses_loose_stones=data["refuses_loose_stones"],
            refused_materials=listed_words(data["refused_materials"]),
            signature_rule=data["signature_rule"], signature_above=data["signature_above"],
            countries=listed(data["countries"]), international=data["international"],
            account_number=data["account_number"], tracking_url=data["tracking_url"], notes=data["notes"],
            is_active=data["is_active"],
        )  # fmt: skip


class PolicyForm(forms.Form):
    insurer = forms.CharField(label="Insurer", max_length=120)
    policy_number = forms.CharField(label="Policy number", max_length=60)
    office = forms.TypedChoiceField(label="Office", required=False, coerce=int, empty_value=None)
    currency = forms.CharField(label="Currency of its limits", max_length=3, initial="USD")
    per_parcel = forms.DecimalField(label="Limit a parcel", **AMOUNT)
    per_day = forms.DecimalField(label="Limit a day's hand-overs from the office", **AMOUNT)
    per_address = forms.DecimalField(label="Limit at one address at once", **AMOUNT)
    levels = forms.MultipleChoiceField(
        label="Service levels covered",
        choices=ServiceLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every level.",
    )
    valid_from = forms.DateField(label="Covers from", widget=DATE)
    valid_to = forms.DateField(label="Covers to (included)", widget=DATE)
    claims_contact = forms.CharField(label="Claims contact", max_length=200, required=False)
    notes = forms.CharField(
        label="Notes", max_length=NOTES_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_active = forms.BooleanField(label="In use", required=False, initial=True)

    def __init__(self, *args: Any, offices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [("", "Every office"), *offices]  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(policy: InsurancePolicy) -> dict[str, Any]:
        initial = {name: getattr(policy, name) for name in PolicyForm.base_fields if name != "office"}
        initial["office"] = policy.office_id
        return initial

    def policy_input(self) -> PolicyInput:
        data = self.cleaned_data
        return PolicyInput(
            insurer=data["insurer"], policy_number=data["policy_number"], valid_from=data["valid_from"],
            valid_to=data["valid_to"], currency=data["currency"], office_id=data["office"],
            per_parcel=data["per_parcel"], per_day=data["per_day"], per_address=data["per_address"],
            levels=list(data["levels"]), claims_contact=data["claims_contact"], notes=data["notes"],
            is_active=data["is_active"],
        )  # fmt: skip
