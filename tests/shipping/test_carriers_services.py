"""Writing carriers and policies: every refusal's sentence and that nothing was saved; the reads the
shipments area asks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from parure.shipping.carriers import queries, services
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.carriers.services import CarrierInput
from parure.shipping.errors import ShippingError
from tests.shipping import carriers_world as cw
from tests.shipping.carriers_world import CarriersWorld


@pytest.fixture
def world(cast: Any) -> CarriersWorld:
    return cw.build(cast)


def _rows() -> list[Any]:
    return [
        list(Carrier.objects.order_by("pk").values()),
        list(InsurancePolicy.objects.order_by("pk").values()),
    ]


@contextmanager
def unchanged() -> Iterator[None]:
    """Every carrier and policy row is as it was after the block."""
    before = _rows()
    yield
    assert _rows() == before


def refused(call: Any) -> ShippingError:
    with unchanged(), pytest.raises(ShippingError) as caught:
        call()
    return caught.value


def test_a_carrier_is_saved_with_its_lists_tidied_and_who_changed_it(world: CarriersWorld) -> None:
    data = CarrierInput(name="  Loomis  ", level="secure_carrier", currency="usd", max_per_parcel="1,000,000",
                        refused_materials=["Ivory", " coral ", "ivory", ""], countries=["us", "CA", "US"],
                        signature_rule="always", signature_above="90.00")  # fmt: skip
    carrier = services.carrier_save(carrier=None, data=data, by=world.cast.senior)
    carrier.refresh_from_db()
    assert (carrier.name, carrier.currency, carrier.max_per_parcel, carrier.refused_materials, carrier.countries,
            carrier.signature_above, carrier.updated_by) == (
        "Loomis", "USD", Decimal("1000000.00"), ["ivory", "coral"], ["US", "CA"], None, world.cast.senior
    )  # fmt: skip
    changed = services.carrier_save(carrier=carrier, data=replace(data, max_per_parcel=None), by=world.cast.logistics)
    assert (changed.max_per_parcel, changed.updated_by) == (None, world.cast.logistics)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "The carrier's name is missing."),
        ({"name": "x" * 81}, "name", "The carrier's name is longer than 80 characters."),
        ({"level": "pigeon"}, "level",
         "Choose the service level: secure carrier, jewelry courier, registered post or hand-carry."),
        ({"currency": "XYZ"}, "currency", "‘XYZ’ is not an ISO 4217 currency code such as USD or CHF."),
        ({"max_per_parcel": "-0.01"}, "max_per_parcel", "The limit a parcel cannot be negative."),
        ({"max_per_parcel": "1000000000000.00"}, "max_per_parcel",
         "The limit a parcel is more than 999,999,999,999.99."),
        ({"max_per_parcel": "10.001"}, "max_per_parcel", "The limit a parcel has more than two decimal places."),
        ({"max_per_parcel": "lots"}, "max_per_parcel", "The limit a parcel is not an amount: ‘lots’."),
        ({"max_per_parcel": "NaN"}, "max_per_parcel", "The limit a parcel is not an amount."),
        ({"countries": ["US", "XX"]}, "countries", "‘XX’ is not a two-letter ISO country code such as US or CH."),
        ({"countries": ["USA"]}, "countries", "‘USA’ is not a two-letter ISO country code such as US or CH."),
        ({"countries": ["US"] * 251}, "countries", "The countries may hold at most 250 entries."),
        ({"refused_materials": ["ivory; drop"]}, "refused_materials",
         "‘ivory; drop’ is not a material's name; use words such as ivory or coral."),
        ({"refused_materials": ["x" * 41]}, "refused_materials",
         "The refused materials is longer than 40 characters."),
        ({"signature_rule": "above_value"}, "signature_above",
         "Give the declared value above which the consignee signs."),
        ({"signature_rule": "never"}, "signature_rule",
         "Choose when the consignee signs: always, adult signature, or above a declared value."),
        ({"tracking_url": "http://example.com/{tracking}"}, "tracking_url",
         "The tracking address starts with https:// and has {tracking} where the number goes."),
        ({"notes": "a\x00b"}, "notes", "The notes holds a character that cannot be stored; type it again."),
        ({"notes": "n" * 4001}, "notes", "The notes is longer than 4000 characters."),
    ],
)  # fmt: skip
def test_a_carrier_refused_says_why_and_saves_nothing(
    world: CarriersWorld, changes: dict[str, Any], field: str, message: str
) -> None:
    data = replace(cw.USPS, **{"name": "Loomis", **changes})
    refusal = refused(lambda: services.carrier_save(carrier=None, data=data, by=world.cast.logistics))
    assert (refusal.field, refusal.message) == (field, message)
    refusal = refused(lambda: services.carrier_save(carrier=world.usps, data=data, by=world.cast.logistics))
    assert (refusal.field, refusal.message) == (field, message)


def test_a_carriers_name_is_unique_whatever_its_case(world: CarriersWorld) -> None:
    refusal = refused(lambda: services.carrier_save(carrier=None, data=replace(cw.HAND, name="malca-amit"),
                                                    by=world.cast.logistics))  # fmt: skip
    assert (refusal.field, refusal.status, refusal.message) == (
        "name", 409, "There is already a carrier named malca-amit; give this one another name or edit that one."
    )  # fmt: skip
    refusal = refused(lambda: services.carrier_save(carrier=world.hand, data=replace(cw.HAND, name="Brink's"),
                                                    by=world.cast.logistics))  # fmt: skip
    assert refusal.field == "name"
    # Its own name, in another case, is no clash.
    assert services.carrier_save(carrier=world.hand, data=replace(cw.HAND, name="HAND-CARRY BY STAFF"),
                                 by=world.cast.logistics).name == "HAND-CARRY BY STAFF"  # fmt: skip


def test_a_policy_is_saved_with_its_levels_in_their_order(world: CarriersWorld) -> None:
    data = cw.transit_input(policy_number="SPC-2027-0001", levels=["hand_carry", "secure_carrier"],
                            valid_from=date(2027, 1, 1), valid_to=date(2027, 1, 1), per_day=None)  # fmt: skip
    found = services.policy_save(policy=None, data=data, by=world.cast.senior)
    found.refresh_from_db()
    assert (found.levels, found.valid_from, found.valid_to, found.per_day, found.office, found.updated_by) == (
        ["secure_carrier", "hand_carry"], date(2027, 1, 1), date(2027, 1, 1), None, None, world.cast.senior
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"insurer": ""}, "insurer", "The insurer is missing."),
        ({"policy_number": "p" * 61}, "policy_number", "The policy number is longer than 60 characters."),
        ({"currency": "EURO"}, "currency", "The currency is longer than 3 characters."),
        ({"per_parcel": "-1"}, "per_parcel", "The limit a parcel cannot be negative."),
        ({"per_day": "1e40"}, "per_day", "The limit a day is more than 999,999,999,999.99."),
        ({"per_address": "ten"}, "per_address", "The limit at one address is not an amount: ‘ten’."),
        ({"levels": ["air"]}, "levels",
         "‘air’ is not a service level; choose among secure carrier, jewelry courier, registered post and hand-carry."),
        ({"valid_from": None}, "valid_from", "Give the first day the policy covers."),
        ({"valid_to": "2026-12-31"}, "valid_to", "Give the last day the policy covers."),
        ({"valid_from": date(2026, 6, 2), "valid_to": date(2026, 6, 1)}, "valid_to",
         "The policy cannot end on 1 June 2026, before it starts on 2 June 2026."),
        ({"office_id": 99999}, "office_id", "No such office; choose one, or every office."),
        ({"claims_contact": "c" * 201}, "claims_contact", "The claims contact is longer than 200 characters."),
    ],
)  # fmt: skip
def test_a_policy_refused_says_why_and_saves_nothing(
    world: CarriersWorld, changes: dict[str, Any], field: str, message: str
) -> None:
    data = cw.transit_input(**{"policy_number": "NEW-1", **changes})
    refusal = refused(lambda: services.policy_save(policy=None, data=data, by=world.cast.logistics))
    assert (refusal.field, refusal.message) == (field, message)
    refusal = refused(lambda: services.policy_save(policy=world.transit, data=data, by=world.cast.logistics))
    assert (refusal.field, refusal.message) == (field, message)


def test_an_insurers_policy_number_is_recorded_once(world: CarriersWorld) -> None:
    refusal = refused(lambda: services.policy_save(policy=None, data=cw.transit_input(insurer="hiscox specie"),
                                                   by=world.cast.logistics))  # fmt: skip
    assert (refusal.field, refusal.status, refusal.message) == (
        "policy_number", 409, "hiscox specie's policy SPC-2026-0412 is recorded already; edit that one."
    )  # fmt: skip


# --- Reads ---------------------------------------------------------------------------------------------


def test_carriers_for_a_destination(world: CarriersWorld) -> None:
    services.carrier_save(carrier=world.malca, data=replace(cw.MALCA, is_active=False), by=world.cast.logistics)

    def names(origin: str, destination: str) -> list[str]:
        return [carrier.name for carrier in queries.carriers_for(origin, destination)]

    assert names("US", "US") == ["Brink's", "FedEx jewelry programme", "Ferrari Group", "Hand-carry by staff",
                                 "USPS Registered Mail"]  # fmt: skip
    assert names("US", "GB") == ["Brink's", "FedEx jewelry programme", "Ferrari Group", "Hand-carry by staff"]
    assert names("CH", "FR") == ["Brink's", "Ferrari Group", "Hand-carry by staff"]
    assert [c.name for c in queries.carriers(active_only=True)] == names("US", "US")
    assert len(queries.carriers()) == 6


def test_a_carrier_or_policy_not_recorded(world: CarriersWorld) -> None:
    for lookup, field, message in ((queries.carrier_by_pk, "carrier", "No such carrier."),
                                   (queries.policy_by_pk, "policy", "No such insurance policy.")):  # fmt: skip
        for pk in (0, -1, 999999, 2**70):
            with pytest.raises(ShippingError) as caught:
                lookup(pk)
            assert (caught.value.field, caught.value.message, caught.value.status) == (field, message, 404)
    assert queries.carrier_by_pk(world.brinks.pk) == world.brinks


def test_the_policy_for_a_shipment_prefers_the_offices_own(world: CarriersWorld) -> None:
    on = date(2026, 6, 15)
    found = queries.policy_for(office_id=world.ge.pk, level="secure_carrier", on=on, currency="CHF")
    assert found == world.geneva
    assert queries.policy_for(office_id=world.ge.pk, level="jewelry_courier", on=on, currency="CHF") is None
    assert queries.policy_for(office_id=world.ny.pk, level="secure_carrier", on=on, currency="CHF") is None
    assert queries.policy_for(office_id=world.ge.pk, level="jewelry_courier", on=on, currency="USD") == world.transit
    assert queries.policy_for(office_id=world.ny.pk, level="hand_carry", on=date(2026, 12, 31),
                              currency="USD") == world.transit  # fmt: skip
    assert queries.policy_for(office_id=world.ny.pk, level="hand_carry", on=date(2027, 1, 1), currency="USD") is None
    ny_own = services.policy_save(policy=None, by=world.cast.logistics,
                                  data=cw.transit_input(insurer="Chubb", office_id=world.ny.pk))  # fmt: skip
    assert queries.policy_for(office_id=world.ny.pk, level="hand_carry", on=on, currency="USD") == ny_own
    services.policy_save(policy=ny_own, by=world.cast.logistics,
                         data=cw.transit_input(insurer="Chubb", office_id=world.ny.pk, is_active=False))  # fmt: skip
    assert queries.policy_for(office_id=world.ny.pk, level="hand_carry", on=on, currency="USD") == world.transit
    assert [p.policy_number for p in queries.policies(active_only=True)] == ["GE-TV-2026-77", "SPC-2026-0412"]


def test_lists_of_anything_but_words_are_refused(world: CarriersWorld) -> None:
    for countries, message in (("US", "The countries must be a list."),
                               ([5], "The countries must be a list of words."),
                               (None, "The countries must be a list.")):  # fmt: skip
        data = replace(cw.HAND, name="Loomis", countries=countries)
        refusal = refused(lambda data=data: services.carrier_save(carrier=None, data=data, by=world.cast.logistics))
        assert (refusal.field, refusal.message) == ("countries", message)
