"""The demonstration carriers and policies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from parure.core.clock import office_today
from parure.core.models import Office
from parure.shipping.carriers import demo, queries
from parure.shipping.carriers.checks import check_carrier, check_policy
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from tests.shipping.carriers_world import plan, ring


def test_the_demo_builds_the_carriers_and_policies_once(cast: Any) -> None:
    said: list[str] = []
    demo.build(said.append)
    assert said == ["  shipping carriers: 8 carriers and 3 transit policies added"]
    assert list(Carrier.objects.values_list("name", "level", "currency", "max_per_parcel")) == [
        ("Brink's Global Services", "secure_carrier", "USD", Decimal("2500000.00")),
        ("FedEx jewelry programme", "jewelry_courier", "USD", Decimal("50000.00")),
        ("Ferrari Group", "secure_carrier", "CHF", Decimal("3000000.00")),
        ("Hand-carry by staff", "hand_carry", "USD", None),
        ("Malca-Amit", "secure_carrier", "USD", Decimal("2000000.00")),
        ("Malca-Amit London", "secure_carrier", "GBP", Decimal("1500000.00")),
        ("Royal Mail Special Delivery", "registered_post", "GBP", Decimal("2500.00")),
        ("USPS Registered Mail", "registered_post", "USD", Decimal("25000.00")),
    ]
    year = office_today(Office.objects.get(code="NY")).year
    geneva = Office.objects.get(code="GE")
    assert list(InsurancePolicy.objects.values_list("policy_number", "office__code", "currency", "valid_from")) == [
        (f"GE-TV-{year}-77", "GE", "CHF", date(year, 1, 1)),
        (f"LDN-{year}-0413", "LN", "GBP", date(year, 1, 1)),
        (f"SPC-{year}-0412", None, "USD", date(year, 1, 1)),
    ]
    assert all("Contract figures entered as data" in p.notes for p in InsurancePolicy.objects.all())
    on = date(year, 6, 15)
    policy = queries.policy_for(office_id=geneva.pk, level="secure_carrier", on=on, currency="CHF")
    francs = plan(ring("GE-1", "2000000.00"), office_code="GE", origin_country="CH", destination_country="GB",
                  currency="CHF", ship_on=on)  # fmt: skip
    assert policy is not None and check_policy(francs, policy) == []
    assert [c.name for c in queries.carriers_for("CH", "GB") if not check_carrier(francs, c)] == [
        "Ferrari Group", "Hand-carry by staff"
    ]  # fmt: skip
    demo.build(said.append)
    assert said[-1] == "  shipping carriers: 0 carriers and 0 transit policies added"
    assert Carrier.objects.count() == 8
