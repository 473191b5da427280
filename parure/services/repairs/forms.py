"""The repairs area's forms: they read what was typed (bounded), the services decide what is allowed."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django import forms

from parure.catalogue.choices import ConditionGrade
from parure.inventory.choices import ItemCategory
from parure.services.repairs.choices import ApprovalChannel, RepairStage, SignatureKind, VendorKind
from parure.services.repairs.services import (
    DECLARED_MAX,
    LINES_MAX,
    PHOTOS_MAX,
    SIGNATURE_MAX_BYTES,
    LineDraft,
    SignatureDraft,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "min_value": 0}
PNG_PREFIX = "data:image/png;base64,"


class SignatureField(forms.CharField):
    """The tablet canvas's drawing as a data URL (filled in by signature.js), or empty."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", (SIGNATURE_MAX_BYTES * 4) // 3 + len(PNG_PREFIX) + 8)
        kwargs.setdefault("widget", forms.HiddenInput(attrs={"data-signature-input": ""}))
        super().__init__(**kwargs)


def signature_of(
    data: dict[str, Any], *, drawn: str = "signature", printed: str = "signed_on_paper"
) -> SignatureDraft | None:
    """The signature the form carries: the drawn PNG, else the printed envelope ticked, else none."""
    text = data.get(drawn) or ""
    if text:
        if not text.startswith(PNG_PREFIX):
            return SignatureDraft(SignatureKind.TABLET, b"not a png")
        try:
            return SignatureDraft(SignatureKind.TABLET, base64.b64decode(text[len(PNG_PREFIX) :], validate=True))
        except (binascii.Error, ValueError):
            return SignatureDraft(SignatureKind.TABLET, b"not a png")
    if data.get(printed):
        return SignatureDraft(SignatureKind.PRINTED)
    return None


class PhotosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photographs in one input (their content is checked by the service)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", PhotosInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(PhotosField, self).clean(one, initial) for one in data[: PHOTOS_MAX + 1]]
        return super().clean(data, initial)


class TakeInForm(forms.Form):
    client_number = forms.CharField(label="Client number", max_length=20, help_text="e.g. C-000412-3")
    category = forms.ChoiceField(label="The piece is a", choices=ItemCategory.choices)
    description = forms.CharField(
        label="Generic description", max_length=200, help_text="e.g. white metal ring set with a white stone"
    )
    metal = forms.CharField(label="Metal (as it looks)", max_length=40, required=False)
    client_states = forms.CharField(
        label="Client states…", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    condition_grade = forms.ChoiceField(label="Overall condition", choices=ConditionGrade.choices,
                                        initial=ConditionGrade.GOOD)  # fmt: skip
    condition_notes = forms.CharField(
        label="Condition notes (private)", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    declared_value = forms.DecimalField(label="Declared value for insurance", max_value=DECLARED_MAX, **AMOUNT)
    estimate_only = forms.BooleanField(label="Estimate only: the work waits for the client's approval", required=False)
    tasks = forms.MultipleChoiceField(label="Tasks", required=False, widget=forms.CheckboxSelectMultiple)
    vendor = forms.TypedChoiceField(label="Bench jeweler or vendor", required=False, coerce=int, empty_value=None)
    due_on = forms.DateField(label="Due", widget=DATE)
    photos = PhotosField(label="Photographs", required=False)
    signature = SignatureField(label="Client's signature")
    signed_on_paper = forms.BooleanField(label="The client signed the printed envelope instead", required=False)

    def __init__(self, *args: Any, tasks: list[tuple[str, str]], vendors: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].choices = tasks  # type: ignore[attr-defined]
        self.fields["vendor"].choices = [("", "Not chosen yet"), *vendors]  # type: ignore[attr-defined]

    def clean_tasks(self) -> list[str]:
        chosen: list[str] = self.cleaned_data.get("tasks") or []
        if len(chosen) > LINES_MAX:
            raise forms.ValidationError(f"Choose at most {LINES_MAX} tasks.")
        return chosen

    def lines(self) -> list[LineDraft]:
        return [LineDraft(code) for code in self.cleaned_data.get("tasks") or []]


def photo_uploads(files: Any) -> list[bytes]:
    """The uploaded photographs' bytes (at most one more than allowed is read, so the service can refuse)."""
    uploads = files.getlist("photos")[: PHOTOS_MAX + 1]
    return [upload.read(8 * 1024 * 1024 + 1) for upload in uploads]


class LineForm(forms.Form):
    task_code = forms.ChoiceField(label="Task", required=False)
    description = forms.CharField(label="Or describe the work", max_length=200, required=False)
    quantity = forms.IntegerField(label="Quantity", min_value=1, max_value=99, initial=1)
    labour = forms.DecimalField(label="Labour", required=False, **AMOUNT)
    material = forms.DecimalField(label="Material", required=False, **AMOUNT)

    def __init__(self, *args: Any, tasks: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["task_code"].choices = [("", "Not from the catalogue"), *tasks]  # type: ignore[attr-defined]


class LineUpdateForm(forms.Form):
    position = forms.IntegerField(min_value=1, max_value=LINES_MAX * 10)
    quantity = forms.IntegerField(label="Quantity", min_value=1, max_value=99, required=False)
    labour = forms.DecimalField(label="Labour", required=False, **AMOUNT)
    material = forms.DecimalField(label="Material", required=False, **AMOUNT)


class ApproveForm(forms.Form):
    channel = forms.ChoiceField(label="How the client approved", choices=ApprovalChannel.choices)
    amount = forms.DecimalField(label="Amount approved", **AMOUNT)
    note = forms.CharField(label="Note", max_length=500, required=False)


class StageForm(forms.Form):
    to = forms.ChoiceField(choices=RepairStage.choices)
    note = forms.CharField(label="Note", max_length=500, required=False)
    vendor = forms.TypedChoiceField(label="Vendor", required=False, coerce=int, empty_value=None)
    due_on = forms.DateField(label="Due", required=False, widget=DATE)
    vendor_quote = forms.DecimalField(label="Vendor's quote", required=False, **AMOUNT)

    def __init__(self, *args: Any, vendors: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].choices = [("", "As on the job"), *vendors]  # type: ignore[attr-defined]


class CollectForm(forms.Form):
    signature = SignatureField(label="Client's signature")
    signed_on_paper = forms.BooleanField(label="The client signed the printed receipt instead", required=False)
    override_reason = forms.CharField(label="Release before payment: the reason (senior specialist)", max_length=500,
                                      required=False)  # fmt: skip
    reason = forms.CharField(label="Why the job is cancelled", max_length=500, required=False)


class VendorForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=VendorKind.choices)
    name = forms.CharField(label="Name", max_length=120)
    contact_person = forms.CharField(label="Contact person", max_length=120, required=False)
    email = forms.CharField(label="E-mail", max_length=254, required=False)
    phone = forms.CharField(label="Telephone", max_length=40, required=False)
    address = forms.CharField(label="Address", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    insurer = forms.CharField(label="Insurer", max_length=120, required=False)
    policy_number = forms.CharField(label="Policy number", max_length=60, required=False)
    cover_limit = forms.DecimalField(label="Cover limit", required=False, max_value=DECLARED_MAX, **AMOUNT)
    cover_currency = forms.CharField(label="Cover currency", max_length=3, required=False)
    insurance_expires_on = forms.DateField(label="Insurance expires", required=False, widget=DATE)
    notes = forms.CharField(label="Notes", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    is_active = forms.BooleanField(label="In use", required=False, initial=True)


class TaskForm(forms.Form):
    code = forms.CharField(label="Code", max_length=20)
    name = forms.CharField(label="Name", max_length=120)
    labour = forms.DecimalField(label="Labour", **AMOUNT)
    material = forms.DecimalField(label="Material", required=False, **AMOUNT)
    is_active = forms.BooleanField(label="In use", required=False, initial=True)


class BoardFilterForm(forms.Form):
    stage = forms.ChoiceField(label="Stage", required=False)
    vendor = forms.TypedChoiceField(label="Vendor", required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args: Any, stages: list[tuple[str, str]], vendors: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "Every open stage"), *stages]  # type: ignore[attr-defined]
        self.fields["vendor"].choices = [("", "Every vendor"), *vendors]  # type: ignore[attr-defined]
