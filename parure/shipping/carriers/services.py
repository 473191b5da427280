"""Writing carriers and insurance policies: every value checked and bounded, the whole row saved in one
transaction or nothing. A change of contract is an edit of these rows; the checks read them as they are
when a shipment is planned."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale
from babel.numbers import list_currencies
from django.db import IntegrityError, transaction
from django.utils import timezone

from parure.core.models import Office, Staff
from parure.core.text import unstorable
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.choices import ServiceLevel, SignatureRule
from parure.shipping.errors import ShippingError, ShippingErrorCode

E = ShippingErrorCode
AMOUNT_MAX = Decimal("999999999999.99")  # what the columns hold (14 digits, 2 after the point)
COUNTRIES_MAX = 250
MATERIALS_MAX = 30
MATERIAL_MAX = 40
NOTES_MAX = 4000
# ISO 3166 alpha-2 codes, as Babel knows them (not its groupings such as EU or the unknown ZZ).
COUNTRY_CODES = frozenset(
    str(code)
    for code in Locale.parse("en").territories
    if len(str(code)) == 2 and str(code).isalpha() and code not in {"EU", "EZ", "UN", "ZZ", "QO"}
)


def _refuse(message: str, *, field: str, code: ShippingErrorCode = E.INVALID) -> ShippingError:
    return ShippingError(message, field=field, code=code)


def text_of(value: Any, *, limit: int, field: str, label: str, required: bool = False) -> str:
    text = (value if isinstance(value, str) else "").strip()
    if unstorable(text):
        raise _refuse(f"{label} holds a character that cannot be stored; type it again.", field=field)
    if len(text) > limit:
        raise _refuse(f"{label} is longer than {limit} characters.", field=field, code=E.TOO_LONG)
    if required and not text:
        raise _refuse(f"{label} is missing.", field=field, code=E.REQUIRED)
    return text


def amount_of(value: Any, *, field: str, label: str) -> Decimal | None:
    """An amount of at least zero with at most two decimals, or None when none is given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise _refuse(f"{label} is not an amount.", field=field, code=E.INVALID_AMOUNT)
    try:
        amount = Decimal(str(value).strip().replace(",", "")[:40])
    except InvalidOperation:
        raise _refuse(f"{label} is not an amount: ‘{str(value)[:30]}’.", field=field, code=E.INVALID_AMOUNT) from None
    if not amount.is_finite():
        raise _refuse(f"{label} is not an amount.", field=field, code=E.INVALID_AMOUNT)
    if amount < 0:
        raise _refuse(f"{label} cannot be negative.", field=field, code=E.INVALID_AMOUNT)
    if amount > AMOUNT_MAX:
        raise _refuse(f"{label} is more than {AMOUNT_MAX:,}.", field=field, code=E.INVALID_AMOUNT)
    if amount != amount.quantize(Decimal("0.01")):
        raise _refuse(f"{label} has more than two decimal places.", field=field, code=E.INVALID_AMOUNT)
    return amount.quantize(Decimal("0.01"))


def currency_of(value: Any, *, field: str = "currency") -> str:
    code = text_of(value, limit=3, field=field, label="The currency", required=True).upper()
    if code not in list_currencies():
        raise _refuse(f"‘{code}’ is not an ISO 4217 currency code such as USD or CHF.", field=field)
    return code


def _words(values: Any, *, field: str, label: str, most: int) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise _refuse(f"{label} must be a list.", field=field)
    if len(values) > most:
        raise _refuse(f"{label} may hold at most {most} entries.", field=field, code=E.TOO_LONG)
    if not all(isinstance(value, str) for value in values):
        raise _refuse(f"{label} must be a list of words.", field=field)
    return [text_of(value, limit=MATERIAL_MAX, field=field, label=label) for value in values]


def countries_of(values: Any, *, field: str = "countries") -> list[str]:
    """ISO 3166 alpha-2 codes, upper case, each once, in the order given."""
    found: list[str] = []
    for code in _words(values, field=field, label="The countries", most=COUNTRIES_MAX):
        code = code.upper()
        if not code:
            continue
        if code not in COUNTRY_CODES:
            raise _refuse(f"‘{code[:10]}’ is not a two-letter ISO country code such as US or CH.", field=field)
        if code not in found:
            found.append(code)
    return found


def materials_of(values: Any, *, field: str = "refused_materials") -> list[str]:
    found: list[str] = []
    for word in _words(values, field=field, label="The refused materials", most=MATERIALS_MAX):
        word = " ".join(word.lower().split())
        if not word:
            continue
        if not all(char.isalpha() or char in " -'" for char in word):
            raise _refuse(f"‘{word}’ is not a material's name; use words such as ivory or coral.", field=field)
        if word not in found:
            found.append(word)
    return found


def _choice(value: Any, choices: type[ServiceLevel] | type[SignatureRule], *, field: str, sentence: str) -> str:
    if not isinstance(value, str) or value not in choices.values:
        raise _refuse(sentence, field=field)
    return value


# --- Carriers ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarrierInput:
    name: str
    level: str
    currency: str = "USD"
    max_per_parcel: Decimal | str | None = None
    refuses_loose_stones: bool = False
    refused_materials: Sequence[str] = field(default_factory=tuple)
    signature_rule: str = SignatureRule.ALWAYS
    signature_above: Decimal | str | None = None
    countries: Sequence[str] = field(default_factory=tuple)
    international: bool = True
    account_number: str = ""
    tracking_url: str = ""
    notes: str = ""
    is_active: bool = True


def _carrier_values(data: CarrierInput) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": text_of(data.name, limit=80, field="name", label="The carrier's name", required=True),
        "level": _choice(data.level, ServiceLevel, field="level",
                         sentence="Choose the service level: secure carrier, jewelry courier, registered post or "
                                  "hand-carry."),
        "currency": currency_of(data.currency),
        "max_per_parcel": amount_of(data.max_per_parcel, field="max_per_parcel", label="The limit a parcel"),
        "refuses_loose_stones": bool(data.refuses_loose_stones),
        "refused_materials": materials_of(data.refused_materials),
        "signature_rule": _choice(data.signature_rule, SignatureRule, field="signature_rule",
                                  sentence="Choose when the consignee signs: always, adult signature, or above a "
                                           "declared value."),
        "countries": countries_of(data.countries),
        "international": bool(data.international),
        "account_number": text_of(data.account_number, limit=40, field="account_number", label="The account number"),
        "tracking_url": text_of(data.tracking_url, limit=200, field="tracking_url", label="The tracking address"),
        "notes": text_of(data.notes, limit=NOTES_MAX, field="notes", label="The notes"),
        "is_active": bool(data.is_active),
    }  # fmt: skip
    above = amount_of(data.signature_above, field="signature_above", label="The value above which they sign")
    if values["signature_rule"] == SignatureRule.ABOVE_VALUE:
        if above is None:
            raise _refuse("Give the declared value above which the consignee signs.", field="signature_above",
                          code=E.REQUIRED)  # fmt: skip
        values["signature_above"] = above
    else:
        values["signature_above"] = None  # only the ABOVE_VALUE rule reads it
    url = values["tracking_url"]
    if url and (not url.startswith("https://") or "{tracking}" not in url):
        raise _refuse("The tracking address starts with https:// and has {tracking} where the number goes.",
                      field="tracking_url")  # fmt: skip
    return values


@transaction.atomic
def carrier_save(*, carrier: Carrier | None, data: CarrierInput, by: Staff) -> Carrier:
    """Add a carrier (``carrier`` None) or change one; its name is unique whatever its case."""
    values = _carrier_values(data)
    if carrier is not None:
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
    clash = Carrier.objects.filter(name__iexact=values["name"])
    if carrier is not None:
        clash = clash.exclude(pk=carrier.pk)
    taken = f"There is already a carrier named {values['name']}; give this one another name or edit that one."
    if clash.exists():
        raise _refuse(taken, field="name", code=E.REFUSED)
    row = carrier or Carrier()
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at, row.updated_by = timezone.now(), by
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # the same name saved at the same moment by someone else
        raise _refuse(taken, field="name", code=E.REFUSED) from None
    return row


# --- Insurance policies --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyInput:
    insurer: str
    policy_number: str
    valid_from: date | None
    valid_to: date | None
    currency: str = "USD"
    office_id: int | None = None
    per_parcel: Decimal | str | None = None
    per_day: Decimal | str | None = None
    per_address: Decimal | str | None = None
    levels: Sequence[str] = field(default_factory=tuple)
    claims_contact: str = ""
    notes: str = ""
    is_active: bool = True


def _policy_values(data: PolicyInput) -> dict[str, Any]:
    values: dict[str, Any] = {
        "insurer": text_of(data.insurer, limit=120, field="insurer", label="The insurer", required=True),
        "policy_number": text_of(data.policy_number, limit=60, field="policy_number", label="The policy number",
                                 required=True),
        "currency": currency_of(data.currency),
        "per_parcel": amount_of(data.per_parcel, field="per_parcel", label="The limit a parcel"),
        "per_day": amount_of(data.per_day, field="per_day", label="The limit a day"),
        "per_address": amount_of(data.per_address, field="per_address", label="The limit at one address"),
        "claims_contact": text_of(data.claims_contact, limit=200, field="claims_contact", label="The claims contact"),
        "notes": text_of(data.notes, limit=NOTES_MAX, field="notes", label="The notes"),
        "is_active": bool(data.is_active),
    }  # fmt: skip
    levels = data.levels
    if isinstance(levels, str) or not isinstance(levels, Sequence) or len(levels) > len(ServiceLevel.values):
        raise _refuse("Choose the service levels the policy covers.", field="levels")
    for level in levels:
        if not isinstance(level, str) or level not in ServiceLevel.values:
            raise _refuse(f"‘{str(level)[:30]}’ is not a service level; choose among secure carrier, jewelry "
                          "courier, registered post and hand-carry.", field="levels")  # fmt: skip
    values["levels"] = [level for level in ServiceLevel.values if level in levels]
    for name, label in (("valid_from", "the first day"), ("valid_to", "the last day")):
        given = getattr(data, name)
        if not isinstance(given, date):
            raise _refuse(f"Give {label} the policy covers.", field=name, code=E.INVALID_DATE)
        values[name] = given
    if values["valid_to"] < values["valid_from"]:
        end, start = values["valid_to"], values["valid_from"]
        raise _refuse(f"The policy cannot end on {end.day} {end:%B %Y}, before it starts on {start.day} {start:%B %Y}.",
                      field="valid_to", code=E.INVALID_DATE)  # fmt: skip
    values["office"] = None
    if data.office_id is not None:
        office = Office.objects.filter(pk=data.office_id).first() if 0 < data.office_id < 2**63 else None
        if office is None:
            raise _refuse("No such office; choose one, or every office.", field="office_id", code=E.UNKNOWN_RECORD)
        values["office"] = office
    return values


@transaction.atomic
def policy_save(*, policy: InsurancePolicy | None, data: PolicyInput, by: Staff) -> InsurancePolicy:
    """Add a transit policy (``policy`` None) or change one; an insurer's policy number is recorded once."""
    values = _policy_values(data)
    if policy is not None:
        policy = InsurancePolicy.objects.select_for_update().get(pk=policy.pk)
    clash = InsurancePolicy.objects.filter(insurer__iexact=values["insurer"], policy_number=values["policy_number"])
    if policy is not None:
        clash = clash.exclude(pk=policy.pk)
    taken = f"{values['insurer']}'s policy {values['policy_number']} is recorded already; edit that one."
    if clash.exists():
        raise _refuse(taken, field="policy_number", code=E.REFUSED)
    row = policy or InsurancePolicy()
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at, row.updated_by = timezone.now(), by
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise _refuse(taken, field="policy_number", code=E.REFUSED) from None
    return row
