"""The catalogue record over the API (/api/v1/catalogue/records): the list, one record, opening it
from the intake sheet, saving it whole (with ``expected_version``), its flags and a senior's
override. Provenance comes as :class:`parure.catalogue.visibility.RecordViewer` shows it: a
confidential owner is replaced by its public wording for a role that may not read it."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from parure.catalogue import queries, validation
from parure.catalogue.choices import Attribution, MetalColour, RingSizeSystem, StoneRole, WeightBasis
from parure.catalogue.models import CatalogueRecord
from parure.catalogue.services import records as services
from parure.catalogue.visibility import RecordViewer
from parure.core.api import requires
from parure.core.models import Office
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff

router = Router()  # tagged "catalogue" by the router it is mounted on

Text = Annotated[str, Field(max_length=400)]
LongText = Annotated[str, Field(max_length=20000)]
Mm = Annotated[Decimal, Field(gt=0, max_digits=7, decimal_places=2)]
Carats = Annotated[Decimal, Field(gt=0, max_digits=8, decimal_places=2)]
Grams = Annotated[Decimal, Field(gt=0, max_digits=9, decimal_places=2)]
Year = Annotated[int, Field(ge=1000, le=2100)]
Small = Annotated[int, Field(ge=1, le=10000)]
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]


# --- Shapes ----------------------------------------------------------------------------------


class MetalSchema(Schema):
    metal: Annotated[str, Field(max_length=20)]
    colour: MetalColour | None = None
    fineness: Annotated[int, Field(ge=1, le=999)] | None = None
    marks: Text = ""
    tested: bool = False
    part: Text = ""


class MetalOut(MetalSchema):
    mark_reading: dict[str, Any]


class StoneSchema(Schema):
    role: StoneRole = StoneRole.PRINCIPAL
    species: Annotated[str, Field(max_length=60)]
    variety: Text = ""
    cut: Text = ""
    shape: Text = ""
    count: Small = 1
    component: Small | None = None
    length_mm: Mm | None = None
    width_mm: Mm | None = None
    depth_mm: Mm | None = None
    weight_ct: Carats | None = None
    weight_basis: WeightBasis | None = None
    colour: Text = ""
    clarity: Text = ""
    cut_grade: Text = ""
    as_gauged: bool = False
    fluorescence: Text = ""
    treatment: Text = ""
    origin: Text = ""


class StoneIn(StoneSchema):
    keep_estimate: bool = Field(False, description="Keep the library's estimate from the measurements on the stone.")


class StoneOut(StoneSchema):
    estimate: dict[str, Any]


class MakerSchema(Schema):
    name: Annotated[str, Field(max_length=120)]
    attribution: Attribution = Attribution.BY


class ProvenanceIn(Schema):
    owner: Text | None = Field(
        None, description="Leave out (null) with entry_id to keep a confidential owner as stored."
    )
    entry_id: RowId | None = None
    is_sale: bool = False
    date_text: Text = ""
    source: Text = ""
    confidential: bool = False
    public_wording: Text = ""


class ProvenanceOut(Schema):
    entry_id: int
    owner: str = Field(description="For a role that may not read a confidential owner: its public wording.")
    owner_withheld: bool
    is_sale: bool
    date_text: str
    source: str
    confidential: bool
    public_wording: str


class ReferenceSchema(Schema):
    kind: Annotated[str, Field(pattern="^(literature|exhibition)$")]
    text: Text


class RecordFields(Schema):
    object_type: Annotated[str, Field(max_length=60)]
    form: Text = ""
    is_pair: bool = False
    suite_of: Small | None = None
    date_text: Text = ""
    year_from: Year | None = None
    year_to: Year | None = None
    circa: bool = False
    period: Annotated[str, Field(max_length=40)] = ""
    length_mm: Mm | None = None
    width_mm: Mm | None = None
    diameter_mm: Mm | None = None
    inner_circumference_mm: Mm | None = None
    ring_size: Annotated[str, Field(max_length=12)] = ""
    ring_size_system: RingSizeSystem | None = None
    gross_weight_g: Grams | None = None
    signature: Text = ""
    serial_number: Text = ""
    workshop_number: Text = ""
    maker_marks: Text = ""
    fitted_case: Text = ""
    design_notes: LongText = ""
    notes: LongText = ""


class RecordIn(RecordFields):
    expected_version: Annotated[int, Field(ge=1, le=2**31)] = Field(
        description="The version you read; a save by someone else since is refused (409, stale)."
    )
    metals: Annotated[list[MetalSchema], Field(max_length=20)] = []
    stones: Annotated[list[StoneIn], Field(max_length=60)] = []
    makers: Annotated[list[MakerSchema], Field(max_length=10)] = []
    provenance: Annotated[list[ProvenanceIn], Field(max_length=40)] = []
    references: Annotated[list[ReferenceSchema], Field(max_length=40)] = []


class RecordOut(RecordFields):
    stock_number: str
    title: str
    office: str
    version: int
    metals: list[MetalOut]
    stones: list[StoneOut]
    makers: list[MakerSchema]
    provenance: list[ProvenanceOut]
    references: list[ReferenceSchema]
    open_flags: int
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str


class RecordOpenIn(Schema):
    stock_number: Annotated[str, Field(max_length=20, description="The piece's stock number with its check digit.")]


class FlagOut(Schema):
    key: str
    field: str
    message: str
    open: bool
    overridden_by: str | None = None
    overridden_at: datetime | None = None
    reason: str | None = None


class FlagOverrideIn(Schema):
    key: Annotated[str, Field(max_length=120)]
    reason: Annotated[str, Field(max_length=2000)]


class RecordQuery(Schema):
    office: Annotated[str, Field(max_length=2)] | None = None
    category: Annotated[str, Field(max_length=16)] | None = None


# --- Shaping -----------------------------------------------------------------------------------


def _row(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def record_out(record: CatalogueRecord, viewer: RecordViewer) -> dict[str, Any]:
    """The record as this person may see it (uses the prefetched rows)."""
    fields = {name: getattr(record, name) for name in services.RECORD_FIELDS}
    fields["ring_size_system"] = record.ring_size_system or None
    stone_names = tuple(StoneSchema.model_fields)
    return {
        **fields,
        "stock_number": record.item.stock_number,
        "title": record.item.title,
        "office": record.item.office.code,
        "version": record.version,
        "metals": [
            {**_row(m, ("metal", "fineness", "marks", "tested", "part", "mark_reading")), "colour": m.colour or None}
            for m in record.metals.all()
        ],
        "stones": [
            {**_row(s, stone_names), "weight_basis": s.weight_basis or None, "estimate": s.estimate}
            for s in record.stones.all()
        ],
        "makers": [_row(m, ("name", "attribution")) for m in record.makers.all()],
        "provenance": [vars(shown) for shown in viewer.provenance(record)],
        "references": [_row(r, ("kind", "text")) for r in record.references.all()],
        "open_flags": len(validation.open_flags(record)),
        "created_at": record.created_at,
        "created_by": str(record.created_by),
        "updated_at": record.updated_at,
        "updated_by": str(record.updated_by),
    }


def flag_out(flag: validation.Flag) -> dict[str, Any]:
    out: dict[str, Any] = {"key": flag.key, "field": flag.field, "message": flag.message, "open": flag.is_open}
    if flag.answer is not None:
        out.update(overridden_by=str(flag.answer.by), overridden_at=flag.answer.at, reason=flag.answer.reason)
    return out


def _fresh(record: CatalogueRecord) -> CatalogueRecord:
    return queries.records().get(pk=record.pk)


# --- Operations --------------------------------------------------------------------------------


@router.get("/records", response=list[RecordOut], summary="Catalogue records, newest saved first")
@requires("catalogue.view_records")
@paginate(LimitOffset)
def record_list(request: HttpRequest, filters: Query[RecordQuery]) -> Any:
    rows = queries.records()
    if filters.office:
        office = Office.objects.filter(code=filters.office.upper()).first()
        rows = rows.filter(item__office=office) if office is not None else rows.none()
    if filters.category:
        rows = rows.filter(item__category=filters.category)
    viewer = RecordViewer(request.user)
    return _Shaped(rows, lambda record: record_out(record, viewer))


class _Shaped:
    """A query paginated lazily (one page is read), each record shaped for the person asking."""

    def __init__(self, rows: Any, shape: Any) -> None:
        self.rows, self.shape = rows, shape

    def __len__(self) -> int:
        return int(self.rows.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [self.shape(row) for row in self.rows[window]]


@router.get("/records/{stock_number}", response=RecordOut, summary="One piece's catalogue record")
@requires("catalogue.view_records")
def record_detail(request: HttpRequest, stock_number: str) -> dict[str, Any]:
    _, record = queries.record_for(stock_number)
    return record_out(record, RecordViewer(request.user))


@router.post("/records", response={201: RecordOut}, summary="Start a piece's record from its intake sheet")
@requires("catalogue.edit_records")
def record_create(request: HttpRequest, payload: RecordOpenIn) -> Status[dict[str, Any]]:
    item = queries.piece(payload.stock_number)
    record = services.record_open(item=item, by=acting_staff(request))
    return Status(201, record_out(_fresh(record), RecordViewer(request.user)))


@router.put("/records/{stock_number}", response=RecordOut, summary="Save the whole record")
@requires("catalogue.edit_records")
def record_update(request: HttpRequest, stock_number: str, payload: RecordIn) -> dict[str, Any]:
    _, record = queries.record_for(stock_number)
    data = payload.dict()
    fields = {name: data[name] for name in services.RECORD_FIELDS}
    fields["ring_size_system"] = fields["ring_size_system"] or ""
    saved = services.record_save(
        record=record,
        expected_version=payload.expected_version,
        fields=fields,
        metals=[services.MetalInput(**{**m, "colour": m["colour"] or ""}) for m in data["metals"]],
        stones=[services.StoneInput(**{**s, "weight_basis": s["weight_basis"] or ""}) for s in data["stones"]],
        makers=[services.MakerInput(**m) for m in data["makers"]],
        provenance=[services.ProvenanceInput(**p) for p in data["provenance"]],
        references=[services.ReferenceInput(**r) for r in data["references"]],
        by=acting_staff(request),
    )
    return record_out(_fresh(saved), RecordViewer(request.user))


@router.get("/records/{stock_number}/flags", response=list[FlagOut], summary="The record's validation flags")
@requires("catalogue.view_records")
def record_flags(request: HttpRequest, stock_number: str) -> list[dict[str, Any]]:
    _, record = queries.record_for(stock_number)
    return [flag_out(flag) for flag in validation.flags(record)]


@router.post("/records/{stock_number}/flags/override", response=FlagOut, summary="Override a flag, with the reason")
@requires("catalogue.answer_flags")
def record_flag_override(request: HttpRequest, stock_number: str, payload: FlagOverrideIn) -> dict[str, Any]:
    _, record = queries.record_for(stock_number)
    services.flag_override(record=record, key=payload.key, reason=payload.reason, by=acting_staff(request))
    flag = next(flag for flag in validation.flags(_fresh(record)) if flag.key == payload.key)
    return flag_out(flag)
