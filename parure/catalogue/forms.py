"""The desk screen's forms: the record's own fields and one formset per kind of row, whose field
names (``stones-0-clarity``) are the names the record's services refuse under.

The forms read what was typed; the services decide whether it is right (grades on their scales,
metals and standards, dates), so a refusal reads the same on the page and in the API.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from parure.catalogue.choices import Attribution, MetalColour, RingSizeSystem, StoneRole, WeightBasis
from parure.catalogue.errors import CatalogueError
from parure.catalogue.models import CatalogueRecord, RecordReference
from parure.catalogue.queries import RECORD_STATUSES
from parure.catalogue.services.records import (
    RECORD_FIELDS,
    MakerInput,
    MetalInput,
    ProvenanceInput,
    ReferenceInput,
    StoneInput,
)
from parure.core.models import Office
from parure.gemology import periods
from parure.gemology.metals import Metal
from parure.inventory.choices import ItemCategory

FORMSET_PREFIXES = ("metals", "stones", "makers", "provenance", "references")


def _text(label: str, *, max_length: int, help_text: str = "", **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", **attrs}),
    )


def _mm(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=7,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "figure"}),
    )


class RecordForm(forms.Form):
    """The record's own fields: object, date and period, size, signature, numbers, case, notes."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    object_type = _text("Object", max_length=60, help_text="Ring, brooch, pair of ear pendants, tiara.")
    form = _text("Form or design", max_length=120, help_text="Cluster, bombé, clip, rivière, Mystery-set.")
    is_pair = forms.BooleanField(label="A pair", required=False)
    suite_of = forms.IntegerField(label="Pieces in the suite", required=False, min_value=2, max_value=40)
    date_text = _text("Date as printed", max_length=60, help_text="circa 1925, 1950s, 2004.")
    year_from = forms.IntegerField(label="From year", required=False, min_value=1000, max_value=2100)
    year_to = forms.IntegerField(label="To year", required=False, min_value=1000, max_value=2100)
    circa = forms.BooleanField(label="Circa", required=False)
    period = forms.ChoiceField(
        label="Period", required=False, choices=[("", "—"), *((p.key, p.name) for p in periods.PERIODS)]
    )
    length_mm = _mm("Length (mm)")
    width_mm = _mm("Width (mm)")
    diameter_mm = _mm("Diameter (mm)")
    inner_circumference_mm = _mm("Inner circumference (mm)")
    ring_size = _text("Ring size", max_length=12)
    ring_size_system = forms.ChoiceField(
        label="Size system", required=False, choices=[("", "—"), *RingSizeSystem.choices]
    )
    gross_weight_g = forms.DecimalField(
        label="Gross weight (g)",
        required=False,
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "figure"}),
    )
    signature = _text("Signature", max_length=200, help_text="As it reads: ‘Cartier Paris’.")
    serial_number = _text("Serial number", max_length=60)
    workshop_number = _text("Workshop number", max_length=60)
    maker_marks = _text("Maker's marks", max_length=200)
    fitted_case = _text("Fitted case or pouch", max_length=200)
    design_notes = forms.CharField(label="Design and setting", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(
        label="Notes for the department (never printed)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def initial_for(cls, record: CatalogueRecord) -> dict[str, Any]:
        return {"version": record.version, **{name: getattr(record, name) for name in RECORD_FIELDS}}

    def values(self) -> dict[str, Any]:
        """The record's fields as typed (blank text is "", a blank number None)."""
        return {name: self.cleaned_data.get(name) for name in RECORD_FIELDS}


class MetalForm(forms.Form):
    metal = forms.ChoiceField(label="Metal", choices=[("", "—"), *((m.value, m.value.capitalize()) for m in Metal)])
    colour = forms.ChoiceField(label="Colour", required=False, choices=MetalColour.choices)
    fineness = forms.IntegerField(
        label="Fineness",
        required=False,
        min_value=1,
        max_value=999,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    marks = _text("Marks as struck", max_length=200, help_text="Separated by commas: 750, eagle's head, sponsor CP.")
    tested = forms.BooleanField(label="Tested", required=False)
    part = _text("Part", max_length=60)

    def as_input(self) -> MetalInput:
        data = self.cleaned_data
        return MetalInput(
            metal=data.get("metal") or "",
            colour=data.get("colour") or "",
            fineness=data.get("fineness"),
            marks=data.get("marks") or "",
            tested=bool(data.get("tested")),
            part=data.get("part") or "",
        )


STONE_TEXT_FIELDS = ("species", "variety", "cut", "shape", "colour", "clarity", "cut_grade", "fluorescence",
                     "treatment", "origin")  # fmt: skip


class StoneForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=StoneRole.choices, initial=StoneRole.PRINCIPAL)
    species = _text("Species", max_length=60)
    variety = _text("Variety", max_length=60)
    cut = _text("Cut", max_length=60)
    shape = _text("Shape", max_length=40)
    count = forms.IntegerField(
        label="Count", min_value=1, initial=1, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    component = forms.IntegerField(label="Part no.", required=False, min_value=1)
    length_mm = _mm("Length")
    width_mm = _mm("Width")
    depth_mm = _mm("Depth")
    weight_ct = forms.DecimalField(
        label="Weight (ct)",
        required=False,
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "figure"}),
    )
    weight_basis = forms.ChoiceField(label="Weight basis", required=False, choices=[("", "—"), *WeightBasis.choices])
    keep_estimate = forms.BooleanField(label="Keep the estimate", required=False)
    colour = _text("Colour", max_length=60)
    clarity = _text("Clarity", max_length=20)
    cut_grade = _text("Cut grade", max_length=20)
    as_gauged = forms.BooleanField(label="As gauged in the mounting", required=False)
    fluorescence = _text("Fluorescence", max_length=40)
    treatment = _text("Treatment", max_length=120)
    origin = _text("Origin", max_length=60)

    def as_input(self) -> StoneInput:
        data = self.cleaned_data
        text = {name: data.get(name) or "" for name in STONE_TEXT_FIELDS}
        return StoneInput(
            role=data.get("role") or StoneRole.PRINCIPAL,
            count=data.get("count") or 1,
            component=data.get("component"),
            length_mm=data.get("length_mm"),
            width_mm=data.get("width_mm"),
            depth_mm=data.get("depth_mm"),
            weight_ct=data.get("weight_ct"),
            weight_basis=data.get("weight_basis") or "",
            keep_estimate=bool(data.get("keep_estimate")),
            as_gauged=bool(data.get("as_gauged")),
            **text,
        )


class MakerForm(forms.Form):
    name = _text("Name", max_length=120)
    attribution = forms.ChoiceField(label="Relation", choices=Attribution.choices, initial=Attribution.BY)

    def as_input(self) -> MakerInput:
        return MakerInput(
            name=self.cleaned_data.get("name") or "", attribution=self.cleaned_data.get("attribution") or "by"
        )


class ProvenanceForm(forms.Form):
    entry_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    owner = _text("Owner or sale", max_length=200)
    is_sale = forms.BooleanField(label="A sale", required=False)
    date_text = _text("When", max_length=60)
    source = _text("Source of the statement", max_length=200)
    confidential = forms.BooleanField(label="Confidential owner", required=False)
    public_wording = _text(
        "Public wording", max_length=200, help_text="What others read: A private collection, Europe."
    )

    def as_input(self, *, withheld: set[int]) -> ProvenanceInput:
        data = self.cleaned_data
        entry_id = data.get("entry_id")
        keep = entry_id is not None and entry_id in withheld
        return ProvenanceInput(
            owner=None if keep else (data.get("owner") or ""),
            is_sale=bool(data.get("is_sale")),
            date_text=data.get("date_text") or "",
            source=data.get("source") or "",
            confidential=bool(data.get("confidential")),
            public_wording=data.get("public_wording") or "",
            entry_id=entry_id,
        )


class ReferenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind", choices=RecordReference.Kind.choices, initial=RecordReference.Kind.LITERATURE
    )
    text = _text("As printed", max_length=400)

    def as_input(self) -> ReferenceInput:
        return ReferenceInput(
            kind=self.cleaned_data.get("kind") or "literature", text=self.cleaned_data.get("text") or ""
        )


FORMSETS: dict[str, Any] = {
    "metals": forms.formset_factory(MetalForm, extra=0, can_delete=True, max_num=20),
    "stones": forms.formset_factory(StoneForm, extra=0, can_delete=True, max_num=60),
    "makers": forms.formset_factory(MakerForm, extra=0, can_delete=True, max_num=10),
    "provenance": forms.formset_factory(ProvenanceForm, extra=0, can_delete=True, max_num=40),
    "references": forms.formset_factory(ReferenceForm, extra=0, can_delete=True, max_num=40),
}


def rows_initial(record: CatalogueRecord, *, withheld: set[int]) -> dict[str, list[dict[str, Any]]]:
    """Each formset's rows as stored; a withheld owner is not put in the page at all."""
    metal_fields = ("metal", "colour", "fineness", "marks", "tested", "part")
    stone_fields = tuple(StoneForm.base_fields)
    return {
        "metals": [{name: getattr(row, name) for name in metal_fields} for row in record.metals.all()],
        "stones": [
            {
                **{name: getattr(row, name) for name in stone_fields if name != "keep_estimate"},
                "keep_estimate": bool(row.estimate),
            }
            for row in record.stones.all()
        ],
        "makers": [{"name": row.name, "attribution": row.attribution} for row in record.makers.all()],
        "provenance": [
            {
                "entry_id": row.pk,
                "owner": "" if row.pk in withheld else row.owner,
                "is_sale": row.is_sale,
                "date_text": row.date_text,
                "source": "" if row.pk in withheld else row.source,
                "confidential": row.confidential,
                "public_wording": row.public_wording,
            }
            for row in record.provenance.all()
        ],
        "references": [{"kind": row.kind, "text": row.text} for row in record.references.all()],
    }


def kept_forms(formset: Any) -> list[Any]:
    """The rows to save, in order: stored rows not deleted, and new rows with something typed."""
    kept = []
    for index, form in enumerate(formset.forms):
        if formset.can_delete and form.cleaned_data.get("DELETE"):
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        kept.append(form)
    return kept


def apply_refusal(refusal: CatalogueError, form: forms.Form, rows: dict[str, list[Any]]) -> None:
    """Put a service's refusal beside the field it names: ``stones-0-clarity`` is the first saved
    stone row's clarity; a name of the record's form goes beside that field; anything else above."""
    field = refusal.field or ""
    prefix, _, rest = field.partition("-")
    if prefix in rows and rest:
        index_text, _, name = rest.partition("-")
        kept = rows[prefix]
        if index_text.isdigit() and int(index_text) < len(kept):
            target = kept[int(index_text)]
            target.add_error(name if name in target.fields else None, refusal.message)
            return
    form.add_error(field if field in form.fields and field != "version" else None, refusal.message)


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label="Stock number or words", required=False)
    office = forms.ModelChoiceField(
        label="Office", queryset=Office.objects.order_by("name"), required=False, empty_label="All offices"
    )
    category = forms.ChoiceField(
        label="Category", required=False, choices=[("", "Any category"), *ItemCategory.choices]
    )
    status = forms.ChoiceField(label="Record", required=False, choices=RECORD_STATUSES)


class FlagOverrideForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=120)
    reason = forms.CharField(label="Reason the value stands", required=False, widget=forms.Textarea(attrs={"rows": 2}))
