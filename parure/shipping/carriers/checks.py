"""The carrier's and the insurance policy's rules, as pure functions of a :class:`ShipmentPlan` and the
rows the shipment names: no queries (a policy's office is read from the row, so pass one loaded with
``queries.policy_for`` or ``queries.policy_by_pk``, which select it).

Each check answers :class:`Finding` rows; a blocking one refuses the shipment with its sentence. Every
sentence names the figures it compared, in the money format of the locale passed (the sending office's).
A limit is a maximum: a value exactly at it passes, one cent over is refused. Amounts in different
currencies are never compared: a limit in another currency than the plan's is itself a refusal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from babel import Locale, UnknownLocaleError

from parure.core.money import Money
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.choices import ServiceLevel, SignatureRule
from parure.shipping.plan import Finding, ShipmentPlan

LOOSE_STONE = "loose_stone"


def money(amount: Decimal, currency: str, locale: str = "en_US") -> str:
    return Money.of(amount, currency).format(locale)


def country_name(code: str, locale: str = "en_US") -> str:
    """A country's name in the locale's language, or its code when the locale does not know it."""
    try:
        names = Locale.parse(locale).territories
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    return str(names.get(code, code))


def joined(words: Iterable[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def level_label(level: str) -> str:
    return str(ServiceLevel(level).label) if level in ServiceLevel.values else level


# --- The carrier ---------------------------------------------------------------------------------------


def _limit_phrase(carrier: Carrier, locale: str) -> str:
    if carrier.max_per_parcel is None:
        return "no stated limit a parcel"
    return f"at most {money(carrier.max_per_parcel, carrier.currency, locale)} a parcel"


def _comparable(plan: ShipmentPlan, carrier: Carrier) -> bool:
    return carrier.currency == plan.currency


def _parcels_needed(values: Sequence[Decimal], limit: Decimal) -> int:
    """How many parcels of at most ``limit`` the pieces fit in, packed largest first (first fit)."""
    parcels: list[Decimal] = []
    for value in sorted(values, reverse=True):
        for index, filled in enumerate(parcels):
            if filled + value <= limit:
                parcels[index] = filled + value
                break
        else:
            parcels.append(value)
    return len(parcels)


def split_advice(plan: ShipmentPlan, carrier: Carrier, *, locale: str = "en_US") -> str:
    """When every piece fits ``carrier``'s parcel limit but a parcel does not: how many parcels to split
    the pieces into. "" when splitting would not help (or nothing needs splitting)."""
    limit = carrier.max_per_parcel
    if limit is None or not _comparable(plan, carrier) or not plan.pieces:
        return ""
    if all(value <= limit for value in plan.parcel_values().values()):
        return ""
    if any(piece.value > limit for piece in plan.pieces):
        return ""
    count = _parcels_needed([piece.value for piece in plan.pieces], limit)
    return (
        f"Split the pieces into {count} parcels of at most {money(limit, carrier.currency, locale)} each to ship "
        f"with {carrier.name}."
    )


def check_carrier(plan: ShipmentPlan, carrier: Carrier, *, locale: str = "en_US") -> list[Finding]:
    """Whether ``carrier`` may take the plan's parcels: in use, delivers there, within its limit a
    parcel, and willing to carry what is in them."""
    findings: list[Finding] = []
    name = carrier.name
    if not carrier.is_active:
        findings.append(Finding("carrier.inactive", f"{name} is no longer in use; choose another carrier.",
                                field="carrier"))  # fmt: skip
    destination = country_name(plan.destination_country, locale)
    if plan.international and not carrier.international:
        findings.append(Finding(
            "carrier.domestic_only",
            f"{name} carries only within a country, and this shipment goes from "
            f"{country_name(plan.origin_country, locale)} to {destination}.",
            field="carrier",
        ))  # fmt: skip
    elif carrier.countries and plan.destination_country not in carrier.countries:
        findings.append(Finding("carrier.countries", f"{name} does not deliver to {destination}.", field="carrier"))
    if carrier.max_per_parcel is not None:
        if not _comparable(plan, carrier):
            findings.append(Finding(
                "carrier.currency",
                f"{name}'s limit is in {carrier.currency} and the shipment is declared in {plan.currency}; "
                f"the values cannot be compared, so choose a carrier whose limit is in {plan.currency}.",
                field="carrier",
            ))  # fmt: skip
        else:
            limit = money(carrier.max_per_parcel, carrier.currency, locale)
            advice = split_advice(plan, carrier, locale=locale)
            for parcel, value in plan.parcel_values().items():
                if value > carrier.max_per_parcel:
                    findings.append(Finding(
                        "carrier.max_per_parcel",
                        f"Parcel {parcel} is declared at {money(value, plan.currency, locale)}; {name} takes at "
                        f"most {limit} a parcel of jewelry.",
                        field="pieces", alternative=advice,
                    ))  # fmt: skip
    if carrier.refuses_loose_stones:
        loose = [piece.stock_number for piece in plan.pieces if piece.category == LOOSE_STONE]
        if loose:
            what = "is a loose stone" if len(loose) == 1 else "are loose stones"
            findings.append(Finding(
                "carrier.loose_stones",
                f"{name} does not carry loose stones, and {joined(loose)} {what}.",
                field="pieces",
            ))  # fmt: skip
    refused = {word.lower() for word in carrier.refused_materials or [] if isinstance(word, str)}
    if refused:
        hits = [(piece.stock_number, sorted(piece.words() & refused)) for piece in plan.pieces]
        hits = [(stock, words) for stock, words in hits if words]
        if hits:
            every = sorted({word for _, words in hits for word in words})
            listed = joined(f"{stock} ({', '.join(words)})" for stock, words in hits)
            findings.append(Finding(
                "carrier.refused_materials",
                f"{name} does not carry {joined(every, 'or')}: {listed}.",
                field="pieces",
            ))  # fmt: skip
    return findings


def signature_required(plan: ShipmentPlan, carrier: Carrier) -> bool:
    """Whether the consignee signs on delivery: always for ALWAYS and ADULT; for ABOVE_VALUE when a
    parcel is declared above ``signature_above`` (or when that amount is missing or in another
    currency, since it cannot be compared)."""
    if carrier.signature_rule != SignatureRule.ABOVE_VALUE:
        return True
    if carrier.signature_above is None or not _comparable(plan, carrier):
        return True
    return any(value > carrier.signature_above for value in plan.parcel_values().values())


def alternatives(plan: ShipmentPlan, candidates: Sequence[Carrier], refused: Carrier, *, locale: str = "en_US") -> str:
    """What to do instead of ``refused``: the candidates that pass every check, with their limit; or,
    when none does but every piece fits ``refused``'s parcel limit, how many parcels to split into;
    "" when there is no alternative."""
    passing = [
        carrier
        for carrier in candidates
        if carrier.pk != refused.pk and not any(f.blocking for f in check_carrier(plan, carrier, locale=locale))
    ]
    if passing:
        named = [f"{carrier.name} ({_limit_phrase(carrier, locale)})" for carrier in passing]
        return f"Ship with {joined(named, 'or')}."
    others = [
        f for f in check_carrier(plan, refused, locale=locale) if f.blocking and f.rule != "carrier.max_per_parcel"
    ]
    if others:
        return ""
    return split_advice(plan, refused, locale=locale)


# --- The insurance policy -------------------------------------------------------------------------------


def _day(plan: ShipmentPlan) -> str:
    return f"{plan.ship_on.day} {plan.ship_on:%B %Y}"


def check_policy(plan: ShipmentPlan, policy: InsurancePolicy | None, *, locale: str = "en_US") -> list[Finding]:
    """Whether ``policy`` covers the plan: in force on the day (both dates included), for the office and
    the service level, and within its limits a parcel, a day's hand-overs and an address's shipments."""
    if policy is None:
        return [Finding(
            "policy.missing",
            f"No insurance policy covers shipping by {level_label(plan.level).lower()} from {plan.office_code} "
            f"on {_day(plan)} in {plan.currency}; record the policy before the pieces leave.",
            field="policy",
        )]  # fmt: skip
    findings: list[Finding] = []
    title = f"Policy {policy.policy_number} ({policy.insurer})"
    if not policy.is_active:
        findings.append(Finding("policy.inactive", f"{title} is no longer in use; choose another policy.",
                                field="policy"))  # fmt: skip
    if not policy.valid_from <= plan.ship_on <= policy.valid_to:
        findings.append(Finding(
            "policy.dates",
            f"{title} covers shipments from {policy.valid_from.day} {policy.valid_from:%B %Y} to "
            f"{policy.valid_to.day} {policy.valid_to:%B %Y}, and this one ships on {_day(plan)}.",
            field="policy",
        ))  # fmt: skip
    office = policy.office if policy.office_id is not None else None
    if office is not None and office.code != plan.office_code:
        findings.append(Finding(
            "policy.office",
            f"{title} covers shipments from {office.name} only, and this one leaves from {plan.office_code}.",
            field="policy",
        ))  # fmt: skip
    if policy.levels and plan.level not in policy.levels:
        covered = joined([level_label(level).lower() for level in policy.levels], "or")
        findings.append(Finding(
            "policy.levels",
            f"{title} covers shipping by {covered}, not by {level_label(plan.level).lower()}.",
            field="policy",
        ))  # fmt: skip
    if policy.currency != plan.currency:
        findings.append(Finding(
            "policy.currency",
            f"The limits of policy {policy.policy_number} ({policy.insurer}) are in {policy.currency} and the "
            f"shipment is declared in {plan.currency}; the values cannot be compared, so choose a policy in "
            f"{plan.currency}.",
            field="policy",
        ))  # fmt: skip
        return findings

    def fmt(amount: Decimal) -> str:
        return money(amount, plan.currency, locale)

    if policy.per_parcel is not None:
        for parcel, value in plan.parcel_values().items():
            if value > policy.per_parcel:
                findings.append(Finding(
                    "policy.per_parcel",
                    f"Parcel {parcel} is declared at {fmt(value)}; {title} covers at most {fmt(policy.per_parcel)} "
                    "a parcel.",
                    field="pieces",
                ))  # fmt: skip
    total = plan.total
    if policy.per_day is not None and plan.value_on_day + total > policy.per_day:
        findings.append(Finding(
            "policy.per_day",
            f"With this shipment's {fmt(total)}, {plan.office_code} hands over {fmt(plan.value_on_day + total)} on "
            f"{_day(plan)} ({fmt(plan.value_on_day)} already); {title} covers at most {fmt(policy.per_day)} a day.",
            field="ship_on", alternative="Ship part of it on another day.",
        ))  # fmt: skip
    if policy.per_address is not None and plan.value_to_address + total > policy.per_address:
        findings.append(Finding(
            "policy.per_address",
            f"With this shipment's {fmt(total)}, {fmt(plan.value_to_address + total)} would be on its way to the "
            f"same address ({fmt(plan.value_to_address)} already); {title} covers at most "
            f"{fmt(policy.per_address)} at one address.",
            field="pieces", alternative="Wait until the shipments already on their way there are delivered.",
        ))  # fmt: skip
    return findings
