"""The client book API's request and response shapes."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from parure.clients.choices import (
    AddressKind,
    Category,
    Channel,
    ClientKind,
    Colour,
    Confidentiality,
    EmailTemplate,
    IdentityDocument,
    InquiryCategory,
    InquiryChannel,
    InteractionKind,
    KycStatus,
    Period,
    PhoneKind,
    Recurrence,
    RelationshipKind,
    RingSizeSystem,
    Stone,
)
from parure.clients.limits import ADDRESS_LINES_MAX, MESSAGE_MAX, NOTES_MAX, PRIVATE_NOTE_MAX
from parure.clients.services.imports import ROW_LIMIT


def _or_blank(choices: type[TextChoices]) -> Any:
    """One of ``choices``' values or "" (the service says what a blank means), as a plain string.

    A ``Choices | Literal[""]`` union would name its branches in a refusal's field
    ("status.literal['']"); this keeps the field's own name and lists the values in the document.
    """
    allowed = ["", *choices.values]

    def check(value: str) -> str:
        if value not in allowed:
            raise PydanticCustomError(
                "enum", "Input should be {expected}", {"expected": ", ".join(repr(v) for v in allowed)}
            )
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "enum": allowed})]


if TYPE_CHECKING:  # each is a str to the type checker; the schema checks the value
    type ChannelOrBlank = str
    type EmailTemplateOrBlank = str
    type KycStatusOrBlank = str
    type DocumentOrBlank = str
    type PeriodOrBlank = str
else:
    ChannelOrBlank = _or_blank(Channel)
    EmailTemplateOrBlank = _or_blank(EmailTemplate)
    KycStatusOrBlank = _or_blank(KycStatus)
    DocumentOrBlank = _or_blank(IdentityDocument)
    PeriodOrBlank = _or_blank(Period)

# The columns' own bounds (parure/clients/models.py), so no text is longer than the page allows.
Name = Annotated[str, Field(max_length=200)]
Short = Annotated[str, Field(max_length=60)]
TagName = Annotated[str, Field(max_length=60)]
Email = Annotated[str, Field(max_length=254)]
Username = Annotated[str, Field(max_length=150)]
ClientNumber = Annotated[
    str, Field(max_length=16, description="A client number with its check digit, e.g. C-000412-3.")
]
StockNumber = Annotated[str, Field(max_length=20)]
CountryCode = Annotated[str, Field(max_length=2, description="ISO 3166 alpha-2, e.g. GB.")]
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]
# A price as a want or a piece states it: 14 digits, 2 after the point, as the columns hold them.
Price = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
EMAILS_MAX = 100
CONTACTS_MAX = 100
TAGS_MAX = 100
VOCABULARY_MAX = 50
PIECES_MAX = 200
IMPORT_ROWS_MAX = ROW_LIMIT  # as many as a file may hold


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
    lines: str = Field(max_length=ADDRESS_LINES_MAX)
    country: CountryCode
    city: str = Field("", max_length=100)
    region: str = Field("", max_length=100)
    postcode: str = Field("", max_length=20)
    kind: AddressKind = AddressKind.HOME


class PhoneIn(Schema):
    number: str = Field(max_length=40)
    kind: PhoneKind = PhoneKind.MOBILE


class ClientIn(Schema):
    kind: ClientKind = ClientKind.PERSON
    display_name: Name = ""
    given_name: str = Field("", max_length=100)
    family_name: str = Field("", max_length=100)
    organisation_name: Name = ""
    title: Short = ""
    honorific_suffix: Short = ""
    name_latin: Name = ""
    preferred_salutation: Name = ""
    formal_salutation: Name = ""
    emails: list[Email] = Field([], max_length=EMAILS_MAX)
    phones: list[PhoneIn] = Field([], max_length=CONTACTS_MAX)
    addresses: list[AddressIn] = Field([], max_length=CONTACTS_MAX)
    preferred_language: str = Field("", max_length=16)
    preferred_channel: ChannelOrBlank = ""
    country: CountryCode = ""
    birthday: date | None = None
    anniversary: date | None = None
    specialists: list[Username] = Field([], max_length=CONTACTS_MAX)  # usernames
    tags: list[TagName] = Field([], max_length=TAGS_MAX)
    confidentiality: Confidentiality = Confidentiality.STANDARD
    private_note: str = Field("", max_length=PRIVATE_NOTE_MAX)
    allow_duplicate: bool = False


class ClientPatch(Schema):
    kind: ClientKind | None = None
    display_name: Name | None = None
    given_name: str | None = Field(None, max_length=100)
    family_name: str | None = Field(None, max_length=100)
    organisation_name: Name | None = None
    title: Short | None = None
    honorific_suffix: Short | None = None
    name_latin: Name | None = None
    preferred_salutation: Name | None = None
    formal_salutation: Name | None = None
    emails: list[Email] | None = Field(None, max_length=EMAILS_MAX)
    phones: list[PhoneIn] | None = Field(None, max_length=CONTACTS_MAX)
    addresses: list[AddressIn] | None = Field(None, max_length=CONTACTS_MAX)
    preferred_language: str | None = Field(None, max_length=16)
    preferred_channel: ChannelOrBlank | None = None
    country: CountryCode | None = None
    birthday: date | None = None
    anniversary: date | None = None
    specialists: list[Username] | None = Field(None, max_length=CONTACTS_MAX)
    tags: list[TagName] | None = Field(None, max_length=TAGS_MAX)
    confidentiality: Confidentiality | None = None
    private_note: str | None = Field(None, max_length=PRIVATE_NOTE_MAX)


class SearchIn(Schema):
    query: str = Field(max_length=200)


class MergeIn(Schema):
    absorb: ClientNumber


class EraseIn(Schema):
    reason: str = Field(max_length=MESSAGE_MAX)


class WantIn(Schema):
    description: Name = ""
    categories: list[Category] = Field([], max_length=VOCABULARY_MAX)
    stones: list[Stone] = Field([], max_length=VOCABULARY_MAX)
    colours: list[Colour] = Field([], max_length=VOCABULARY_MAX)
    makers: list[Name] = Field([], max_length=VOCABULARY_MAX)
    periods: list[Period] = Field([], max_length=VOCABULARY_MAX)
    currency: str = Field("", max_length=3)
    price_min: Price | None = None
    price_max: Price | None = None
    ring_size: str = Field("", max_length=16)
    ring_size_system: RingSizeSystem = RingSizeSystem.US


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
    kind: InteractionKind
    subject: Name = ""
    body: str = Field("", max_length=NOTES_MAX)
    occurred_at: datetime | None = None
    stock_number: StockNumber = ""


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
    template: EmailTemplateOrBlank
    message: str = Field("", max_length=MESSAGE_MAX)
    stock_numbers: list[StockNumber] = Field([], max_length=PIECES_MAX)
    when: Name = ""


class KycIn(Schema):
    status: KycStatusOrBlank
    document: DocumentOrBlank = ""
    document_expires_on: date | None = None
    verified_on: date | None = None
    proof_of_address_on: date | None = None


class OwnerIn(Schema):
    name: Name
    ownership_percent: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    country: CountryCode = ""


class ConsentIn(Schema):
    channel: Channel
    granted: bool
    source: Name = ""


class RelationshipIn(Schema):
    related: ClientNumber
    kind: RelationshipKind
    note: Name = ""


class PriceIn(Schema):
    amount: Price
    currency: str = Field(max_length=3)


class MatchPieceIn(Schema):
    category: Category
    stones: list[Stone] = Field([], max_length=VOCABULARY_MAX)
    colours: list[Colour] = Field([], max_length=VOCABULARY_MAX)
    maker: Name = ""
    period: PeriodOrBlank = ""
    prices: list[PriceIn] = Field([], max_length=VOCABULARY_MAX)
    ring_size: str = Field("", max_length=16)
    ring_size_system: RingSizeSystem = RingSizeSystem.US


class SuggestionOut(Schema):
    number: str
    name: str
    want_ids: list[int]


class ImportIn(Schema):
    rows: list[dict[Annotated[str, Field(max_length=100)], Annotated[str, Field(max_length=PRIVATE_NOTE_MAX)]]] = Field(
        max_length=IMPORT_ROWS_MAX
    )
    specialist: Username = ""  # username; default: the caller
    dry_run: bool = True
    keep_good_rows: bool = False


class ImportFileIn(Schema):
    specialist: Username = ""  # username; default: the caller
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
    client: ClientNumber
    starts_at: datetime
    ends_at: datetime
    staff: list[Username] = Field(max_length=CONTACTS_MAX)  # usernames
    office: str = Field("", max_length=2)  # office code; default: the room's or the caller's
    room: RowId | None = None
    off_site: Name = ""
    purpose: Name = ""
    pieces: list[StockNumber] = Field([], max_length=PIECES_MAX)


class AppointmentPatch(Schema):
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    staff: list[Username] | None = Field(None, max_length=CONTACTS_MAX)
    room: RowId | None = None
    off_site: Name | None = None
    purpose: Name | None = None
    pieces: list[StockNumber] | None = Field(None, max_length=PIECES_MAX)


class CancelIn(Schema):
    reason: str = Field("", max_length=500)


class OutcomeIn(Schema):
    attended: bool = True
    interest_shown: str = Field("", max_length=NOTES_MAX)
    pieces_tried: list[StockNumber] = Field([], max_length=PIECES_MAX)
    next_step: Name = ""
    follow_up_on: date | None = None


class ViewingIn(Schema):
    """A second member of staff's own credentials, when a piece's value needs four eyes to leave the vault."""

    witness_username: Username = ""
    witness_password: str = Field("", max_length=1024)
    witness_otp: str = Field("", max_length=8)


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
    title: Name
    due_on: date
    owner: Username = ""  # username; default: the caller
    client: ClientNumber = ""
    stock_number: StockNumber = ""
    notes: str = Field("", max_length=NOTES_MAX)
    recurrence: Recurrence = Recurrence.NONE


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
    channel: InquiryChannel
    category: InquiryCategory
    office: str = Field(max_length=2)
    name: Name
    message: str = Field(max_length=MESSAGE_MAX)
    email: Email = ""
    phone: str = Field("", max_length=40)


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
    assigned_to: Username


class AnswerIn(Schema):
    note: str = Field(max_length=MESSAGE_MAX)
    close: bool = False


class LinkIn(Schema):
    client: ClientNumber


class RoomOut(Schema):
    id: int
    office: str
    name: str
    capacity: int
