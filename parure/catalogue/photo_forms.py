"""Photography's forms: what the pages read before they call one service each."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from parure.catalogue.choices import PhotoStyle
from parure.catalogue.services.photography import ALT_TEXT_MAX, CREDIT_MAX, NAME_MAX, NOTES_MAX, SALE_CODE_MAX
from parure.core.errors import DomainError
from parure.core.models import Office
from parure.inventory.forms import DueBackField


def apply_refusal(form: forms.BaseForm, refusal: DomainError[Any]) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    name = refusal.field.split(".")[-1] if refusal.field else None
    form.add_error(name if name in form.fields else None, refusal.message)


class ShotListForm(forms.Form):
    name = forms.CharField(max_length=NAME_MAX, label="Name", help_text="e.g. NY-J2612 Magnificent Jewels")
    office = forms.ModelChoiceField(queryset=Office.objects.order_by("name"), label="Office (its studio)")
    sale_code = forms.CharField(
        max_length=SALE_CODE_MAX, required=False, label="Sale code", help_text="Blank for an ad hoc list."
    )
    notes = forms.CharField(
        max_length=NOTES_MAX * 4, required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 3})
    )


class AddPieceForm(forms.Form):
    stock_number = forms.CharField(
        max_length=40, label="Stock number", widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    style = forms.ChoiceField(choices=PhotoStyle.choices, label="Styling", initial=PhotoStyle.FLAT_LAY)
    to_clean = forms.BooleanField(required=False, label="Clean")
    to_polish = forms.BooleanField(required=False, label="Polish")
    notes = forms.CharField(max_length=NOTES_MAX, required=False, label="Notes for the studio")


class CheckOutForm(forms.Form):
    due_back = DueBackField(label="Due back from the studio")
    witness_username = forms.CharField(required=False, label="Witness's username")
    witness_password = forms.CharField(required=False, label="Witness's password", widget=forms.PasswordInput)
    witness_otp = forms.CharField(required=False, label="Witness's authenticator code")

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = ZoneInfo(office.time_zone)
        due_back = self.fields["due_back"]
        due_back.zone = zone  # type: ignore[attr-defined]
        # Tomorrow at five in the afternoon: a studio day.
        office_now = timezone.localtime(timezone=zone)
        due_back.initial = (office_now + timedelta(days=1)).replace(hour=17, minute=0, second=0, microsecond=0)


class UploadForm(forms.Form):
    alt_text = forms.CharField(
        max_length=ALT_TEXT_MAX, required=False, label="Alt text",
        help_text="What the photograph shows, for readers who cannot see it.",
    )  # fmt: skip
    credit = forms.CharField(max_length=CREDIT_MAX, required=False, label="Photographer's credit")


class ImageEditForm(forms.Form):
    alt_text = forms.CharField(max_length=ALT_TEXT_MAX, required=False, label="Alt text")
    credit = forms.CharField(max_length=CREDIT_MAX, required=False, label="Photographer's credit")
