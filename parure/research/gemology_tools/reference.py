"""Periods for a date, and ring sizes in every system."""

from __future__ import annotations

from parure.gemology import periods, ring_sizes
from parure.research.gemology_tools._shared import (
    Typed,
    _on_field,
    _require,
    _stripped,
)

# --- periods --------------------------------------------------------------------------------

PERIOD_TABLE: tuple[periods.Period, ...] = periods.PERIODS


def find_periods(*, date: Typed) -> periods.Dating:
    """The periods a year or dating phrase falls in (``periods.periods_for``)."""
    values: dict[str, object] = {"date": date}
    _require(values, (("date", "Type a year or a dating phrase, e.g. 1925, circa 1925 or late 19th century."),))
    return _on_field("date", values, lambda: periods.periods_for(_stripped(date)))


# --- ring sizes -----------------------------------------------------------------------------

CIRCUMFERENCE = "circumference"
DIAMETER = "diameter"
RING_SYSTEM_CHOICES: tuple[tuple[str, str], ...] = (
    ("US", "US / Canada"),
    ("UK", "UK / Australia"),
    ("EU", "EU / ISO"),
    ("Japan", "Japan"),
    ("Swiss", "Switzerland"),
    (CIRCUMFERENCE, "Circumference, mm"),
    (DIAMETER, "Diameter, mm"),
)
RING_SYSTEM_LABELS: dict[str, str] = {
    "US": "US / Canada",
    "UK": "UK / Australia",
    "EU": "EU / ISO",
    "Japan": "Japan",
    "Swiss": "Switzerland",
}


def convert_ring_size(*, system: Typed, size: Typed) -> ring_sizes.RingSizeConversion:
    """The nearest size in every system for a size, an inner circumference or a diameter (``ring_sizes``)."""
    values: dict[str, object] = {"system": system, "size": size}
    chosen = _stripped(system) or "US"
    _require(values, (("size", "Type a ring size, e.g. 7, 7 1/2, N½ or 54."),))
    typed = _stripped(size)
    if chosen.lower() == CIRCUMFERENCE:
        return _on_field("size", values, lambda: ring_sizes.convert_circumference(typed))
    if chosen.lower() == DIAMETER:
        return _on_field("size", values, lambda: ring_sizes.convert_diameter(typed))
    scheme = _on_field("system", values, lambda: ring_sizes.ring_size_system(chosen))
    return _on_field("size", values, lambda: ring_sizes.convert_ring_size(scheme, typed))
