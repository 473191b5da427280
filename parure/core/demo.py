"""The demonstration department: four offices and staff in every role.

Deterministic: the same names, usernames and offices every time, so the README's logins work.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from parure.core.choices import Role
from parure.core.models import Office, Staff

OFFICES = [
    ("NY", "New York", "America/New_York", "USD", "en_US", "Rockefeller Plaza, New York, NY 10020, United States"),
    ("LN", "London", "Europe/London", "GBP", "en_GB", "King Street, St James's, London SW1Y 6QT, United Kingdom"),
    ("GE", "Geneva", "Europe/Zurich", "CHF", "fr_CH", "Quai du Mont-Blanc, 1201 Geneva, Switzerland"),
    ("HK", "Hong Kong", "Asia/Hong_Kong", "HKD", "en_HK", "Queen's Road Central, Central, Hong Kong"),
]

# username, first, last, role, office
STAFF = [
    ("eleanor", "Eleanor", "Whitcombe", Role.SENIOR_SPECIALIST, "NY"),
    ("marcus", "Marcus", "Hale", Role.SPECIALIST_ASSISTANT, "NY"),
    ("sofia", "Sofia", "Marchetti", Role.SPECIALIST_ASSISTANT, "NY"),
    ("priya", "Priya", "Raman", Role.FINANCE, "NY"),
    ("daniel", "Daniel", "Ortiz", Role.LOGISTICS, "NY"),
    ("ruth", "Ruth", "Klein", Role.AUDITOR, "NY"),
    ("simon", "Simon", "Achebe", Role.ADMINISTRATOR, "NY"),
    ("harriet", "Harriet", "Ashdown", Role.SENIOR_SPECIALIST, "LN"),
    ("oliver", "Oliver", "Pennington", Role.SPECIALIST_ASSISTANT, "LN"),
    ("james", "James", "Thornbury", Role.LOGISTICS, "LN"),
    ("camille", "Camille", "Favre", Role.SENIOR_SPECIALIST, "GE"),
    ("luca", "Luca", "Bernasconi", Role.SPECIALIST_ASSISTANT, "GE"),
    ("anne", "Anne", "Rochat", Role.FINANCE, "GE"),
    ("grace", "Grace", "Lam", Role.SENIOR_SPECIALIST, "HK"),
    ("kevin", "Kevin", "Cheung", Role.SPECIALIST_ASSISTANT, "HK"),
]

# Assistants and the specialists they support.
SUPPORTS = {"marcus": ["eleanor"], "sofia": ["eleanor"], "oliver": ["harriet"], "luca": ["camille"], "kevin": ["grace"]}


def build_offices_and_staff(say: Callable[[str], None]) -> None:
    offices = {}
    for code, name, zone, currency, locale, address in OFFICES:
        offices[code], _ = Office.objects.update_or_create(
            code=code,
            defaults={"name": name, "time_zone": zone, "currency": currency, "locale": locale, "address": address},
        )
    people = {}
    for username, first, last, role, office in STAFF:
        person = Staff.objects.filter(username=username).first() or Staff(username=username)
        person.first_name, person.last_name, person.role, person.office = first, last, role, offices[office]
        person.email = f"{username}@parure.example"
        person.set_password(settings.PARURE_DEMO_PASSWORD)
        person.save()
        people[username] = person
    for assistant, specialists in SUPPORTS.items():
        people[assistant].supports.set([people[s] for s in specialists])
    say(f"  {len(offices)} offices, {len(people)} staff")


def demo_logins() -> list[tuple[str, str, bool]]:
    """(username, role label, needs two-factor enrolment) for each demo account."""
    needs = set(settings.PARURE_ROLES_REQUIRING_2FA)
    return [(username, Role(role).label, role in needs) for username, _, _, role, _ in STAFF]
