"""The carrier's and the insurance policy's checks, each at its exact limit and one cent over, with the
sentence a person reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parure.shipping.carriers.checks import alternatives, check_carrier, check_policy, signature_required
from parure.shipping.plan import Finding, PieceFact
from tests.shipping import carriers_world as cw
from tests.shipping.carriers_world import CarriersWorld, loose, plan, ring


@pytest.fixture
def world(cast: object) -> CarriersWorld:
    return cw.build(cast)


def rules(findings: list[Finding]) -> list[str]:
    return [finding.rule for finding in findings]


# --- The carrier ---------------------------------------------------------------------------------------


def test_a_parcel_exactly_at_the_carriers_limit_passes(world: CarriersWorld) -> None:
    assert check_carrier(plan(ring("NY-1", "2500000.00")), world.brinks) == []


def test_a_parcel_one_cent_over_the_limit_is_refused_with_its_value_and_the_limit(world: CarriersWorld) -> None:
    found = check_carrier(plan(ring("NY-1", "2500000.01")), world.brinks)
    assert found == [
        Finding(
            "carrier.max_per_parcel",
            "Parcel 1 is declared at $2,500,000.01; Brink's takes at most $2,500,000.00 a parcel of jewelry.",
            field="pieces",
        )
    ]


def test_each_parcel_is_judged_on_its_own_and_the_split_is_suggested(world: CarriersWorld) -> None:
    pieces = (ring("NY-1", "1500000.00"), ring("NY-2", "1100000.00"), ring("NY-3", "900000.00", parcel=2))
    found = check_carrier(plan(*pieces), world.brinks)
    assert found == [
        Finding(
            "carrier.max_per_parcel",
            "Parcel 1 is declared at $2,600,000.00; Brink's takes at most $2,500,000.00 a parcel of jewelry.",
            field="pieces",
            alternative="Split the pieces into 2 parcels of at most $2,500,000.00 each to ship with Brink's.",
        )
    ]


def test_a_carrier_no_longer_in_use_is_refused(world: CarriersWorld) -> None:
    stopped = replace_carrier(world.malca, is_active=False)
    assert check_carrier(plan(ring("NY-1", "100.00")), stopped) == [
        Finding("carrier.inactive", "Malca-Amit is no longer in use; choose another carrier.", field="carrier")
    ]


def replace_carrier(carrier: object, **changes: object) -> object:
    from copy import copy

    changed = copy(carrier)
    for name, value in changes.items():
        setattr(changed, name, value)
    return changed


def test_a_country_the_carrier_does_not_deliver_to(world: CarriersWorld) -> None:
    to_france = plan(ring("NY-1", "1000.00"), destination_country="FR")
    assert check_carrier(to_france, world.fedex) == [
        Finding("carrier.countries", "FedEx jewelry programme does not deliver to France.", field="carrier")
    ]
    assert check_carrier(plan(ring("NY-1", "1000.00"), destination_country="GB"), world.fedex) == []


def test_a_domestic_carrier_does_not_cross_a_border(world: CarriersWorld) -> None:
    to_canada = plan(ring("NY-1", "1000.00"), destination_country="CA")
    assert check_carrier(to_canada, world.usps) == [
        Finding(
            "carrier.domestic_only",
            "USPS Registered Mail carries only within a country, and this shipment goes from United States to Canada.",
            field="carrier",
        )
    ]
    assert check_carrier(plan(ring("NY-1", "25000.00")), world.usps) == []


def test_loose_stones_are_named_when_the_carrier_refuses_them(world: CarriersWorld) -> None:
    found = check_carrier(plan(ring("NY-1", "1000.00"), loose("NY-2", "9000.00"), loose("NY-3", "8000.00")),
                          world.fedex)  # fmt: skip
    assert found == [
        Finding(
            "carrier.loose_stones",
            "FedEx jewelry programme does not carry loose stones, and NY-2 and NY-3 are loose stones.",
            field="pieces",
        )
    ]
    assert check_carrier(plan(loose("NY-2", "9000.00")), world.brinks) == []


def test_refused_materials_name_each_piece_and_its_material(world: CarriersWorld) -> None:
    coral = PieceFact("NY-4", "brooch", "Brooch, gold, set with coral", metals=("gold",), materials=("Coral",),
                      value=Decimal("2000.00"))  # fmt: skip
    shell = PieceFact("NY-5", "bracelet", "Bangle, tortoiseshell", materials=("tortoiseshell",),
                      value=Decimal("800.00"))  # fmt: skip
    found = check_carrier(plan(coral, ring("NY-1", "1000.00"), shell), world.fedex)
    assert found == [
        Finding(
            "carrier.refused_materials",
            "FedEx jewelry programme does not carry coral or tortoiseshell: NY-4 (coral) and NY-5 (tortoiseshell).",
            field="pieces",
        )
    ]


def test_a_limit_in_another_currency_is_never_compared(world: CarriersWorld) -> None:
    found = check_carrier(plan(ring("NY-1", "10.00")), world.ferrari)
    assert found == [
        Finding(
            "carrier.currency",
            "Ferrari Group's limit is in CHF and the shipment is declared in USD; the values cannot be compared, "
            "so choose a carrier whose limit is in USD.",
            field="carrier",
        )
    ]
    in_francs = plan(ring("GE-1", "3000000.00"), office_code="GE", origin_country="CH", destination_country="CH",
                     currency="CHF")  # fmt: skip
    assert check_carrier(in_francs, world.ferrari) == []
    assert rules(check_carrier(replace(in_francs, pieces=(ring("GE-1", "3000000.01"),)), world.ferrari)) == [
        "carrier.max_per_parcel"
    ]


def test_a_carrier_without_a_limit_takes_any_value_in_any_currency(world: CarriersWorld) -> None:
    assert check_carrier(plan(ring("GE-1", "90000000.00"), currency="CHF"), world.hand) == []


def test_the_signature_rule(world: CarriersWorld) -> None:
    assert signature_required(plan(ring("NY-1", "1.00")), world.brinks) is True  # adult signature
    assert signature_required(plan(ring("NY-1", "1.00")), world.hand) is True  # always
    assert signature_required(plan(ring("NY-1", "500.00")), world.fedex) is False  # at the value: not above it
    assert signature_required(plan(ring("NY-1", "500.01")), world.fedex) is True
    two = plan(ring("NY-1", "300.00"), ring("NY-2", "300.00", parcel=2))
    assert signature_required(two, world.fedex) is False  # each parcel under the value
    assert signature_required(plan(ring("NY-1", "1.00"), currency="CHF"), world.fedex) is True  # not comparable


def test_alternatives_name_the_carriers_that_pass_with_their_limits(world: CarriersWorld) -> None:
    candidates = [world.brinks, world.malca, world.ferrari, world.fedex, world.usps, world.hand]
    small = plan(ring("NY-1", "20000.00"))
    assert alternatives(small, candidates, world.fedex) == (
        "Ship with Brink's (at most $2,500,000.00 a parcel), Malca-Amit (at most $2,000,000.00 a parcel), "
        "USPS Registered Mail (at most $25,000.00 a parcel) or Hand-carry by staff (no stated limit a parcel)."
    )
    large = plan(ring("NY-1", "2200000.00"))
    assert alternatives(large, candidates, world.malca) == (
        "Ship with Brink's (at most $2,500,000.00 a parcel) or Hand-carry by staff (no stated limit a parcel)."
    )


def test_with_no_carrier_to_take_it_the_alternative_is_to_split_the_parcel(world: CarriersWorld) -> None:
    pieces = (ring("NY-1", "1500000.00"), ring("NY-2", "1200000.00"), ring("NY-3", "1000000.00"))
    assert alternatives(plan(*pieces), [world.malca, world.ferrari], world.brinks) == (
        "Split the pieces into 2 parcels of at most $2,500,000.00 each to ship with Brink's."
    )
    # A piece above the limit on its own cannot be split; and splitting does not cure a loose stone.
    assert alternatives(plan(ring("NY-1", "2600000.00")), [world.malca], world.brinks) == ""
    assert alternatives(plan(loose("NY-2", "30000.00"), loose("NY-3", "30000.00")), [], world.fedex) == ""
    assert alternatives(plan(ring("NY-2", "30000.00"), ring("NY-3", "30000.00")), [], world.fedex) == (
        "Split the pieces into 2 parcels of at most $50,000.00 each to ship with FedEx jewelry programme."
    )


# --- The insurance policy -------------------------------------------------------------------------------


def test_no_policy_is_a_refusal_naming_what_needs_cover(world: CarriersWorld) -> None:
    assert check_policy(plan(ring("NY-1", "100.00")), None) == [
        Finding(
            "policy.missing",
            "No insurance policy covers shipping by specialist secure carrier from NY on 15 June 2026 in USD; "
            "record the policy before the pieces leave.",
            field="policy",
        )
    ]


def test_a_policy_within_every_limit_covers_the_shipment(world: CarriersWorld) -> None:
    at_limits = plan(ring("NY-1", "5000000.00"), ring("NY-2", "5000000.00", parcel=2),
                     value_on_day=Decimal("5000000.00"), value_to_address=Decimal("0.00"))  # fmt: skip
    assert check_policy(at_limits, world.transit) == []


def test_the_per_parcel_limit(world: CarriersWorld) -> None:
    found = check_policy(plan(ring("NY-1", "5000000.01")), world.transit)
    assert found == [
        Finding(
            "policy.per_parcel",
            "Parcel 1 is declared at $5,000,000.01; Policy SPC-2026-0412 (Hiscox Specie) covers at most "
            "$5,000,000.00 a parcel.",
            field="pieces",
        )
    ]


def test_the_per_day_limit_counts_the_days_other_hand_overs(world: CarriersWorld) -> None:
    at = plan(ring("NY-1", "1000000.00"), value_on_day=Decimal("14000000.00"))
    assert check_policy(at, world.transit) == []
    over = replace(at, value_on_day=Decimal("14000000.01"))
    assert check_policy(over, world.transit) == [
        Finding(
            "policy.per_day",
            "With this shipment's $1,000,000.00, NY hands over $15,000,000.01 on 15 June 2026 ($14,000,000.01 "
            "already); Policy SPC-2026-0412 (Hiscox Specie) covers at most $15,000,000.00 a day.",
            field="ship_on",
            alternative="Ship part of it on another day.",
        )
    ]


def test_the_per_address_limit_counts_what_is_on_its_way_there(world: CarriersWorld) -> None:
    at = plan(ring("NY-1", "4000000.00"), value_to_address=Decimal("6000000.00"))
    assert check_policy(at, world.transit) == []
    over = replace(at, value_to_address=Decimal("6000000.01"))
    assert check_policy(over, world.transit) == [
        Finding(
            "policy.per_address",
            "With this shipment's $4,000,000.00, $10,000,000.01 would be on its way to the same address "
            "($6,000,000.01 already); Policy SPC-2026-0412 (Hiscox Specie) covers at most $10,000,000.00 at one "
            "address.",
            field="pieces",
            alternative="Wait until the shipments already on their way there are delivered.",
        )
    ]


def test_the_policys_dates_are_both_included(world: CarriersWorld) -> None:
    piece = ring("NY-1", "100.00")
    assert check_policy(plan(piece, ship_on=date(2026, 1, 1)), world.transit) == []
    assert check_policy(plan(piece, ship_on=date(2026, 12, 31)), world.transit) == []
    assert check_policy(plan(piece, ship_on=date(2027, 1, 1)), world.transit) == [
        Finding(
            "policy.dates",
            "Policy SPC-2026-0412 (Hiscox Specie) covers shipments from 1 January 2026 to 31 December 2026, and "
            "this one ships on 1 January 2027.",
            field="policy",
        )
    ]
    assert rules(check_policy(plan(piece, ship_on=date(2025, 12, 31)), world.transit)) == ["policy.dates"]


def test_an_offices_policy_covers_that_office_only_and_its_levels(world: CarriersWorld) -> None:
    geneva = plan(ring("GE-1", "3000000.00"), office_code="GE", origin_country="CH", destination_country="CH",
                  currency="CHF")  # fmt: skip
    assert check_policy(geneva, world.geneva) == []
    assert check_policy(replace(geneva, office_code="LN"), world.geneva) == [
        Finding(
            "policy.office",
            "Policy GE-TV-2026-77 (Helvetia Valeurs) covers shipments from Geneva only, and this one leaves from LN.",
            field="policy",
        )
    ]
    assert check_policy(replace(geneva, level="registered_post"), world.geneva) == [
        Finding(
            "policy.levels",
            "Policy GE-TV-2026-77 (Helvetia Valeurs) covers shipping by specialist secure carrier or hand-carry by "
            "staff, not by registered post.",
            field="policy",
        )
    ]


def test_a_policy_in_another_currency_is_never_compared(world: CarriersWorld) -> None:
    in_dollars = plan(ring("GE-1", "90000000.00"), office_code="GE", origin_country="CH")
    assert check_policy(in_dollars, world.geneva) == [
        Finding(
            "policy.currency",
            "The limits of policy GE-TV-2026-77 (Helvetia Valeurs) are in CHF and the shipment is declared in USD; the "
            "values cannot be compared, so choose a policy in USD.",
            field="policy",
        )
    ]


def test_a_policy_no_longer_in_use(world: CarriersWorld) -> None:
    world.transit.is_active = False
    assert rules(check_policy(plan(ring("NY-1", "1.00")), world.transit)) == ["policy.inactive"]
    assert check_policy(plan(ring("NY-1", "1.00")), world.transit)[0].message == (
        "Policy SPC-2026-0412 (Hiscox Specie) is no longer in use; choose another policy."
    )


@given(st.lists(st.tuples(st.integers(0, 300_000_000), st.integers(1, 4)), min_size=1, max_size=8))
def test_a_parcel_is_refused_exactly_when_its_total_is_above_the_limit(pieces: list[tuple[int, int]]) -> None:
    """For any pieces in any parcels (cents): one finding a parcel over the limit, none at or under it; and
    a split offered only when every piece fits, into parcels that the pieces do fit."""
    from parure.shipping.carriers.checks import split_advice
    from parure.shipping.carriers.models import Carrier

    carrier = Carrier(name="Brink's", level="secure_carrier", currency="USD", max_per_parcel=Decimal("2500000.00"))
    facts = tuple(ring(f"NY-{i}", str(Decimal(cents) / 100), parcel=parcel) for i, (cents, parcel) in enumerate(pieces))
    shipment = plan(*facts)
    over = [n for n, value in shipment.parcel_values().items() if value > Decimal("2500000.00")]
    found = check_carrier(shipment, carrier)
    assert [f.message.split(" is declared")[0] for f in found] == [f"Parcel {n}" for n in over]
    advice = split_advice(shipment, carrier)
    fits = all(piece.value <= Decimal("2500000.00") for piece in facts)
    assert bool(advice) == (bool(over) and fits)
    if advice:
        count = int(advice.split(" into ")[1].split(" ")[0])
        assert sum(piece.value for piece in facts) <= count * Decimal("2500000.00")
        assert count <= len(facts)
