"""The shapes of the inventory's requests and responses (OpenAPI components).

Confidential fields are declared optional and left out of a response (absent, not null) for a
role that may not see them; :mod:`parure.inventory.visibility` decides which.
"""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from parure.inventory.choices import ItemCategory, ItemStatus, ReservePolicy, UnsoldInstruction


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
    currency: str
    estimate_low: Decimal | None
    estimate_high: Decimal | None
    status: str
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
    username: str
    password: str
    otp_code: str = ""


class ActionIn(Schema):
    reason: str = ""
    expected_seq: int | None = Field(None, description="The custody_seq you saw; refused with 409 if it moved since.")


class MoveIn(ActionIn):
    to: int = Field(description="The place's id (see /locations).")
    witness: WitnessIn | None = None


class CheckOutIn(ActionIn):
    to: int
    due_back: datetime
    counterpart: str = ""
    client_number: str = ""
    cause: str = ""
    witness: WitnessIn | None = None


class ReturnIn(ActionIn):
    to: int | None = Field(None, description="Defaults to where the piece was checked out from.")
    witness: WitnessIn | None = None


class TransferIn(ActionIn):
    destination: str = Field(description="The receiving office's code, e.g. GE.")
    carrier: str
    tracking_number: str
    cause: str = ""
    witness: WitnessIn | None = None


class ReceiveIn(ActionIn):
    to: int


class ReleaseIn(ActionIn):
    cause: str = Field(description="The paperwork: invoice:…, shipment:… or private_sale:….")
    counterpart: str = ""
    witness: WitnessIn | None = None


class CountAdjustmentIn(ActionIn):
    found_at: int
    reason: str
    cause: str = ""


class CorrectionIn(ActionIn):
    to: int
    reason: str
    counterpart: str = ""
    due_back: datetime | None = None
    destination: str | None = None
    witness: WitnessIn | None = None


class StoneIn(Schema):
    species: str
    cut: str = ""
    count: int = 1
    approx_carats: Decimal | None = None


class PieceIn(Schema):
    category: ItemCategory
    title: str
    description: str = ""
    gross_weight_g: Decimal | None = None
    metal: str = ""
    fineness: str = ""
    stated_value: Decimal | None = None
    estimate_low: Decimal | None = None
    estimate_high: Decimal | None = None
    insurance_value: Decimal | None = None
    stones: list[StoneIn] = []
    components: list[str] = []


class IntakeIn(Schema):
    consignor: str = Field(description="The consignor's client number, e.g. C-000412-3.")
    commission_rate: Decimal
    insurance_fee_rate: Decimal = Decimal("1.00")
    photography_fee: Decimal = Decimal("0.00")
    unsold_fee_rate: Decimal = Decimal("0.00")
    reserve_policy: ReservePolicy = ReservePolicy.AT_LOW_ESTIMATE
    unsold_instruction: UnsoldInstruction = UnsoldInstruction.REOFFER
    notes: str = ""
    pieces: list[PieceIn]


class ReleasePrepareIn(Schema):
    stock_numbers: list[str]
    collected_by: str
    identity_checked: str = ""


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
    office: str | None = Field(None, description="Office code, e.g. NY.")
    location: int | None = None
    status: ItemStatus | None = None
    category: ItemCategory | None = None
    consignment: str | None = None
    q: str | None = Field(None, description="A stock number, or words of the title.")
