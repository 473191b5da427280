"""The forms of the certificate pages: a report's details, findings and scan; a detach reason;
a laboratory. They only read what was typed; the services decide what is right."""

from __future__ import annotations

from typing import Any

from django import forms

from parure.catalogue.choices import CertificateKind
from parure.catalogue.errors import CatalogueError
from parure.catalogue.models import CatalogueRecord, Certificate, Laboratory
from parure.catalogue.services.certificates import ReportDraft

WHOLE_PIECE = ""


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CertificateForm(forms.Form):
    laboratory = forms.ModelChoiceField(queryset=Laboratory.objects.none(), empty_label="Choose the laboratory")
    number = forms.CharField(max_length=60, label="Report number", help_text="As printed on the report.")
    issued_on = forms.DateField(label="Dated", widget=_date_widget())
    kind = forms.ChoiceField(choices=CertificateKind.choices, label="Kind of report")
    stone = forms.ChoiceField(label="On the stone", required=False)
    species = forms.CharField(max_length=60, required=False)
    variety = forms.CharField(max_length=60, required=False)
    weight_ct = forms.DecimalField(max_digits=8, decimal_places=2, required=False, label="Weight (ct)")
    shape = forms.CharField(max_length=40, required=False)
    cut = forms.CharField(max_length=60, required=False)
    length_mm = forms.DecimalField(max_digits=7, decimal_places=2, required=False, label="Length (mm)")
    width_mm = forms.DecimalField(max_digits=7, decimal_places=2, required=False, label="Width (mm)")
    depth_mm = forms.DecimalField(max_digits=7, decimal_places=2, required=False, label="Depth (mm)")
    colour = forms.CharField(max_length=80, required=False)
    clarity = forms.CharField(max_length=20, required=False)
    cut_grade = forms.CharField(max_length=20, required=False, label="Cut grade")
    fluorescence = forms.CharField(max_length=40, required=False)
    treatment = forms.CharField(max_length=200, required=False)
    origin = forms.CharField(max_length=80, required=False)
    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    pdf = forms.FileField(
        required=False,
        label="Scanned report (PDF)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    IDENTITY = ("laboratory", "number", "issued_on", "kind", "stone")
    FINDINGS = (
        "species",
        "variety",
        "weight_ct",
        "shape",
        "cut",
        "length_mm",
        "width_mm",
        "depth_mm",
        "colour",
        "clarity",
        "cut_grade",
        "fluorescence",
        "treatment",
        "origin",
        "comments",
    )

    def __init__(self, *args: Any, record: CatalogueRecord, certificate: Certificate | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.record = record
        self.stones = {str(stone.pk): stone for stone in record.stones.all()}
        labs = Laboratory.objects.filter(active=True)
        if certificate is not None:
            labs = labs | Laboratory.objects.filter(pk=certificate.laboratory_id)
        laboratory = self.fields["laboratory"]
        assert isinstance(laboratory, forms.ModelChoiceField)
        laboratory.queryset = labs.order_by("code")
        stone = self.fields["stone"]
        assert isinstance(stone, forms.ChoiceField)
        stone.choices = [
            (WHOLE_PIECE, "The whole piece"),
            *((pk, f"Stone {s.position}: {s}") for pk, s in self.stones.items()),
        ]

    @classmethod
    def initial_for(cls, certificate: Certificate) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(certificate, name) for name in cls.FINDINGS}
        initial.update(
            laboratory=certificate.laboratory_id,
            number=certificate.number,
            issued_on=certificate.issued_on,
            kind=certificate.kind,
            stone=str(certificate.stone_id) if certificate.stone_id else WHOLE_PIECE,
        )
        return initial

    def draft(self) -> ReportDraft:
        data = self.cleaned_data
        findings: dict[str, Any] = {name: data.get(name) or "" for name in self.FINDINGS}
        for name in ("weight_ct", "length_mm", "width_mm", "depth_mm"):
            findings[name] = data.get(name)
        return ReportDraft(
            laboratory=data["laboratory"],
            number=data["number"],
            issued_on=data["issued_on"],
            kind=data["kind"],
            stone=self.stones.get(data.get("stone") or ""),
            **findings,
        )


class DetachForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why is the report detached?",
        help_text="Kept with the report: attached to the wrong piece, superseded by a new report…",
        required=False,
    )


class LaboratoryForm(forms.Form):
    code = forms.CharField(max_length=20, label="Short name", help_text="As printed in the copy: GIA, SSEF, Gübelin.")
    name = forms.CharField(max_length=160, label="Full name")
    country = forms.CharField(max_length=2, label="Country", help_text="Two-letter ISO code of its head laboratory.")
    active = forms.BooleanField(required=False, initial=True, label="Takes new reports")


def apply_refusal(form: forms.BaseForm, refusal: CatalogueError | Any) -> None:
    """Show a refusal beside the field it names, or above the form."""
    name = refusal.field.split(".")[-1] if refusal.field else None
    form.add_error(name if name in form.fields else None, refusal.message)
