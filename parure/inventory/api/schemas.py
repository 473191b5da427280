"""The shapes of the inventory's requests and responses (OpenAPI components).

Confidential fields are declared optional and left out of a response (absent, not null) for a
role that may not see them; :mod:`parure.inventory.visibility` decides which.
"""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from parure.inventory.choices import ItemCategory, ItemStatus, ReservePolicy, UnsoldInstruction
from parure.inventory.limits import (
    CAUSE_MAX,
    CLIENT_NUMBER_MAX,
    COUNTERPART_MAX,
    DESCRIPTION_MAX,
    NOTES_MAX,
    REASON_MAX,
    TRACKING_NUMBER_MAX,
)

# Bounds of what reaches SQL: a row id, a ledger sequence number (both 64-bit), a short text.
BIGINT_MAX = 2**63 - 1
RowId = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
Sequence = Annotated[int, Field(ge=0, le=BIGINT_MAX)]
OfficeCode = Annotated[str, Field(max_length=2, description="Office code, e.g. NY.")]
StockNumber = Annotated[str, Field(max_length=20, description="A stock number with its check digit.")]
SearchText = Annotated[str, Field(max_length=200)]
Reason = Annotated[str, Field(max_length=REASON_MAX)]
Counterpart = Annotated[str, Field(max_length=COUNTERPART_MAX)]
Cause = Annotated[str, Field(max_length=CAUSE_MAX)]
# Money and weights as the item's columns hold them (14 digits, 2 after the point; 9 for grams).
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Rate = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
# As many pieces as the intake page's form takes at once.
INTAKE_PIECES_MAX = 200
RELEASE_PIECES_MAX = 500


class StoneOut(Schema):
    species: str
    cut: str
    count: int
    approx_carats: Decimal | None


class ItemOut(Schema):
    stock_number: str
    office: str
    category: str
    title: str
    description: str
    gross_weight_g: Decimal | None
    metal: str
    fineness: str
    stone_measurements: str
    date_or_circa: str
    maker: str
    signature: str
    serial_number: str
    currency: str
    estimate_low: Decimal | None
    estimate_high: Decimal | None
    status: str
    sale_state: str = Field(description="consigned, in_sale, sold or unsold: where the piece stands in its selling.")
    sale_reference: str = Field(description="The sale and lot the sale state concerns, e.g. NY-J-2612 lot 12A.")
    location: int
    location_name: str
    location_office: str
    holder: str = Field(
        description='Who holds the piece outside the house; "the consignor" for a role that may not know who consigns.'
    )
    due_back: datetime | None
    transfer_destination: str | None
    custody_since: datetime
    custody_seq: int = Field(description="Send back as expected_seq to refuse a move if the piece moved meanwhile.")
    consignment: str | None = Field(None, description="Only for roles that may see consignments.")
    consignor: str | None = Field(None, description="Only for roles that may see who consigns.")
    stated_value: Decimal | None = Field(None, description="Only for roles that may see valuations.")
    insurance_value: Decimal | None = Field(None, description="Only for roles that may see valuations.")
    stones: list[StoneOut] = []
    components: list[str] = []


class EventOut(Schema):
    seq: int
    at: datetime
    kind: str
    stock_number: str
    from_location: int | None
    to_location: int
    to_location_name: str
    counterpart: str
    staff: str
    witness: str | None
    reason: str
    purpose: str
    due_back: datetime | None
    destination: str | None
    tracking_number: str
    cause: str
    corrects: int | None
    link: str


class LocationOut(Schema):
    id: int
    office: str
    code: str
    name: str
    type: str
    kind: str
    in_vault: bool
    parent: int | None
    pieces: int


class ConsignmentOut(Schema):
    number: str
    office: str
    received_at: datetime
    received_by: str
    currency: str
    commission_rate: Decimal
    insurance_fee_rate: Decimal
    photography_fee: Decimal
    unsold_fee_rate: Decimal
    reserve_policy: str
    unsold_instruction: str
    pieces: list[str] = []
    consignor: str | None = Field(None, description="Only for roles that may see who consigns.")
    receipt_versions: list[int] = []


class WitnessIn(Schema):
    username: str = Field(max_length=150)
    password: str = Field(max_length=1024)
    otp_code: str = Field("", max_length=8)


class ActionIn(Schema):
    reason: Reason = ""
    expected_seq: Sequence | None = Field(
        None, description="The custody_seq you saw; refused with 409 if it moved since."
    )


class MoveIn(ActionIn):
    to: RowId = Field(description="The place's id (see /locations).")
    witness: WitnessIn | None = None


class CheckOutIn(ActionIn):
    to: RowId
    due_back: datetime
    counterpart: Counterpart = ""
    client_number: str = Field("", max_length=CLIENT_NUMBER_MAX)
    cause: Cause = ""
    witness: WitnessIn | None = None


class ReturnIn(ActionIn):
    to: RowId | None = Field(None, description="Defaults to where the piece was checked out from.")
    witness: WitnessIn | None = None


class TransferIn(ActionIn):
    destination: OfficeCode = Field(description="The receiving office's code, e.g. GE.")
    carrier: Counterpart
    tracking_number: str = Field(max_length=TRACKING_NUMBER_MAX)
    cause: Cause = ""
    witness: WitnessIn | None = None


class ReceiveIn(ActionIn):
    to: RowId


class ReleaseIn(ActionIn):
    cause: Cause = Field(description="The paperwork: invoice:…, shipment:… or private_sale:….")
    counterpart: Counterpart = ""
    witness: WitnessIn | None = None
    override: bool = Field(
        False,
        description="A senior specialist releases before the paperwork allows (an invoice not paid in full); "
        "``reason`` says why and goes on the ledger event.",
    )


class CountAdjustmentIn(ActionIn):
    found_at: RowId
    reason: Reason
    cause: Cause = ""


class CorrectionIn(ActionIn):
    to: RowId
    reason: Reason
    counterpart: Counterpart = ""
    due_back: datetime | None = None
    destination: OfficeCode | None = None
    witness: WitnessIn | None = None


class StoneIn(Schema):
    species: str = Field(max_length=60)
    cut: str = Field("", max_length=60)
    count: int = Field(1, ge=1, le=100_000)
    approx_carats: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)


class PieceIn(Schema):
    category: ItemCategory
    title: str = Field(max_length=200)
    description: str = Field("", max_length=DESCRIPTION_MAX)
    gross_weight_g: Decimal | None = Field(None, max_digits=9, decimal_places=2)
    metal: str = Field("", max_length=60)
    fineness: str = Field("", max_length=20)
    stated_value: Amount | None = None
    estimate_low: Amount | None = None
    estimate_high: Amount | None = None
    insurance_value: Amount | None = None
    stones: list[StoneIn] = Field([], max_length=100)
    components: list[Annotated[str, Field(max_length=200)]] = Field([], max_length=100)
    stone_measurements: str = Field("", max_length=120, description="Principal stone in mm: 10.20 × 8.15 × 5.02.")
    date_or_circa: str = Field("", max_length=60)
    maker: str = Field("", max_length=120)
    signature: str = Field("", max_length=200, description="Signed or inscribed, as it reads.")
    serial_number: str = Field("", max_length=60)


class IntakeIn(Schema):
    consignor: str = Field(max_length=200, description="The consignor's client number, e.g. C-000412-3.")
    commission_rate: Rate
    insurance_fee_rate: Rate = Decimal("1.00")
    photography_fee: Decimal = Field(Decimal("0.00"), ge=0, max_digits=10, decimal_places=2)
    unsold_fee_rate: Rate = Decimal("0.00")
    reserve_policy: ReservePolicy = ReservePolicy.AT_LOW_ESTIMATE
    unsold_instruction: UnsoldInstruction = UnsoldInstruction.REOFFER
    notes: str = Field("", max_length=NOTES_MAX)
    currency: str = Field(
        "", max_length=3, description="ISO 4217 code of the stated values and estimates; the office's if blank."
    )
    pieces: list[PieceIn] = Field(max_length=INTAKE_PIECES_MAX)


class ReleasePrepareIn(Schema):
    stock_numbers: list[StockNumber] = Field(max_length=RELEASE_PIECES_MAX)
    collected_by: Counterpart
    identity_checked: Counterpart = ""


class ReleaseReceiptOut(Schema):
    number: str
    consignment: str
    status: str
    pieces: list[str]


class ReturnToConsignorIn(Schema):
    signed: bool = Field(description="The person collecting has signed the release receipt.")
    witness: WitnessIn | None = None


class HeadOut(Schema):
    seq: int
    link: str
    head: str


class VerificationOut(Schema):
    ok: bool
    events: int
    items: int
    head: str
    problem: str
    problem_seq: int | None
    seconds: float


class ItemQuery(Schema):
    office: OfficeCode | None = None
    location: RowId | None = None
    status: ItemStatus | None = None
    category: ItemCategory | None = None
    consignment: str | None = Field(None, max_length=20)
    q: SearchText | None = Field(None, description="A stock number, or words of the title.")
