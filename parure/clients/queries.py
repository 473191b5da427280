"""Reads that pages, the API, exports and other apps share, each with the joins it needs so a
list issues a fixed number of queries whatever its length.

For the inventory app (other apps ask these, passing the viewer, and never read client tables):

- :func:`consignor_search` and :func:`client_for_viewer` — choosing a consignor or a client on
  approval: only files the viewer may see, a confidential one by its number;
- :func:`clients_wanting` — the clients whose active wants a piece meets (the piece's page and
  intake suggestions), filtered to what the asking person may see;
- :func:`reserved_stock_numbers` — pieces reserved for appointments in a time window;
- :func:`pieces_to_show` and :func:`double_booking_warnings` — an appointment's pieces with what
  inventory's queries say of them, and the pieces also listed on an overlapping appointment;
- :func:`appointments_showing` — the appointments a piece is to be shown at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import BigIntegerField, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from parure.clients.choices import (
    AddressKind,
    AppointmentStatus,
    ClientKind,
    Confidentiality,
    IdentityDocument,
    InquiryStatus,
    KycStatus,
)
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.matching import PieceDescription, Suggestion, wants_matching
from parure.clients.models import (
    Appointment,
    AppointmentPiece,
    Client,
    ClientAddress,
    ClientEmail,
    ClientPhone,
    FollowUp,
    Inquiry,
    Interaction,
    Want,
)
from parure.clients.normalise import fold, fold_number, parse_client_number, phone_search_variants
from parure.clients.visibility import Viewer
from parure.clients.visibility import addressed_name as addressed_name
from parure.core.models import Staff


def _office_region(user: Any) -> str | None:
    office = getattr(user, "office", None)
    if office is None:
        return None
    locale = office.locale or ""
    return locale.split("_")[1] if "_" in locale else None


def client_list(user: Any) -> QuerySet[Client]:
    """The files a person may see, with what a list row needs."""
    rows = Viewer(user).restrict(Client.objects.current())
    return rows.prefetch_related("specialists", "tags")


def search_condition(query: str, *, region: str | None = None, identity: Q | None = None) -> Q:
    """Files matching ``query``: every word in the folded names/e-mails/number, or a phone.

    ``identity`` restricts matches on names, e-mails and phones to files whose identity the
    person may see; everyone may find a file by its number.
    """
    words = fold(query).split()
    if not words:
        return Q(pk__in=[])
    by_text = Q()
    for word in words:
        by_text &= Q(search_text__contains=word)
    phones = phone_search_variants(query, region=region)
    for digits in phones:
        by_text |= Q(search_text__contains=digits)
    if identity is not None:
        by_text &= identity
    number = fold_number(query)
    by_number = Q(search_text__contains=f"#{number}") if number and number[0] == "c" else Q(pk__in=[])
    return by_text | by_number


def client_summaries(user: Any, clients: QuerySet[Client]) -> list[dict[str, Any]]:
    """Rows for lists and the API: number, kind, the name as the person may see it, specialists
    and tags — two queries whatever the length, and no more columns than a row shows."""
    from collections import defaultdict

    viewer = Viewer(user)
    rows = list(clients.only("id", "number", "kind", "display_name", "confidentiality"))
    ids = [row.pk for row in rows]
    specialists: dict[int, list[tuple[int, str]]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    # The rows' specialists and tags in one round trip: a tag's row has no staff id.
    assigned = Client.specialists.through.objects.filter(client_id__in=ids).values_list(
        "client_id", "staff_id", "staff__username"
    )
    tagged = Client.tags.through.objects.filter(client_id__in=ids).values_list(
        "client_id", Value(None, output_field=BigIntegerField()), "tag__name"
    )
    for client_id, staff_id, name in assigned.union(tagged, all=True) if ids else ():
        if staff_id is None:
            tags[client_id].append(name)
        else:
            specialists[client_id].append((staff_id, name))
    summaries = []
    for row in rows:
        visible = viewer.sees_all or bool({pk for pk, _ in specialists[row.pk]} & viewer.supported)
        shown = visible and not (viewer.is_assistant and row.is_confidential)
        summaries.append(
            {
                "number": row.number,
                "kind": row.kind,
                "name": row.display_name if shown else row.pseudonym,
                "confidential": row.is_confidential,
                "identity_shown": shown,
                "specialists": sorted(username for _, username in specialists[row.pk]),
                "tags": sorted(tags[row.pk]),
            }
        )
    return summaries


def client_search(user: Any, query: str) -> QuerySet[Client]:
    """Files the person may see that match ``query`` (name, e-mail, phone, client number)."""
    viewer = Viewer(user)
    condition = search_condition(query, region=_office_region(user), identity=viewer.identity_filter())
    return client_list(user).filter(condition)


def likely_duplicates(
    *,
    kind: str = ClientKind.PERSON,
    display_name: str = "",
    given_name: str = "",
    family_name: str = "",
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    exclude: Client | None = None,
) -> QuerySet[Client]:
    """Files that may be the same client as a new file of ``kind``: the same e-mail, the same
    phone, or a similar name.

    A similar name counts only between files of the same kind: a person and an organisation are
    not the same client because they share a surname ("Mrs Eleanor Whitcombe" and "Whitcombe &
    Hale"). Across kinds, a name matches only when it is the other file's whole name (a firm
    trading under its owner's name filed once as a person, once as a firm).

    Every file is a candidate, whoever may see it: what a viewer is told of each is decided by
    :func:`parure.clients.services.duplicates.duplicate_answer`, never by the caller.
    """
    condition: Any = Q(pk__in=[])
    address_list = [address.strip().lower() for address in emails if address.strip()]
    if address_list:
        condition |= Exists(ClientEmail.objects.filter(client=OuterRef("pk"), address__in=address_list))
    phone_list = [phone for phone in phones if phone]
    if phone_list:
        condition |= Exists(ClientPhone.objects.filter(client=OuterRef("pk"), e164__in=phone_list))
    family = fold(family_name)
    given = fold(given_name)
    same_kind = Q(kind=kind or ClientKind.PERSON)
    if family:
        by_name = Q(search_text__contains=family)
        if given:
            by_name &= Q(search_text__contains=given[:1])
        condition |= by_name & same_kind
    elif fold(display_name):
        words = fold(display_name).split()
        by_name = Q()
        for word in words:
            by_name &= Q(search_text__contains=word)
        condition |= by_name & same_kind
    whole_name = display_name.strip() or " ".join(part for part in (given_name.strip(), family_name.strip()) if part)
    if whole_name:
        condition |= Q(display_name__iexact=whole_name) & ~same_kind
    rows = Client.objects.current().filter(condition, erased_at__isnull=True)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.order_by("display_name", "pk")[:10]


def client_detail(number: str) -> QuerySet[Client]:
    return (
        Client.objects.filter(number=number)
        .select_related("kyc_verified_by", "merged_into", "merged_by", "erased_by", "created_by")
        .prefetch_related(
            "specialists",
            "tags",
            "emails",
            "phones",
            "addresses",
            "beneficial_owners",
            Prefetch("relationships", queryset=_relationships()),
            Prefetch("related_to", queryset=_relationships()),
        )
    )


def _relationships() -> QuerySet[Any]:
    from parure.clients.models import ClientRelationship

    return ClientRelationship.objects.select_related("client", "related").prefetch_related(
        "client__specialists", "related__specialists"
    )


def current_consents(client: Client) -> dict[str, Any]:
    """Channel → the latest consent row for it."""
    latest: dict[str, Any] = {}
    for consent in client.consents.select_related("recorded_by").order_by("-recorded_at", "-id"):
        latest.setdefault(consent.channel, consent)
    return latest


def timeline(client: Client) -> QuerySet[Interaction]:
    return client.interactions.select_related("staff", "appointment")


def wants_of(client: Client) -> QuerySet[Want]:
    return client.wants.select_related("created_by")


# --- Matching ---------------------------------------------------------------------------------
def clients_wanting(piece: PieceDescription, *, user: Any = None, limit: int | None = 50) -> list[Suggestion]:
    """The clients whose active wants ``piece`` meets, most recent want first.

    With ``user``, only files that person may see, labelled as they may see them. Erased and
    merged files are left out. Inventory calls this from a piece's page and after intake.
    """
    wants = Want.objects.filter(wants_matching(piece), client__merged_into__isnull=True, client__erased_at__isnull=True)
    viewer = Viewer(user) if user is not None else None
    if viewer is not None:
        wants = wants.filter(client__in=viewer.restrict(Client.objects.all()))
    hide_confidential = viewer is not None and viewer.is_assistant
    matched: dict[int, list[int]] = {}
    files: dict[int, tuple[str, str]] = {}
    rows = wants.order_by("-created_at", "-id").values_list(
        "pk", "client_id", "client__number", "client__display_name", "client__confidentiality"
    )
    for want_id, client_id, number, name, confidentiality in rows:
        if client_id not in matched:
            matched[client_id] = []
            hidden = hide_confidential and confidentiality == Confidentiality.CONFIDENTIAL
            files[client_id] = (number, f"Client {number}" if hidden else name)
        matched[client_id].append(want_id)
    order = list(matched)
    if limit is not None:
        order = order[:limit]
    return [
        Suggestion(client_id=client_id, client_number=files[client_id][0], label=files[client_id][1],
                   want_ids=tuple(matched[client_id]))
        for client_id in order
    ]  # fmt: skip


def want_ids_matching(piece: PieceDescription) -> QuerySet[Want]:
    """Active wants ``piece`` meets, as a queryset (for counting and benchmarks)."""
    return Want.objects.filter(wants_matching(piece))


# --- Appointments -----------------------------------------------------------------------------
def appointments_between(
    start: datetime, end: datetime, *, office: Any = None, staff: Any = None, include_cancelled: bool = False
) -> QuerySet[Appointment]:
    rows = Appointment.objects.filter(starts_at__lt=end, ends_at__gt=start)
    if not include_cancelled:
        rows = rows.exclude(status=AppointmentStatus.CANCELLED)
    if office is not None:
        rows = rows.filter(office=office)
    if staff is not None:
        rows = rows.filter(staff=staff)
    return (
        rows.select_related("room", "office", "client")
        .prefetch_related("staff", "pieces", "client__specialists")
        .order_by("starts_at", "id")
    )


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """Midnight to midnight of ``day`` in the current (office) time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, datetime.min.time(), zone)
    return start, datetime.combine(day + timedelta(days=1), datetime.min.time(), zone)


def appointment_detail(appointment_id: int) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(pk=appointment_id)
        .select_related("room", "office", "client", "created_by", "outcome_by")
        .prefetch_related("staff", "pieces", "client__specialists")
    )


def reserved_stock_numbers(start: datetime, end: datetime, *, exclude_appointment: Any = None) -> set[str]:
    """Stock numbers reserved for active appointments overlapping ``start``–``end``."""
    rows = AppointmentPiece.objects.filter(appointment__in=Appointment.objects.overlapping(start, end))
    if exclude_appointment is not None:
        rows = rows.exclude(appointment=exclude_appointment)
    return set(rows.values_list("stock_number", flat=True))


def appointments_showing(stock_number: str) -> QuerySet[Appointment]:
    """Active, upcoming appointments at which a piece is to be shown."""
    return (
        Appointment.objects.active()
        .filter(pieces__stock_number=stock_number, ends_at__gte=timezone.now())
        .select_related("room", "office")
    )


# --- Follow-ups and inquiries -----------------------------------------------------------------
def follow_ups_for(owner: Any, *, include_done: bool = False) -> QuerySet[FollowUp]:
    rows = FollowUp.objects.filter(owner=owner)
    if not include_done:
        rows = rows.filter(done_at__isnull=True)
    return rows.select_related("client", "owner").prefetch_related("client__specialists")


def follow_ups_due(owner: Any, today: date) -> QuerySet[FollowUp]:
    return follow_ups_for(owner).filter(due_on__lte=today)


def inquiry_queue(user: Any, *, status: str = "open") -> QuerySet[Inquiry]:
    rows = Inquiry.objects.select_related("office", "client", "assigned_to").prefetch_related("client__specialists")
    if status == "open":
        rows = rows.filter(status__in=[InquiryStatus.NEW, InquiryStatus.ASSIGNED])
    elif status:
        rows = rows.filter(status=status)
    return rows


def waiting_inquiries_for(user: Any) -> QuerySet[Inquiry]:
    """Open inquiries assigned to the person, or unassigned ones in their office."""
    mine = Q(assigned_to=user)
    if getattr(user, "office_id", None):
        mine |= Q(assigned_to__isnull=True, office_id=user.office_id)
    return inquiry_queue(user).filter(mine)


def open_inquiry_counts() -> dict[int, int]:
    """Staff id → open inquiries assigned to them (for routing to the least busy)."""
    rows = (
        Inquiry.objects.filter(status__in=[InquiryStatus.NEW, InquiryStatus.ASSIGNED], assigned_to__isnull=False)
        .values("assigned_to")
        .annotate(open=Count("id"))
    )
    return {row["assigned_to"]: row["open"] for row in rows}


def specialists_in(office: Any) -> QuerySet[Staff]:
    from parure.core.choices import Role

    return Staff.objects.filter(
        office=office, is_active=True, role__in=[Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT]
    ).order_by("last_name", "first_name")


def pieces_for_client(client: Client) -> list[Any]:
    """Pieces in stock meeting the client's active wants, from the sources registered with
    matching (inventory registers its pieces when it starts)."""
    from parure.clients.matching import WantCriteria, piece_sources

    sources = piece_sources()
    criteria = [WantCriteria.of(want) for want in client.wants.filter(is_active=True)]
    if not criteria:
        return []
    offers: dict[str, Any] = {}
    for source in sources:
        for offer in source(criteria):
            offers.setdefault(offer.stock_number, offer)
    return list(offers.values())


# --- Labels for other apps --------------------------------------------------------------------
@dataclass(frozen=True)
class ClientLabel:
    """How one file is named to one viewer: ``name`` is the file's name when the client book
    shows them its identity, else its pseudonym ("Client C-000412-3")."""

    number: str
    name: str
    identity_shown: bool


def client_labels(user: Any, client_ids: Iterable[int]) -> dict[int, ClientLabel]:
    """Each file's label for ``user``, by id, with the client book's visibility rules (a
    confidential file, or another specialist's for an assistant, shows by number). At most
    three queries whatever the number of ids; ids of no current file are left out."""
    wanted = {pk for pk in client_ids if pk is not None}
    if not wanted:
        return {}
    viewer = Viewer(user)
    rows = Client.objects.filter(pk__in=wanted).only("id", "number", "display_name", "title", "confidentiality")
    if viewer.sees_the_book and not viewer.sees_all:
        rows = rows.prefetch_related("specialists")
    labels = {}
    for row in rows:
        shown = viewer.shows_identity(row)
        labels[row.pk] = ClientLabel(number=row.number, name=addressed_name(row) if shown else row.pseudonym,
                                     identity_shown=shown)  # fmt: skip
    return labels


# --- For other apps: client files as one viewer may see them -----------------------------------
# Other apps hold client files that these reads return (a consignor on a consignment, a client on
# approval) and name the type with this alias; they never query the client book's tables.
ClientFile = Client


@dataclass(frozen=True)
class ClientChoice:
    """A client file as one viewer may see it: the name only where the client book shows it,
    otherwise the number-based pseudonym ("Client C-000412-3"). Pages show ``label``; ``client``
    is there to be recorded (a consignment's consignor), never to print its fields."""

    client: Client
    number: str
    label: str
    identity_shown: bool


def _choice(viewer: Viewer, client: Client) -> ClientChoice:
    shown = viewer.shows_identity(client)
    return ClientChoice(
        client=client,
        number=client.number,
        label=addressed_name(client) if shown else client.pseudonym,
        identity_shown=shown,
    )


def _files_for(viewer: Viewer) -> QuerySet[Client]:
    rows = viewer.restrict(Client.objects.current().filter(erased_at__isnull=True))
    return rows.prefetch_related("specialists")


def client_for_viewer(number: str, *, viewer: Staff) -> ClientChoice | None:
    """The file with this client number, if ``viewer`` may see it (None otherwise, or when no file
    has it). A number with a wrong check digit is refused (``ClientError``), never looked up."""
    parsed = parse_client_number(number)
    if parsed is None:
        raise ClientError(
            f"‘{number.strip()}’ is not a client number; they look like C-000412-3.",
            field="client_number",
            code=ClientErrorCode.INVALID_CLIENT_NUMBER,
        )
    sight = Viewer(viewer)
    client = _files_for(sight).filter(number=parsed).first()
    return _choice(sight, client) if client is not None else None


def consignor_search(text: str, *, viewer: Staff, limit: int = 12) -> list[ClientChoice]:
    """Client files matching a client number or a name (with or without its title, "Mrs Eleanor
    Whitcombe"), among those ``viewer`` may see, labelled as they may see them.

    A name finds only files whose identity the viewer may see (an assistant cannot find a
    confidential file by name, only by its number); several matches are all returned, by name,
    for the person to choose. A client number with a wrong check digit is refused (``ClientError``).
    """
    text = text.strip()
    if len(text) < 2:
        return []
    sight = Viewer(viewer)
    first = text.split()[0]
    number = parse_client_number(first)  # a mistyped number is refused, not searched for as a name
    if number is not None:
        found = client_for_viewer(number, viewer=viewer)
        return [found] if found is not None else []
    words = fold(text).split()
    if not words:
        return []

    def all_of(names: list[str]) -> Q:
        condition = Q()
        for word in names:
            condition &= Q(search_text__contains=word)
        return condition

    condition = all_of(words)
    if len(words) > 1:
        # "Mrs Eleanor Whitcombe": the first word may be the title, which the search column lacks.
        condition |= Q(title__iexact=text.split()[0].rstrip(".")) & all_of(words[1:])
    rows = _files_for(sight).filter(condition & sight.identity_filter()).order_by("display_name", "id")[:limit]
    return [_choice(sight, client) for client in rows]


# --- Pieces to show at appointments ----------------------------------------------------------------
@dataclass(frozen=True)
class PieceToShow:
    """One piece on an appointment: its number, and from inventory its title, place and page."""

    stock_number: str
    title: str
    place: str
    status_label: str
    url: str
    checked_out_here: bool  # checked out now for this appointment
    known: bool  # inventory has a piece with this number
    also_booked: tuple[str, ...]  # overlapping appointments that list it too ("Tue 02 Dec 10:00–12:00")

    @property
    def warning(self) -> str:
        return booking_warning(self.stock_number, self.also_booked) if self.also_booked else ""


def booking_warning(stock_number: str, spans: Iterable[str]) -> str:
    """The sentence a page shows for a piece also listed on overlapping appointments."""
    return (
        f"{stock_number} is also to be shown at another appointment {', '.join(spans)}; "
        "agree with its specialist who has it when."
    )


def pieces_booked_elsewhere(
    stock_numbers: Iterable[str], *, starts_at: datetime, ends_at: datetime, exclude_appointment: Any = None
) -> dict[str, list[Appointment]]:
    """Stock number → the other active appointments overlapping ``starts_at``–``ends_at`` that list it."""
    rows = (
        AppointmentPiece.objects.filter(
            stock_number__in=list(stock_numbers), appointment__in=Appointment.objects.overlapping(starts_at, ends_at)
        )
        .select_related("appointment")
        .order_by("stock_number", "appointment__starts_at")
    )
    if exclude_appointment is not None:
        rows = rows.exclude(appointment=exclude_appointment)
    found: dict[str, list[Appointment]] = {}
    for row in rows:
        found.setdefault(row.stock_number, []).append(row.appointment)
    return found


def _span(appointment: Appointment) -> str:
    start, end = timezone.localtime(appointment.starts_at), timezone.localtime(appointment.ends_at)
    return f"{start:%a %d %b %H:%M}–{end:%H:%M}"


def double_booking_warnings(appointment: Appointment) -> list[str]:
    """Sentences for the page: each piece also listed on an overlapping appointment, and when."""
    numbers = [piece.stock_number for piece in appointment.pieces.all()]
    elsewhere = pieces_booked_elsewhere(
        numbers, starts_at=appointment.starts_at, ends_at=appointment.ends_at, exclude_appointment=appointment
    )
    return [booking_warning(number, [_span(other) for other in others]) for number, others in elsewhere.items()]


def pieces_to_show(appointment: Appointment, *, viewer: Staff) -> list[PieceToShow]:
    """The appointment's pieces with what inventory says of them (title, place, link, whether
    they are checked out for this appointment) and any overlapping booking — three queries
    whatever the number of pieces."""
    from parure.inventory.queries import piece_summaries

    numbers = [piece.stock_number for piece in appointment.pieces.all()]
    summaries = piece_summaries(numbers, viewer=viewer)
    elsewhere = pieces_booked_elsewhere(
        numbers, starts_at=appointment.starts_at, ends_at=appointment.ends_at, exclude_appointment=appointment
    )
    cause = appointment.custody_cause
    shown = []
    for number in numbers:
        summary = summaries.get(number)
        shown.append(
            PieceToShow(
                stock_number=number,
                title=summary.title if summary else "",
                place=summary.place if summary else "",
                status_label=summary.status_label if summary else "",
                url=summary.url if summary else "",
                checked_out_here=bool(summary and summary.status == "checked_out" and summary.cause == cause),
                known=summary is not None,
                also_booked=tuple(_span(other) for other in elsewhere.get(number, [])),
            )
        )
    return shown


# --- For the auctions: whether a bidder's identity is verified ----------------------------------
@dataclass(frozen=True)
class KycStanding:
    """A file's KYC as registration reads it: verified and in date, or the status that stops it."""

    verified: bool
    status: str
    label: str
    expires_on: date | None


def kyc_standing(client: Client, *, today: date | None = None) -> KycStanding:
    """Whether ``client``'s identity checks are verified and unexpired today (an expired document
    reads as expired). It says nothing of the person beyond that, so any role registering bidders may
    ask it."""
    status = client.kyc_effective_status(today)
    return KycStanding(
        verified=status == KycStatus.VERIFIED,
        status=str(status),
        label=str(status.label),
        expires_on=client.kyc_document_expires_on,
    )


# --- For the auctions: a bidder found by e-mail (an online platform's export) ------------------
def client_by_email(address: str, *, viewer: Staff) -> ClientChoice | None:
    """The one client file ``viewer`` may see that has this e-mail address (any case), labelled as
    they may see it; None when no such file has it, or when several do (an e-mail shared by two
    files names neither)."""
    text = (address or "").strip()
    if not text or len(text) > 254 or "@" not in text:
        return None
    sight = Viewer(viewer)
    rows = list(_files_for(sight).filter(emails__address__iexact=text).distinct()[:2])
    return _choice(sight, rows[0]) if len(rows) == 1 else None


# --- For the auctions: where a bidder's transactional messages go ----------------------------------
def transactional_address(client: Client) -> str:
    """The client's primary e-mail address for a message about their own business with the house (a
    bid's confirmation), which needs no marketing consent; "" when the file has none."""
    return client.email


# --- For billing: the party an invoice or a settlement is made out to --------------------------------
@dataclass(frozen=True)
class BillingParty:
    """What an invoice or a settlement statement prints of its client: the name the client book
    addresses them by, their number, their billing address (else their primary, else any) and where
    it is (``region``: the US state or Canadian province as written, for a sales tax), and whether their
    identity checks stand verified today."""

    client_id: int
    number: str
    name: str
    address: str
    country: str
    region: str
    city: str
    kyc_verified: bool
    kyc_label: str


def _address_rank(address: ClientAddress) -> tuple[int, int]:
    kind_rank = {AddressKind.BILLING: 0, AddressKind.HOME: 1, AddressKind.WORK: 2, AddressKind.SHIPPING: 3}
    return (kind_rank.get(AddressKind(address.kind), 4), 0 if address.is_primary else 1)


def billing_parties(client_ids: Iterable[int], *, today: date | None = None) -> dict[int, BillingParty]:
    """Each client's billing party, by id, in two queries. Billing prints these on documents made out to
    the client themselves; who may open those documents is billing's permission, not the client book's."""
    wanted = {pk for pk in client_ids if pk is not None}
    if not wanted:
        return {}
    rows = Client.objects.filter(pk__in=wanted).prefetch_related("addresses")
    parties = {}
    for client in rows:
        addresses = sorted(client.addresses.all(), key=_address_rank)
        chosen = addresses[0] if addresses else None
        lines = []
        if chosen is not None:
            lines = [line.strip() for line in chosen.lines.splitlines() if line.strip()]
            place = " ".join(part for part in (chosen.city, chosen.region, chosen.postcode) if part)
            if place:
                lines.append(place)
            lines.append(chosen.country)
        standing = kyc_standing(client, today=today)
        parties[client.pk] = BillingParty(
            client_id=client.pk,
            number=client.number,
            name=addressed_name(client),
            address="\n".join(lines),
            country=chosen.country if chosen is not None else client.country,
            region=chosen.region if chosen is not None else "",
            city=chosen.city if chosen is not None else "",
            kyc_verified=standing.verified,
            kyc_label=standing.label,
        )
    return parties


def billing_party(client_id: int, *, today: date | None = None) -> BillingParty:
    parties = billing_parties([client_id], today=today)
    if client_id not in parties:
        raise ClientError("No such client.", code=ClientErrorCode.UNKNOWN_CLIENT)
    return parties[client_id]


# --- For billing: the payer's identity on an anti-money-laundering cash report ------------------------
@dataclass(frozen=True)
class CashReportParty:
    """What a cash report (IRS/FinCEN Form 8300, a threshold report) asks of the payer, as the client book
    holds it: the name and number, person or organisation, the address, the date of birth, and the
    identity document the KYC checked (its kind and expiry; the book keeps no document number) with
    the KYC's standing. Empty strings and None where the book holds nothing."""

    client_id: int
    number: str
    name: str
    kind: str
    address: str
    country: str
    date_of_birth: date | None
    id_document: str
    id_document_expires_on: date | None
    kyc_status: str
    kyc_verified_on: date | None


def cash_report_party(client_id: int, *, today: date | None = None) -> CashReportParty:
    """The payer's identity for a cash report. Only billing's report pages (finance, auditors) show it."""
    party = billing_party(client_id, today=today)
    client = Client.objects.get(pk=client_id)
    document = IdentityDocument(client.kyc_document).label if client.kyc_document else ""
    return CashReportParty(
        client_id=client.pk,
        number=client.number,
        name=party.name,
        kind=str(ClientKind(client.kind).label),
        address=party.address,
        country=party.country,
        date_of_birth=client.birthday,
        id_document=str(document),
        id_document_expires_on=client.kyc_document_expires_on,
        kyc_status=party.kyc_label,
        kyc_verified_on=client.kyc_verified_on,
    )


# --- For billing: before a consignor is paid ---------------------------------------------------------
@dataclass(frozen=True)
class PayoutDetails:
    """A consignor's tax form and payout account as billing reads them. ``iban`` is whole; a page or
    export for someone who does not pay shows ``masked_iban``."""

    client_id: int
    tax_form: str
    tax_form_label: str
    tax_form_received_on: date | None
    account_name: str
    iban: str
    bic: str

    @property
    def masked_iban(self) -> str:
        from parure.clients.payout import masked_iban

        return masked_iban(self.iban)

    @property
    def has_account(self) -> bool:
        return bool(self.iban)


def payout_details(client_ids: Iterable[int]) -> dict[int, PayoutDetails]:
    """Each client's tax form and payout account, by id, in one query."""
    from parure.clients.choices import TaxForm

    wanted = {pk for pk in client_ids if pk is not None}
    if not wanted:
        return {}
    rows = Client.objects.filter(pk__in=wanted).only(
        "pk", "tax_form", "tax_form_received_on", "payout_name", "payout_iban", "payout_bic"
    )
    return {
        row.pk: PayoutDetails(
            client_id=row.pk,
            tax_form=row.tax_form,
            tax_form_label=str(TaxForm(row.tax_form).label) if row.tax_form else "",
            tax_form_received_on=row.tax_form_received_on,
            account_name=row.payout_name,
            iban=row.payout_iban,
            bic=row.payout_bic,
        )
        for row in rows
    }


def client_id_by_number(text: str) -> int | None:
    """The id of the current client file with this number, for billing's forms (a mistyped number is
    refused by its check digit as :class:`ClientError`; a text not shaped like a number finds nothing)."""
    number = parse_client_number(text or "")
    if number is None:
        return None
    return Client.objects.current().filter(number=number).values_list("pk", flat=True).first()


# --- For shipping: where a client's parcel goes, and whether it may go -----------------------------------
@dataclass(frozen=True)
class ShippingAddress:
    pk: int
    kind: str
    kind_label: str
    lines: tuple[str, ...]
    city: str
    region: str
    postcode: str
    country: str
    is_primary: bool

    @property
    def text(self) -> str:
        place = " ".join(part for part in (self.postcode, self.city, self.region) if part)
        return "\n".join([*self.lines, *([place] if place else []), self.country])


@dataclass(frozen=True)
class ShippingParty:
    """What a shipment to a client prints and checks: the name the book addresses them by, their number,
    telephone, the addresses on file (a shipping address first) and whether their identity checks stand
    verified today. Who may read a consignee's address is shipping's permission, not the client book's."""

    client_id: int
    number: str
    name: str
    phone: str
    addresses: tuple[ShippingAddress, ...]
    kyc_verified: bool
    kyc_label: str

    def address(self, pk: int | None) -> ShippingAddress | None:
        return next((address for address in self.addresses if address.pk == pk), None)


def shipping_parties(client_ids: Iterable[int], *, today: date | None = None) -> dict[int, ShippingParty]:
    """Each client's shipping party, by id, in three queries whatever their number."""
    from parure.clients.normalise import phone_display

    wanted = {pk for pk in client_ids if pk is not None}
    if not wanted:
        return {}
    rank = {AddressKind.SHIPPING: 0, AddressKind.HOME: 1, AddressKind.WORK: 2, AddressKind.BILLING: 3}
    parties = {}
    for client in Client.objects.filter(pk__in=wanted).prefetch_related("addresses", "phones"):
        addresses = sorted(
            client.addresses.all(), key=lambda a: (rank.get(AddressKind(a.kind), 4), not a.is_primary, a.pk)
        )
        phones = list(client.phones.all())
        standing = kyc_standing(client, today=today)
        parties[client.pk] = ShippingParty(
            client_id=client.pk,
            number=client.number,
            name=addressed_name(client),
            phone=phone_display(phones[0].e164) if phones else "",
            addresses=tuple(
                ShippingAddress(
                    pk=a.pk,
                    kind=a.kind,
                    kind_label=str(AddressKind(a.kind).label),
                    lines=tuple(line.strip() for line in a.lines.splitlines() if line.strip()),
                    city=a.city,
                    region=a.region,
                    postcode=a.postcode,
                    country=a.country,
                    is_primary=a.is_primary,
                )
                for a in addresses
            ),
            kyc_verified=standing.verified,
            kyc_label=standing.label,
        )
    return parties


def shipping_party(client_id: int, *, today: date | None = None) -> ShippingParty:
    parties = shipping_parties([client_id], today=today)
    if client_id not in parties:
        raise ClientError("No such client.", code=ClientErrorCode.UNKNOWN_CLIENT)
    return parties[client_id]


def client_number_of(client_id: int) -> str:
    """The client number of the file with this id ("" when there is none)."""
    return Client.objects.filter(pk=client_id).values_list("number", flat=True).first() or ""
