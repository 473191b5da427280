"""The demonstration export rules: built once with their sources, left alone when built again, and
registered to run after the carriers' demo."""

from __future__ import annotations

from typing import Any

from parure.billing.documents import WDC_STATEMENT
from parure.core import registry
from parure.shipping.compliance import demo
from parure.shipping.compliance.models import ComplianceRule, ComplianceRuleChange


def test_the_demo_records_the_rules_with_their_sources_once(cast: Any) -> None:
    said: list[str] = []
    demo.build(said.append)
    assert said == ["  compliance: 9 export rules recorded, 0 already there"]
    assert list(ComplianceRule.objects.order_by("code").values_list("code", "kind", "effect")) == [
        ("cites-coral", "cites", "permit_required"),
        ("cites-ivory", "cites", "permit_required"),
        ("cites-rhinoceros-horn", "cites", "permit_required"),
        ("cites-tortoiseshell", "cites", "permit_required"),
        ("eu-russian-diamonds", "sanctions", "refuse"),
        ("house-burmese-ruby-jadeite", "sanctions", "refuse"),
        ("us-russian-diamonds", "sanctions", "refuse"),
        ("usfws-form-3-177", "wildlife_declaration", "declaration"),
        ("wdc-system-of-warranties", "diamond_warranty", "statement"),
    ]
    assert ComplianceRule.objects.get(code="wdc-system-of-warranties").text == WDC_STATEMENT
    house = ComplianceRule.objects.get(code="house-burmese-ruby-jadeite")
    assert house.text.startswith("This is the house's policy, not the law of every country the house ships to")
    assert all(rule.source and rule.source_url.startswith("https://") for rule in ComplianceRule.objects.all())
    assert set(ComplianceRuleChange.objects.values_list("reason", "by__username")) == {
        ("Recorded from its published source.", cast.logistics.username)
    }
    demo.build(said.append)
    assert said[-1] == "  compliance: 0 export rules recorded, 9 already there"
    assert ComplianceRule.objects.count() == 9


def test_the_demo_is_registered_after_the_carriers() -> None:
    builder = registry.demo_builders["shipping.compliance"]
    assert (builder.order, builder.build) == (76, demo.build)
