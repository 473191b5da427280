"""Validation flags at their boundaries: a mounted weight against the library's estimate and its
range, marks against the stated fineness, the period against the date, ring sizes on their scale;
answers that hold for the values they saw; rules other areas register."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.catalogue import validation
from parure.catalogue.models import CatalogueRecord
from parure.catalogue.services import records as services
from tests.catalogue.world import record
from tests.inventory import world
from tests.inventory.conftest import client_file, ny, places  # noqa: F401 (fixtures)

D = Decimal


@pytest.fixture
def piece(cast: Any, ny: world.Places, client_file: Any) -> Any:  # noqa: F811
    return world.take_in(cast.senior, client_file, world.piece())[0]


def flags_of(made: CatalogueRecord) -> list[tuple[str, str, str]]:
    fresh = CatalogueRecord.objects.get(pk=made.pk)
    return [(flag.key, flag.field, flag.message) for flag in validation.flags(fresh)]


def round_diamond(weight: str, count: int = 1, basis: str = "estimated") -> dict[str, Any]:
    # The library estimates 6.5 × 3.9 mm at 1.01 ct, 0.90–1.11 ct (±10%, mounted).
    return {"species": "diamond", "cut": "brilliant", "shape": "round", "length_mm": D("6.50"), "depth_mm": D("3.90"),
            "count": count, "weight_ct": D(weight), "weight_basis": basis}  # fmt: skip


@pytest.mark.parametrize("weight", ["0.90", "1.01", "1.11"])
def test_a_mounted_weight_within_the_estimates_range_raises_nothing(cast: Any, piece: Any, weight: str) -> None:
    made = record(piece, by=cast.senior, stones=[round_diamond(weight)])
    assert flags_of(made) == []


@pytest.mark.parametrize(("weight", "low_or_high"), [("0.89", "below"), ("1.12", "above")])
def test_a_mounted_weight_just_outside_the_estimates_range_is_flagged(
    cast: Any, piece: Any, weight: str, low_or_high: str
) -> None:
    made = record(piece, by=cast.senior, stones=[round_diamond("1.00"), round_diamond(weight)])
    assert flags_of(made) == [
        (
            "weight-vs-estimate:stone-2",
            "stones-1-weight_ct",
            f"Stone 2 is stated at {weight} ct, outside the estimate from its measurements: 1.01 ct (0.90–1.11 ct, ±10%).",
        )
    ]


def test_a_group_is_judged_by_the_weight_of_one_stone(cast: Any, piece: Any) -> None:
    inside = record(piece, by=cast.senior, stones=[round_diamond("2.22", count=2)])
    assert flags_of(inside) == []
    inside.delete()
    outside = record(piece, by=cast.senior, stones=[round_diamond("2.24", count=2)])
    assert flags_of(outside) == [
        (
            "weight-vs-estimate:stone-1",
            "stones-0-weight_ct",
            "Stone 1 is stated at 2.24 ct for 2, 1.12 ct each, outside the estimate from its measurements: "
            "1.01 ct (0.90–1.11 ct, ±10%).",
        )
    ]


def test_a_weight_stated_by_a_report_or_weighed_loose_is_not_judged_by_the_estimate(cast: Any, piece: Any) -> None:
    made = record(
        piece, by=cast.senior, stones=[round_diamond("1.50", basis="report"), round_diamond("1.50", basis="loose")]
    )
    # Only the certificates' rule speaks: a weight stated by a report needs the report attached.
    assert [key for key, _, _ in flags_of(made)] == ["report-weight-without-report:stone-1"]


@pytest.mark.parametrize(
    ("metal", "fineness", "marks", "message"),
    [
        ("gold", 585, "750", "Metal 1: the mark ‘750’ reads 750, not the 585 stated."),
        ("gold", 750, "18K, PT950", "Metal 1: the mark ‘PT950’ reads 950, not the 750 stated."),
        ("gold", None, "lion passant", "Metal 1: the mark ‘lion passant’ is a mark for silver, not gold."),
        ("platinum", 950, "sterling", "Metal 1: the mark ‘sterling’ reads 925, not the 950 stated."),
        ("gold", 750, "dog's head", "Metal 1: the mark ‘dog's head’ is a mark for platinum, not gold."),
    ],
)
def test_a_mark_that_does_not_match_the_stated_fineness_is_flagged(
    cast: Any, piece: Any, metal: str, fineness: int | None, marks: str, message: str
) -> None:
    made = record(piece, by=cast.senior, metals=[{"metal": metal, "fineness": fineness, "marks": marks}])
    assert flags_of(made) == [("mark-vs-fineness:metal-1", "metals-0-marks", message)]


@pytest.mark.parametrize(("metal", "fineness", "marks"), [("gold", 750, "750, eagle's head"), ("gold", 585, "14K"),
                                                          ("platinum", 950, "PT950"), ("gold", 750, "a star")])  # fmt: skip
def test_marks_that_agree_or_that_the_library_cannot_read_raise_nothing(
    cast: Any, piece: Any, metal: str, fineness: int, marks: str
) -> None:
    made = record(piece, by=cast.senior, metals=[{"metal": metal, "fineness": fineness, "marks": marks}])
    assert flags_of(made) == []


def test_a_period_that_does_not_match_the_date_is_flagged(cast: Any, piece: Any) -> None:
    made = record(piece, by=cast.senior, period="art-deco", year_from=1890, year_to=1890, date_text="1890")
    assert flags_of(made) == [
        (
            "period-vs-date:record",
            "period",
            "The period Art Deco (1920–1935) does not match the date 1890, which falls in Late Victorian (Aesthetic), "
            "Arts and Crafts, Art Nouveau.",
        )
    ]


@pytest.mark.parametrize(
    ("year", "circa", "flagged"),
    [(1919, False, True), (1920, False, False), (1939, False, False), (1940, False, True), (1916, True, False),
     (1914, True, True)],
)  # fmt: skip
def test_the_period_rule_at_its_boundaries(cast: Any, piece: Any, year: int, circa: bool, flagged: bool) -> None:
    # Art Deco runs 1920–1935 and, for some sources, to 1939; circa widens a date by five years.
    made = record(piece, by=cast.senior, period="art-deco", year_from=year, year_to=year, circa=circa)
    assert [key for key, _, _ in flags_of(made)] == (["period-vs-date:record"] if flagged else [])


def test_a_date_phrase_is_read_when_no_years_are_given(cast: Any, piece: Any) -> None:
    made = record(piece, by=cast.senior, period="retro", date_text="early 1920s")
    assert flags_of(made) == [
        (
            "period-vs-date:record",
            "period",
            "The period Retro (1939–1950) does not match the date 1920–1923, which falls in Arts and Crafts, "
            "Edwardian (Belle Époque), Art Deco.",
        )
    ]


@pytest.mark.parametrize(
    ("size", "system", "message"),
    [
        ("6.3", "us", "Ring size: US size 6.3 is not on the US scale (0 to 16 in quarter sizes)."),
        ("Z+7", "uk", "Ring size: UK size Z+7 is outside the UK table (A to Z+6 in half sizes)."),
        ("40", "eu", "Ring size: EU size 40 is outside the EU table (41 to 76 mm of inner circumference)."),
    ],
)
def test_a_ring_size_off_its_systems_scale_is_flagged(
    cast: Any, piece: Any, size: str, system: str, message: str
) -> None:
    made = record(piece, by=cast.senior, ring_size=size, ring_size_system=system)
    assert flags_of(made) == [("ring-size:record", "ring_size", message)]


@pytest.mark.parametrize(("size", "system"), [("6¼", "us"), ("N½", "uk"), ("52", "eu"), ("12", "jp"), ("13.75", "ch")])
def test_ring_sizes_on_their_scales_raise_nothing(cast: Any, piece: Any, size: str, system: str) -> None:
    made = record(piece, by=cast.senior, ring_size=size, ring_size_system=system)
    assert flags_of(made) == []


def test_an_answer_holds_for_the_values_it_saw_and_a_change_raises_the_flag_again(cast: Any, piece: Any) -> None:
    made = record(piece, by=cast.senior, period="art-deco", year_from=1890, year_to=1890)
    services.flag_override(record=made, key="period-vs-date:record", reason="A later remodelling.", by=cast.senior)
    fresh = CatalogueRecord.objects.get(pk=made.pk)
    [flag] = validation.flags(fresh)
    assert flag.answer is not None and (flag.answer.by, flag.answer.reason) == (cast.senior, "A later remodelling.")
    assert validation.open_flags(fresh) == []

    CatalogueRecord.objects.filter(pk=made.pk).update(year_from=1895, year_to=1895)
    changed = CatalogueRecord.objects.get(pk=made.pk)
    assert [(flag.key, flag.is_open) for flag in validation.open_flags(changed)] == [("period-vs-date:record", True)]


def test_other_areas_add_rules_with_the_relations_they_read(cast: Any, piece: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(validation, "_RULES", list(validation._RULES))
    monkeypatch.setattr(validation, "_PREFETCH", list(validation._PREFETCH))

    def unsigned_by_a_house(made: CatalogueRecord) -> list[validation.Flag]:
        if made.signature or not made.makers.all():
            return []
        return [validation.make_flag("unsigned:record", message="Named by a house but unsigned.", field="signature",
                                     seen=[made.signature])]  # fmt: skip

    validation.register_flag_rule(unsigned_by_a_house, prefetch=["makers"])
    made = record(piece, by=cast.senior, makers=[{"name": "Cartier"}])
    assert flags_of(made) == [("unsigned:record", "signature", "Named by a house but unsigned.")]
    assert validation.flag_prefetch()[:3] == ["metals", "stones", "flag_answers__by"]
    assert validation.flag_prefetch().count("makers") == 1
