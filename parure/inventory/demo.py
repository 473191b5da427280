"""Demonstration custody: places in the four offices and ~500 consigned pieces with real histories.

Deterministic: a seeded generator decides everything, and times are counted back from the
start of the current UTC day, so the same day gives the same department. Histories are
simulated in memory (intake, into the vault, photography, viewings, the bench, labs,
transfers, releases, returns to consignors), then every event is appended in time order
through the ledger's hash chain (:func:`parure.inventory.ledger.append`) in bulk, and each
piece's stored state is its replay — exactly what ``parure ledger verify`` checks.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from parure.clients import queries as client_book
from parure.clients.queries import ClientFile
from parure.core.models import Office, Staff
from parure.inventory import ledger
from parure.inventory.choices import (
    PURPOSE_OF_TYPE,
    EventKind,
    ItemCategory,
    LocationKind,
    LocationType,
    ReleaseReceiptStatus,
    ReservePolicy,
    UnsoldInstruction,
)
from parure.inventory.models import (
    Consignment,
    ConsignmentReceipt,
    CustodyEvent,
    CustodySettings,
    Item,
    ItemComponent,
    Location,
    ReleaseReceipt,
    Stone,
)
from parure.inventory.numbers import issue_consignment_number, issue_release_receipt_number, issue_stock_number
from parure.inventory.services.custody import STATE_UPDATE_FIELDS
from parure.inventory.services.intake import receipt_snapshot
from parure.inventory.services.places import location_create, singleton_place
from parure.inventory.services.witness import requires_witness

SEED = 20261126
PIECES = 500

THRESHOLDS = {"NY": "50000", "LN": "40000", "GE": "50000", "HK": "400000"}
SHARE = {"NY": 0.38, "LN": 0.26, "GE": 0.2, "HK": 0.16}
# A rough exchange to the office currency, so values read naturally in each office.
RATE = {"NY": Decimal("1"), "LN": Decimal("0.8"), "GE": Decimal("0.9"), "HK": Decimal("7.8")}

VENDORS = {
    "NY": [
        (LocationType.BENCH_JEWELER, "BENCH-RK", "Bench: Rosen & Kahn, 47th Street", "Rosen & Kahn Jewelers"),
        (LocationType.BENCH_JEWELER, "BENCH-AM", "Bench: Atelier Marchetti", "Atelier Marchetti"),
        (LocationType.GEM_LAB, "LAB-GIA", "Lab: GIA New York", "GIA Laboratory, New York"),
        (LocationType.GEM_LAB, "LAB-AGL", "Lab: AGL", "American Gemological Laboratories"),
    ],
    "LN": [
        (LocationType.BENCH_JEWELER, "BENCH-HG", "Bench: Hatton Garden Workshop", "Hatton Garden Workshop Ltd"),
        (LocationType.GEM_LAB, "LAB-GUB", "Lab: Gübelin London", "Gübelin Gem Lab"),
    ],
    "GE": [
        (LocationType.BENCH_JEWELER, "BENCH-AF", "Bench: Atelier Favre", "Atelier Favre SA"),
        (LocationType.GEM_LAB, "LAB-SSEF", "Lab: SSEF Basel", "Swiss Gemmological Institute SSEF"),
        (LocationType.GEM_LAB, "LAB-GRS", "Lab: GRS Lucerne", "GemResearch Swisslab"),
    ],
    "HK": [
        (LocationType.BENCH_JEWELER, "BENCH-WK", "Bench: Wing Kee Workshop", "Wing Kee Jewellery Workshop"),
        (LocationType.GEM_LAB, "LAB-GIAHK", "Lab: GIA Hong Kong", "GIA Laboratory, Hong Kong"),
    ],
}

CONSIGNORS = [
    ("Mrs Catherine Vandermeer", "Catherine", "Vandermeer"),
    ("Mr Julian Ashcombe", "Julian", "Ashcombe"),
    ("The Estate of Marguerite Delaunay", "", ""),
    ("Dr Helena Okafor", "Helena", "Okafor"),
    ("Mr and Mrs Theodore Blackwood", "Theodore", "Blackwood"),
    ("Countess Isabella di Montecalvo", "Isabella", "di Montecalvo"),
    ("Mr Rajiv Malhotra", "Rajiv", "Malhotra"),
    ("Mrs Eleanor Fairweather", "Eleanor", "Fairweather"),
    ("Mr Wong Ka-Ming", "Ka-Ming", "Wong"),
    ("Mme Sophie Lacroix-Bérard", "Sophie", "Lacroix-Bérard"),
    ("Mr Alistair Pemberton-Hayes", "Alistair", "Pemberton-Hayes"),
    ("Ms Naomi Feldstein", "Naomi", "Feldstein"),
    ("The Harrowgate Family Trust", "", ""),
    ("Mr Lorenzo Baldacci", "Lorenzo", "Baldacci"),
    ("Mrs Amara Nwosu", "Amara", "Nwosu"),
    ("Herr Friedrich von Albrecht", "Friedrich", "von Albrecht"),
    ("Mrs Chen Mei-Lin", "Mei-Lin", "Chen"),
    ("Mr Oscar Lindqvist", "Oscar", "Lindqvist"),
    ("Lady Arabella Fitzroy", "Arabella", "Fitzroy"),
    ("Mr Samuel Okonjo-Reid", "Samuel", "Okonjo-Reid"),
    ("Mrs Beatrice Holloway", "Beatrice", "Holloway"),
    ("Mr Henri Dufresne", "Henri", "Dufresne"),
    ("Ms Valentina Ruiz", "Valentina", "Ruiz"),
    ("Mr Kenji Takahashi", "Kenji", "Takahashi"),
    ("The Estate of Lillian Marsh", "", ""),
    ("Mr Edmund Carrow", "Edmund", "Carrow"),
    ("Mrs Priyanka Desai", "Priyanka", "Desai"),
    ("Mr Anton Weiss", "Anton", "Weiss"),
    ("Mrs Rosalind Whitaker", "Rosalind", "Whitaker"),
    ("Mr Li Wei-Chung", "Wei-Chung", "Li"),
    ("Mme Claire Montrose", "Claire", "Montrose"),
    ("Mr Frederick Hale-Osborne", "Frederick", "Hale-Osborne"),
    ("Ms Ingrid Solberg", "Ingrid", "Solberg"),
    ("Mr Nathaniel Greaves", "Nathaniel", "Greaves"),
    ("Mrs Dorothea Kingsley", "Dorothea", "Kingsley"),
    ("Mr Marco Visconti", "Marco", "Visconti"),
    ("Mrs Yasmin Haddad", "Yasmin", "Haddad"),
    ("Mr Charles Whitmore", "Charles", "Whitmore"),
    ("Mrs Ho Siu-Wai", "Siu-Wai", "Ho"),
    ("Sir Geoffrey Ambrose", "Geoffrey", "Ambrose"),
]

APPROVAL_CLIENTS = ["Mrs Penelope Crane", "Mr Dmitri Volkov", "Ms Aiko Morimoto", "Mr Gideon Achterberg"]

# (category, title pattern, stones, metal, parts)
DESIGNS: list[tuple[str, str, list[tuple[str, str, int, str]], str, tuple[str, ...]]] = [
    (
        ItemCategory.RING,
        "Sapphire and diamond ring",
        [("sapphire", "cushion", 1, "4.12"), ("diamond", "round brilliant", 2, "0.60")],
        "platinum 950",
        (),
    ),
    (ItemCategory.RING, "Diamond single-stone ring", [("diamond", "round brilliant", 1, "3.02")], "platinum 950", ()),
    (
        ItemCategory.RING,
        "Burmese ruby and diamond ring",
        [("ruby", "oval", 1, "2.05"), ("diamond", "pear", 2, "0.80")],
        "18k white gold 750",
        (),
    ),
    (
        ItemCategory.RING,
        "Colombian emerald and diamond ring",
        [("emerald", "step", 1, "3.40"), ("diamond", "baguette", 2, "0.50")],
        "platinum 950",
        (),
    ),
    (
        ItemCategory.RING,
        "Fancy intense yellow diamond ring",
        [("diamond", "radiant", 1, "5.01"), ("diamond", "round brilliant", 30, "0.90")],
        "18k yellow gold 750",
        (),
    ),
    (
        ItemCategory.NECKLACE,
        "Natural pearl and diamond necklace",
        [("pearl", "round", 41, ""), ("diamond", "old-mine", 1, "0.70")],
        "platinum 950",
        (),
    ),
    (ItemCategory.NECKLACE, "Jadeite bead necklace", [("jadeite", "bead", 35, "")], "18k yellow gold 750", ()),
    (ItemCategory.NECKLACE, "Diamond rivière necklace", [("diamond", "cushion", 48, "32.50")], "platinum 950", ()),
    (
        ItemCategory.BRACELET,
        "Art Deco sapphire and diamond bracelet",
        [("diamond", "old European", 120, "9.50"), ("sapphire", "calibré", 64, "3.20")],
        "platinum 950",
        (),
    ),
    (
        ItemCategory.BRACELET,
        "Gold and gem-set bracelet",
        [("citrine", "cushion", 6, "18.00"), ("amethyst", "oval", 6, "14.00")],
        "18k yellow gold 750",
        (),
    ),
    (ItemCategory.BROOCH, "Diamond clip brooch", [("diamond", "baguette and round", 86, "7.80")], "platinum 950", ()),
    (
        ItemCategory.BROOCH,
        "Belle Époque diamond bow brooch",
        [("diamond", "old-mine", 54, "4.60")],
        "platinum-topped 18k gold",
        (),
    ),
    (
        ItemCategory.BROOCH,
        "Enamel and gem-set panther brooch",
        [("emerald", "pear", 2, "0.30"), ("onyx", "cabochon", 1, "")],
        "18k yellow gold 750",
        (),
    ),
    (
        ItemCategory.EARRINGS,
        "Pair of emerald and diamond ear pendants",
        [("emerald", "drop", 2, "6.10"), ("diamond", "round brilliant", 40, "2.20")],
        "platinum 950",
        ("left ear pendant", "right ear pendant"),
    ),
    (
        ItemCategory.EARRINGS,
        "Pair of diamond ear clips",
        [("diamond", "marquise and round", 64, "6.00")],
        "platinum 950",
        ("left ear clip", "right ear clip"),
    ),
    (
        ItemCategory.EARRINGS,
        "Pair of South Sea pearl earrings",
        [("pearl", "drop", 2, ""), ("diamond", "round brilliant", 12, "0.60")],
        "18k white gold 750",
        ("left earring", "right earring"),
    ),
    (
        ItemCategory.PENDANT,
        "Opal and diamond pendant",
        [("opal", "cabochon", 1, "12.30"), ("diamond", "rose", 22, "0.90")],
        "18k yellow gold 750",
        (),
    ),
    (
        ItemCategory.CUFFLINKS,
        "Pair of sapphire cufflinks",
        [("sapphire", "cabochon", 4, "6.00")],
        "18k yellow gold 750",
        ("left cufflink", "right cufflink"),
    ),
    (ItemCategory.WATCH, "Lady's diamond cocktail watch", [("diamond", "single-cut", 90, "3.10")], "platinum 950", ()),
    (ItemCategory.WATCH, "Gold wristwatch with perpetual calendar", [], "18k yellow gold 750", ()),
    (ItemCategory.LOOSE_STONE, "Unmounted cushion-cut sapphire", [("sapphire", "cushion", 1, "8.21")], "", ()),
    (ItemCategory.LOOSE_STONE, "Unmounted oval diamond", [("diamond", "oval", 1, "4.04")], "", ()),
    (
        ItemCategory.TIARA,
        "Edwardian diamond tiara",
        [("diamond", "old-mine", 210, "28.00")],
        "silver-topped 18k gold",
        (),
    ),
    (
        ItemCategory.SUITE,
        "Ruby and diamond parure",
        [("ruby", "oval", 38, "24.00"), ("diamond", "round brilliant", 160, "18.00")],
        "18k white gold 750",
        ("necklace", "bracelet", "left ear clip", "right ear clip"),
    ),
]


def _say_none(line: str) -> None:
    return None


def _period(rng: random.Random, title: str) -> str:
    """Sometimes date a design (‘Art Deco sapphire and diamond ring’); proper names keep their capital."""
    first, _, rest = title.partition(" ")
    if first not in {"Sapphire", "Diamond", "Natural", "Gold", "Opal", "Enamel", "Ruby"} or rng.random() > 0.4:
        return title
    period = rng.choice(["Art Deco", "Retro", "Victorian", "Edwardian", "1960s", "Belle Époque"])
    return f"{period} {first.lower()} {rest}"


def _metal(text: str) -> tuple[str, str]:
    """‘18k white gold 750’ → (‘18k white gold’, ‘750’)."""
    words = text.split()
    if words and words[-1].isdigit():
        return " ".join(words[:-1]), words[-1]
    return text, ""


@dataclass
class _Piece:
    item: Item
    office: str
    location: Location
    checked_out: bool = False
    in_transit_to: str | None = None
    terminal: bool = False
    events: list[tuple[datetime, CustodyEvent]] = field(default_factory=list)


class _Department:
    """The offices, their places and people, as the simulation needs them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.offices = {office.code: office for office in Office.objects.filter(code__in=THRESHOLDS)}
        self.people = {
            code: list(Staff.objects.filter(office=office, is_active=True)) for code, office in self.offices.items()
        }
        self.places: dict[str, dict[str, list[Location]]] = {}
        self.thresholds = {code: Decimal(value) for code, value in THRESHOLDS.items()}

    def role(self, code: str, *roles: str) -> list[Staff]:
        return [person for person in self.people[code] if person.role in roles] or self.people[code]

    def specialist(self, code: str) -> Staff:
        return self.rng.choice(self.role(code, "senior_specialist", "specialist_assistant"))

    def senior(self, code: str) -> Staff:
        return self.rng.choice(self.role(code, "senior_specialist"))

    def mover(self, code: str) -> Staff:
        return self.rng.choice(self.role(code, "logistics", "senior_specialist"))

    def witness(self, code: str, actor: Staff) -> Staff:
        candidates = [
            p for p in self.role(code, "senior_specialist", "specialist_assistant", "logistics") if p.pk != actor.pk
        ]
        return self.rng.choice(candidates)

    def place(self, code: str, type_: str) -> Location:
        return self.rng.choice(self.places[code][type_])


class _PlaceBuilder:
    """Adds one office's places and remembers them by type."""

    def __init__(self, office: Office, by: Staff) -> None:
        self.office, self.by = office, by
        self.created: dict[str, list[Location]] = {}

    def add(
        self, name: str, short: str, type_: LocationType, parent: Location | None = None, counterpart: str = ""
    ) -> Location:
        place = location_create(
            office=self.office, name=name, code=short, type=type_, by=self.by, parent=parent, counterpart=counterpart
        )
        self.created.setdefault(type_, []).append(place)
        return place


def _build_places(department: _Department, by: Staff) -> None:
    for code, office in department.offices.items():
        places = _PlaceBuilder(office, by)
        vault = places.add("Vault", "V1", LocationType.VAULT)
        for safe_code, trays in (("SA", 6), ("SB", 4)):
            safe = places.add(f"Vault · Safe {safe_code[1]}", f"V1-{safe_code}", LocationType.SAFE, vault)
            for number in range(1, trays + 1):
                places.add(
                    f"Safe {safe_code[1]} · Tray {number}", f"V1-{safe_code}-T{number:02d}", LocationType.TRAY, safe
                )
        places.add("Intake desk", "DESK", LocationType.INTAKE_DESK)
        places.add("Workroom", "WORK", LocationType.WORKROOM)
        places.add("Photo studio", "PHOTO", LocationType.PHOTO_STUDIO)
        for number in (1, 2):
            places.add(f"Viewing room {number}", f"VIEW{number}", LocationType.VIEWING_ROOM)
        # The client book's third viewing room: an appointment there checks its pieces out to it.
        places.add("The Salon", "SALON", LocationType.VIEWING_ROOM)
        for number in (1, 2, 3):
            places.add(f"Display case {number}", f"CASE{number}", LocationType.DISPLAY_CASE)
        places.add("Clients on approval", "APPROVAL", LocationType.ON_APPROVAL)
        for type_, short, name, counterpart in VENDORS[code]:
            places.add(name, short, type_, counterpart=counterpart)
        for type_ in (LocationType.IN_TRANSIT, LocationType.RELEASED, LocationType.RETURNED):
            places.created[type_] = [singleton_place(office, type_)]
        department.places[code] = places.created
        CustodySettings.objects.update_or_create(
            office=office, defaults={"four_eyes_threshold": department.thresholds[code], "updated_by": by}
        )


def _consignors(say: Callable[[str], None], senior: Staff) -> list[ClientFile]:
    """The demo consignors: found through the client book as a senior specialist sees it, or created."""
    from parure.clients.services import client_create

    clients = []
    for display_name, given, family in CONSIGNORS:
        found = [
            choice.client
            for choice in client_book.consignor_search(display_name, viewer=senior)
            if choice.client.display_name == display_name
        ]
        client = found[0] if found else None
        if client is None:
            client = client_create(display_name=display_name, given_name=given, family_name=family, by=senior)
        clients.append(client)
    return clients


def _value(rng: random.Random, code: str) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Stated value, estimate low and high, insurance value: log-spread from 3,000 to 1.5 million."""
    base = Decimal(int(10 ** rng.uniform(3.5, 6.2))) * RATE[code]
    low = (base / 1000).quantize(Decimal(1)) * 1000 or Decimal(1000)
    high = (low * Decimal("1.5") / 1000).quantize(Decimal(1)) * 1000
    stated = (high * Decimal(rng.choice(["1.0", "1.2", "1.5", "0.9"])) / 100).quantize(Decimal(1)) * 100
    insurance = (high * Decimal("1.2") / 100).quantize(Decimal(1)) * 100
    return stated, low, high, insurance


def _event(
    piece: _Piece,
    at: datetime,
    kind: EventKind,
    to: Location,
    by: Staff,
    department: _Department,
    *,
    due_back: datetime | None = None,
    counterpart: str = "",
    counterpart_client: ClientFile | None = None,
    destination: Office | None = None,
    tracking_number: str = "",
    cause: str = "",
    reason: str = "",
) -> None:
    origin = piece.location
    witness = None
    if kind not in (EventKind.INTAKE, EventKind.TRANSFER_IN) and requires_witness(
        piece.item.custody_value, department.thresholds[piece.item.office.code], origin, to
    ):
        witness = department.witness(origin.office.code if origin.is_in_house else to.office.code, by)
    event = CustodyEvent(
        item=piece.item,
        kind=kind,
        from_location=None if kind == EventKind.INTAKE else origin,
        to_location=to,
        counterpart=counterpart,
        counterpart_client=counterpart_client,
        staff=by,
        witness=witness,
        at=at,
        reason=reason,
        purpose=PURPOSE_OF_TYPE.get(to.type, "") if kind == EventKind.CHECK_OUT else "",
        due_back=due_back,
        destination=destination,
        tracking_number=tracking_number,
        cause=cause,
    )
    piece.events.append((at, event))
    piece.location = to


def _history(piece: _Piece, start: datetime, end: datetime, department: _Department, approvals: list[str]) -> None:
    """Simulate one piece's life from intake to ``end`` (the start of today)."""
    rng = department.rng
    code = piece.office
    t = start + timedelta(hours=rng.uniform(2, 6))
    if t >= end:
        return
    tray = department.place(code, LocationType.TRAY)
    _event(
        piece, t, EventKind.MOVE, tray, department.specialist(code), department, reason="Into the vault after intake"
    )
    steps = ["photo"] if rng.random() < 0.85 else []
    steps += [
        rng.choice(["viewing", "viewing", "bench", "lab", "display", "move", "approval"])
        for _ in range(rng.randint(0, 3))
    ]
    if rng.random() < 0.08:
        steps.append("transfer")
    for step in steps:
        t += timedelta(days=rng.uniform(2, 25), hours=rng.uniform(0, 8))
        if t >= end:
            return
        code = piece.location.office.code
        home = piece.location
        if step == "move":
            _event(
                piece,
                t,
                EventKind.MOVE,
                department.place(code, LocationType.TRAY),
                department.specialist(code),
                department,
                reason="Vault reorganised",
            )
            continue
        if step == "transfer":
            destination = rng.choice([c for c in department.offices if c != code])
            carrier = rng.choice(["Malca-Amit", "Brink's Global Services", "Ferrari Group"])
            tracking = f"{rng.randint(10**9, 10**10 - 1)}"
            _event(
                piece,
                t,
                EventKind.TRANSFER_OUT,
                department.places[code][LocationType.IN_TRANSIT][0],
                department.mover(code),
                department,
                counterpart=carrier,
                destination=department.offices[destination],
                tracking_number=tracking,
                reason=f"For the {department.offices[destination].name} sale",
            )
            t += timedelta(days=rng.uniform(2, 5))
            if t >= end:
                piece.in_transit_to = destination
                return
            _event(
                piece,
                t,
                EventKind.TRANSFER_IN,
                department.place(destination, LocationType.TRAY),
                department.mover(destination),
                department,
                reason="Received and checked against the manifest",
            )
            continue
        type_, duration, reason = {
            "photo": (LocationType.PHOTO_STUDIO, timedelta(days=2), "Catalogue photography"),
            "viewing": (rng.choice([LocationType.VIEWING_ROOM]), timedelta(hours=4), "Private viewing"),
            "bench": (LocationType.BENCH_JEWELER, timedelta(days=14), "Clasp repair and cleaning"),
            "lab": (LocationType.GEM_LAB, timedelta(days=21), "Origin report"),
            "display": (LocationType.DISPLAY_CASE, timedelta(days=10), "Sale exhibition"),
            "approval": (LocationType.ON_APPROVAL, timedelta(days=7), "On approval to a client"),
        }[step]
        place = department.place(code, type_)
        counterpart = (
            rng.choice(approvals)
            if type_ == LocationType.ON_APPROVAL
            else (place.counterpart if place.kind == LocationKind.EXTERNAL else "")
        )
        by = department.specialist(code)
        _event(
            piece,
            t,
            EventKind.CHECK_OUT,
            place,
            by,
            department,
            due_back=t + duration,
            counterpart=counterpart,
            reason=reason,
        )
        back = t + duration * rng.uniform(0.4, 1.3 if step == "bench" else 0.95)
        if back >= end:
            piece.checked_out = True
            return
        t = back
        _event(piece, t, EventKind.RETURN, home, by, department, reason="Returned and checked")


def build(say: Callable[[str], None] = _say_none) -> None:
    """Build the demonstration custody (skipped when pieces already exist)."""
    if Item.objects.exists():
        say("  inventory already has pieces; left as it is")
        return
    rng = random.Random(SEED)
    department = _Department(rng)
    if len(department.offices) < 4:
        say("  inventory: the four demo offices are missing; nothing built")
        return
    administrator = Staff.objects.filter(username="simon").first() or department.senior("NY")
    _build_places(department, administrator)
    consignors = _consignors(say, department.role("NY", "senior_specialist")[0])
    end = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    pieces: list[_Piece] = []
    consignments: list[tuple[Consignment, list[_Piece]]] = []
    codes = list(SHARE)
    count = 0
    while count < PIECES:
        code = rng.choices(codes, weights=[SHARE[c] for c in codes])[0]
        office = department.offices[code]
        received = end - timedelta(days=rng.uniform(3, 330), hours=rng.uniform(0, 9))
        receiver = department.specialist(code)
        consignment = Consignment.objects.create(
            number=issue_consignment_number(code, received.date()),
            office=office,
            consignor=rng.choice(consignors),
            currency=office.currency,
            received_at=received,
            received_by=receiver,
            commission_rate=Decimal(rng.choice(["10.00", "12.50", "15.00", "8.00"])),
            insurance_fee_rate=Decimal("1.00"),
            photography_fee=Decimal(rng.choice(["150.00", "250.00", "0.00"])),
            unsold_fee_rate=Decimal(rng.choice(["0.00", "3.00", "5.00"])),
            reserve_policy=rng.choice(ReservePolicy.values),
            unsold_instruction=rng.choice(UnsoldInstruction.values),
            notes=rng.choice(["", "", "Prefers to be called after 6 pm.", "Inherited; wants discretion."]),
        )
        batch = []
        desk = department.places[code][LocationType.INTAKE_DESK][0]
        for line in range(1, min(rng.randint(2, 10), PIECES - count) + 1):
            category, title, stones, metal, parts = rng.choice(DESIGNS)
            stated, low, high, insurance = _value(rng, code)
            item = Item(
                stock_number=issue_stock_number(code, received.date()),
                office=office,
                consignment=consignment,
                line=line,
                category=category,
                title=_period(rng, title),
                description=f"{title}, {metal or 'unmounted'}.",
                gross_weight_g=None if category == ItemCategory.LOOSE_STONE else Decimal(rng.randint(30, 900)) / 10,
                metal=_metal(metal)[0],
                fineness=_metal(metal)[1],
                currency=office.currency,
                stated_value=stated,
                estimate_low=low,
                estimate_high=high,
                insurance_value=insurance,
                created_at=received,
                location=desk,
                custody_since=received,
                custody_seq=0,
                custody_by=receiver,
            )
            piece = _Piece(item=item, office=code, location=desk)
            piece.stones = stones  # type: ignore[attr-defined]
            piece.parts = parts  # type: ignore[attr-defined]
            batch.append(piece)
        count += len(batch)
        pieces += batch
        consignments.append((consignment, batch))
    Item.objects.bulk_create([piece.item for piece in pieces], batch_size=500)
    Stone.objects.bulk_create(
        [
            Stone(item=piece.item, position=n, species=s, cut=c, count=k, approx_carats=Decimal(w) if w else None)
            for piece in pieces
            for n, (s, c, k, w) in enumerate(piece.stones, start=1)  # type: ignore[attr-defined]
        ],
        batch_size=1000,
    )
    ItemComponent.objects.bulk_create(
        [
            ItemComponent(item=piece.item, number=n, description=d)
            for piece in pieces
            for n, d in enumerate(piece.parts, start=1)  # type: ignore[attr-defined]
        ],
        batch_size=1000,
    )
    _simulate(department, consignments, end, rng)
    say(f"  {len(pieces)} pieces in {len(consignments)} consignments across {len(department.offices)} offices")


def _simulate(
    department: _Department, consignments: list[tuple[Consignment, list[_Piece]]], end: datetime, rng: random.Random
) -> None:
    forced_overdue = forced_transit = False
    receipts: list[tuple[Consignment, list[_Piece], datetime, Staff]] = []
    for consignment, batch in consignments:
        code = consignment.office.code
        for piece in batch:
            _event(
                piece,
                consignment.received_at,
                EventKind.INTAKE,
                piece.location,
                consignment.received_by,
                department,
                counterpart_client=consignment.consignor,
                reason="Received from the consignor",
            )
            _history(piece, consignment.received_at, end, department, APPROVAL_CLIENTS)
        age = (end - consignment.received_at).days
        # Older consignments have sold pieces and pieces going home.
        if age > 120:
            returning = []
            for piece in batch:
                if piece.checked_out or piece.in_transit_to or not piece.events:
                    continue
                last = piece.events[-1][0]
                roll = rng.random()
                code_now = piece.location.office.code
                if roll < 0.3:
                    at = last + timedelta(days=rng.uniform(5, 40))
                    if at < end:
                        sale = f"{code_now}-J{at:%y}{rng.randint(10, 40)}"
                        _event(
                            piece,
                            at,
                            EventKind.RELEASE,
                            department.places[code_now][LocationType.RELEASED][0],
                            department.mover(code_now),
                            department,
                            counterpart="Buyer's shipper" if rng.random() < 0.5 else "Collected by the buyer",
                            cause=f"invoice:{code_now}-I-{at:%y}-{rng.randint(100, 999):05d}",
                            reason=f"Sold in sale {sale}; paid in full",
                        )
                        piece.terminal = True
                elif roll < 0.45 and code_now == code:
                    returning.append(piece)
                    piece.terminal = True
            if returning:
                at = max(p.events[-1][0] for p in returning) + timedelta(days=rng.uniform(3, 20))
                if at < end:
                    receipts.append((consignment, returning, at, department.senior(code)))
        # One bench job stays out long past its due date, and one transfer is on the road now.
        for piece in batch:
            free = not (piece.checked_out or piece.terminal or piece.in_transit_to)
            here = piece.location.office.code
            if not forced_overdue and free and here == "NY":
                at = end - timedelta(days=20)
                if piece.events and piece.events[-1][0] < at:
                    bench = department.place(code, LocationType.BENCH_JEWELER)
                    _event(
                        piece,
                        at,
                        EventKind.CHECK_OUT,
                        bench,
                        department.specialist(code),
                        department,
                        due_back=at + timedelta(days=10),
                        counterpart=bench.counterpart,
                        reason="Re-tipping claws",
                    )
                    piece.checked_out = forced_overdue = True
            elif not forced_transit and free and here == "LN":
                at = end - timedelta(hours=30)
                if piece.events and piece.events[-1][0] < at:
                    _event(
                        piece,
                        at,
                        EventKind.TRANSFER_OUT,
                        department.places[code][LocationType.IN_TRANSIT][0],
                        department.mover(code),
                        department,
                        counterpart="Malca-Amit",
                        destination=department.offices["GE"],
                        tracking_number="MA-7730-2291-04",
                        reason="For the Geneva Magnificent Jewels sale",
                    )
                    piece.in_transit_to = "GE"
                    forced_transit = True
    for consignment, returning, at, senior in receipts:
        receipt = ReleaseReceipt.objects.create(
            number=issue_release_receipt_number(consignment.office.code, at.date()),
            consignment=consignment,
            collected_by=consignment.consignor.display_name,
            identity_checked="Passport seen",
            status=ReleaseReceiptStatus.SIGNED,
            prepared_at=at - timedelta(hours=1),
            prepared_by=senior,
            signed_at=at,
            recorded_by=senior,
        )
        receipt.items.set([piece.item for piece in returning])
        for piece in returning:
            _event(
                piece,
                at,
                EventKind.RETURN_TO_CONSIGNOR,
                department.places[consignment.office.code][LocationType.RETURNED][0],
                senior,
                department,
                counterpart=receipt.collected_by,
                counterpart_client=consignment.consignor,
                cause=f"release_receipt:{receipt.number}",
                reason="Unsold; returned as agreed",
            )
    timeline = sorted(
        (entry for _, batch in consignments for piece in batch for entry in piece.events),
        key=lambda entry: (entry[0], entry[1].item.stock_number),
    )
    ledger.append([event for _, event in timeline])
    states: dict[int, ledger.ItemState] = {}
    for _, event in timeline:
        states[event.item.pk] = ledger.state_after(states.get(event.item.pk), event, event.to_location)
    items = []
    for _, batch in consignments:
        for piece in batch:
            ledger.apply_state(piece.item, states[piece.item.pk])
            items.append(piece.item)
    Item.objects.bulk_update(items, STATE_UPDATE_FIELDS, batch_size=500)
    ConsignmentReceipt.objects.bulk_create(
        [
            ConsignmentReceipt(
                consignment=consignment,
                version=1,
                issued_at=consignment.received_at,
                issued_by=consignment.received_by,
                reason="Receipt at intake",
                snapshot=receipt_snapshot(consignment),
            )
            for consignment, _ in consignments
        ]
    )
