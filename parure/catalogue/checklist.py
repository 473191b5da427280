"""The condition checklist: the aspects a specialist examines on each kind of component.

Each aspect is answered on one of two scales: a degree (none seen, or present and minor,
moderate or significant) for wear and damage, or yes/no for a test ("tested", "working"). The
checklist is data: the report form, the service's checks, the comparison and the PDF all read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from parure.catalogue.choices import ComponentKind, FindingValue

DEGREES: tuple[str, ...] = (
    FindingValue.NONE,
    FindingValue.MINOR,
    FindingValue.MODERATE,
    FindingValue.SIGNIFICANT,
)
YES_NO: tuple[str, ...] = (FindingValue.YES, FindingValue.NO)


@dataclass(frozen=True)
class Aspect:
    key: str
    label: str
    scale: tuple[str, ...] = DEGREES

    @property
    def is_yes_no(self) -> bool:
        return self.scale == YES_NO

    @property
    def default(self) -> str:
        """The answer a blank checklist starts from: nothing seen, or in working order."""
        return FindingValue.YES if self.is_yes_no else FindingValue.NONE


CHECKLIST: dict[str, tuple[Aspect, ...]] = {
    ComponentKind.METAL: (
        Aspect("wear", "Wear"),
        Aspect("scratches", "Scratches"),
        Aspect("dents", "Dents"),
        Aspect("repairs", "Solder or repairs"),
        Aspect("resizing", "Evidence of resizing"),
        Aspect("thin_shank", "Thin shank"),
        Aspect("tested", "Metal tested", YES_NO),
    ),
    ComponentKind.STONE: (
        Aspect("chips", "Chips"),
        Aspect("abrasions", "Abrasions"),
        Aspect("surface_inclusions", "Surface-reaching inclusions"),
        Aspect("loose", "Loose stones"),
        Aspect("missing", "Missing stones"),
        Aspect("replaced", "Replaced stones"),
        Aspect("treatment", "Suspected treatment"),
    ),
    ComponentKind.PEARL: (
        Aspect("blemishes", "Surface blemishes"),
        Aspect("nacre", "Nacre wear or peeling"),
        Aspect("drill_holes", "Wear at the drill holes"),
        Aspect("loose", "Loose pearls"),
        Aspect("missing", "Missing pearls"),
        Aspect("replaced", "Replaced pearls"),
        Aspect("treatment", "Suspected treatment"),
    ),
    ComponentKind.MECHANISM: (
        Aspect("clasp", "Clasp working", YES_NO),
        Aspect("hinges", "Hinges working", YES_NO),
        Aspect("pins", "Pins working", YES_NO),
        Aspect("catches", "Catches working", YES_NO),
    ),
    ComponentKind.OTHER: (
        Aspect("wear", "Wear"),
        Aspect("damage", "Damage"),
        Aspect("repairs", "Repairs"),
    ),
}


def aspect(kind: str, key: str) -> Aspect | None:
    """The aspect ``key`` of a component of ``kind``, or None when that checklist has no such aspect."""
    return next((found for found in CHECKLIST.get(kind, ()) if found.key == key), None)


def value_label(value: str) -> str:
    return str(FindingValue(value).label) if value in FindingValue.values else value


def scale_words(scale: tuple[str, ...]) -> str:
    """The answers a scale allows, as a sentence fragment: ‘none, minor, moderate or significant’."""
    words = ["none" if value == FindingValue.NONE else value for value in scale]
    return ", ".join(words[:-1]) + f" or {words[-1]}"
