"""The results of a clerked sale as the results page, the API and the export read them: exact figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.auctions import results_queries
from parure.auctions.visibility import AuctionViewer
from tests.auctions import results_day

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with results_day.once(django_db_blocker) as cast:
        yield results_day.clerked(cast)


@pytest.fixture
def day(shared: Any, db: Any) -> Any:
    return shared


def test_percentages_are_to_one_decimal_half_up() -> None:
    assert results_queries.percent(1, 16) == Decimal("6.3")  # 6.25: half-up, not to even
    assert results_queries.percent(3, 4) == Decimal("75.0")
    assert results_queries.percent(Decimal("23500"), Decimal("29000")) == Decimal("81.0")
    assert results_queries.percent(0, 0) is None


def test_each_lot_and_the_totals(day: Any) -> None:
    cast = day.cast
    results = results_queries.sale_results(day.sale, AuctionViewer(cast.senior))
    rows = [
        (line.lot.label, line.outcome, line.hammer, line.premium, line.total, line.paddle, line.bought_in_at,
         line.against_estimate, line.reserve)
        for line in results.lines
    ]  # fmt: skip
    assert rows == [
        ("1", "sold", Decimal("9000.00"), Decimal("2430.00"), Decimal("11430.00"), day.julian.paddle, None, "within", Decimal("6000.00")),
        ("2", "bought_in", None, None, None, "", Decimal("4500.00"), "", Decimal("6000.00")),
        ("3", "sold", Decimal("7500.00"), Decimal("2025.00"), Decimal("9525.00"), day.ada.paddle, None, "above", Decimal("4000.00")),
        ("4", "withdrawn", None, None, None, "", None, "", Decimal("6000.00")),
        ("5", "sold", Decimal("7000.00"), Decimal("1890.00"), Decimal("8890.00"), day.ada.paddle, None, "below", Decimal("5000.00")),
    ]  # fmt: skip
    assert results.lines[3].withdrawn_reason == results_day.WITHDRAWN_REASON
    assert [line.buyer for line in results.lines] == [
        "Mr Julian Ashcombe",
        "",
        "Mrs Ada Lindqvist",
        "",
        "Mrs Ada Lindqvist",
    ]
    totals = results.totals
    assert (totals.hammer, totals.premium, totals.total) == (
        Decimal("23500.00"),
        Decimal("6345.00"),
        Decimal("29845.00"),
    )
    assert (totals.sold, totals.bought_in, totals.withdrawn, totals.offered) == (3, 1, 1, 4)
    assert (totals.low_offered, totals.high_offered) == (Decimal("29000.00"), Decimal("43000.00"))
    assert (totals.low_sold, totals.high_sold) == (Decimal("21000.00"), Decimal("31000.00"))
    assert (totals.by_lot, totals.by_value) == (Decimal("75.0"), Decimal("81.0"))


@pytest.mark.parametrize("who", results_day.PEOPLE)
def test_the_reserve_only_for_viewers_who_may_see_it(day: Any, who: str) -> None:
    results = results_queries.sale_results(day.sale, AuctionViewer(results_day.person(day.cast, who)))
    sees = who in results_day.SEES_RESERVES
    reserves = [Decimal("6000.00"), Decimal("6000.00"), Decimal("4000.00"), Decimal("6000.00"), Decimal("5000.00")]
    assert [line.reserve for line in results.lines] == (reserves if sees else [None] * 5)
    header, _rows = results_queries.export_table(results)
    assert ("Reserve" in header) == sees


def test_a_correction_is_listed_with_who_and_why(day: Any) -> None:
    from parure.auctions.services import clerking

    cast = day.cast
    necklace = day.lots[2]
    clerking.result_correct(
        lot=necklace, by=cast.senior, reason="The hammer was 7,000; the auctioneer misspoke.", outcome="sold",
        hammer="7000", paddle=day.ada.paddle,
    )  # fmt: skip
    line = results_queries.sale_results(day.sale, AuctionViewer(cast.finance)).lines[2]
    assert (line.hammer, line.premium, line.against_estimate) == (Decimal("7000.00"), Decimal("1890.00"), "within")
    assert [(c.outcome, c.hammer, c.paddle, c.corrected_by, c.reason) for c in line.corrections] == [
        ("sold", Decimal("7500.00"), day.ada.paddle, "Eleanor Whitcombe", "The hammer was 7,000; the auctioneer misspoke."),
    ]  # fmt: skip
