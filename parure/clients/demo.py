"""The demonstration client book: ~2,000 clients in many scripts, with wants, this week's
appointments, follow-ups and inquiries. Deterministic (a fixed seed; dates relative to today)
and quick (bulk inserts)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, time, timedelta
from decimal import Decimal

import phonenumbers
from django.utils import timezone

from parure.clients.choices import (
    AddressKind,
    Category,
    Channel,
    ClientKind,
    Colour,
    Confidentiality,
    InquiryCategory,
    InquiryChannel,
    KycStatus,
    Period,
    Recurrence,
    Stone,
)
from parure.clients.models import (
    Appointment,
    AppointmentPiece,
    Client,
    ClientAddress,
    ClientEmail,
    ClientPhone,
    Consent,
    FollowUp,
    Room,
    Tag,
    Want,
)
from parure.clients.normalise import maker_key
from parure.clients.services.clients import search_text_for
from parure.clients.services.inquiries import inquiry_receive
from parure.core.choices import Role
from parure.core.models import Office, Staff
from parure.core.numbering import check_digit, next_in_sequence
from parure.inventory.numbers import StockNumber

CLIENTS = 2000
SEED = 2026

# (given names, family names, country, language, phone region, script note)
PEOPLE = [
    (
        ["Eleanor", "Charlotte", "Henry", "Arthur", "Victoria", "James", "Alice"],
        ["Ashworth", "Pemberton", "Fairfax", "Whitmore", "Hargreaves", "Lockwood", "Beaumont"],
        "GB",
        "en",
        "GB",
    ),
    (
        ["Margaret", "Robert", "Catherine", "William", "Elizabeth", "Thomas"],
        ["Van der Berg", "Whitney", "Astor", "Carnegie", "Rockwell", "Sterling"],
        "US",
        "en",
        "US",
    ),
    (
        ["Zoë", "Hélène", "François", "Amélie", "Jérôme", "Céline"],
        ["Lefèvre", "Dubois", "Château-Renaud", "Bréguet", "Gérard", "Mercier"],
        "FR",
        "fr",
        "FR",
    ),
    (
        ["Jürgen", "Anneliese", "Björn", "Käthe", "Günther"],
        ["Müller", "Schröder", "Weiß", "Köhler", "Straßburger"],
        "DE",
        "de",
        "DE",
    ),
    (["Giulia", "Niccolò", "Lucrezia", "Federico"], ["Ferrari", "Caracciolo", "Orsini", "Colonna"], "IT", "it", "IT"),
    (["Ángel", "María José", "Iñigo"], ["Núñez", "Peña", "Ibáñez"], "ES", "es", "ES"),
    (["Søren", "Åsa", "Øystein"], ["Kjær", "Ødegård", "Løvland"], "DK", "da", "DK"),
    (["Małgorzata", "Łukasz"], ["Wałęsa", "Przybylski"], "PL", "pl", "PL"),
]
# Names written in their own script, with a Latin form for search.
SCRIPTS = [
    ("王小明", "Wang Xiaoming", "CN", "zh", "CN"),
    ("陳美玲", "Chan Mei-ling", "HK", "zh-Hant", "HK"),
    ("李嘉欣", "Lee Ka-yan", "HK", "zh-Hant", "HK"),
    ("山田花子", "Yamada Hanako", "JP", "ja", "JP"),
    ("佐藤健", "Sato Ken", "JP", "ja", "JP"),
    ("Анна Павлова", "Anna Pavlova", "RU", "ru", "RU"),
    ("Дмитрий Орлов", "Dmitry Orlov", "RU", "ru", "RU"),
    ("فاطمة الزهراء", "Fatima Al-Zahra", "AE", "ar", "AE"),
    ("خالد المنصوري", "Khalid Al Mansouri", "AE", "ar", "AE"),
    ("김민지", "Kim Min-ji", "KR", "ko", "KR"),
]
ORGANISATIONS = [
    "Fairfax Family Office",
    "Meridian Trust",
    "Hôtel Particulier SA",
    "Lantau Holdings Ltd",
    "Galerie Saint-Honoré",
    "Whitcombe & Hale Antiques",
    "Nordlys Stiftung",
    "Golden Harbour Ltd",
]
TITLES = ["", "", "Mrs", "Mr", "Dr", "Ms", "Lady", "Sir", "Mme", "Herr"]
MAKERS = [
    "Cartier",
    "Van Cleef & Arpels",
    "Tiffany & Co.",
    "Bulgari",
    "Harry Winston",
    "Boucheron",
    "Chaumet",
    "Graff",
    "JAR",
    "Buccellati",
    "David Webb",
    "Verdura",
    "Suzanne Belperron",
    "René Boivin",
]
TAGS = [
    "Art Deco collector",
    "Coloured stones",
    "Signed pieces",
    "Trade",
    "Young collector",
    "Museum patron",
    "VIP viewing list",
    "Pearls",
]
OFFICE_FOR_COUNTRY = {
    "GB": "LN",
    "US": "NY",
    "FR": "GE",
    "DE": "GE",
    "IT": "GE",
    "ES": "LN",
    "DK": "LN",
    "PL": "LN",
    "CN": "HK",
    "HK": "HK",
    "JP": "HK",
    "RU": "GE",
    "AE": "LN",
    "KR": "HK",
}
CURRENCY = {"NY": "USD", "LN": "GBP", "GE": "CHF", "HK": "HKD"}
ROOMS = ["Viewing Room 1", "Viewing Room 2", "The Salon"]
PURPOSES = [
    "Private viewing",
    "Viewing before the sale",
    "Valuation of a family collection",
    "Collecting a purchase",
    "Discussing a consignment",
]


def _phone(rng: random.Random, region: str) -> str:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert example is not None, region
    national = str(example.national_number)
    for _ in range(5):
        candidate = national[:-4] + f"{rng.randrange(10000):04d}"
        number = phonenumbers.parse(f"+{example.country_code}{candidate}", None)
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)


def _ascii(text: str) -> str:
    from parure.clients.normalise import fold

    return "".join(ch for ch in fold(text).replace(" ", ".") if ch.isascii() and (ch.isalnum() or ch == "."))


def build_client_book(say: Callable[[str], None], *, count: int = CLIENTS) -> None:
    if Client.objects.exists():
        say("  client book already loaded")
        return
    rng = random.Random(SEED)
    offices = {office.code: office for office in Office.objects.all()}
    seniors: dict[str, list[Staff]] = {}
    assistants: dict[str, list[Staff]] = {}
    for person in Staff.objects.filter(is_active=True).order_by("pk"):
        code = person.office.code if person.office else ""
        if person.role == Role.SENIOR_SPECIALIST:
            seniors.setdefault(code, []).append(person)
        elif person.role == Role.SPECIALIST_ASSISTANT:
            assistants.setdefault(code, []).append(person)
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    now = timezone.now()

    # --- Clients ---------------------------------------------------------------------------
    plans = []
    for index in range(count):
        roll = rng.random()
        if roll < 0.06:
            name = ORGANISATIONS[index % len(ORGANISATIONS)]
            if index >= len(ORGANISATIONS):
                name = f"{name} {index // len(ORGANISATIONS) + 1}"
            country = rng.choice(["GB", "CH", "HK", "US"])
            plan = {
                "kind": ClientKind.ORGANISATION,
                "display_name": name,
                "organisation_name": name,
                "country": country,
                "preferred_language": "en",
                "region": country if country != "CH" else "CH",
            }
        elif roll < 0.16:
            native, latin, country, language, region = SCRIPTS[index % len(SCRIPTS)]
            given, family = latin.split(" ", 1)
            plan = {
                "kind": ClientKind.PERSON,
                "display_name": native,
                "name_latin": latin,
                "given_name": given,
                "family_name": family,
                "country": country,
                "preferred_language": language,
                "region": region,
            }
        else:
            givens, families, country, language, region = PEOPLE[index % len(PEOPLE)]
            given, family = rng.choice(givens), rng.choice(families)
            title = rng.choice(TITLES)
            plan = {
                "kind": ClientKind.PERSON,
                "display_name": f"{given} {family}",
                "given_name": given,
                "family_name": family,
                "title": title,
                "country": country,
                "preferred_language": language,
                "region": region,
                "formal_salutation": f"Dear {title} {family}" if title else "",
            }
        plans.append(plan)
    rows = []
    for index, plan in enumerate(plans):
        body = f"C-{next_in_sequence('client'):06d}"
        number = f"{body}-{check_digit(body)}"
        email = f"{_ascii(plan.get('name_latin') or plan['display_name'])}.{index}@example.com".lower()
        phone = _phone(rng, plan["region"]) if rng.random() < 0.85 else ""
        plan.update(number=number, email=email, phone=phone)
        plan["office"] = OFFICE_FOR_COUNTRY.get(plan["country"], "NY")
        birthday = None
        if plan["kind"] == ClientKind.PERSON and rng.random() < 0.3:
            birthday = (now - timedelta(days=rng.randrange(25 * 365, 85 * 365))).date()
        kyc = rng.random()
        rows.append(
            Client(
                number=number,
                kind=plan["kind"],
                display_name=plan["display_name"],
                given_name=plan.get("given_name", ""),
                family_name=plan.get("family_name", ""),
                organisation_name=plan.get("organisation_name", ""),
                name_latin=plan.get("name_latin", ""),
                title=plan.get("title", ""),
                formal_salutation=plan.get("formal_salutation", ""),
                email=email,
                country=plan["country"],
                preferred_language=plan["preferred_language"],
                preferred_channel=rng.choice([Channel.EMAIL, Channel.PHONE, Channel.EMAIL, Channel.IN_PERSON]),
                birthday=birthday,
                confidentiality=Confidentiality.CONFIDENTIAL if rng.random() < 0.04 else Confidentiality.STANDARD,
                private_note="Prefers morning viewings; discreet about purchases." if rng.random() < 0.1 else "",
                kyc_status=KycStatus.VERIFIED
                if kyc < 0.5
                else (KycStatus.PENDING if kyc < 0.6 else KycStatus.NOT_STARTED),
                kyc_document="passport" if kyc < 0.5 else "",
                kyc_document_expires_on=(now + timedelta(days=rng.randrange(10, 3000))).date() if kyc < 0.5 else None,
                kyc_verified_on=(now - timedelta(days=rng.randrange(30, 700))).date() if kyc < 0.5 else None,
                kyc_proof_of_address_on=(now - timedelta(days=rng.randrange(30, 700))).date() if kyc < 0.5 else None,
                created_at=now - timedelta(days=rng.randrange(1, 3650)),
                search_text=search_text_for(
                    number=number,
                    names=[
                        plan["display_name"],
                        plan.get("given_name", ""),
                        plan.get("family_name", ""),
                        plan.get("organisation_name", ""),
                        plan.get("name_latin", ""),
                    ],
                    emails=[email],
                    phones=[phone] if phone else [],
                ),
            )
        )
    clients = Client.objects.bulk_create(rows, batch_size=500)
    ClientEmail.objects.bulk_create(
        [ClientEmail(client=c, address=c.email, is_primary=True) for c in clients], batch_size=1000
    )
    ClientPhone.objects.bulk_create(
        [
            ClientPhone(client=c, e164=p["phone"], is_primary=True)
            for c, p in zip(clients, plans, strict=True)
            if p["phone"]
        ],
        batch_size=1000,
    )
    ClientAddress.objects.bulk_create(
        [
            ClientAddress(
                client=c,
                kind=AddressKind.HOME,
                lines=f"{rng.randrange(1, 200)} Park Lane",
                city="London" if p["country"] == "GB" else "",
                postcode="",
                country=p["country"],
                is_primary=True,
            )
            for c, p in zip(clients, plans, strict=True)
            if rng.random() < 0.4
        ],
        batch_size=1000,
    )
    through = Client.specialists.through
    links = []
    for client, plan in zip(clients, plans, strict=True):
        team = seniors.get(plan["office"]) or seniors.get("NY") or []
        if team:
            links.append(through(client_id=client.pk, staff_id=team[client.pk % len(team)].pk))
    through.objects.bulk_create(links, batch_size=1000)
    tag_through = Client.tags.through
    tag_through.objects.bulk_create(
        [tag_through(client_id=c.pk, tag_id=rng.choice(tags).pk) for c in clients if rng.random() < 0.35],
        batch_size=1000,
        ignore_conflicts=True,
    )
    Consent.objects.bulk_create(
        [
            Consent(client=c, channel=Channel.EMAIL, granted=True, source="Signed registration form")
            for c in clients
            if rng.random() < 0.6
        ],
        batch_size=1000,
    )

    # --- Wants -----------------------------------------------------------------------------
    wants = []
    for client, plan in zip(clients, plans, strict=True):
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            category = rng.choice(Category.values)
            currency = CURRENCY[plan["office"]]
            low = Decimal(rng.choice([5, 10, 20, 50, 100, 250])) * 1000
            wants.append(
                Want(
                    client=client,
                    description=f"{Category(category).label} for the collection",
                    categories=[category],
                    stones=rng.sample(Stone.values, rng.choice([0, 1, 1, 2])),
                    colours=rng.sample(Colour.values, rng.choice([0, 0, 1])),
                    makers=[maker_key(rng.choice(MAKERS))] if rng.random() < 0.3 else [],
                    periods=[rng.choice(Period.values)] if rng.random() < 0.4 else [],
                    currency=currency if rng.random() < 0.7 else "",
                    price_min=low if rng.random() < 0.7 else None,
                    price_max=low * 4 if rng.random() < 0.7 else None,
                    ring_size_mm=Decimal(rng.randrange(480, 600)) / 10 if category == Category.RING else None,
                )
            )
    for want in wants:
        if not want.currency:
            want.price_min = want.price_max = None
    Want.objects.bulk_create(wants, batch_size=1000)

    # --- Rooms and this week's appointments ------------------------------------------------
    rooms: dict[str, list[Room]] = {}
    for code, branch in offices.items():
        rooms[code] = [Room.objects.get_or_create(office=branch, name=name)[0] for name in ROOMS]
    by_office: dict[str, list[Client]] = {}
    for client, plan in zip(clients, plans, strict=True):
        by_office.setdefault(plan["office"], []).append(client)
    sequence = 1
    appointments = []
    staffing: list[tuple[int, list[Staff]]] = []
    pieces: list[tuple[int, list[str]]] = []
    for code, place in offices.items():
        team = seniors.get(code, []) + assistants.get(code, [])
        if not team or not by_office.get(code):
            continue
        import zoneinfo

        zone = zoneinfo.ZoneInfo(place.time_zone)
        today = timezone.localtime(now, zone).date()
        monday = today - timedelta(days=today.weekday())
        for day_offset in range(5):
            day = monday + timedelta(days=day_offset)
            for slot, (room, hour) in enumerate(zip(rooms[code], (10, 11, 14, 16), strict=False)):
                if rng.random() < 0.25:
                    continue
                starts = datetime.combine(day, time(hour + (slot % 2)), zone)
                senior = seniors.get(code, team)[0] if seniors.get(code) else team[0]
                people = [senior] + ([assistants[code][0]] if assistants.get(code) and slot == 0 else [])
                client = rng.choice(by_office[code])
                appointments.append(
                    Appointment(
                        office=place,
                        client=client,
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=1),
                        room=room,
                        purpose=rng.choice(PURPOSES),
                        created_by=senior,
                    )
                )
                staffing.append((len(appointments) - 1, people))
                numbers = [str(StockNumber(code, today.year % 100, sequence + n)) for n in range(rng.choice([0, 2, 3]))]
                sequence += 3
                pieces.append((len(appointments) - 1, numbers))
    # One person cannot be in two rooms at once: keep the first booking of each person's slot.
    busy: set[tuple[int, datetime]] = set()
    kept = []
    for index, appointment in enumerate(appointments):
        people = staffing[index][1]
        keys = {(p.pk, appointment.starts_at) for p in people}
        if keys & busy:
            continue
        busy |= keys
        kept.append(index)
    saved = Appointment.objects.bulk_create([appointments[i] for i in kept])
    staff_through = Appointment.staff.through
    staff_through.objects.bulk_create(
        [
            staff_through(appointment_id=a.pk, staff_id=p.pk)
            for a, i in zip(saved, kept, strict=True)
            for p in staffing[i][1]
        ]
    )
    AppointmentPiece.objects.bulk_create(
        [
            AppointmentPiece(appointment=a, stock_number=n)
            for a, i in zip(saved, kept, strict=True)
            for n in pieces[i][1]
        ]
    )

    # --- Follow-ups ------------------------------------------------------------------------
    follow_ups = []
    for person in [p for people in (*seniors.values(), *assistants.values()) for p in people]:
        code = person.office.code if person.office else "NY"
        mine = by_office.get(code) or clients
        for n in range(10):
            client = rng.choice(mine)
            follow_ups.append(
                FollowUp(
                    owner=person,
                    title=rng.choice(
                        [
                            "Call about the spring sale",
                            "Send the condition report",
                            "Thank-you note",
                            "Ask about the Deco bracelet",
                            "Invite to the preview",
                            "Chase KYC documents",
                        ]
                    ),
                    due_on=timezone.localdate() + timedelta(days=n - 3),
                    client=client,
                    recurrence=Recurrence.MONTHLY if n == 9 else Recurrence.NONE,
                    created_by=person,
                )
            )
    FollowUp.objects.bulk_create(follow_ups)

    # --- Inquiries -------------------------------------------------------------------------
    questions = [
        (
            InquiryCategory.SELLING,
            "I have my grandmother's sapphire brooch and would like to know if you could sell it.",
        ),
        (InquiryCategory.BUYING, "Is the Art Deco bracelet in the December sale still available to view this week?"),
        (InquiryCategory.VALUATION, "Could you value a collection of pearls for insurance purposes?"),
        (InquiryCategory.SERVICES, "My ring needs resizing after the sale; can you arrange it?"),
        (InquiryCategory.OTHER, "Do you offer private viewings on Saturdays?"),
    ]
    codes = sorted(offices)
    for n in range(30):
        category, message = questions[n % len(questions)]
        inquiry_receive(
            channel=rng.choice([InquiryChannel.WEB, InquiryChannel.EMAIL, InquiryChannel.PHONE]),
            category=category,
            name=rng.choice(["Amelia Grant", "Louis Moreau", "Chen Wei", "Sophie Keller", "Omar Haddad"]),
            message=message,
            office=offices[codes[n % len(codes)]],
            email=f"inquirer{n}@example.org",
            received_at=now - timedelta(hours=rng.randrange(1, 96)),
        )
    say(f"  {len(clients)} clients, {len(wants)} wants, {len(saved)} appointments this week, "
        f"{len(follow_ups)} follow-ups, 30 inquiries")  # fmt: skip
