"""The jurisdictions a compliance rule names: an ISO 3166 alpha-2 country code, or ``EU`` for the
European Union's member states (kept here as data; a change of membership is an edit of this list)."""

from __future__ import annotations

from collections.abc import Iterable

#: The European Union's 27 member states (ISO 3166 alpha-2; Greece is ``GR`` here, not the EU's ``EL``).
EU_MEMBERS: frozenset[str] = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    }
)  # fmt: skip

UNIONS: dict[str, frozenset[str]] = {"EU": EU_MEMBERS}

NAMES: dict[str, str] = {"EU": "the European Union", "US": "the United States", "GB": "the United Kingdom"}


def countries_of(jurisdiction: str) -> frozenset[str]:
    """The countries a jurisdiction covers: a union's members, or the one country."""
    code = jurisdiction.upper()
    return UNIONS.get(code, frozenset({code}))


def within(country: str, jurisdiction: str) -> bool:
    return bool(country) and country.upper() in countries_of(jurisdiction)


def name_of(jurisdiction: str) -> str:
    return NAMES.get(jurisdiction.upper(), jurisdiction.upper())


def names_of(jurisdictions: Iterable[str]) -> str:
    names = [name_of(code) for code in jurisdictions]
    return ", ".join(names) if names else "every shipment"
