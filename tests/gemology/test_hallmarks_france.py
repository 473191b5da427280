"""France's guarantee marks since 1797: one row per mark and period, each with its source.

Sources (``parure.gemology.hallmarks.sources``): the law of 19 brumaire an VI (three gold titles
920, 840, 750; two silver 950, 800); the Interor catalogue of French marks (Greek physician's
head 1838–1919, eagle's head from 1 July 1919, horse's head, boar's head, weevil, owl, dog's head
from 5 December 1912...); Marischael and Charm Antiques (cockerels, old man's head); alienor.org
(Minerva, its decade letters); CGI art. 522 and the law of 4 January 1994 (today's titles).
"""

import pytest

from parure.gemology.errors import MetalError
from parure.gemology.hallmarks import FRENCH_MARKS, Country, MarkKind, Metal, YearSpan, decode_mark, read_hallmark
from parure.gemology.hallmarks import sources as src
from parure.gemology.hallmarks.france import (
    DIFFERENTS_1798_1838,
    DIFFERENTS_1798_1838_SOURCE,
    SMALL_WORK_LETTERS_1798_1838,
)
from parure.gemology.hallmarks.stamps import marks_named


def keys(name: str) -> list[str]:
    return [row.key for row in marks_named(name)]


def test_every_french_row_names_its_source_and_a_period_that_runs_forward() -> None:
    for row in FRENCH_MARKS:
        assert row.country is Country.FRANCE
        assert row.source, row.key
        assert row.period.end is None or row.period.start <= row.period.end
        assert 1797 <= row.period.start <= 2002, row.key
        assert row.metals, row.key


def test_row_keys_are_unique() -> None:
    assert len({row.key for row in FRENCH_MARKS}) == len(FRENCH_MARKS)


def test_the_1797_titles_are_the_cockerels_numbers() -> None:
    cockerels = {
        (row.period, row.metals[0], row.number): row.fineness for row in FRENCH_MARKS if row.name == "cockerel"
    }
    assert cockerels == {
        (YearSpan(1798, 1809), Metal.GOLD, "1"): 920,
        (YearSpan(1798, 1809), Metal.GOLD, "2"): 840,
        (YearSpan(1798, 1809), Metal.GOLD, "3"): 750,
        (YearSpan(1798, 1809), Metal.SILVER, "1"): 950,
        (YearSpan(1798, 1809), Metal.SILVER, "2"): 800,
        (YearSpan(1809, 1819), Metal.GOLD, "1"): 920,
        (YearSpan(1809, 1819), Metal.GOLD, "2"): 840,
        (YearSpan(1809, 1819), Metal.GOLD, "3"): 750,
        (YearSpan(1809, 1819), Metal.SILVER, "1"): 950,
        (YearSpan(1809, 1819), Metal.SILVER, "2"): 800,
    }
    assert all(src.BRUMAIRE in row.source for row in FRENCH_MARKS if row.name == "cockerel")


@pytest.mark.parametrize(
    ("typed", "metals", "fineness", "meaning"),
    [
        ("tête de médecin grec 3", (Metal.GOLD,), 750,
         "Greek physician's head (tête de médecin grec), France: title and guarantee mark (number 3), Paris and "
         "departments, 1838–1919: gold, states 750"),
        ("Greek physician's head 2", (Metal.GOLD,), 840,
         "Greek physician's head (tête de médecin grec), France: title and guarantee mark (number 2), Paris and "
         "departments, 1838–1919: gold, states 840"),
        ("tête de cheval", (Metal.GOLD,), 750,
         "horse's head (tête de cheval), France: small-work mark (petite garantie, tested on the touchstone), "
         "departments, 1838–1919: gold, guarantees only the minimum 750"),
        ("boar's head", (Metal.SILVER,), 800,
         "boar's head (tête de sanglier), France: small-work mark (petite garantie, tested on the touchstone), Paris, "
         "1838–1962: silver, guarantees only the minimum 800"),
        ("crabe", (Metal.SILVER,), 800,
         "crab (crabe), France: small-work mark (petite garantie, tested on the touchstone), departments, "
         "1838–1984: silver, guarantees only the minimum 800"),
        ("hibou", (Metal.GOLD,), 750,
         "owl (hibou), France: import mark, imports, 1893–: gold, guarantees only the minimum 750"),
        ("cygne", (Metal.SILVER,), None, "swan (cygne), France: import mark, imports, 1893–: silver"),
        ("tête de chien 2", (Metal.PLATINUM,), 900,
         "dog's head (tête de chien), France: title and guarantee mark (number 2), Paris and departments, 1994–: "
         "platinum, states 900"),
        ("coquille Saint-Jacques", (Metal.GOLD,), 585,
         "scallop shell (coquille Saint-Jacques), France: title mark (poinçon de titre), Paris and departments, "
         "1994–: gold, states 585"),
        ("trèfle", (Metal.GOLD,), 375,
         "clover (trèfle), France: title mark (poinçon de titre), Paris and departments, 1994–: gold, states 375"),
        ("hippocampe", (Metal.GOLD,), 999,
         "seahorse (hippocampe), France: title mark (poinçon de titre), Paris, 2002–: gold, states 999"),
        ("framed eagle's head", (Metal.GOLD,), 916,
         "framed eagle's head (tête d'aigle encadrée), France: title mark (poinçon de titre), Paris and departments, "
         "1994–: gold, states 916"),
        ("tête de jeune fille", (Metal.PLATINUM,), 950,
         "young woman's head (tête de jeune fille), France: export mark, exports, 1912–?: platinum, states 950"),
        ("tête égyptienne", (Metal.GOLD,), 583,
         "Egyptian head (tête égyptienne), France: export mark, exports, 1884–?: gold, states 583"),
        ("tête de vieillard 1", (Metal.SILVER,), 950,
         "old man's head (tête de vieillard), France: title mark (poinçon de titre) (number 1), Paris and "
         "departments, 1819–1838: silver, states 950"),
        ("Minerva 2", (Metal.SILVER,), 800,
         "Minerva head (tête de Minerve), France: title and guarantee mark (number 2), Paris and departments, "
         "1838–: silver, states 800"),
        ("oreille", (Metal.GOLD, Metal.SILVER), None,
         "right ear (oreille droite), France: recense mark (re-marking of works already marked), Paris, 1809: gold "
         "or silver"),
    ],
)  # fmt: skip
def test_french_marks_read_as_the_tables_say(
    typed: str, metals: tuple[Metal, ...], fineness: int | None, meaning: str
) -> None:
    reading = decode_mark(typed)
    assert (reading.kind, reading.country, reading.metals, reading.fineness) == (
        MarkKind.NATIONAL,
        "France",
        metals,
        fineness,
    )
    assert reading.meaning == meaning


@pytest.mark.parametrize(
    "typed", ["tête d'aigle", "tete d'aigle", "TÊTE D’AIGLE", "tete d aigle", "eagle's head", "eagles head", "aigle"]
)
def test_names_are_read_with_or_without_accents_in_french_or_english(typed: str) -> None:
    assert keys(typed) == [
        "aigle-recense-1809",
        "aigle-petite-garantie-1838",
        "aigle-petite-garantie-1847",
        "aigle-1919-1",
        "aigle-1919-2",
        "aigle-750",
        "aigle-petite-garantie-1919",
    ]


def test_hibou_and_chouette_are_the_one_owl() -> None:
    assert keys("hibou") == keys("chouette") == keys("owl") == ["hibou"]


def test_the_eagles_head_of_the_legacy_reading_is_unchanged() -> None:
    # Records and pages read before the tables existed show the same words.
    assert decode_mark("tête d'aigle").meaning == "18 carat gold (750), France, since 1838"


def test_an_eagles_head_with_a_makers_lozenge_reads_as_french_gold_of_at_least_750() -> None:
    reading = read_hallmark(["eagle's head", "maker's lozenge AB"], country="France")
    assert (reading.country, reading.metal, reading.fineness, reading.minimum_only) == ("France", Metal.GOLD, 750, True)
    assert reading.period == YearSpan(1838)
    assert reading.office is None
    assert reading.problems == ()
    assert [row.key for row in reading.marks[0].candidates] == [
        "aigle-petite-garantie-1838",
        "aigle-petite-garantie-1847",
        "aigle-750",
        "aigle-petite-garantie-1919",
    ]
    assert reading.notes == (
        "‘eagle's head’ is read as a punch without a number; with a 1: title and guarantee mark (number 1), Paris "
        "and departments, 1919–1994: gold, states 920; with a 2: title and guarantee mark (number 2), Paris and "
        "departments, 1919–1994: gold, states 840.",
        "‘eagle's head’ may be: (1) small-work mark (petite garantie, tested on the touchstone), Paris, 1838–1846: "
        "gold, guarantees only the minimum 750; (2) small-work mark (petite garantie, tested on the touchstone), "
        "Paris, 1847–1919: gold, guarantees only the minimum 750; (3) title and guarantee mark, Paris and "
        "departments, 1919–: gold, states 750; (4) small-work mark (petite garantie, tested on the touchstone), "
        "Paris and departments, 1919–: gold, guarantees only the minimum 750.",
        "A lozenge has framed the French maker's mark since 1798; an oval is an importer's mark.",
    )
    assert reading.summary == "gold at least 750 (France, 1838–)"
    assert src.INTEROR in reading.sources[0]


def test_a_numbered_eagles_head_states_its_title() -> None:
    reading = read_hallmark(["tête d'aigle 2"])
    assert reading.summary == "gold 840 (France, Paris and departments, 1919–1994)"
    assert reading.notes == (
        "‘tête d'aigle 2’: The eagle's head replaced the Greek physician's head on 1 July 1919 for gold assayed by "
        "cupellation; the catalogue entry read is the second title's and the first and third belong to the same "
        "series. 840 is no longer a legal title (CGI art. 522).",
    )


def test_the_greek_physicians_head_gives_way_to_the_eagle_in_1919() -> None:
    assert read_hallmark(["tête de médecin grec 3"]).period == YearSpan(1838, 1919)
    assert read_hallmark(["tête d'aigle 1"]).period == YearSpan(1919, 1994)


def test_the_first_title_physicians_head_marked_platinum_from_1910_to_1912() -> None:
    reading = read_hallmark(["tête de médecin grec 1"], year=1911)
    assert reading.metal is None
    assert reading.notes[0] == "The marks fit gold or platinum; a test of the metal decides."
    platinum = read_hallmark(["tête de médecin grec 1", "PT950"])
    assert (platinum.metal, platinum.fineness, platinum.period) == (Metal.PLATINUM, 950, YearSpan(1910, 1912))


def test_minerva_without_its_number_is_left_open_before_1994() -> None:
    reading = read_hallmark(["Minerva head"], year=1900)
    assert (reading.metal, reading.fineness) == (Metal.SILVER, None)
    assert reading.notes == (
        "‘Minerva head’ may be: (1) title and guarantee mark (number 1), Paris and departments, 1838–1994: silver, "
        "states 950; (2) title and guarantee mark (number 2), Paris and departments, 1838–: silver, states 800.",
    )


@pytest.mark.parametrize(
    ("typed", "period", "fineness"),
    [("Minerve A", YearSpan(1973, 1982), 950), ("minerva b", YearSpan(1983, 1992), 950),
     ("Minerva E", YearSpan(2013, 2022), 925)],
)  # fmt: skip
def test_the_minervas_letter_gives_the_decade(typed: str, period: YearSpan, fineness: int) -> None:
    reading = read_hallmark([typed])
    assert (reading.period, reading.fineness, reading.metal) == (period, fineness, Metal.SILVER)


def test_the_crab_is_a_silver_mark() -> None:
    reading = read_hallmark(["crabe"])
    assert reading.summary == "silver at least 800 (France, departments, 1838–1984)"


def test_the_boar_and_the_crab_split_paris_from_the_departments() -> None:
    assert read_hallmark(["tête de sanglier"]).office == "Paris"
    assert read_hallmark(["crab"]).office == "departments"


def test_the_rhinoceros_marks_chains_in_paris_and_the_departments() -> None:
    reading = read_hallmark(["tête de rhinocéros"], year=1840)
    assert [row.key for row in reading.marks[0].candidates] == ["rhinoceros-paris-1838", "rhinoceros-departements"]
    assert (reading.metal, reading.fineness, reading.minimum_only) == (Metal.GOLD, 750, True)


def test_the_dogs_head_marks_platinum_since_1912() -> None:
    reading = read_hallmark(["dog's head"], year=1930)
    assert reading.summary == "platinum 950 (France, Paris and departments, 1912–1994)"


def test_imports_and_recenses() -> None:
    assert read_hallmark(["charançon"], year=1850).summary == "metal not settled (France, Paris, 1838–1864)"
    assert read_hallmark(["weevil", "750"], year=1870).summary == "gold 750 (France, imports, 1864–1893)"
    assert read_hallmark(["tête de girafe"]).period == YearSpan(1838, 1838)


def test_an_1809_recense_is_read_only_when_the_other_marks_call_for_it() -> None:
    reading = read_hallmark(["coq 2", "eagle's head"])
    assert [row.key for row in reading.marks[1].candidates] == ["aigle-recense-1809"]
    assert reading.period == YearSpan(1809, 1809)
    assert reading.office == "departments"


def test_a_year_no_punch_was_struck_in_is_a_problem() -> None:
    reading = read_hallmark(["tête de cheval"], year=1930)
    assert reading.problems == ("No ‘tête de cheval’ was struck in 1930: it was struck 1838–1919.",)
    assert reading.period is None


def test_marks_of_different_times_are_a_problem() -> None:
    reading = read_hallmark(["coq 1", "Minerva 2"])
    assert reading.problems == (
        "The marks were not struck at the same time: ‘coq 1’ 1798–1809, 1809–1819; ‘Minerva 2’ 1838–.",
        "The marks state different finenesses: ‘coq 1’ states 950, ‘Minerva 2’ states 800.",
    )


def test_a_french_mark_read_as_british_is_a_problem() -> None:
    reading = read_hallmark(["eagle's head"], country="UK")
    assert reading.problems == ("‘eagle's head’ is a mark of France, not of UK.",)


def test_the_owl_beside_a_lower_fineness_is_a_problem() -> None:
    reading = read_hallmark(["hibou", "585"])
    assert reading.problems == ("‘hibou’ guarantees at least 750, more than the 585 stated.",)


def test_a_number_no_punch_carries_is_noted() -> None:
    reading = read_hallmark(["hibou 2"])
    assert reading.notes[0] == "No owl with the number 2 is recorded; it is read without the number."


def test_unknown_country_is_refused() -> None:
    with pytest.raises(MetalError) as refusal:
        read_hallmark(["eagle's head"], country="Spain")
    assert str(refusal.value) == (
        "‘Spain’ is not a country whose marks are held; they are France, UK, Ireland, Switzerland, Convention."
    )


def test_the_fifth_regions_small_silver_work_mark_of_1819_reads_as_a_minimum() -> None:
    reading = decode_mark("lysse")
    assert (reading.kind, reading.country, reading.metals, reading.fineness) == (
        MarkKind.NATIONAL,
        "France",
        (Metal.SILVER,),
        800,
    )
    assert reading.meaning == (
        "lysse, France: small-work mark (petite garantie, tested on the touchstone), departments, "
        "1819–1838: silver, guarantees only the minimum 800"
    )
    hallmark = read_hallmark(["lysse", "maker's lozenge AB"], country="France")
    assert hallmark.summary == "silver at least 800 (France, departments, 1819–1838)"
    assert hallmark.problems == ()
    assert src.INTEROR_LYSSE in hallmark.sources[0]


def test_the_lysse_goes_with_the_old_mans_head_and_not_with_a_lettered_minerva() -> None:
    beside_title = read_hallmark(["lysse", "tête de vieillard 1"])
    assert (beside_title.problems, beside_title.summary) == ((), "silver 950 (France, departments, 1819–1838)")
    assert read_hallmark(["lysse", "Minerva E"]).problems == (
        "The marks were not struck at the same time: ‘lysse’ 1819–1838; ‘Minerva E’ 2013–2022.",
    )


def test_the_old_mans_heads_name_their_figures() -> None:
    notes = {row.number: row.note for row in FRENCH_MARKS if row.name == "old man's head"}
    assert notes == {
        "1": "Silver first title; two Paris and two departmental versions (Charm Antiques). antiquites-catalogue "
        "names the heads: Michelangelo's profile in Paris, a woman's in the departments.",
        "2": "Silver second title; two Paris and two departmental versions (Charm Antiques). antiquites-catalogue "
        "names the heads: Raphael's in Paris, Socrates' in the departments.",
    }


def test_the_guarantee_differents_of_1798_to_1838_name_their_offices() -> None:
    assert DIFFERENTS_1798_1838 == {
        "85": "Paris",
        "15": "Angoulême",
        "16": "La Rochelle",
        "81": "Poitiers",
        "74": "Niort",
    }
    assert SMALL_WORK_LETTERS_1798_1838 == {"A": "Angoulême", "C": "La Rochelle", "M": "Niort", "H": "Poitiers"}
    assert DIFFERENTS_1798_1838_SOURCE == src.ALIENOR_GARANTIE


def test_the_first_silver_cockerels_say_where_the_number_stands() -> None:
    reading = read_hallmark(["coq 2", "800"], year=1805)
    assert [row.key for row in reading.marks[0].candidates] == ["coq-1798-argent-2"]
    assert reading.summary == "silver 800 (France, Paris and departments, 1798–1809)"
    assert reading.notes[0] == (
        "‘coq 2’: First cockerel, silver second title: a walking cockerel with a 2. Paris and the departments used "
        "different punches (Marischael shows both). Silbersuite: in force from 19 June 1798; the number stands to "
        "the right of the cockerel on Paris punches and to its left on the departments'."
    )
    assert src.SILBERSUITE in reading.sources[0]


def test_the_1838_giraffe_recensed_only_the_marks_of_1819_to_1838() -> None:
    (paris,) = [row for row in FRENCH_MARKS if row.key == "girafe-1838-paris"]
    assert paris.note == (
        "10 May to 1 October 1838, authenticating the regular marks already on large works. The 1838 instructions "
        "(Osprey) gave it free, without assay, only to works bearing the 1819 recense or the marks in use from 1 "
        "August 1819 to 9 May 1838; other works were marked anew, assayed and taxed, or broken."
    )
    assert paris.source == f"{src.INTEROR}; {src.OSPREY_EAR}"
