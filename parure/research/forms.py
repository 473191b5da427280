"""The gemology tools' forms: what a person types, kept exactly as typed.

Every field is text (or a select whose value is text) and nothing is validated here: the
library reads what was typed and refuses with its own sentence, which the view puts beside the
field. Field names are the API's, so a refusal names the same field on a page and in the API.
"""

from __future__ import annotations

from typing import Any

from django import forms

from parure.research import gemology_tools as tools

MOUNTED_CHOICES = (("mounted", "Mounted"), ("loose", "Loose"))


def typed(label: str, *, help_text: str = "", placeholder: str = "", numeric: bool = True) -> forms.CharField:
    """A text field for a reading; ``numeric`` brings up the number pad on a tablet."""
    attrs = {"autocomplete": "off", "spellcheck": "false", "enterkeyhint": "go"}
    if numeric:
        attrs["inputmode"] = "decimal"
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.CharField(
        label=label, required=False, strip=False, help_text=help_text, widget=forms.TextInput(attrs=attrs)
    )


def chosen(
    label: str, choices: tuple[tuple[str, str], ...], *, blank: str = "", help_text: str = ""
) -> forms.CharField:
    """A select whose value the library reads (no choice validation: the library refuses with a sentence)."""
    options = (("", blank), *choices) if blank else choices
    return forms.CharField(label=label, required=False, help_text=help_text, widget=forms.Select(choices=options))


class ToolForm(forms.Form):
    """A tool's form: every input described by its error (and help) line for screen readers."""

    # Fields that take a whole row in the form's grid.
    wide_fields: frozenset[str] = frozenset()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            described = [f"id_{name}-error"]
            if field.help_text:
                described.insert(0, f"id_{name}-help")
            field.widget.attrs["aria-describedby"] = " ".join(described)

    def typed_value(self, name: str) -> str:
        """What was typed in ``name`` (the empty string when nothing was)."""
        value = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
        return "" if value is None else str(value)


class EstimateForm(ToolForm):
    shape = chosen("Shape", tools.SHAPE_CHOICES)
    length_mm = typed("Length, mm", placeholder="6.50", help_text="Or a round's largest diameter.")
    width_mm = typed("Width, mm", placeholder="6.50", help_text="Or its smallest; a round may leave it empty.")
    depth_mm = typed("Depth, mm", placeholder="3.90", help_text="Table to culet.")
    girdle = chosen("Girdle", tools.GIRDLE_CHOICES)
    material = chosen("Material", tools.MATERIAL_CHOICES, help_text="A coloured stone is scaled by its SG.")
    mounted = chosen("Setting", MOUNTED_CHOICES, help_text="Mounted: measured through the setting.")
    tapered_width_mm = typed("Narrow end, mm", help_text="Tapered baguettes only.")
    girdle_correction = typed("Girdle correction", placeholder="1.05", help_text="Optional: replaces the table.")
    shape_correction = typed("Shape correction", placeholder="1.00–1.10", help_text="Optional: bulging wings.")


class ReportedWeightForm(ToolForm):
    weighed_ct = typed("Weighed, ct", placeholder="1.768", help_text="As the balance reads, to the thousandth.")


class ConvertWeightForm(ToolForm):
    amount = typed("Weight", placeholder="1.50")
    unit = chosen("Unit", tools.WEIGHT_UNIT_CHOICES)


class IdentifyForm(ToolForm):
    ri = typed(
        "RI readings",
        placeholder="1.762 1.770",
        help_text="One or more, e.g. 1.762 1.770 or 1.762–1.770.",
    )
    ri_over_limit = forms.BooleanField(label="Over the limit (OTL)", required=False)
    birefringence = typed("Birefringence", placeholder="0.008", help_text="Leave empty to take it from the RI.")
    sg = typed("SG", placeholder="4.00")
    optic_character = chosen("Optic character", tools.OPTIC_CHARACTER_CHOICES, blank="Not seen")
    optic_sign = chosen("Optic sign", tools.OPTIC_SIGN_CHOICES, blank="Not seen")
    hardness = typed("Hardness (Mohs)", placeholder="9")
    colour = typed("Colour", placeholder="blue", numeric=False)

    wide_fields = frozenset({"ri", "ri_over_limit"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["colour"].widget.attrs["list"] = "colour-words"


class GradeForm(ToolForm):
    scale = chosen("Scale", tools.GRADE_SCALE_CHOICES)
    grade = typed("Grade as typed", placeholder="vs 1, G/H, Fancy Intense Pink", numeric=False)
    compare_with = typed("Compare with", placeholder="SI2", numeric=False, help_text="Optional.")


class FinenessForm(ToolForm):
    metal = chosen("Metal", tools.METAL_CHOICES)
    standard = typed(
        "Karat or fineness", placeholder="18k or 750", numeric=False, help_text="A fineness may be an assay result."
    )


class MarkForm(ToolForm):
    mark = typed("Mark as struck", placeholder="750, 14K, PT950, anchor, leopard's head", numeric=False)
    wide_fields = frozenset({"mark"})


class HallmarkForm(ToolForm):
    components = typed(
        "Marks struck",
        placeholder="sponsor AB, 750, crown, anchor, date letter x",
        numeric=False,
        help_text="Separate the marks with commas.",
    )
    wide_fields = frozenset({"components"})


class FineContentForm(ToolForm):
    gross_weight_g = typed("Gross weight, g", placeholder="6.20")
    fineness = typed("Fineness or karat", placeholder="750 or 18k", numeric=False)
    stone_weight_ct = typed("Stones, ct", placeholder="0.50", help_text="Total weight of the stones.")


class PeriodForm(ToolForm):
    date = typed("Date", placeholder="circa 1925", numeric=False, help_text="A year, a decade or a phrase.")


class RingSizeForm(ToolForm):
    system = chosen("Size system", tools.RING_SYSTEM_CHOICES)
    size = typed("Size", placeholder="7, 7 1/2, N½ or 54", numeric=False)
