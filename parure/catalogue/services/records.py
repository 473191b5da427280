"""Writing the catalogue record of a piece: opening it from the intake sheet, saving the desk screen,
answering a validation flag, and the gemology library's inline tools (a mounted stone's estimate,
the reading of its marks).

Each write is one transaction with the record's row locked (:func:`record_lock`); a refusal raises
:class:`CatalogueError` naming the field (``stones-0-clarity``, the desk screen's own names) before
anything is written. ``record_save`` compares ``expected_version`` with the stored one, so an
editor who read version 4 is refused when someone else saved version 5 meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields as dataclass_fields
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone

from parure.catalogue import search
from parure.catalogue.choices import Attribution, StoneRole, WeightBasis
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import (
    CatalogueRecord,
    FlagAnswer,
    ProvenanceEntry,
    RecordMaker,
    RecordMetal,
    RecordReference,
    RecordStone,
)
from parure.catalogue.services.record_inputs import (
    MakerInput,
    MetalInput,
    ProvenanceInput,
    ReferenceInput,
    StoneInput,
    prefill,
)
from parure.core.models import Staff
from parure.gemology import grading, metals, periods
from parure.gemology.errors import GemologyError
from parure.gemology.estimation import estimate_carat_weight
from parure.gemology.materials import MATERIALS

# The record's own fields the desk screen edits (its rows are the inputs of record_inputs).
RECORD_FIELDS = (
    "object_type",
    "form",
    "is_pair",
    "suite_of",
    "date_text",
    "year_from",
    "year_to",
    "circa",
    "period",
    "length_mm",
    "width_mm",
    "diameter_mm",
    "inner_circumference_mm",
    "ring_size",
    "ring_size_system",
    "gross_weight_g",
    "signature",
    "serial_number",
    "workshop_number",
    "maker_marks",
    "fitted_case",
    "design_notes",
    "notes",
)
PRIVATE_COLLECTION = "Private collection"


# --- Locks ----------------------------------------------------------------------------------------


def record_lock(record_id: int) -> CatalogueRecord:
    """The record's row, locked until the transaction ends (the row alone, see inventory's lock_objects)."""
    return CatalogueRecord.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=record_id)


# --- The gemology library, inline -----------------------------------------------------------------

_MATERIAL_KEYS = {row.key for row in MATERIALS}


def _material_key(species: str, variety: str) -> str:
    for name in (variety, species):
        key = name.strip().lower().replace(" ", "-")
        if key in _MATERIAL_KEYS:
            return key
    return ""


def stone_estimate(*, stone_fields: Mapping[str, Any], field_prefix: str = "") -> dict[str, str]:
    """The library's estimate of a mounted stone's weight from its measurements, as it is kept on
    the stone: shape, carats, low and high (the range), precision, formula, calculation, source.

    ``stone_fields`` holds species, variety, cut, shape, length_mm, width_mm, depth_mm. A stone
    the library cannot estimate is refused with its sentence, under the measurement it concerns.
    """
    species = str(stone_fields.get("species") or "")
    variety = str(stone_fields.get("variety") or "")
    shape_text = str(stone_fields.get("shape") or stone_fields.get("cut") or "").strip()
    if not shape_text:
        raise CatalogueError(
            "Give the stone's shape (round, oval, cushion…) to estimate its weight.",
            field=f"{field_prefix}shape",
            code=CatalogueErrorCode.REQUIRED,
        )
    material = _material_key(species, variety)
    if not material:
        raise CatalogueError(
            f"The estimate needs a stone the materials table holds; ‘{variety or species}’ is not one of them.",
            field=f"{field_prefix}species",
            code=CatalogueErrorCode.INVALID_MEASUREMENT,
        )
    for name in ("length_mm", "depth_mm"):
        if stone_fields.get(name) in (None, ""):
            label = "length" if name == "length_mm" else "depth"
            raise CatalogueError(
                f"Give the stone's {label} in millimetres to estimate its weight.",
                field=f"{field_prefix}{name}",
                code=CatalogueErrorCode.REQUIRED,
            )
    width = stone_fields.get("width_mm")
    try:
        found = estimate_carat_weight(
            shape_text,
            length_mm=stone_fields["length_mm"],
            width_mm=None if width in (None, "") else width,
            depth_mm=stone_fields["depth_mm"],
            material_key=material,
            mounted=True,
        )
    except GemologyError as refusal:
        message = str(refusal)
        field = "shape"
        for name, word in (("width_mm", "width"), ("depth_mm", "depth"), ("length_mm", "length")):
            if word in message.lower():
                field = name
                break
        raise CatalogueError(
            message, field=f"{field_prefix}{field}", code=CatalogueErrorCode.INVALID_MEASUREMENT
        ) from None
    return {
        "shape": found.shape.value,
        "material": found.material.key,
        "carats": str(found.carats),
        "low": str(found.low_carats),
        "high": str(found.high_carats),
        "precision_percent": str(found.precision_percent),
        "formula": found.formula,
        "calculation": found.calculation,
        "factor_source": found.factor_source,
        "notes": " ".join(found.notes),
    }


def read_marks(marks: str) -> dict[str, Any]:
    """What the library reads in a metal's marks, comma-separated, kept on the metal as read.

    ``{"marks": [{"text", "kind", "meaning", "metals", "fineness", "country", "assay_office"}…],
    "unread": [{"text", "message"}…]}``. A mark the library does not know is kept with its
    sentence, not refused: the library grows, and the specialist reads the stamp that is struck.
    This is the one place the catalogue asks the hallmark library.
    """
    read: list[dict[str, Any]] = []
    unread: list[dict[str, str]] = []
    for text in (part.strip() for part in marks.split(",")):
        if not text:
            continue
        try:
            reading = metals.decode_mark(text)
        except GemologyError as refusal:
            unread.append({"text": text, "message": str(refusal)})
            continue
        read.append(
            {
                "text": reading.text,
                "kind": reading.kind.value,
                "meaning": reading.meaning,
                "metals": [kind.value for kind in reading.metals],
                "fineness": reading.fineness,
                "country": reading.country or "",
                "assay_office": reading.assay_office or "",
            }
        )
    return {"marks": read, "unread": unread} if read or unread else {}


# --- Grades on their scales -----------------------------------------------------------------------


def _check_grades(stone: StoneInput, prefix: str) -> None:
    """Grades must be real grades on their scales (the library's); a description is allowed for the
    colour of a coloured stone, which has no scale."""
    is_diamond = stone.species.strip().lower() == "diamond"
    checks: list[tuple[str, str, Any]] = []
    if is_diamond and stone.colour.strip():
        checks.append(("colour", stone.colour, grading.diamond_colour))
    if is_diamond and stone.clarity.strip():
        checks.append(("clarity", stone.clarity, grading.clarity_range))
    if stone.cut_grade.strip():
        checks.append(("cut_grade", stone.cut_grade, lambda text: grading.grade_range(grading.CutGrade, text)))
    if stone.fluorescence.strip():
        checks.append(("fluorescence", stone.fluorescence, grading.fluorescence))
    for name, text, read in checks:
        try:
            read(text)
        except GemologyError as refusal:
            raise CatalogueError(
                f"Stone {prefix_number(prefix)}: {refusal}",
                field=f"{prefix}{name}",
                code=CatalogueErrorCode.INVALID_GRADE,
            ) from None


def prefix_number(prefix: str) -> int:
    """``stones-2-`` → 3: the row's number as the screen shows it."""
    return int(prefix.split("-")[1]) + 1


# --- Checking rows before anything is written -----------------------------------------------------


def _clean_row(row: models.Model, prefix: str, *, exclude: Sequence[str] = ("record",)) -> None:
    """The row's own field checks (lengths, digits, choices), refused under the screen's field name."""
    try:
        row.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as problem:
        name, messages = next(iter(problem.message_dict.items()))
        label = getattr(row._meta.get_field(name), "verbose_name", name)
        too_long = any("at most" in message for message in messages)
        raise CatalogueError(
            f"{str(label).capitalize()}: {messages[0]}",
            field=f"{prefix}{name}",
            code=CatalogueErrorCode.TOO_LONG if too_long else CatalogueErrorCode.INVALID,
        ) from None


def _text(value: str | None) -> str:
    return (value or "").strip()


def _metal_row(record: CatalogueRecord, position: int, given: MetalInput) -> RecordMetal:
    prefix = f"metals-{position - 1}-"
    try:
        kind = metals.metal(given.metal)
    except GemologyError as refusal:
        raise CatalogueError(str(refusal), field=f"{prefix}metal", code=CatalogueErrorCode.INVALID) from None
    if given.fineness is not None and given.fineness not in metals.STANDARDS[kind]:
        standards = ", ".join(str(value) for value in metals.STANDARDS[kind])
        raise CatalogueError(
            f"{given.fineness} is not a standard of {kind.value}; its standards are {standards}.",
            field=f"{prefix}fineness",
            code=CatalogueErrorCode.INVALID_MARK,
        )
    marks = _text(given.marks)
    row = RecordMetal(
        record=record,
        position=position,
        metal=kind.value,
        colour=given.colour,
        fineness=given.fineness,
        marks=marks,
        mark_reading=read_marks(marks),
        tested=given.tested,
        part=_text(given.part),
    )
    _clean_row(row, prefix)
    return row


def _stone_row(record: CatalogueRecord, position: int, given: StoneInput) -> RecordStone:
    prefix = f"stones-{position - 1}-"
    if not _text(given.species):
        raise CatalogueError(
            f"Stone {position}: name its species (diamond, corundum, beryl, pearl…).",
            field=f"{prefix}species",
            code=CatalogueErrorCode.REQUIRED,
        )
    if given.weight_ct is not None and not given.weight_basis and not given.keep_estimate:
        raise CatalogueError(
            f"Stone {position}: say how its weight is known (report, weighed loose, estimated, engraved).",
            field=f"{prefix}weight_basis",
            code=CatalogueErrorCode.REQUIRED,
        )
    _check_grades(given, prefix)
    estimate: dict[str, str] = {}
    weight, basis = given.weight_ct, given.weight_basis
    if given.keep_estimate:
        estimate = stone_estimate(
            stone_fields={
                "species": given.species,
                "variety": given.variety,
                "cut": given.cut,
                "shape": given.shape,
                "length_mm": given.length_mm,
                "width_mm": given.width_mm,
                "depth_mm": given.depth_mm,
            },
            field_prefix=prefix,
        )
        if weight is None:
            weight, basis = Decimal(estimate["carats"]) * given.count, WeightBasis.ESTIMATED
    row = RecordStone(
        record=record,
        position=position,
        role=given.role or StoneRole.PRINCIPAL,
        species=_text(given.species),
        variety=_text(given.variety),
        cut=_text(given.cut),
        shape=_text(given.shape),
        count=given.count,
        component=given.component,
        length_mm=given.length_mm,
        width_mm=given.width_mm,
        depth_mm=given.depth_mm,
        weight_ct=weight,
        weight_basis=basis,
        estimate=estimate,
        colour=_text(given.colour),
        clarity=_text(given.clarity),
        cut_grade=_text(given.cut_grade),
        as_gauged=given.as_gauged,
        fluorescence=_text(given.fluorescence),
        treatment=_text(given.treatment),
        origin=_text(given.origin),
    )
    _clean_row(row, prefix)
    return row


def _provenance_row(
    record: CatalogueRecord, position: int, given: ProvenanceInput, stored: dict[int, ProvenanceEntry], by: Staff
) -> ProvenanceEntry:
    prefix = f"provenance-{position - 1}-"
    owner, confidential = given.owner, given.confidential
    if owner is None:
        kept = stored.get(given.entry_id) if given.entry_id is not None else None
        if kept is None:
            raise CatalogueError(
                f"Provenance {position}: name the owner or the sale.",
                field=f"{prefix}owner",
                code=CatalogueErrorCode.REQUIRED,
            )
        owner = kept.owner
        # Someone who may not read a confidential owner cannot make it public by keeping it.
        if kept.confidential and not by.has_perm("catalogue.view_confidential_provenance"):
            confidential = True
    if not owner.strip():
        raise CatalogueError(
            f"Provenance {position}: name the owner or the sale.",
            field=f"{prefix}owner",
            code=CatalogueErrorCode.REQUIRED,
        )
    row = ProvenanceEntry(
        record=record,
        position=position,
        owner=owner.strip(),
        is_sale=given.is_sale,
        date_text=_text(given.date_text),
        source=_text(given.source),
        confidential=confidential,
        public_wording=_text(given.public_wording),
    )
    _clean_row(row, prefix)
    return row


def _record_values(record: CatalogueRecord, given: Mapping[str, Any]) -> None:
    """Apply the record's own fields and refuse what cannot be right, naming the field."""
    unknown = set(given) - set(RECORD_FIELDS)
    if unknown:
        raise CatalogueError(
            f"The record has no field {', '.join(sorted(unknown))}.",
            field=sorted(unknown)[0],
            code=CatalogueErrorCode.INVALID,
        )
    for name, value in given.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)
    if not record.object_type:
        raise CatalogueError(
            "Say what the object is: ring, brooch, pair of ear pendants.",
            field="object_type",
            code=CatalogueErrorCode.REQUIRED,
        )
    if record.year_from is not None and record.year_to is not None and record.year_from > record.year_to:
        raise CatalogueError(
            f"The date runs backwards: {record.year_from} is after {record.year_to}.",
            field="year_to",
            code=CatalogueErrorCode.INVALID_DATE,
        )
    if record.period:
        try:
            record.period = periods.period(record.period).key
        except GemologyError as refusal:
            raise CatalogueError(str(refusal), field="period", code=CatalogueErrorCode.INVALID_DATE) from None
    if record.ring_size and not record.ring_size_system:
        raise CatalogueError(
            f"Say which system ring size {record.ring_size} is in (US, UK, EU…).",
            field="ring_size_system",
            code=CatalogueErrorCode.REQUIRED,
        )
    _clean_row(record, "", exclude=("item", "created_by", "updated_by"))


# --- Opening a record from the intake sheet -------------------------------------------------------


def record_open(*, item: Any, by: Staff) -> CatalogueRecord:
    """Start the catalogue record of ``item``, prefilled from its intake sheet.

    The piece's title, category and description, gross weight, metal and fineness (a metal row),
    stones (stone rows, weight estimated in the mounting), the principal stone's measurements,
    date or circa (years, circa and the period, by the gemology library), maker, signature and
    serial number. A piece has one record: a second is refused.
    """
    _may_edit(by)
    if CatalogueRecord.objects.filter(item_id=item.pk).exists():
        raise CatalogueError(
            f"{item.stock_number} already has a catalogue record; open it instead.",
            field="stock_number",
            code=CatalogueErrorCode.RECORD_EXISTS,
        )
    values, metal_rows, stone_rows, maker_rows = prefill(item)
    now = timezone.now()
    try:
        with transaction.atomic():
            record = CatalogueRecord(item=item, created_by=by, updated_by=by, created_at=now, updated_at=now)
            _record_values(record, values)
            record.save()
            _write_rows(record, metal_rows, stone_rows, maker_rows, [], [], by)
            search.reindex(record)
    except IntegrityError:
        raise CatalogueError(
            f"{item.stock_number} already has a catalogue record; open it instead.",
            field="stock_number",
            code=CatalogueErrorCode.RECORD_EXISTS,
        ) from None
    return record


def _may_edit(by: Staff) -> None:
    if not by.has_perm("catalogue.edit_records"):
        raise CatalogueError("Your role may not write catalogue records.", code=CatalogueErrorCode.NOT_ALLOWED)


def _write_rows(
    record: CatalogueRecord,
    metal_rows: Sequence[MetalInput],
    stone_rows: Sequence[StoneInput],
    maker_rows: Sequence[MakerInput],
    provenance_rows: Sequence[ProvenanceInput],
    reference_rows: Sequence[ReferenceInput],
    by: Staff,
) -> None:
    """Check every row, then replace the record's rows with them (nothing is written on a refusal)."""
    stored = {entry.pk: entry for entry in record.provenance.all()} if record.pk else {}
    new_metals = [_metal_row(record, n, row) for n, row in enumerate(metal_rows, start=1)]
    new_stones = [_stone_row(record, n, row) for n, row in enumerate(stone_rows, start=1)]
    new_makers = []
    for n, maker in enumerate(maker_rows, start=1):
        if not maker.name.strip():
            raise CatalogueError(
                f"Maker {n}: give the name.", field=f"makers-{n - 1}-name", code=CatalogueErrorCode.REQUIRED
            )
        row = RecordMaker(
            record=record, position=n, name=maker.name.strip(), attribution=maker.attribution or Attribution.BY
        )
        _clean_row(row, f"makers-{n - 1}-")
        new_makers.append(row)
    new_provenance = [_provenance_row(record, n, row, stored, by) for n, row in enumerate(provenance_rows, start=1)]
    new_references = []
    for n, reference in enumerate(reference_rows, start=1):
        if not reference.text.strip():
            raise CatalogueError(
                f"Reference {n}: give the text as printed.",
                field=f"references-{n - 1}-text",
                code=CatalogueErrorCode.REQUIRED,
            )
        reference_row = RecordReference(record=record, position=n, kind=reference.kind, text=reference.text.strip())
        _clean_row(reference_row, f"references-{n - 1}-")
        new_references.append(reference_row)
    for model in (RecordMetal, RecordMaker, ProvenanceEntry, RecordReference):
        model.objects.filter(record=record).delete()
    RecordMetal.objects.bulk_create(new_metals)
    _keep_stones(record, new_stones)
    RecordMaker.objects.bulk_create(new_makers)
    ProvenanceEntry.objects.bulk_create(new_provenance)
    RecordReference.objects.bulk_create(new_references)


def _keep_stones(record: CatalogueRecord, new_stones: Sequence[RecordStone]) -> None:
    """Write the stone rows in place, position by position: a laboratory report attached to stone 2
    stays attached to stone 2 through every save. Rows past the new last position go."""
    stored = {stone.position: stone.pk for stone in RecordStone.objects.filter(record=record)} if record.pk else {}
    created = []
    for stone in new_stones:
        if stone.position in stored:
            stone.pk = stored[stone.position]
            stone.save(force_update=True)
        else:
            created.append(stone)
    RecordStone.objects.filter(record=record, position__gt=len(new_stones)).delete()
    RecordStone.objects.bulk_create(created)


def _when(moment: Any) -> str:
    local = timezone.localtime(moment)
    return f"{formats.time_format(local, 'H:i')} on {formats.date_format(local, 'j F Y')}"


def record_save(
    *,
    record: CatalogueRecord,
    expected_version: int,
    fields: Mapping[str, Any],
    metals: Sequence[MetalInput] = (),
    stones: Sequence[StoneInput] = (),
    makers: Sequence[MakerInput] = (),
    provenance: Sequence[ProvenanceInput] = (),
    references: Sequence[ReferenceInput] = (),
    by: Staff,
) -> CatalogueRecord:
    """Save the whole desk screen: the record's fields (those given; the others keep their values)
    and all its rows, which replace the stored ones in the order given.

    Refused, with nothing written: a version other than the stored one (someone saved since,
    :attr:`CatalogueErrorCode.STALE`, naming who and when), a grade off its scale, a metal or
    standard the library does not know, a stone row without species, a date that runs backwards.
    """
    _may_edit(by)
    with transaction.atomic():
        locked = record_lock(record.pk)
        if locked.version != expected_version:
            raise CatalogueError(
                f"{locked.updated_by} saved this record (version {locked.version}) at {_when(locked.updated_at)}, "
                f"after you opened version {expected_version}; reload it to see their changes, then make yours again.",
                field="expected_version",
                code=CatalogueErrorCode.STALE,
            )
        _record_values(locked, fields)
        _write_rows(locked, metals, stones, makers, provenance, references, by)
        locked.version += 1
        locked.updated_by = by
        locked.updated_at = timezone.now()
        locked.save()
        search.reindex(locked)
    return locked


def flag_override(*, record: CatalogueRecord, key: str, reason: str, by: Staff) -> FlagAnswer:
    """A senior specialist answers a validation flag that is raised now, with the reason it stands.

    The answer holds for the values the flag saw (its fingerprint): change them and it is raised again.
    """
    from parure.catalogue import validation

    if not by.has_perm("catalogue.answer_flags"):
        raise CatalogueError(
            "Only a senior specialist may override a validation flag.", field="key", code=CatalogueErrorCode.NOT_ALLOWED
        )
    reason = reason.strip()
    if not reason:
        raise CatalogueError(
            "Give the reason the flagged value stands; it is kept with the override.",
            field="reason",
            code=CatalogueErrorCode.REASON_REQUIRED,
        )
    if len(reason) > 2000:
        raise CatalogueError(
            "Keep the reason under 2,000 characters.", field="reason", code=CatalogueErrorCode.TOO_LONG
        )
    with transaction.atomic():
        locked = record_lock(record.pk)
        raised = {flag.key: flag for flag in validation.flags(locked) if flag.answer is None}
        flag = raised.get(key)
        if flag is None:
            raise CatalogueError(
                f"No open flag ‘{key}’ is raised on this record now; reload it to see its flags.",
                field="key",
                code=CatalogueErrorCode.FLAG_NOT_RAISED,
            )
        return FlagAnswer.objects.create(
            record=locked, key=flag.key, fingerprint=flag.fingerprint, reason=reason, by=by
        )


def inputs_of(record: CatalogueRecord) -> dict[str, Any]:
    """The record as the inputs :func:`record_save` takes (to save it back with a change)."""

    def pick(kind: type, row: models.Model) -> Any:
        return kind(**{f.name: getattr(row, f.name) for f in dataclass_fields(kind) if hasattr(row, f.name)})

    return {
        "fields": {name: getattr(record, name) for name in RECORD_FIELDS},
        "metals": [pick(MetalInput, row) for row in record.metals.all()],
        "stones": [
            StoneInput(**{**vars(pick(StoneInput, row)), "keep_estimate": bool(row.estimate)})
            for row in record.stones.all()
        ],
        "makers": [pick(MakerInput, row) for row in record.makers.all()],
        "provenance": [
            ProvenanceInput(**{**vars(pick(ProvenanceInput, row)), "entry_id": row.pk})
            for row in record.provenance.all()
        ],
        "references": [pick(ReferenceInput, row) for row in record.references.all()],
    }


__all__ = [
    "PRIVATE_COLLECTION",
    "RECORD_FIELDS",
    "MakerInput",
    "MetalInput",
    "ProvenanceInput",
    "ReferenceInput",
    "StoneInput",
    "flag_override",
    "inputs_of",
    "prefill",
    "read_marks",
    "record_lock",
    "record_open",
    "record_save",
    "stone_estimate",
]
