"""Building custody worlds for tests through the real services: places, a consignor, pieces."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from parure.core.models import Office, Staff
from parure.inventory import services
from parure.inventory.choices import LocationType
from parure.inventory.models import CustodySettings, Item, Location
from parure.inventory.services import PieceDraft, StoneDraft, Terms

THRESHOLD = Decimal("50000")


@dataclass
class Places:
    """One office's places, by short name."""

    office: Office
    by_name: dict[str, Location] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Location:
        try:
            return self.__dict__["by_name"][name]
        except KeyError:
            raise AttributeError(name) from None


def build_places(office: Office, by: Staff) -> Places:
    places = Places(office)

    def add(
        key: str, name: str, code: str, type_: LocationType, parent: Location | None = None, counterpart: str = ""
    ) -> None:
        places.by_name[key] = services.location_create(
            office=office, name=name, code=code, type=type_, by=by, parent=parent, counterpart=counterpart
        )

    add("vault", "Vault", "V1", LocationType.VAULT)
    add("safe", "Safe A", "V1-SA", LocationType.SAFE, places.vault)
    add("tray1", "Tray 1", "V1-SA-T01", LocationType.TRAY, places.safe)
    add("tray2", "Tray 2", "V1-SA-T02", LocationType.TRAY, places.safe)
    add("desk", "Intake desk", "DESK", LocationType.INTAKE_DESK)
    add("workroom", "Workroom", "WORK", LocationType.WORKROOM)
    add("studio", "Photo studio", "PHOTO", LocationType.PHOTO_STUDIO)
    add("viewing", "Viewing room 1", "VIEW1", LocationType.VIEWING_ROOM)
    add("case", "Display case 1", "CASE1", LocationType.DISPLAY_CASE)
    add("bench", "Bench: Atelier Moreau", "BENCH-AM", LocationType.BENCH_JEWELER, counterpart="Atelier Moreau")
    add("lab", "Lab: GIA", "LAB-GIA", LocationType.GEM_LAB, counterpart="GIA Laboratory")
    add("approval", "Clients on approval", "APPROVAL", LocationType.ON_APPROVAL)
    CustodySettings.objects.update_or_create(office=office, defaults={"four_eyes_threshold": THRESHOLD})
    return places


def build_all_places(cast: Any) -> dict[str, Places]:
    return {
        office.code: build_places(office, cast.administrator)
        for office in Office.objects.filter(code__in=["NY", "LN", "GE", "HK"])
    }


def consignor(name: str = "Mrs Catherine Vandermeer", **fields: Any) -> Any:
    """A client file through the client book's service (``fields``: specialists, confidentiality...)."""
    from parure.clients.services import client_create
    from parure.core.models import Staff

    given, _, family = name.removeprefix("Mrs ").removeprefix("Mr ").partition(" ")
    fields.setdefault("by", Staff.objects.get(username="eleanor"))  # the senior specialist who takes it in
    return client_create(display_name=name, given_name=given, family_name=family, **fields)


def piece(title: str = "Sapphire and diamond ring", value: str | None = "12000", **overrides: Any) -> PieceDraft:
    fields: dict[str, Any] = {
        "category": "ring",
        "title": title,
        "description": "Cushion-cut sapphire between two diamonds.",
        "gross_weight_g": Decimal("6.40"),
        "metal": "platinum",
        "fineness": "950",
        "stated_value": Decimal(value) if value is not None else None,
        "estimate_low": Decimal("8000"),
        "estimate_high": Decimal("12000"),
        "insurance_value": Decimal(value) if value is not None else None,
        "stones": (
            StoneDraft("sapphire", "cushion", 1, Decimal("4.12")),
            StoneDraft("diamond", "pear", 2, Decimal("0.80")),
        ),
    }
    fields.update(overrides)
    return PieceDraft(**fields)


TERMS = Terms(commission_rate=Decimal("12.50"), photography_fee=Decimal("150.00"))


def take_in(by: Staff, client: Any, *pieces: PieceDraft, condition_reported: bool = True) -> list[Item]:
    """Pieces taken in at the office's intake desk, each with its intake condition report (the
    catalogue's rule: a piece leaves the desk for anywhere but the vault only with one), unless
    ``condition_reported`` is False."""
    consignment = services.consignment_intake(consignor=client, terms=TERMS, pieces=list(pieces or [piece()]), by=by)
    items = list(consignment.items.order_by("line"))
    if condition_reported:
        for item in items:
            intake_condition_report(item, by=by)
    return items


def intake_condition_report(item: Item, *, by: Staff) -> Any:
    """The piece's condition report at intake, through the catalogue's service: good overall, no
    wear seen on its mount (written by ``by``, or by the senior specialist when ``by`` may not)."""
    from parure.catalogue.services.condition import FindingDraft, condition_report_write

    author = by if by.has_perm("catalogue.write_condition") else Staff.objects.get(username="eleanor")
    return condition_report_write(
        item=item,
        occasion="intake",
        grade="good",
        findings=[FindingDraft("Mount", "metal", "wear", "none")],
        by=author,
    )


def fresh(item: Item) -> Item:
    return Item.objects.select_related("location", "location__office", "office", "custody_by").get(pk=item.pk)


def witness(who: Staff, actor: Staff, password: str | None = None) -> services.Witness:
    from django.conf import settings

    return services.witness_confirm(
        username=who.username, password=password or settings.PARURE_DEMO_PASSWORD, actor=actor
    )


def tomorrow() -> Any:
    return timezone.now() + timedelta(days=1)


class Later:
    """Stands in for ``django.utils.timezone`` in one module, some days ahead (sessions keep real time)."""

    def __init__(self, days: int) -> None:
        self.delta = timedelta(days=days)

    def now(self) -> Any:
        return timezone.now() + self.delta

    def __getattr__(self, name: str) -> Any:
        return getattr(timezone, name)
