"""Writes to the places pieces can be (locations), the offices' custody settings and label stocks."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction

from parure.core.models import Office, Staff
from parure.inventory.choices import KIND_OF_TYPE, SINGLETON_TYPES, LocationKind, LocationType
from parure.inventory.errors import InvalidInput, InventoryErrorCode
from parure.inventory.models import CustodySettings, LabelProfile, Location

# The places every office has whether or not anyone set them up: parcels packed for shipment,
# pieces in transit from it, and the two terminal places, which only paperwork-backed actions reach.
_SINGLETONS = {
    LocationType.PACKED: ("PACKED", "Packed for shipment"),
    LocationType.IN_TRANSIT: ("TRANSIT", "In transit"),
    LocationType.RELEASED: ("RELEASED", "Released"),
    LocationType.RETURNED: ("RETURNED", "Returned to consignor"),
}


def singleton_place(office: Office, type_: LocationType) -> Location:
    """The office's single place of ``type_`` (packed, in transit, released, returned), made on first use."""
    if type_ not in SINGLETON_TYPES:
        raise ValueError(f"{type_} is not a one-per-office place.")
    place = Location.objects.select_related("office").filter(office=office, type=type_).first()
    if place is not None:
        return place
    code, name = _SINGLETONS[type_]
    try:
        with transaction.atomic():
            return Location.objects.create(office=office, type=type_, code=code, name=name)
    except IntegrityError:
        return Location.objects.select_related("office").get(office=office, type=type_)


@transaction.atomic
def location_create(
    *,
    office: Office,
    name: str,
    code: str,
    type: LocationType,
    by: Staff,
    parent: Location | None = None,
    counterpart: str = "",
) -> Location:
    """Add a place to an office's tree (a tray in a safe, a new display case, a vendor)."""
    name, code = name.strip(), code.strip().upper()
    if not name:
        raise InvalidInput(
            "Give the place a name, e.g. ‘Vault 1 · Safe 2 · Tray 4’.", field="name", code=InventoryErrorCode.INVALID
        )
    if not code:
        raise InvalidInput(
            "Give the place a short code for its label, e.g. V1-S2-T04.", field="code", code=InventoryErrorCode.INVALID
        )
    if type in SINGLETON_TYPES:
        raise InvalidInput(
            f"{LocationType(type).label} is made once per office by Parure itself; choose another kind of place.",
            field="type",
            code=InventoryErrorCode.INVALID,
        )
    kind = KIND_OF_TYPE[type]
    if parent is not None:
        if parent.office_id != office.pk:
            raise InvalidInput(
                f"{parent} belongs to {parent.office}, not {office}.", field="parent", code=InventoryErrorCode.INVALID
            )
        if parent.kind not in (LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY):
            raise InvalidInput(
                f"{parent} is not a place inside the house; nothing can sit within it.",
                field="parent",
                code=InventoryErrorCode.INVALID,
            )
    if kind == LocationKind.EXTERNAL and parent is not None:
        raise InvalidInput(
            "A holder outside the house cannot sit inside one of our places.",
            field="parent",
            code=InventoryErrorCode.INVALID,
        )
    if type == LocationType.TRAY and (parent is None or not parent.in_vault):
        # Trays are how the vault is organised; a tray elsewhere would escape the four-eyes rule.
        raise InvalidInput(
            "A tray sits in a vault or a safe within it; choose its safe as the parent.",
            field="parent",
            code=InventoryErrorCode.INVALID,
        )
    if Location.objects.filter(office=office, code=code).exists():
        raise InvalidInput(
            f"{office} already has a place with code {code}.", field="code", code=InventoryErrorCode.INVALID
        )
    location = Location(office=office, parent=parent, name=name, code=code, type=type, counterpart=counterpart.strip())
    location.full_clean(exclude=["kind", "path", "depth", "in_vault"])
    location.save()
    return location


@transaction.atomic
def location_deactivate(*, location: Location, by: Staff) -> Location:
    """Take a place out of use; refused while a piece is there."""
    if location.items.exists():
        raise InvalidInput(
            f"{location} still holds pieces; move them before taking it out of use.", code=InventoryErrorCode.INVALID
        )
    if location.children.filter(is_active=True).exists():
        raise InvalidInput(f"{location} still has places inside it in use.", code=InventoryErrorCode.INVALID)
    location.is_active = False
    location.save(update_fields=["is_active"])
    return location


@transaction.atomic
def custody_settings_update(
    *, office: Office, four_eyes_threshold: Decimal, by: Staff, default_tag_profile: LabelProfile | None = None
) -> CustodySettings:
    if four_eyes_threshold < 0:
        raise InvalidInput(
            "The four-eyes threshold cannot be negative.", field="four_eyes_threshold", code=InventoryErrorCode.INVALID
        )
    settings, _ = CustodySettings.objects.select_for_update().get_or_create(office=office)
    settings.four_eyes_threshold = four_eyes_threshold
    settings.default_tag_profile = default_tag_profile
    settings.updated_by = by
    settings.save()
    return settings


@transaction.atomic
def label_profile_save(*, profile: LabelProfile, by: Staff) -> LabelProfile:
    """Keep a label stock (sizes in millimetres); refused if its labels do not fit its page."""
    width = profile.margin_left_mm + profile.columns * profile.label_width_mm + (profile.columns - 1) * profile.gap_x_mm
    height = profile.margin_top_mm + profile.rows * profile.label_height_mm + (profile.rows - 1) * profile.gap_y_mm
    if width > profile.page_width_mm + Decimal("0.05"):
        raise InvalidInput(
            f"The labels and gaps are {width} mm wide, more than the page.",
            field="columns",
            code=InventoryErrorCode.INVALID,
        )
    if height > profile.page_height_mm + Decimal("0.05"):
        raise InvalidInput(
            f"The labels and gaps are {height} mm high, more than the page.",
            field="rows",
            code=InventoryErrorCode.INVALID,
        )
    profile.full_clean()
    profile.save()
    return profile
