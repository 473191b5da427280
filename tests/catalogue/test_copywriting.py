"""The copy generator on many shapes of record, against the exact words it must print
(docs/house-style.md), and the figures check that flags copy stating what the record does not hold."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from parure.catalogue.copywriting.diff import Operation, as_html, word_diff
from parure.catalogue.copywriting.facts import (
    MakerFacts,
    MetalFacts,
    ProvenanceFacts,
    RecordFacts,
    ReportFacts,
    StoneFacts,
)
from parure.catalogue.copywriting.figures import unheld_figures
from parure.catalogue.copywriting.generator import CopyText, cut_descriptor, generate, plural
from parure.catalogue.copywriting.snapshot import reports_of, snapshot
from tests.catalogue import world as catalogue_world
from tests.inventory import world

D = Decimal


def stone(position: int = 1, role: str = "principal", species: str = "diamond", **fields: Any) -> StoneFacts:
    return StoneFacts(position=position, role=role, species=species, **fields)


def facts(**fields: Any) -> RecordFacts:
    fields.setdefault("object_type", "ring")
    return RecordFacts(**fields)


PLATINUM = MetalFacts("platinum", fineness=950)
GOLD_18 = MetalFacts("gold", colour="yellow", fineness=750)

CARTIER = facts(
    date_text="circa 1925",
    ring_size="6",
    ring_size_system="us",
    gross_weight_g=D("6.40"),
    signature="Cartier Paris",
    serial_number="1234",
    fitted_case="Fitted case by Cartier",
    design_notes="Of bombé design, set to the centre with a cushion-shaped sapphire",
    metals=(MetalFacts("platinum", fineness=950, marks="dog's head"),),
    stones=(
        stone(1, species="corundum", variety="sapphire", cut="cushion", shape="cushion", weight_ct=D("4.12"),
              weight_basis="report", origin="Kashmir", treatment="no indications of heating"),
        stone(2, role="secondary", cut="brilliant", shape="pear", count=2, weight_ct=D("0.80"),
              weight_basis="estimated", colour="F-G", clarity="VS1-VS2", as_gauged=True),
    ),
    makers=(MakerFacts("Cartier"),),
    provenance=(
        ProvenanceFacts("Mrs Harrison Williams", "by 1930"),
        ProvenanceFacts("Christie's Geneva, 17 May 1987, lot 412", "17 May 1987"),
        ProvenanceFacts("A private collection, New York"),
    ),
)  # fmt: skip
SSEF = ReportFacts(
    lab_name="Swiss Gemmological Institute", lab_code="SSEF", number="118233", date=date(2024, 3, 12),
    stone_position=1, species="corundum", variety="sapphire", weight_ct=D("4.12"), origin="Kashmir",
    treatment="no indications of heating",
)  # fmt: skip


# --- Headings ---------------------------------------------------------------------------------------


def test_the_reference_ring_one_principal_stone_with_secondaries_by_cartier_circa_1925() -> None:
    copy = generate(CARTIER)
    assert copy.heading == "A SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925"
    assert copy.description == (
        "Of bombé design, set to the centre with a cushion-shaped sapphire. "
        "The cushion-shaped sapphire weighing 4.12 carats. "
        "With two pear-shaped diamonds weighing approximately 0.80 carats in total, F-G colour, VS1-VS2 clarity, "
        "as gauged in the mounting. "
        "Mounted in platinum. "
        "Ring size 6 (US), gross weight 6.40 g. "
        "Signed Cartier Paris, numbered 1234, marks for platinum (dog's head). "
        "With fitted case by Cartier."
    )
    assert copy.provenance == (
        "Mrs Harrison Williams, by 1930\nChristie's Geneva, 17 May 1987, lot 412\nA private collection, New York"
    )
    # Without a report, nothing is said of the sapphire's origin or treatment.
    assert copy.lab_statements == ""
    assert "Kashmir" not in copy.description


def test_a_coloured_stone_with_its_report_states_origin_and_treatment_only_from_the_report() -> None:
    copy = generate(replace(CARTIER, reports=(SSEF,)))
    assert copy.lab_statements == (
        "Accompanied by report no. 118233 dated 12 March 2024 from the SSEF stating that the sapphire weighing "
        "4.12 carats is of Kashmir origin, with no indications of heating."
    )


def test_a_diamond_report_states_colour_clarity_and_fluorescence() -> None:
    gia = ReportFacts(
        lab_name="Gemological Institute of America", lab_code="GIA", number="2185412345", date=date(2024, 3, 12),
        stone_position=1, species="diamond", weight_ct=D("3.02"), colour="D", clarity="VVS1", fluorescence="None",
    )  # fmt: skip
    solitaire = facts(
        stones=(stone(cut="brilliant", shape="round", weight_ct=D("3.02"), weight_basis="report", colour="D",
                      clarity="VVS1"),),
        metals=(PLATINUM,),
        reports=(gia,),
    )  # fmt: skip
    copy = generate(solitaire)
    assert copy.heading == "A DIAMOND RING"
    assert (
        copy.description
        == "The circular-cut diamond weighing 3.02 carats, D colour, VVS1 clarity. Mounted in platinum."
    )
    assert copy.lab_statements == (
        "Accompanied by report no. 2185412345 dated 12 March 2024 from the GIA stating that the diamond weighing "
        "3.02 carats is D colour, VVS1 clarity, with no fluorescence."
    )


def test_a_laboratory_known_by_name_is_named_without_the_article_and_an_undated_report_has_no_date() -> None:
    gubelin = ReportFacts(lab_name="Gübelin Gem Lab", lab_code="Gübelin", number="19040123", stone_position=1,
                          variety="emerald", origin="Colombia", treatment="minor clarity enhancement")  # fmt: skip
    emerald = facts(
        stones=(stone(species="beryl", variety="emerald", cut="step", shape="rectangular", weight_ct=D("2.51"),
                      weight_basis="report"),),
        metals=(GOLD_18,),
        reports=(gubelin,),
    )  # fmt: skip
    copy = generate(emerald)
    assert copy.heading == "AN EMERALD RING"
    assert copy.description == "The rectangular-shaped emerald weighing 2.51 carats. Mounted in 18k yellow gold."
    assert copy.lab_statements == (
        "Accompanied by report no. 19040123 from Gübelin Gem Lab stating that the emerald is of Colombia origin, "
        "with minor clarity enhancement."
    )


def test_a_report_with_treatment_only_says_the_stone_has_it() -> None:
    report = ReportFacts(lab_name="AGL", lab_code="AGL", number="CS-1234", stone_position=1, variety="ruby",
                         treatment="no indications of heating")  # fmt: skip
    ruby = facts(stones=(stone(species="corundum", variety="ruby", shape="oval"),), reports=(report,))
    assert generate(ruby).lab_statements == (
        "Accompanied by report no. CS-1234 from the AGL stating that the ruby has no indications of heating."
    )


def test_a_report_with_no_findings_is_only_named() -> None:
    report = ReportFacts(lab_name="HRD Antwerp", lab_code="HRD", number="2400012", stone_position=1)
    ring = facts(stones=(stone(cut="brilliant", shape="round"),), reports=(report,))
    assert generate(ring).lab_statements == "Accompanied by report no. 2400012 from the HRD."


def test_a_pair_of_natural_pearl_ear_pendants_says_natural_only_because_a_report_states_it() -> None:
    pendants = facts(
        object_type="ear pendants",
        is_pair=True,
        stones=(
            stone(1, species="pearl", variety="pearl", shape="drop", count=2, length_mm=D("11.20"),
                  width_mm=D("9.80")),
            stone(2, role="accent", cut="rose", count=24),
        ),
        metals=(MetalFacts("gold", colour="white", fineness=750),),
    )  # fmt: skip
    lfg = ReportFacts(lab_name="Laboratoire Français de Gemmologie", lab_code="LFG", number="F-2211",
                      stone_position=1, species="pearl", variety="natural pearl", origin="saltwater")  # fmt: skip
    without = generate(pendants)
    assert without.heading == "A PAIR OF PEARL AND DIAMOND EAR PENDANTS"
    assert without.description == (
        "The two drop-shaped pearls, measuring approximately 11.2 x 9.8 mm. Accented by rose-cut diamonds. "
        "Mounted in 18k white gold."
    )
    reported = generate(replace(pendants, reports=(lfg,)))
    assert reported.heading == "A PAIR OF NATURAL PEARL AND DIAMOND EAR PENDANTS"
    assert reported.description.startswith("The two drop-shaped natural pearls, measuring approximately 11.2 x 9.8 mm.")
    assert reported.lab_statements == (
        "Accompanied by report no. F-2211 from the LFG stating that the pearl is natural, of saltwater origin."
    )


def test_a_pearl_the_record_calls_natural_is_not_printed_natural_without_a_report() -> None:
    strand = facts(object_type="necklace", stones=(stone(species="pearl", variety="natural pearl", count=45),))
    assert generate(strand).heading == "A PEARL NECKLACE"
    assert generate(strand).description == "The 45 pearls."


def test_a_pair_named_in_the_singular_is_made_plural() -> None:
    clips = facts(object_type="ear clip", is_pair=True, stones=(stone(cut="baguette", count=12),))
    assert generate(clips).heading == "A PAIR OF DIAMOND EAR CLIPS"
    assert generate(clips).description == "The 12 baguette-cut diamonds."


def test_a_suite_is_headed_as_jewellery_and_comprises_its_pieces() -> None:
    suite = facts(
        object_type="a necklace, a bracelet and a pair of ear clips",
        suite_of=3,
        stones=(stone(1, species="corundum", variety="sapphire", cut="cabochon", count=9),
                stone(2, role="secondary", cut="brilliant", shape="round", count=120, weight_ct=D("14.30"))),
        metals=(PLATINUM,),
        makers=(MakerFacts("Harry Winston"),),
        date_text="1960s",
    )  # fmt: skip
    copy = generate(suite)
    assert copy.heading == "A SUITE OF SAPPHIRE AND DIAMOND JEWELLERY, BY HARRY WINSTON, 1960S"
    assert copy.description == (
        "Comprising a necklace, a bracelet and a pair of ear clips. The nine cabochon sapphires. "
        "With 120 circular-cut diamonds weighing approximately 14.30 carats in total. Mounted in platinum."
    )


def test_a_suite_without_its_pieces_named_says_nothing_of_them() -> None:
    suite = facts(object_type="parure", suite_of=4, stones=(stone(variety="amethyst", species="quartz"),))
    assert generate(suite).heading == "A SUITE OF AMETHYST JEWELLERY"
    assert generate(suite).description == "The amethyst."


@pytest.mark.parametrize(
    ("makers", "expected"),
    [
        ((MakerFacts("Boucheron", "attributed"),), "A DIAMOND BROOCH, ATTRIBUTED TO BOUCHERON"),
        ((MakerFacts("Cartier", "mounted_by"),), "A DIAMOND BROOCH, MOUNTED BY CARTIER"),
        ((MakerFacts("Sterlé"), MakerFacts("Chaumet", "made_for")), "A DIAMOND BROOCH, BY STERLÉ FOR CHAUMET"),
        ((MakerFacts("Tiffany & Co.", "made_for"),), "A DIAMOND BROOCH, MADE FOR TIFFANY & CO."),
        (
            (MakerFacts("Jean Schlumberger", "designed_by"), MakerFacts("Tiffany & Co.")),
            "A DIAMOND BROOCH, BY TIFFANY & CO., DESIGNED BY JEAN SCHLUMBERGER",
        ),
        ((MakerFacts("Marchak"), MakerFacts("Mauboussin")), "A DIAMOND BROOCH, BY MARCHAK AND MAUBOUSSIN"),
        ((MakerFacts("Black, Starr & Frost", "retailed_by"),), "A DIAMOND BROOCH, RETAILED BY BLACK, STARR & FROST"),
        ((), "A DIAMOND BROOCH"),
    ],
)
def test_attributions_in_the_heading(makers: tuple[MakerFacts, ...], expected: str) -> None:
    brooch = facts(object_type="brooch", stones=(stone(cut="old mine"),), makers=makers)
    assert generate(brooch).heading == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date_text": "circa 1925"}, "A DIAMOND BROOCH, CIRCA 1925"),
        ({"year_from": 1920, "year_to": 1930, "circa": True}, "A DIAMOND BROOCH, CIRCA 1925"),
        ({"year_from": 1905, "year_to": 1910}, "A DIAMOND BROOCH, 1905-1910"),
        ({"year_from": 1968, "circa": True}, "A DIAMOND BROOCH, CIRCA 1968"),
        ({"year_from": 2004, "year_to": 2004}, "A DIAMOND BROOCH, 2004"),
        ({}, "A DIAMOND BROOCH"),
    ],
)
def test_the_date_ends_the_heading(fields: dict[str, Any], expected: str) -> None:
    assert generate(facts(object_type="brooch", stones=(stone(),), **fields)).heading == expected


def test_stones_are_named_in_order_of_importance_each_once_and_the_form_comes_before_the_object() -> None:
    brooch = facts(
        object_type="brooch",
        form="cluster",
        stones=(
            stone(1, role="accent", cut="brilliant", shape="round", count=30),
            stone(2, role="secondary", species="beryl", variety="emerald", cut="step", count=4),
            stone(3, species="corundum", variety="ruby", shape="oval", weight_ct=D("3.10"), weight_basis="loose"),
            stone(4, role="accent", species="corundum", variety="ruby", cut="calibré", count=8),
        ),
    )  # fmt: skip
    copy = generate(brooch)
    assert copy.heading == "A RUBY, EMERALD AND DIAMOND CLUSTER BROOCH"
    assert copy.description == (
        "The oval-shaped ruby weighing 3.10 carats. With four step-cut emeralds. "
        "Accented by circular-cut diamonds and eight calibré-cut rubies."
    )


def test_an_unsigned_gold_piece_without_stones_is_headed_by_its_metal() -> None:
    bracelet = facts(object_type="bracelet", metals=(GOLD_18,), length_mm=D("180.00"), maker_marks="JC")
    copy = generate(bracelet)
    assert copy.heading == "A GOLD BRACELET"
    assert copy.description == "Mounted in 18k yellow gold. Length 180 mm. Maker's marks JC."


def test_metals_by_part_and_numbers_and_marks_in_order() -> None:
    ring = facts(
        stones=(stone(cut="old european", shape="round", weight_ct=D("1.00"), weight_basis="engraved"),),
        metals=(PLATINUM, MetalFacts("gold", fineness=750, marks="eagle's head", part="the shank")),
        signature="Van Cleef & Arpels",
        serial_number="NY 12345",
        workshop_number="4567",
        ring_size="L",
        ring_size_system="uk",
    )  # fmt: skip
    assert generate(ring).description == (
        "The old european-cut diamond weighing 1.00 carat (as engraved). "
        "Mounted in platinum, the shank in 18k gold. Ring size L (UK). "
        "Signed Van Cleef & Arpels, numbered NY 12345, workshop number 4567, marks for 18k gold (eagle's head)."
    )


def test_estimated_and_unstated_weights_are_approximate_and_a_group_weighs_in_total() -> None:
    ring = facts(
        stones=(
            stone(1, cut="brilliant", shape="round", weight_ct=D("1.52"), weight_basis="estimated"),
            stone(2, role="secondary", cut="brilliant", shape="round", count=10, weight_ct=D("0.50")),
        ),
    )  # fmt: skip
    assert generate(ring).description == (
        "The circular-cut diamond weighing approximately 1.52 carats. "
        "With ten circular-cut diamonds weighing approximately 0.50 carats in total."
    )


def test_two_principal_stones_and_a_fitted_case_described_in_its_own_words() -> None:
    toi_et_moi = facts(
        stones=(stone(1, shape="pear", weight_ct=D("2.01"), weight_basis="report", colour="E", clarity="VS2",
                      cut_grade="Excellent"),
                stone(2, species="corundum", variety="sapphire", shape="pear", weight_ct=D("2.20"),
                      weight_basis="loose")),
        fitted_case="With a Van Cleef & Arpels pouch",
    )  # fmt: skip
    assert generate(toi_et_moi).description == (
        "The pear-shaped diamond weighing 2.01 carats, E colour, VS2 clarity, Excellent cut and the pear-shaped "
        "sapphire weighing 2.20 carats. With a Van Cleef & Arpels pouch."
    )


def test_grades_of_coloured_stones_are_not_printed_as_diamond_grades() -> None:
    ring = facts(stones=(stone(species="corundum", variety="sapphire", colour="vivid blue", clarity="eye clean"),))
    assert generate(ring).description == "The sapphire."


def test_literature_and_exhibitions_are_one_entry_a_line() -> None:
    copy = generate(facts(literature=(" H. Nadelhoffer, Cartier, London 1984, p. 52 ", ""),
                          exhibitions=("Cartier 1899-1949, Paris, 1976", "Style and History, Washington, 1996")))  # fmt: skip
    assert copy.literature == "H. Nadelhoffer, Cartier, London 1984, p. 52"
    assert copy.exhibitions == "Cartier 1899-1949, Paris, 1976\nStyle and History, Washington, 1996"


@pytest.mark.parametrize(
    ("cut", "shape", "expected"),
    [
        ("brilliant", "round", "circular-cut"),
        ("", "round", "circular-cut"),
        ("old mine", "cushion", "cushion-shaped"),
        ("old mine", "", "old mine-cut"),
        ("rose-cut", "", "rose-cut"),
        ("cabochon", "oval", "oval cabochon"),
        ("cabochon", "round", "cabochon"),
        ("", "marquise-shaped", "marquise-shaped"),
        ("", "", ""),
    ],
)
def test_cut_descriptors(cut: str, shape: str, expected: str) -> None:
    assert cut_descriptor(cut, shape) == expected


@pytest.mark.parametrize(
    ("noun", "expected"),
    [("diamond", "diamonds"), ("ruby", "rubies"), ("topaz", "topazes"), ("cultured pearl", "cultured pearls"),
     ("ear pendant", "ear pendants"), ("turquoise", "turquoises")],
)  # fmt: skip
def test_plurals(noun: str, expected: str) -> None:
    assert plural(noun) == expected


# --- The figures check --------------------------------------------------------------------------


def test_the_generated_copy_states_no_figure_the_record_does_not_hold() -> None:
    record = replace(CARTIER, reports=(SSEF,))
    assert unheld_figures(generate(record), record) == []


def test_a_weight_a_grade_and_a_report_number_the_record_does_not_hold_are_named() -> None:
    record = replace(CARTIER, reports=(SSEF,))
    text = replace(
        generate(record),
        heading="A 4.20 CARAT SAPPHIRE RING",
        description="With two pear-shaped diamonds, E colour, VS1 clarity, vivid blue colour, IF clarity.",
        lab_statements="Accompanied by report no. 999 from the SSEF.",
    )
    assert [(figure.kind, figure.value, figure.field) for figure in unheld_figures(text, record)] == [
        ("weight", "4.20 carats", "heading"),
        ("colour", "E colour", "description"),
        ("clarity", "IF clarity", "description"),
        ("report", "report no. 999", "lab_statements"),
    ]
    assert unheld_figures(text, record)[0].message == (
        "The heading states 4.20 carats, a carat weight the record and its reports do not hold: "
        "correct the copy or the record."
    )


@pytest.mark.parametrize(
    ("stated", "flagged"),
    [("F colour", False), ("G colour", False), ("F-G colour", False), ("E-F colour", True), ("H colour", True),
     ("VS2 clarity", False), ("VS1-VS2 clarity", False), ("SI1 clarity", True), ("0.80 carats", False),
     ("0.8 carats", False), ("0.81 carats", True), ("4.12 carats", False)],
)  # fmt: skip
def test_figures_at_the_boundary_of_what_the_record_holds(stated: str, flagged: bool) -> None:
    text = CopyText(heading="A RING", description=f"Set with diamonds, {stated}.")
    assert bool(unheld_figures(text, CARTIER)) is flagged


# --- The diff -----------------------------------------------------------------------------------


def test_the_word_diff_names_what_was_deleted_and_inserted() -> None:
    before = "The cushion-shaped sapphire weighing 4.12 carats."
    after = "The cushion-shaped Kashmir sapphire weighing 4.12 carats, unheated."
    assert word_diff(before, after) == [
        Operation("equal", "The cushion-shaped "),
        Operation("insert", "Kashmir "),
        Operation("equal", "sapphire weighing 4.12 "),
        Operation("delete", "carats."),
        Operation("insert", "carats, unheated."),
    ]
    assert as_html(word_diff("A <b> ring", "A ring")) == "A <del>&lt;b&gt; </del>ring"
    assert word_diff("same", "same") == [Operation("equal", "same")]


# --- Reading a record ---------------------------------------------------------------------------


def test_snapshot_reads_a_record_and_prints_the_public_wording_of_a_confidential_owner(cast: Any) -> None:
    world.build_all_places(cast)
    piece = world.take_in(cast.senior, world.consignor(), world.piece())[0]
    record = catalogue_world.cartier_ring(piece, by=cast.assistant)
    read = snapshot(record)
    assert generate(read) == generate(CARTIER)
    assert "Vandermeer" not in str(read)
    assert reports_of(record) == []


# --- docs/house-style.md shows the generator's own words ----------------------------------------


def test_the_house_style_page_quotes_the_generator_exactly() -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "house-style.md").read_text(encoding="utf-8")
    reference = generate(CARTIER)
    gia = ReportFacts(lab_name="GIA", lab_code="GIA", number="2185412345", date=date(2024, 3, 12), stone_position=1,
                      species="diamond", weight_ct=D("3.02"), colour="D", clarity="VVS1", fluorescence="None")  # fmt: skip
    quoted = [
        reference.heading,
        reference.description,
        *reference.provenance.splitlines(),
        generate(replace(CARTIER, reports=(SSEF,))).lab_statements,
        generate(facts(stones=(stone(),), reports=(gia,))).lab_statements,
    ]
    for text in quoted:
        assert text in page, text
