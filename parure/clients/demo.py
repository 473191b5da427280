"""The demonstration client book: ~2,000 clients in many scripts, with wants, this week's
appointments, follow-ups and inquiries. Deterministic (a fixed seed; dates relative to today)
and quick (bulk inserts)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

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

F, M = "f", "m"


class NameBook:
    """One country's names for demonstration clients: given names by gender, family names (a
    pair where the family name takes the gender, as in Polish), and the titles that fit each
    gender there. Every (given, family) pair is used once before any repeats with a middle
    initial, so the book never holds two files with the same name by chance."""

    def __init__(
        self,
        *,
        country: str,
        language: str,
        women: list[str],
        men: list[str],
        families: list[str | tuple[str, str]],
        women_titles: list[str],
        men_titles: list[str],
    ) -> None:
        self.country, self.language, self.region = country, language, country
        self.women, self.men, self.families = women, men, families
        self.titles = {F: women_titles, M: men_titles}

    def combinations(self, seed: str) -> list[tuple[str, str, str]]:
        """Every (given, gender, family) once, in an order fixed by ``seed``."""
        pairs = [
            (given, gender, family if isinstance(family, str) else family[0 if gender == M else 1])
            for gender, givens in ((F, self.women), (M, self.men))
            for given in givens
            for family in self.families
        ]
        random.Random(seed).shuffle(pairs)
        return pairs


NAME_BOOKS = [
    NameBook(
        country="GB", language="en",
        women=["Eleanor", "Charlotte", "Victoria", "Alice", "Harriet", "Imogen", "Georgina", "Philippa"],
        men=["Henry", "Arthur", "James", "Edward", "Rupert", "Hugo", "Oliver", "Charles"],
        families=["Ashworth", "Pemberton", "Fairfax", "Whitmore", "Hargreaves", "Lockwood", "Beaumont",
                  "Thistlethwaite", "Cavendish", "Montague", "Ellingham", "Rowntree"],
        women_titles=["", "", "Mrs", "Ms", "Dr", "Lady"], men_titles=["", "", "Mr", "Mr", "Dr", "Sir"],
    ),
    NameBook(
        country="US", language="en",
        women=["Margaret", "Catherine", "Elizabeth", "Caroline", "Abigail", "Grace", "Louisa", "Josephine"],
        men=["Robert", "William", "Thomas", "Theodore", "Benjamin", "Nathaniel", "Franklin", "Walter"],
        families=["Van der Berg", "Whitney", "Astor", "Carnegie", "Rockwell", "Sterling", "Vanderbilt",
                  "Livingston", "Prescott", "Delano", "Schuyler", "Harrington"],
        women_titles=["", "", "Mrs", "Ms", "Dr"], men_titles=["", "", "Mr", "Mr", "Dr"],
    ),
    NameBook(
        country="FR", language="fr",
        women=["Hélène", "Amélie", "Céline", "Zoë", "Béatrice", "Margaux", "Solène", "Isabelle"],
        men=["François", "Jérôme", "Étienne", "Laurent", "Thibault", "Benoît", "Gaspard", "Henri"],
        families=["Lefèvre", "Dubois", "Château-Renaud", "Bréguet", "Gérard", "Mercier", "Delacroix",
                  "Rousseau", "Fontaine", "Marchand", "Lemaire", "Beaulieu"],
        women_titles=["", "Mme", "Mme", "Dr"], men_titles=["", "M.", "M.", "Dr"],
    ),
    NameBook(
        country="DE", language="de",
        women=["Anneliese", "Käthe", "Ursula", "Friederike", "Henriette", "Sabine", "Greta", "Charlotte"],
        men=["Jürgen", "Björn", "Günther", "Friedrich", "Konrad", "Matthias", "Wolfgang", "Maximilian"],
        families=["Müller", "Schröder", "Weiß", "Köhler", "Straßburger", "von Thurn", "Hoffmann", "Bergmann",
                  "Lindner", "Falkenberg", "Winkler", "Brandt"],
        women_titles=["", "Frau", "Frau", "Dr"], men_titles=["", "Herr", "Herr", "Dr"],
    ),
    NameBook(
        country="IT", language="it",
        women=["Giulia", "Lucrezia", "Francesca", "Beatrice", "Chiara", "Ginevra", "Caterina", "Ludovica"],
        men=["Niccolò", "Federico", "Lorenzo", "Alessandro", "Tommaso", "Giacomo", "Filippo", "Matteo"],
        families=["Ferrari", "Caracciolo", "Orsini", "Colonna", "Borghese", "Visconti", "Sforza", "Gonzaga",
                  "Rinaldi", "Moretti", "Bellini", "Castelli"],
        women_titles=["", "Sig.ra", "Dott.ssa"], men_titles=["", "Sig.", "Dott."],
    ),
    NameBook(
        country="ES", language="es",
        women=["María José", "Carmen", "Lucía", "Inés", "Beatriz", "Pilar", "Cristina", "Elena"],
        men=["Ángel", "Iñigo", "Javier", "Álvaro", "Gonzalo", "Rodrigo", "Fernando", "Ignacio"],
        families=["Núñez", "Peña", "Ibáñez", "Fernández de Córdoba", "Ortega", "Salazar", "Montero", "Herrera",
                  "Castillo", "Vidal", "Cabrera", "Navarro"],
        women_titles=["", "Sra.", "Dra."], men_titles=["", "Sr.", "Dr."],
    ),
    NameBook(
        country="DK", language="da",
        women=["Ida", "Freja", "Karen", "Mette", "Signe", "Astrid", "Birgitte", "Kirsten"],
        men=["Søren", "Mads", "Rasmus", "Anders", "Henrik", "Frederik", "Niels", "Jens"],
        families=["Kjær", "Mortensen", "Holm", "Lindhardt", "Dahl", "Bech", "Skov", "Lund", "Juhl", "Friis",
                  "Østergaard", "Møller"],
        women_titles=["", "", "Ms", "Dr"], men_titles=["", "", "Mr", "Dr"],
    ),
    NameBook(
        country="PL", language="pl",
        women=["Małgorzata", "Agnieszka", "Katarzyna", "Zofia", "Joanna", "Ewa", "Magdalena", "Aleksandra"],
        men=["Łukasz", "Piotr", "Tomasz", "Krzysztof", "Jakub", "Wojciech", "Marek", "Andrzej"],
        families=[("Przybylski", "Przybylska"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
                  ("Zieliński", "Zielińska"), ("Lewandowski", "Lewandowska"), ("Dąbrowski", "Dąbrowska"),
                  "Wałęsa", "Nowak", "Mazur", "Wójcik", "Kaczmarek", "Krawczyk"],
        women_titles=["", "Pani", "Dr"], men_titles=["", "Pan", "Dr"],
    ),
]  # fmt: skip


class ScriptNames:
    """Names written in their own script with a Latin form for search. ``family_first`` orders
    the name as it is said there (王小明, Wang Xiaoming); a family pair takes the gender (Павлова)."""

    def __init__(
        self,
        *,
        country: str,
        language: str,
        family_first: bool,
        families: list[tuple[str, str] | tuple[str, str, str, str]],
        givens: list[tuple[str, str, str]],
    ) -> None:
        self.country, self.language, self.region, self.family_first = country, language, country, family_first
        self.families, self.givens = families, givens

    def combinations(self, seed: str) -> list[tuple[str, str, str, str]]:
        """(native, latin, given latin, family latin) once each, in an order fixed by ``seed``."""
        names = []
        for given_native, given_latin, gender in self.givens:
            for family in self.families:
                if len(family) == 4:
                    family_native, family_latin = (family[0], family[2]) if gender == M else (family[1], family[3])
                else:
                    family_native, family_latin = family[0], family[1]
                if self.family_first:
                    native = f"{family_native}{given_native}"
                    latin = f"{family_latin} {given_latin}"
                else:
                    native, latin = f"{given_native} {family_native}", f"{given_latin} {family_latin}"
                names.append((native, latin, given_latin, family_latin))
        random.Random(seed).shuffle(names)
        return names


SCRIPT_BOOKS = [
    ScriptNames(
        country="CN", language="zh", family_first=True,
        families=[("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
                  ("赵", "Zhao")],
        givens=[("小明", "Xiaoming", M), ("伟", "Wei", M), ("建国", "Jianguo", M), ("丽华", "Lihua", F),
                ("静", "Jing", F), ("雪梅", "Xuemei", F)],
    ),
    ScriptNames(
        country="HK", language="zh-Hant", family_first=True,
        families=[("陳", "Chan"), ("李", "Lee"), ("張", "Cheung"), ("黃", "Wong"), ("林", "Lam"), ("何", "Ho"),
                  ("梁", "Leung")],
        givens=[("美玲", "Mei-ling", F), ("嘉欣", "Ka-yan", F), ("詠詩", "Wing-sze", F), ("家豪", "Ka-ho", M),
                ("志明", "Chi-ming", M), ("國強", "Kwok-keung", M)],
    ),
    ScriptNames(
        country="JP", language="ja", family_first=True,
        families=[("山田", "Yamada"), ("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("田中", "Tanaka"),
                  ("渡辺", "Watanabe"), ("伊藤", "Ito")],
        givens=[("花子", "Hanako", F), ("美咲", "Misaki", F), ("由美", "Yumi", F), ("健", "Ken", M),
                ("大輔", "Daisuke", M), ("翔太", "Shota", M)],
    ),
    ScriptNames(
        country="KR", language="ko", family_first=True,
        families=[("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"), ("강", "Kang"),
                  ("윤", "Yoon")],
        givens=[("민지", "Min-ji", F), ("서연", "Seo-yeon", F), ("지은", "Ji-eun", F), ("민준", "Min-jun", M),
                ("현우", "Hyun-woo", M), ("성민", "Sung-min", M)],
    ),
    ScriptNames(
        country="RU", language="ru", family_first=False,
        families=[("Павлов", "Павлова", "Pavlov", "Pavlova"), ("Орлов", "Орлова", "Orlov", "Orlova"),
                  ("Соколов", "Соколова", "Sokolov", "Sokolova"), ("Морозов", "Морозова", "Morozov", "Morozova"),
                  ("Волков", "Волкова", "Volkov", "Volkova"), ("Лебедев", "Лебедева", "Lebedev", "Lebedeva"),
                  ("Новиков", "Новикова", "Novikov", "Novikova")],
        givens=[("Анна", "Anna", F), ("Мария", "Maria", F), ("Екатерина", "Ekaterina", F), ("Дмитрий", "Dmitry", M),
                ("Алексей", "Alexei", M), ("Сергей", "Sergei", M)],
    ),
    ScriptNames(
        country="AE", language="ar", family_first=False,
        families=[("المنصوري", "Al Mansouri"), ("الهاشمي", "Al Hashimi"), ("النعيمي", "Al Nuaimi"),
                  ("الشامسي", "Al Shamsi"), ("الكعبي", "Al Kaabi"), ("المزروعي", "Al Mazrouei"),
                  ("الظاهري", "Al Dhaheri")],
        givens=[("فاطمة", "Fatima", F), ("مريم", "Maryam", F), ("نورة", "Noura", F), ("خالد", "Khalid", M),
                ("محمد", "Mohammed", M), ("سلطان", "Sultan", M)],
    ),
]  # fmt: skip

# The shapes the client-book benchmark (bench/clients.py) reads:
# (given names, family names, country, language, phone region) and (native, latin, country, language, region).
PEOPLE = [
    (book.women + book.men, [f if isinstance(f, str) else f[0] for f in book.families], book.country,
     book.language, book.region)
    for book in NAME_BOOKS
]  # fmt: skip
SCRIPTS = [
    (native, latin, book.country, book.language, book.region)
    for book in SCRIPT_BOOKS
    for native, latin, *_ in book.combinations(f"bench-{book.country}")[:2]
]

# Firms: a house or place name with what the firm is; each pair is used once.
FIRM_NAMES = [
    "Fairmead",
    "Meridian",
    "Lantau",
    "Saint-Honoré",
    "Nordlys",
    "Golden Harbour",
    "Belgravia",
    "Kowloon Bay",
    "Rive Gauche",
    "Hanover",
    "Ashcombe",
    "Bellerive",
    "Rosemount",
    "Kingsbridge",
    "Montclair",
    "Victoria Peak",
    "Lindenhof",
    "Quai Wilson",
    "Sandringham",
    "Cheyne Walk",
    "Grosvenor",
    "Mount Street",
    "Coldharbour",
    "Vendôme",
]
FIRM_KINDS = [
    "Family Office",
    "Trust",
    "Holdings Ltd",
    "Fine Jewels",
    "Antiques",
    "Stiftung",
    "Collection",
    "Partners",
]
FIRM_COUNTRIES = ["GB", "CH", "HK", "US"]


def firm_names(seed: str) -> list[str]:
    """Every firm name once (FIRM_NAMES × FIRM_KINDS), in an order fixed by ``seed``."""
    names = [f"{name} {kind}" for name in FIRM_NAMES for kind in FIRM_KINDS]
    random.Random(seed).shuffle(names)
    return names


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
    firms = firm_names(f"{SEED}-firms")
    name_pools = {book.country: book.combinations(f"{SEED}-{book.country}") for book in NAME_BOOKS}
    scripted = {book.country: book.combinations(f"{SEED}-{book.country}") for book in SCRIPT_BOOKS}
    used: dict[str, int] = {}

    def take(key: str, pool: list[Any]) -> tuple[Any, int]:
        """The next unused name of ``pool`` and how many times the pool has gone round already."""
        turn = used.get(key, 0)
        used[key] = turn + 1
        return pool[turn % len(pool)], turn // len(pool)

    for index in range(count):
        roll = rng.random()
        if roll < 0.06:
            name, round_ = take("firms", firms)
            if round_:
                name = f"{name} ({FIRM_COUNTRIES[round_ % len(FIRM_COUNTRIES)]})"
            country = FIRM_COUNTRIES[index % len(FIRM_COUNTRIES)]
            plan = {
                "kind": ClientKind.ORGANISATION,
                "display_name": name,
                "organisation_name": name,
                "country": country,
                "preferred_language": "en",
                "region": country,
            }
        elif roll < 0.16:
            script = SCRIPT_BOOKS[index % len(SCRIPT_BOOKS)]
            (native, latin, given, family), _ = take(script.country, scripted[script.country])
            plan = {
                "kind": ClientKind.PERSON,
                "display_name": native,
                "name_latin": latin,
                "given_name": given,
                "family_name": family,
                "country": script.country,
                "preferred_language": script.language,
                "region": script.region,
            }
        else:
            book = NAME_BOOKS[index % len(NAME_BOOKS)]
            (given, gender, family), round_ = take(book.country, name_pools[book.country])
            middle = f" {chr(ord('A') + (round_ - 1) % 26)}." if round_ else ""
            title = rng.choice(book.titles[gender])
            plan = {
                "kind": ClientKind.PERSON,
                "display_name": f"{given}{middle} {family}",
                "given_name": given,
                "family_name": family,
                "title": title,
                "country": book.country,
                "preferred_language": book.language,
                "region": book.region,
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
