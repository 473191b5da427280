"""The compliance checks of a shipment plan: each kind of rule at its limits (dates inclusive, a rule
ended yesterday, origins in any case, the weight threshold, jurisdiction by origin and by destination,
the EU's members), the diamonds' warranty printed once, CITES without and with a permit, and the demo's
rules on real shipments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.billing.documents import WDC_STATEMENT
from parure.shipping.compliance import demo
from parure.shipping.compliance.checks import check_compliance, refusal_of
from parure.shipping.compliance.jurisdictions import EU_MEMBERS, within
from parure.shipping.compliance.queries import rules_in_force
from parure.shipping.plan import Finding, PieceFact, Statement, StoneFact
from tests.shipping import compliance_world as cw

ON = cw.SHIP_ON

RUSSIAN = cw.rule(
    code="us-russian-diamonds", title="No Russian-origin diamonds into the United States", effect="refuse",
    kind="sanctions", species=["diamond"], origins=["russia", "ru"], jurisdictions=["US"], direction="import",
    source="EO 14068",
)  # fmt: skip
CORAL = cw.rule(code="cites-coral", title="CITES document for coral", effect="permit_required", kind="cites",
                materials=["coral"], source="CITES Appendix III")  # fmt: skip


def _codes(findings: tuple[Finding, ...]) -> list[tuple[str, str]]:
    return [(finding.rule, finding.field) for finding in findings]


def test_a_refusal_names_the_piece_the_rule_its_source_and_jurisdiction() -> None:
    result = check_compliance(cw.plan(cw.diamond_ring(origin="Russia"), origin="GB", destination="US"), [RUSSIAN])
    assert result.findings == (
        Finding(
            rule="compliance.us-russian-diamonds",
            message="NY-1001 (diamond) cannot be shipped: No Russian-origin diamonds into the United States "
            "(EO 14068; pieces entering the United States).",
            field="pieces",
            alternative="Take NY-1001 out of the shipment.",
            blocking=True,
            source="EO 14068; pieces entering the United States",
        ),
    )


def test_an_import_rule_governs_the_destination_and_an_export_rule_the_origin() -> None:
    ring = cw.diamond_ring(origin="russia")
    assert check_compliance(cw.plan(ring, origin="US", destination="GB"), [RUSSIAN]).findings == ()
    leaving = cw.rule(code="us-export", title="Out of the US", effect="refuse", species=["diamond"],
                      jurisdictions=["US"], direction="export")  # fmt: skip
    assert _codes(check_compliance(cw.plan(ring, origin="US", destination="GB"), [leaving]).findings) == [
        ("compliance.us-export", "pieces")
    ]
    assert check_compliance(cw.plan(ring, origin="GB", destination="US"), [leaving]).findings == ()
    both = cw.rule(code="us-both", title="Either way", effect="refuse", species=["diamond"], jurisdictions=["US"])
    assert len(check_compliance(cw.plan(ring, origin="GB", destination="US"), [both]).findings) == 1
    assert len(check_compliance(cw.plan(ring, origin="US", destination="GB"), [both]).findings) == 1
    assert check_compliance(cw.plan(ring, origin="US", destination="US"), [both]).findings == ()


def test_the_eu_is_its_27_members_and_a_shipment_inside_it_crosses_no_eu_border() -> None:
    assert len(EU_MEMBERS) == 27
    assert {"FR", "DE", "IE", "GR", "HR", "CY"} <= EU_MEMBERS
    assert not {"GB", "CH", "NO", "US"} & EU_MEMBERS
    assert within("fr", "EU") and not within("GB", "EU") and within("US", "us")
    eu = cw.rule(code="eu-russian-diamonds", title="No Russian diamonds into the EU", effect="refuse",
                 species=["diamond"], origins=["russia"], jurisdictions=["EU"], direction="import",
                 source="Council Regulation (EU) 2023/2878")  # fmt: skip
    ring = cw.diamond_ring(origin="Russia")
    into_france = check_compliance(cw.plan(ring, origin="US", destination="FR"), [eu])
    assert [finding.source for finding in into_france.findings] == [
        "Council Regulation (EU) 2023/2878; pieces entering the European Union"
    ]
    assert check_compliance(cw.plan(ring, origin="US", destination="CH"), [eu]).findings == ()
    assert check_compliance(cw.plan(ring, origin="FR", destination="DE"), [eu]).findings == ()
    assert len(check_compliance(cw.plan(ring, origin="GB", destination="IE"), [eu]).findings) == 1


@pytest.mark.parametrize(
    ("start", "end", "applies"),
    [
        (ON, None, True),  # in force from the shipping day itself
        (ON + timedelta(days=1), None, False),  # not yet
        (date(2020, 1, 1), ON, True),  # its last day
        (date(2020, 1, 1), ON - timedelta(days=1), False),  # ended yesterday
    ],
)
def test_the_rules_dates_are_inclusive(start: date, end: date | None, applies: bool) -> None:
    dated = cw.rule(code="dated", title="Dated", effect="refuse", materials=["coral"], effective_from=start,
                    effective_to=end)  # fmt: skip
    assert len(check_compliance(cw.plan(cw.coral_brooch()), [dated]).findings) == (1 if applies else 0)


def test_a_rule_not_in_use_does_not_apply() -> None:
    idle = cw.rule(code="idle", title="Idle", effect="refuse", materials=["coral"], is_active=False)
    assert check_compliance(cw.plan(cw.coral_brooch()), [idle]).findings == ()


@pytest.mark.parametrize(
    ("stone_origin", "country", "applies"),
    [("BURMA", "", True), ("Myanmar", "", True), ("", "MM", True), (" burma ", "", True), ("Sri Lanka", "LK", False),
     ("", "", False)],
)  # fmt: skip
def test_origin_words_and_codes_match_in_any_case(stone_origin: str, country: str, applies: bool) -> None:
    burmese = cw.rule(code="house-burmese-ruby", title="House policy: no Burmese rubies", effect="refuse",
                      varieties=["ruby"], origins=["burma", "myanmar", "mm"], international_only=False)  # fmt: skip
    ring = PieceFact(stock_number="NY-3003", category="ring", description="Ring, gold, set with a ruby",
                     metals=("gold",), stones=(StoneFact("corundum", "ruby", origin=stone_origin),),
                     country_of_origin=country)  # fmt: skip
    result = check_compliance(cw.plan(ring, origin="US", destination="US"), [burmese])
    assert [finding.message for finding in result.findings] == (
        ["NY-3003 (ruby) cannot be shipped: House policy: no Burmese rubies (A source)."] if applies else []
    )


@pytest.mark.parametrize(("weight", "applies"), [("0.500", True), ("0.499", False), ("3.00", True), (None, True)])
def test_the_weight_threshold_applies_at_the_weight_and_above(weight: str | None, applies: bool) -> None:
    heavy = cw.rule(code="heavy", title="Diamonds of half a carat or more", effect="refuse", species=["diamond"],
                    min_weight_ct=Decimal("0.500"))  # fmt: skip
    result = check_compliance(cw.plan(cw.diamond_ring(weight=weight)), [heavy])
    assert len(result.findings) == (1 if applies else 0)


def test_cites_without_a_permit_blocks_on_the_pieces_permit_field() -> None:
    result = check_compliance(cw.plan(cw.coral_brooch(), cw.diamond_ring()), [CORAL])
    assert result.permits_required == {"NY-2002": "coral: CITES document for coral"}
    assert result.findings == (
        Finding(
            rule="compliance.cites-coral",
            message="NY-2002 (coral) needs a permit: CITES document for coral (CITES Appendix III). "
            "Enter the permit number for NY-2002.",
            field="permit:NY-2002",
            alternative="Enter the permit number, or take NY-2002 out of the shipment.",
            source="CITES Appendix III",
        ),
    )
    assert result.statements == ()


def test_cites_with_a_permit_prints_the_permit_number() -> None:
    result = check_compliance(cw.plan(cw.coral_brooch(permit=" 26US123456/9 ")), [CORAL])
    assert result.findings == ()
    assert result.permits_required == {"NY-2002": "coral: CITES document for coral"}
    assert result.statements == (
        Statement(
            code="cites-coral:NY-2002",
            text="NY-2002 (coral) travels under permit 26US123456/9 (CITES document for coral).",
            source="CITES Appendix III",
            stock_numbers=("NY-2002",),
        ),
    )


def test_a_rule_of_every_border_crossing_leaves_a_domestic_shipment_alone() -> None:
    assert check_compliance(cw.plan(cw.coral_brooch(), origin="US", destination="US"), [CORAL]).findings == ()


def test_a_rule_with_no_words_concerns_every_piece() -> None:
    embargo = cw.rule(code="embargo", title="No shipments to the embargoed country", effect="refuse",
                      jurisdictions=["KP"], direction="import")  # fmt: skip
    result = check_compliance(cw.plan(cw.coral_brooch(), cw.diamond_ring(), destination="KP"), [embargo])
    assert [finding.message for finding in result.findings] == [
        "NY-2002 cannot be shipped: No shipments to the embargoed country (A source; pieces entering KP).",
        "NY-1001 cannot be shipped: No shipments to the embargoed country (A source; pieces entering KP).",
    ]


def test_every_piece_has_its_hs_proposal() -> None:
    result = check_compliance(cw.plan(cw.coral_brooch(), cw.diamond_ring()), [])
    assert {stock: proposal.code for stock, proposal in result.hs.items()} == {
        "NY-2002": "7113.19", "NY-1001": "7113.19"
    }  # fmt: skip


# --- The demo's rules, read in one query ---------------------------------------------------------------


def test_the_warranty_statement_prints_once_with_the_diamond_pieces_stock_numbers(cast: Any) -> None:
    demo.build(lambda line: None)
    pearls = PieceFact(stock_number="NY-4004", category="necklace", description="Necklace, pearls, gold clasp",
                       metals=("gold",), stones=(StoneFact("pearl"),))  # fmt: skip
    plan = cw.plan(cw.diamond_ring("NY-1001"), pearls, cw.diamond_ring("NY-1005"), destination="GB")
    with CaptureQueriesContext(connection) as captured:
        result = check_compliance(plan)
    assert len(captured) == 1
    assert result.findings == ()
    assert result.statements == (
        Statement(
            code="wdc-system-of-warranties",
            text=WDC_STATEMENT,
            source="World Diamond Council, System of Warranties (SoW) Guidelines, as revised; the statement the "
            "house's invoices print for diamonds",
            stock_numbers=("NY-1001", "NY-1005"),
        ),
    )
    assert demo.WDC_STATEMENT is WDC_STATEMENT


def test_the_demo_rules_on_a_shipment_into_the_united_states(cast: Any) -> None:
    demo.build(lambda line: None)
    russian = cw.diamond_ring("LN-1", origin="Russia")
    coral = cw.coral_brooch("LN-2", permit="GB-26-0042")
    ivory = PieceFact(stock_number="LN-3", category="brooch", description="Brooch, carved ivory, gold mount",
                      metals=("gold",), materials=("ivory",), year_made=1890)  # fmt: skip
    result = check_compliance(cw.plan(russian, coral, ivory, origin="GB", destination="US"))
    assert _codes(result.findings) == [
        ("compliance.cites-ivory", "permit:LN-3"),
        ("compliance.us-russian-diamonds", "pieces"),
    ]
    assert [(s.code, s.stock_numbers) for s in result.statements] == [
        ("cites-coral:LN-2", ("LN-2",)),
        ("usfws-form-3-177", ("LN-2", "LN-3")),
        ("wdc-system-of-warranties", ("LN-1",)),
    ]
    assert result.hs["LN-3"].code == "9706.90"


def test_rules_in_force_reads_the_active_rules_of_the_day(cast: Any) -> None:
    demo.build(lambda line: None)
    assert "eu-russian-diamonds" not in [rule.code for rule in rules_in_force(date(2023, 12, 31))]
    assert "eu-russian-diamonds" in [rule.code for rule in rules_in_force(date(2024, 1, 1))]
    assert len(rules_in_force(ON)) == 9


def test_the_refusal_a_service_raises_puts_a_refusing_rule_before_a_missing_permit() -> None:
    plan = cw.plan(cw.coral_brooch(), cw.diamond_ring(origin="Russia"), origin="GB", destination="US")
    refusal = refusal_of(check_compliance(plan, [CORAL, RUSSIAN]))
    assert refusal is not None
    assert (refusal.code.value, refusal.status, refusal.field) == ("compliance_blocked", 409, "pieces")
    assert refusal.message.startswith("NY-1001 (diamond) cannot be shipped")
    permit = refusal_of(check_compliance(cw.plan(cw.coral_brooch()), [CORAL]))
    assert permit is not None
    assert (permit.code.value, permit.status, permit.field) == ("permit_required", 422, "permit:NY-2002")
    assert refusal_of(check_compliance(cw.plan(cw.coral_brooch(permit="P-1")), [CORAL])) is None
