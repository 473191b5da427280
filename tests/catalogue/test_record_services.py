"""The catalogue record's services: opening it from the intake sheet, saving the desk screen whole,
the stale-version refusal, grades on their scales, the inline estimate, and overriding a flag."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import formats, timezone

from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import CatalogueRecord, FlagAnswer
from parure.catalogue.services import records as services
from parure.catalogue.services.records import MetalInput, ProvenanceInput, StoneInput
from parure.inventory.services import StoneDraft
from tests.guards import unchanged
from tests.inventory import world
from tests.inventory.conftest import client_file, ny, places  # noqa: F401 (fixtures)

D = Decimal


def intake_sheet(**overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "title": "Art Deco sapphire and diamond ring",
        "description": "Cushion-cut sapphire between two pear-shaped diamonds, pierced gallery.",
        "stone_measurements": "10.20 × 8.15 × 5.02",
        "date_or_circa": "circa 1925",
        "maker": "Cartier",
        "signature": "Cartier Paris",
        "serial_number": "01234",
        "stones": (StoneDraft("sapphire", "cushion", 1, D("4.12")), StoneDraft("diamond", "pear", 2, D("0.80"))),
    }
    fields.update(overrides)
    return world.piece(**fields)


@pytest.fixture
def ring(cast: Any, ny: world.Places, client_file: Any) -> Any:  # noqa: F811
    return world.take_in(cast.senior, client_file, intake_sheet())[0]


def saved_inputs(record: CatalogueRecord) -> dict[str, Any]:
    return services.inputs_of(CatalogueRecord.objects.get(pk=record.pk))


def test_a_record_opens_prefilled_from_the_intake_sheet(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.assistant)

    stored = CatalogueRecord.objects.get(item=ring)
    assert stored.pk == record.pk and stored.version == 1
    assert (stored.object_type, stored.is_pair, stored.suite_of) == ("ring", False, None)
    assert stored.design_notes == "Cushion-cut sapphire between two pear-shaped diamonds, pierced gallery."
    assert (stored.date_text, stored.year_from, stored.year_to, stored.circa, stored.period) == (
        "circa 1925",
        1925,
        1925,
        True,
        "art-deco",
    )
    assert (stored.gross_weight_g, stored.signature, stored.serial_number) == (D("6.40"), "Cartier Paris", "01234")
    assert (stored.created_by, stored.updated_by) == (cast.assistant, cast.assistant)
    assert [(m.position, m.metal, m.colour, m.fineness) for m in stored.metals.all()] == [(1, "platinum", "", 950)]
    assert [
        (s.position, s.role, s.species, s.variety, s.cut, s.shape, s.count, s.weight_ct, s.weight_basis)
        for s in stored.stones.all()
    ] == [
        (1, "principal", "corundum", "sapphire", "cushion", "cushion", 1, D("4.12"), "estimated"),
        (2, "secondary", "diamond", "", "pear", "pear", 2, D("0.80"), "estimated"),
    ]
    sapphire = stored.stones.get(position=1)
    assert (sapphire.length_mm, sapphire.width_mm, sapphire.depth_mm) == (D("10.20"), D("8.15"), D("5.02"))
    assert [(m.name, m.attribution) for m in stored.makers.all()] == [("Cartier", "by")]


def test_the_intake_metal_is_read_into_metal_colour_and_fineness(cast: Any, ny: world.Places, client_file: Any) -> None:  # noqa: F811
    pieces = world.take_in(
        cast.senior,
        client_file,
        intake_sheet(metal="18k white gold", fineness="", date_or_circa="", stone_measurements=""),
        intake_sheet(title="Belle Époque diamond bow brooch", category="brooch", metal="platinum-topped 18k gold",
                     fineness="", date_or_circa="", maker="", stones=()),
        intake_sheet(title="Pair of emerald and diamond ear pendants", category="earrings", metal="platinum",
                     fineness="950", stones=()),
    )  # fmt: skip
    rings, bow, pair = (services.record_open(item=piece, by=cast.senior) for piece in pieces)

    assert [(m.metal, m.colour, m.fineness) for m in rings.metals.all()] == [("gold", "white", 750)]
    assert [(m.metal, m.colour, m.fineness) for m in bow.metals.all()] == [("platinum", "", None), ("gold", "", 750)]
    assert (rings.period, bow.period, bow.date_text, bow.makers.count()) == ("art-deco", "edwardian", "", 0)
    assert (pair.object_type, pair.is_pair) == ("pair of earrings", True)


def test_a_second_record_of_a_piece_is_refused(cast: Any, ring: Any) -> None:
    services.record_open(item=ring, by=cast.assistant)
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.record_open(item=ring, by=cast.senior)
    assert refused.value.code is CatalogueErrorCode.RECORD_EXISTS
    assert refused.value.message == f"{ring.stock_number} already has a catalogue record; open it instead."


def test_a_role_that_may_not_catalogue_cannot_open_a_record(cast: Any, ring: Any) -> None:
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.record_open(item=ring, by=cast.logistics)
    assert (refused.value.code, refused.value.message) == (
        CatalogueErrorCode.NOT_ALLOWED,
        "Your role may not write catalogue records.",
    )


def test_saving_the_desk_screen_replaces_the_rows_and_raises_the_version(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.assistant)
    inputs = saved_inputs(record)
    saved = services.record_save(
        record=record,
        expected_version=1,
        fields={**inputs["fields"], "form": "bombé", "ring_size": "6", "ring_size_system": "us"},
        metals=[MetalInput(metal="platinum", fineness=950, marks="PT950, sponsor CP")],
        stones=[inputs["stones"][0]],
        makers=inputs["makers"],
        provenance=[ProvenanceInput(owner="Mrs Harrison Williams", date_text="by 1930", source="Cartier archives")],
        by=cast.senior,
    )

    stored = CatalogueRecord.objects.get(pk=record.pk)
    assert (saved.version, stored.version, stored.updated_by, stored.created_by) == (2, 2, cast.senior, cast.assistant)
    assert (stored.form, stored.ring_size, stored.ring_size_system) == ("bombé", "6", "us")
    assert stored.stones.count() == 1
    metal = stored.metals.get()
    assert metal.mark_reading == {
        "marks": [
            {"text": "PT950", "kind": "fineness", "meaning": "platinum 950", "metals": ["platinum"], "fineness": 950,
             "country": "", "assay_office": ""},
            {"text": "sponsor CP", "kind": "sponsor's mark", "meaning": "sponsor's mark CP: the maker or the firm that sent it",
             "metals": [], "fineness": None, "country": "", "assay_office": ""},
        ],
        "unread": [],
    }  # fmt: skip
    assert [(p.position, p.owner, p.date_text) for p in stored.provenance.all()] == [
        (1, "Mrs Harrison Williams", "by 1930")
    ]


def test_a_mark_the_library_does_not_know_is_kept_with_its_sentence(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.assistant)
    inputs = saved_inputs(record)
    services.record_save(
        record=record,
        expected_version=1,
        fields=inputs["fields"],
        metals=[MetalInput(metal="platinum", fineness=950, marks="a star")],
        by=cast.assistant,
    )
    reading = CatalogueRecord.objects.get(pk=record.pk).metals.get().mark_reading
    assert reading["marks"] == []
    assert [mark["text"] for mark in reading["unread"]] == ["a star"]
    assert reading["unread"][0]["message"].startswith("‘a star’ is not a mark this decoder knows.")


def test_a_stale_version_is_refused_naming_who_saved_when(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.assistant)
    inputs = saved_inputs(record)
    services.record_save(
        record=record, expected_version=1, fields={**inputs["fields"], "form": "cluster"}, by=cast.senior
    )
    stored = CatalogueRecord.objects.get(pk=record.pk)
    local = timezone.localtime(stored.updated_at)
    when = f"{formats.time_format(local, 'H:i')} on {formats.date_format(local, 'j F Y')}"

    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.record_save(record=record, expected_version=1, fields={"form": "bombé"}, by=cast.assistant)

    assert refused.value.code is CatalogueErrorCode.STALE and refused.value.status == 409
    assert refused.value.field == "expected_version"
    assert refused.value.message == (
        f"Eleanor Whitcombe saved this record (version 2) at {when}, after you opened version 1; "
        "reload it to see their changes, then make yours again."
    )


@pytest.mark.parametrize(
    ("stone", "field", "message"),
    [
        (
            StoneInput(species="diamond", clarity="VS3"),
            "stones-1-clarity",
            "Stone 2: ‘VS3’ is not a clarity grade; valid grades are FL, IF, VVS1, VVS2, VS1, VS2, SI1, SI2, I1, I2, I3.",
        ),
        (
            StoneInput(species="diamond", colour="Q+"),
            "stones-1-colour",
            "Stone 2: ‘Q+’ is not a colour grade; valid grades are the letters D to Z (D is the best); deeper colour "
            "is graded as a fancy colour.",
        ),
        (
            StoneInput(species="diamond", fluorescence="glowing"),
            "stones-1-fluorescence",
            "Stone 2: ‘glowing’ is not a fluorescence grade; valid intensities are None, Faint, Medium, Strong, "
            "Very Strong, optionally followed by a colour (blue, yellow, white, green, orange, red).",
        ),
    ],
)
def test_a_grade_off_its_scale_is_refused_naming_the_field(
    cast: Any, ring: Any, stone: StoneInput, field: str, message: str
) -> None:
    record = services.record_open(item=ring, by=cast.assistant)
    inputs = saved_inputs(record)
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.record_save(
            record=record,
            expected_version=1,
            fields={**inputs["fields"], "form": "changed"},
            stones=[inputs["stones"][0], stone],
            by=cast.assistant,
        )
    assert (refused.value.code, refused.value.field, refused.value.message) == (
        CatalogueErrorCode.INVALID_GRADE,
        field,
        message,
    )


def test_grades_and_ranges_on_their_scales_and_a_coloured_stones_description_are_accepted(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.assistant)
    inputs = saved_inputs(record)
    services.record_save(
        record=record,
        expected_version=1,
        fields=inputs["fields"],
        stones=[
            StoneInput(species="corundum", variety="sapphire", colour="cornflower blue"),
            StoneInput(species="diamond", colour="F-G", clarity="VS1-VS2", cut_grade="Very Good", fluorescence="Faint"),
            StoneInput(species="diamond", colour="Fancy Intense Yellow", clarity="VVS1"),
        ],
        by=cast.assistant,
    )
    assert [s.colour for s in CatalogueRecord.objects.get(pk=record.pk).stones.all()] == [
        "cornflower blue",
        "F-G",
        "Fancy Intense Yellow",
    ]


def test_unknown_metals_and_standards_are_refused_naming_the_row(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.assistant)
    fields = saved_inputs(record)["fields"]
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.record_save(
            record=record, expected_version=1, fields=fields, metals=[MetalInput(metal="brass")], by=cast.assistant
        )
    assert (refused.value.field, refused.value.message) == (
        "metals-0-metal",
        "‘brass’ is not a precious metal; metals are gold, silver, platinum, palladium.",
    )
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.record_save(
            record=record,
            expected_version=1,
            fields=fields,
            metals=[MetalInput(metal="gold", fineness=800)],
            by=cast.assistant,
        )
    assert (refused.value.field, refused.value.message) == (
        "metals-0-fineness",
        "800 is not a standard of gold; its standards are 375, 417, 585, 750, 916, 990, 999.",
    )


def test_a_date_that_runs_backwards_and_an_unknown_period_are_refused(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.assistant)
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.record_save(
            record=record, expected_version=1, fields={"year_from": 1930, "year_to": 1920}, by=cast.assistant
        )
    assert (refused.value.field, refused.value.message) == ("year_to", "The date runs backwards: 1930 is after 1920.")
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.record_save(record=record, expected_version=1, fields={"period": "jazz age"}, by=cast.assistant)
    assert refused.value.field == "period"
    assert refused.value.message.startswith("‘jazz age’ is not a period; periods are georgian, early-victorian")


def test_the_inline_estimate_comes_from_the_library_with_its_formula_and_range() -> None:
    estimate = services.stone_estimate(
        stone_fields={"species": "diamond", "shape": "round", "length_mm": D("6.5"), "depth_mm": D("3.9")}
    )
    assert {key: estimate[key] for key in ("shape", "material", "carats", "low", "high", "precision_percent")} == {
        "shape": "round brilliant",
        "material": "diamond",
        "carats": "1.01",
        "low": "0.90",
        "high": "1.11",
        "precision_percent": "10",
    }
    assert estimate["formula"] == "average diameter² × depth × factor"
    assert estimate["calculation"] == "6.5² × 3.9 × 0.0061 = 1.0051 ct → 1.01 ct (rounded half-up to 0.01 ct)"


def test_an_estimate_the_library_refuses_names_the_measurement() -> None:
    with pytest.raises(CatalogueError) as refused:
        services.stone_estimate(
            stone_fields={"species": "diamond", "shape": "round", "length_mm": D("6.5"), "depth_mm": D("7.0")},
            field_prefix="stones-0-",
        )
    assert (refused.value.field, refused.value.message) == (
        "stones-0-depth_mm",
        "A round brilliant cannot be deeper (7.0 mm) than its diameter (6.5 mm); check the depth.",
    )
    with pytest.raises(CatalogueError) as refused:
        services.stone_estimate(
            stone_fields={"species": "diamond", "shape": "round", "length_mm": D("6.5")}, field_prefix="stones-0-"
        )
    assert (refused.value.field, refused.value.message) == (
        "stones-0-depth_mm",
        "Give the stone's depth in millimetres to estimate its weight.",
    )


def test_a_kept_estimate_is_stored_on_the_stone_with_its_range_and_fills_the_weight(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.assistant)
    inputs = saved_inputs(record)
    services.record_save(
        record=record,
        expected_version=1,
        fields=inputs["fields"],
        stones=[StoneInput(species="diamond", cut="brilliant", shape="round", length_mm=D("6.50"), depth_mm=D("3.90"),
                           keep_estimate=True)],
        by=cast.assistant,
    )  # fmt: skip
    stone = CatalogueRecord.objects.get(pk=record.pk).stones.get()
    assert (stone.weight_ct, stone.weight_basis) == (D("1.01"), "estimated")
    assert (stone.estimate["carats"], stone.estimate["low"], stone.estimate["high"]) == ("1.01", "0.90", "1.11")
    assert stone.estimate["calculation"] == "6.50² × 3.90 × 0.0061 = 1.0051 ct → 1.01 ct (rounded half-up to 0.01 ct)"


def test_a_confidential_owner_the_editor_may_not_read_is_kept_as_stored(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.senior)
    fields = saved_inputs(record)["fields"]
    services.record_save(
        record=record,
        expected_version=1,
        fields=fields,
        provenance=[ProvenanceInput(owner="Mrs Catherine Vandermeer", confidential=True,
                                    public_wording="A private collection, New York")],
        by=cast.senior,
    )  # fmt: skip
    entry = CatalogueRecord.objects.get(pk=record.pk).provenance.get()
    # The assistant's screen sends the row back without its owner, and tries to make it public.
    services.record_save(
        record=record,
        expected_version=2,
        fields=fields,
        provenance=[
            ProvenanceInput(
                owner=None, entry_id=entry.pk, confidential=False, public_wording="A private collection, New York"
            )
        ],
        by=cast.assistant,
    )
    kept = CatalogueRecord.objects.get(pk=record.pk).provenance.get()
    assert (kept.owner, kept.confidential, kept.public_wording) == (
        "Mrs Catherine Vandermeer",
        True,
        "A private collection, New York",
    )


def test_only_a_senior_overrides_a_flag_and_only_with_a_reason(cast: Any, ring: Any) -> None:
    record = services.record_open(item=ring, by=cast.assistant)
    fields = saved_inputs(record)["fields"]
    services.record_save(
        record=record,
        expected_version=1,
        fields={**fields, "year_from": 1890, "year_to": 1890, "circa": False},
        by=cast.assistant,
    )
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.flag_override(record=record, key="period-vs-date:record", reason="It is right.", by=cast.assistant)
    assert (refused.value.code, refused.value.message) == (
        CatalogueErrorCode.NOT_ALLOWED,
        "Only a senior specialist may override a validation flag.",
    )
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.flag_override(record=record, key="period-vs-date:record", reason="  ", by=cast.senior)
    assert (refused.value.code, refused.value.field) == (CatalogueErrorCode.REASON_REQUIRED, "reason")
    with unchanged(), pytest.raises(CatalogueError) as refused:
        services.flag_override(record=record, key="ring-size:record", reason="Measured twice.", by=cast.senior)
    assert (refused.value.code, refused.value.message) == (
        CatalogueErrorCode.FLAG_NOT_RAISED,
        "No open flag ‘ring-size:record’ is raised on this record now; reload it to see its flags.",
    )

    answer = services.flag_override(
        record=record, key="period-vs-date:record", reason="The mount is a later Art Deco remodelling.", by=cast.senior
    )
    assert (answer.key, answer.by, answer.reason, answer.status) == (
        "period-vs-date:record",
        cast.senior,
        "The mount is a later Art Deco remodelling.",
        "overridden",
    )
    assert FlagAnswer.objects.filter(record=record).count() == 1
