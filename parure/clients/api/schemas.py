"""The client book API's request and response shapes."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Schema

from parure.clients.choices import RingSizeSystem


class ClientSummaryOut(Schema):
    number: str
    kind: str
    name: str
    confidential: bool
    identity_shown: bool
    specialists: list[str]
    tags: list[str]


class PhoneOut(Schema):
    number: str
    kind: str
    primary: bool


class AddressOut(Schema):
    kind: str
    lines: str
    city: str
    region: str
    postcode: str
    country: str


class RelationshipOut(Schema):
    related: str
    name: str
    kind: str
    direction: str
    note: str


class KycOut(Schema):
    status: str
    document: str
    document_expires_on: date | None
    verified_on: date | None
    verified_by: str | None
    proof_of_address_on: date | None
    beneficial_owners: list[dict[str, Any]]


class ClientOut(ClientSummaryOut):
    merged_into: str | None = None
    erased: bool = False
    title: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    organisation_name: str | None = None
    display_name: str | None = None
    name_latin: str | None = None
    honorific_suffix: str | None = None
    preferred_salutation: str | None = None
    formal_salutation: str | None = None
    emails: list[str] | None = None
    phones: list[PhoneOut] | None = None
    addresses: list[AddressOut] | None = None
    preferred_language: str | None = None
    preferred_channel: str | None = None
    country: str | None = None
    birthday: date | None = None
    anniversary: date | None = None
    relationships: list[RelationshipOut] | None = None
    private_note: str | None = None
    kyc: KycOut | None = None
    consents: dict[str, bool] | None = None


class AddressIn(Schema):
    lines: str
    country: str
    city: str = ""
    region: str = ""
    postcode: str = ""
    kind: str = "home"


class PhoneIn(Schema):
    number: str
    kind: str = "mobile"


class ClientIn(Schema):
    kind: str = "person"
    display_name: str = ""
    given_name: str = ""
    family_name: str = ""
    organisation_name: str = ""
    title: str = ""
    honorific_suffix: str = ""
    name_latin: str = ""
    preferred_salutation: str = ""
    formal_salutation: str = ""
    emails: list[str] = []
    phones: list[PhoneIn] = []
    addresses: list[AddressIn] = []
    preferred_language: str = ""
    preferred_channel: str = ""
    country: str = ""
    birthday: date | None = None
    anniversary: date | None = None
    specialists: list[str] = []  # usernames
    tags: list[str] = []
    confidentiality: str = "standard"
    private_note: str = ""
    allow_duplicate: bool = False


class ClientPatch(Schema):
    kind: str | None = None
    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    organisation_name: str | None = None
    title: str | None = None
    honorific_suffix: str | None = None
    name_latin: str | None = None
    preferred_salutation: str | None = None
    formal_salutation: str | None = None
    emails: list[str] | None = None
    phones: list[PhoneIn] | None = None
    addresses: list[AddressIn] | None = None
    preferred_language: str | None = None
    preferred_channel: str | None = None
    country: str | None = None
    birthday: date | None = None
    anniversary: date | None = None
    specialists: list[str] | None = None
    tags: list[str] | None = None
    confidentiality: str | None = None
    private_note: str | None = None


class SearchIn(Schema):
    query: str


class MergeIn(Schema):
    absorb: str


class EraseIn(Schema):
    reason: str


class WantIn(Schema):
    description: str = ""
    categories: list[str] = []
    stones: list[str] = []
    colours: list[str] = []
    makers: list[str] = []
    periods: list[str] = []
    currency: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    ring_size: str = ""
    ring_size_system: str = RingSizeSystem.US


class WantOut(Schema):
    id: int
    description: str
    categories: list[str]
    stones: list[str]
    colours: list[str]
    makers: list[str]
    periods: list[str]
    currency: str
    price_min: Decimal | None
    price_max: Decimal | None
    ring_size_mm: Decimal | None
    is_active: bool


class InteractionIn(Schema):
    kind: str
    subject: str = ""
    body: str = ""
    occurred_at: datetime | None = None
    stock_number: str = ""


class InteractionOut(Schema):
    id: int
    kind: str
    occurred_at: datetime
    staff: str | None
    subject: str
    body: str
    template: str
    stock_number: str

    @staticmethod
    def resolve_staff(row: Any) -> str | None:
        return row.staff.username if row.staff else None


class EmailIn(Schema):
    template: str
    message: str = ""
    stock_numbers: list[str] = []
    when: str = ""


class KycIn(Schema):
    status: str
    document: str = ""
    document_expires_on: date | None = None
    verified_on: date | None = None
    proof_of_address_on: date | None = None


class OwnerIn(Schema):
    name: str
    ownership_percent: Decimal | None = None
    country: str = ""


class ConsentIn(Schema):
    channel: str
    granted: bool
    source: str = ""


class RelationshipIn(Schema):
    related: str
    kind: str
    note: str = ""


class PriceIn(Schema):
    amount: Decimal
    currency: str


class PieceIn(Schema):
    category: str
    stones: list[str] = []
    colours: list[str] = []
    maker: str = ""
    period: str = ""
    prices: list[PriceIn] = []
    ring_size: str = ""
    ring_size_system: str = RingSizeSystem.US


class SuggestionOut(Schema):
    number: str
    name: str
    want_ids: list[int]


class ImportIn(Schema):
    rows: list[dict[str, str]]
    specialist: str = ""  # username; default: the caller
    dry_run: bool = True
    keep_good_rows: bool = False


class ImportFileIn(Schema):
    specialist: str = ""  # username; default: the caller
    dry_run: bool = True
    keep_good_rows: bool = False


class ImportRowOut(Schema):
    line: int
    errors: dict[str, list[str]]
    warnings: list[str]


class ImportOut(Schema):
    rows: list[ImportRowOut]
    created: int


class ExportRowOut(Schema):
    number: str
    kind: str
    name: str
    email: str
    phone: str
    country: str
    language: str
    specialists: str
    tags: str
    kyc: str


class AppointmentIn(Schema):
    client: str
    starts_at: datetime
    ends_at: datetime
    staff: list[str]  # usernames
    office: str = ""  # office code; default: the room's or the caller's
    room: int | None = None
    off_site: str = ""
    purpose: str = ""
    pieces: list[str] = []


class AppointmentPatch(Schema):
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    staff: list[str] | None = None
    room: int | None = None
    off_site: str | None = None
    purpose: str | None = None
    pieces: list[str] | None = None


class CancelIn(Schema):
    reason: str = ""


class OutcomeIn(Schema):
    attended: bool = True
    interest_shown: str = ""
    pieces_tried: list[str] = []
    next_step: str = ""
    follow_up_on: date | None = None


class ViewingIn(Schema):
    """A second member of staff's own credentials, when a piece's value needs four eyes to leave the vault."""

    witness_username: str = ""
    witness_password: str = ""
    witness_otp: str = ""


class ViewingOut(Schema):
    appointment: int
    pieces: list[str]


class AppointmentOut(Schema):
    id: int
    office: str
    client: str
    client_name: str
    starts_at: datetime
    ends_at: datetime
    room: str | None
    off_site: str
    purpose: str
    status: str
    staff: list[str]
    pieces: list[str]
    pieces_tried: list[str]
    interest_shown: str
    next_step: str
    # On booking or changing: pieces also listed on an overlapping appointment (not a refusal).
    warnings: list[str] = []


class FollowUpIn(Schema):
    title: str
    due_on: date
    owner: str = ""  # username; default: the caller
    client: str = ""
    stock_number: str = ""
    notes: str = ""
    recurrence: str = ""


class FollowUpOut(Schema):
    id: int
    title: str
    due_on: date
    owner: str
    client: str | None
    client_name: str | None
    stock_number: str
    recurrence: str
    done: bool
    overdue: bool


class InquiryIn(Schema):
    channel: str
    category: str
    office: str
    name: str
    message: str
    email: str = ""
    phone: str = ""


class InquiryOut(Schema):
    number: str
    received_at: datetime
    channel: str
    category: str
    status: str
    office: str
    name: str
    email: str
    phone: str
    message: str
    client: str | None
    assigned_to: str | None
    respond_by: datetime
    late: bool


class AssignIn(Schema):
    assigned_to: str


class AnswerIn(Schema):
    note: str
    close: bool = False


class LinkIn(Schema):
    client: str


class RoomOut(Schema):
    id: int
    office: str
    name: str
    capacity: int
