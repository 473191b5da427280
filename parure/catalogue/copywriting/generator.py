"""Catalogue copy in the house style (docs/house-style.md), written from a :class:`RecordFacts`.

Pure functions: the same facts always give the same words. The heading is set in capitals; the
description runs in the order the major houses use (design and setting, principal stone,
secondary stones, metal, measurements and ring size, signature, numbers and marks, fitted case);
laboratory statements quote only what a report states; provenance, literature and exhibitions
are one entry a line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from parure.catalogue.copywriting.facts import MetalFacts, RecordFacts, ReportFacts, StoneFacts
from parure.gemology.metals import KARAT_FINENESS

ROLE_ORDER = {"principal": 0, "secondary": 1, "accent": 2}
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# Shapes the houses describe as "-shaped" (a cushion-shaped sapphire, pear-shaped diamonds).
SHAPED = frozenset(
    {"cushion", "oval", "pear", "marquise", "heart", "triangular", "square", "rectangular", "octagonal",
     "hexagonal", "kite", "shield", "half-moon", "trapeze", "button", "drop", "baroque"}
)  # fmt: skip
ROUND = frozenset({"round", "circular"})
BRILLIANT = frozenset({"", "brilliant", "round brilliant", "modern brilliant"})
# Object types that name a suite as a whole rather than its pieces.
SUITE_WORDS = frozenset({"", "suite", "parure", "demi-parure", "set", "jewellery", "jewelry"})
RING_SYSTEMS = {"us": "US", "uk": "UK", "eu": "EU", "jp": "Japan", "ch": "Switzerland"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class CopyText:
    """The parts of a piece's catalogue copy, each plain text (lists are one entry a line)."""

    heading: str
    description: str
    lab_statements: str = ""
    provenance: str = ""
    literature: str = ""
    exhibitions: str = ""

    FIELDS = ("heading", "description", "lab_statements", "provenance", "literature", "exhibitions")

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.FIELDS}


def generate(facts: RecordFacts) -> CopyText:
    """The whole copy of a piece."""
    return CopyText(
        heading=heading(facts),
        description=description(facts),
        lab_statements="\n".join(lab_statements(facts)),
        provenance="\n".join(provenance(facts)),
        literature="\n".join(entry.strip() for entry in facts.literature if entry.strip()),
        exhibitions="\n".join(entry.strip() for entry in facts.exhibitions if entry.strip()),
    )


# --- Words ----------------------------------------------------------------------------------------


def join_and(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c" (no serial comma, as the houses print it)."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def plural(noun: str) -> str:
    """The plural of a stone's or an object's name, on its last word: rubies, topazes, cultured pearls."""
    head, _, last = noun.rpartition(" ")
    if last.endswith("y") and last[-2:-1] not in set("aeiou"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


def article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in set("aeio") else "a"


def number_word(count: int) -> str:
    return NUMBER_WORDS[count - 1] if 1 <= count <= len(NUMBER_WORDS) else str(count)


def carats(weight: Decimal) -> str:
    return f"{weight:.2f} {'carat' if weight == 1 else 'carats'}"


def millimetres(value: Decimal) -> str:
    return f"{value.normalize():f}"


def sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "." if text else ""


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- Stones ---------------------------------------------------------------------------------------


def ordered_stones(facts: RecordFacts) -> list[StoneFacts]:
    """Stones in order of importance: principal, secondary, accent, then as entered."""
    return sorted(facts.stones, key=lambda stone: (ROLE_ORDER.get(stone.role, 3), stone.position))


def reported_natural(report: ReportFacts | None) -> bool:
    if report is None:
        return False
    stated = f"{report.species} {report.variety} {report.origin}".lower()
    return "natural" in stated and "not natural" not in stated and "non-natural" not in stated


def stone_name(stone: StoneFacts, report: ReportFacts | None) -> str:
    """The stone's name for print. "Natural" only when a report states it (a natural pearl)."""
    name = stone.name
    bare = name.removeprefix("natural ").strip()
    if reported_natural(report):
        return f"natural {bare}" if "pearl" in bare and not bare.startswith("cultured") else bare
    return bare


def cut_descriptor(cut: str, shape: str) -> str:
    """How the houses describe a cut: cushion-shaped, circular-cut, old mine-cut, oval cabochon."""
    cut = cut.strip().lower().removesuffix("-cut").removesuffix(" cut").strip()
    shape = shape.strip().lower().removesuffix("-shaped").strip()
    if cut == "cabochon":
        return "cabochon" if shape in ROUND | {""} else f"{shape} cabochon"
    if shape in SHAPED:
        return f"{shape}-shaped"
    if shape in ROUND and cut in BRILLIANT:
        return "circular-cut"
    if cut:
        return f"{cut}-cut"
    return f"{shape}-shaped" if shape else ""


def weight_phrase(stone: StoneFacts) -> str:
    if stone.weight_ct is None:
        return ""
    total = " in total" if stone.count > 1 else ""
    if stone.weight_basis in ("report", "loose"):
        return f"weighing {carats(stone.weight_ct)}{total}"
    if stone.weight_basis == "engraved":
        return f"weighing {carats(stone.weight_ct)}{total} (as engraved)"
    return f"weighing approximately {carats(stone.weight_ct)}{total}"


def grade_phrases(stone: StoneFacts) -> list[str]:
    """A diamond's grades as the record holds them; "as gauged in the mounting" when they are."""
    if stone.species.strip().lower() != "diamond":
        return []
    grades = []
    if stone.colour.strip():
        grades.append(f"{stone.colour.strip()} colour")
    if stone.clarity.strip():
        grades.append(f"{stone.clarity.strip()} clarity")
    if stone.cut_grade.strip():
        grades.append(f"{stone.cut_grade.strip()} cut")
    if grades and stone.as_gauged:
        grades.append("as gauged in the mounting")
    return grades


def stone_phrase(stone: StoneFacts, report: ReportFacts | None, *, with_article: bool) -> str:
    """ "two pear-shaped diamonds weighing approximately 0.80 carats in total, F-G colour, …"."""
    name = stone_name(stone, report)
    noun = name if stone.count == 1 else plural(name)
    if stone.count == 1:
        number = ""
    elif stone.count > len(NUMBER_WORDS) and stone.role == "accent":
        number = ""  # many small stones: "circular-cut diamonds"
    else:
        number = number_word(stone.count)
    base = " ".join(part for part in (number, cut_descriptor(stone.cut, stone.shape), noun) if part)
    if stone.count == 1 and with_article:
        base = f"{article(base)} {base}"
    weight = weight_phrase(stone)
    if weight:
        base = f"{base} {weight}"
    extras = []
    if "pearl" in name and stone.length_mm is not None:
        size = millimetres(stone.length_mm)
        if stone.width_mm is not None and stone.width_mm != stone.length_mm:
            size += f" x {millimetres(stone.width_mm)}"
        extras.append(f"measuring approximately {size} mm")
    extras += grade_phrases(stone)
    return ", ".join([base, *extras])


# --- Heading --------------------------------------------------------------------------------------


def heading_materials(facts: RecordFacts) -> list[str]:
    """The stones' names in order of importance, each once; the metals when there are no stones."""
    names: list[str] = []
    for stone in ordered_stones(facts):
        name = stone_name(stone, facts.report_for(stone))
        if name and name not in names:
            names.append(name)
    if not names:
        for metal in facts.metals:
            name = metal.metal.strip().lower()
            if name and name not in names:
                names.append(name)
    return names


def attributions(facts: RecordFacts) -> list[str]:
    """ "by Cartier", "by Sterlé for Chaumet", "attributed to Boucheron", "mounted by Cartier"."""

    def named(kind: str) -> list[str]:
        return [maker.name.strip() for maker in facts.makers if maker.attribution == kind and maker.name.strip()]

    found = []
    by, made_for = named("by"), named("made_for")
    if by:
        found.append("by " + join_and(by) + (" for " + join_and(made_for) if made_for else ""))
    elif made_for:
        found.append("made for " + join_and(made_for))
    for kind, words in (
        ("attributed", "attributed to"),
        ("mounted_by", "mounted by"),
        ("designed_by", "designed by"),
        ("retailed_by", "retailed by"),
    ):
        if names := named(kind):
            found.append(f"{words} {join_and(names)}")
    return found


def date_phrase(facts: RecordFacts) -> str:
    if facts.date_text.strip():
        return facts.date_text.strip()
    if facts.year_from and facts.year_to and facts.year_from != facts.year_to:
        if facts.circa:
            return f"circa {(facts.year_from + facts.year_to) // 2}"
        return f"{facts.year_from}-{facts.year_to}"
    year = facts.year_from or facts.year_to
    if year:
        return f"circa {year}" if facts.circa else str(year)
    return ""


def heading(facts: RecordFacts) -> str:
    """ "A SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925"."""
    materials = join_and(heading_materials(facts))
    kind = facts.object_type.strip().lower()
    form = facts.form.strip().lower()
    if facts.suite_of:
        core = " ".join(part for part in ("a suite of", materials, "jewellery") if part)
    elif facts.is_pair:
        things = kind if kind.endswith("s") else plural(kind)
        core = " ".join(part for part in ("a pair of", materials, form, things) if part)
    else:
        named = " ".join(part for part in (materials, form, kind) if part)
        core = f"{article(named)} {named}"
    parts = [core, *attributions(facts)]
    if date := date_phrase(facts):
        parts.append(date)
    return ", ".join(parts).upper()


# --- Description ----------------------------------------------------------------------------------


def metal_words(metal: MetalFacts) -> str:
    """ "18k white gold", "platinum", "silver"."""
    name = metal.metal.strip().lower()
    colour = metal.colour.strip().lower()
    if name == "gold":
        karat = next((k for k, fine in KARAT_FINENESS.items() if fine == metal.fineness), None)
        return " ".join(part for part in (f"{karat}k" if karat else "", colour, "gold") if part)
    return " ".join(part for part in (colour, name) if part)


def metal_sentence(facts: RecordFacts) -> str:
    whole = [metal_words(metal) for metal in facts.metals if not metal.part.strip()]
    parts = [f"{metal.part.strip()} in {metal_words(metal)}" for metal in facts.metals if metal.part.strip()]
    if not whole and not parts:
        return ""
    if not whole:
        return sentence(join_and(parts))
    return sentence(", ".join(["mounted in " + join_and(whole), *parts]))


def measurements_sentence(facts: RecordFacts) -> str:
    found = []
    if facts.length_mm is not None:
        found.append(f"length {millimetres(facts.length_mm)} mm")
    if facts.width_mm is not None:
        found.append(f"width {millimetres(facts.width_mm)} mm")
    if facts.diameter_mm is not None:
        found.append(f"diameter {millimetres(facts.diameter_mm)} mm")
    if facts.ring_size.strip():
        system = RING_SYSTEMS.get(facts.ring_size_system, "")
        found.append(f"ring size {facts.ring_size.strip()}" + (f" ({system})" if system else ""))
    if facts.gross_weight_g is not None:
        found.append(f"gross weight {facts.gross_weight_g:.2f} g")
    return sentence(", ".join(found))


def marks_sentence(facts: RecordFacts) -> str:
    found = []
    if facts.signature.strip():
        found.append(f"signed {facts.signature.strip()}")
    if facts.serial_number.strip():
        found.append(f"numbered {facts.serial_number.strip()}")
    if facts.workshop_number.strip():
        found.append(f"workshop number {facts.workshop_number.strip()}")
    if facts.maker_marks.strip():
        found.append(f"maker's marks {facts.maker_marks.strip()}")
    for metal in facts.metals:
        if metal.marks.strip():
            found.append(f"marks for {metal_words(metal)} ({metal.marks.strip()})")
    return sentence(", ".join(found))


CASE_WORDS = frozenset({"fitted", "case", "pouch", "box", "original", "leather", "a", "an", "the", "its"})


def case_sentence(facts: RecordFacts) -> str:
    case = facts.fitted_case.strip()
    if not case:
        return ""
    first = case.split()[0].lower()
    if first == "with":
        return sentence(case)
    if first in CASE_WORDS:
        case = case[:1].lower() + case[1:]
    return sentence(f"with {case}")


def stones_sentences(facts: RecordFacts) -> list[str]:
    found = []
    for role, lead in (("principal", "the"), ("secondary", "with"), ("accent", "accented by")):
        stones = [stone for stone in ordered_stones(facts) if ROLE_ORDER.get(stone.role, 2) == ROLE_ORDER[role]]
        if not stones:
            continue
        if role == "principal":
            phrases = ["the " + stone_phrase(stone, facts.report_for(stone), with_article=False) for stone in stones]
            found.append(sentence(join_and(phrases)))
        else:
            phrases = [stone_phrase(stone, facts.report_for(stone), with_article=True) for stone in stones]
            found.append(sentence(f"{lead} {join_and(phrases)}"))
    return found


def description(facts: RecordFacts) -> str:
    """One paragraph, its sentences in the houses' order."""
    sentences = []
    kind = facts.object_type.strip()
    if facts.suite_of and kind.lower() not in SUITE_WORDS:
        sentences.append(sentence(f"comprising {kind}"))
    if facts.design_notes.strip():
        sentences.append(sentence(facts.design_notes))
    sentences += stones_sentences(facts)
    sentences += [metal_sentence(facts), measurements_sentence(facts), marks_sentence(facts), case_sentence(facts)]
    return " ".join(text for text in sentences if text)


# --- Laboratory statements, provenance ------------------------------------------------------------


def lab_name(report: ReportFacts) -> str:
    """ "the GIA", "the SSEF" for the laboratories known by initials; "Gübelin" by name."""
    code = report.lab_code.strip()
    if code and code.isupper():
        return f"the {code}"
    return report.lab_name.strip() or code


def fluorescence_words(text: str) -> str:
    text = text.strip()
    return "no" if text.lower() in ("none", "nil", "negligible") else text.lower()


def lab_statement(report: ReportFacts, stone: StoneFacts | None) -> str:
    """ "Accompanied by report no. 2185412345 dated 12 March 2024 from the GIA stating that the
    diamond weighing 3.02 carats is D colour, VVS1 clarity."""
    opening = f"Accompanied by report no. {report.number.strip()}"
    if report.date is not None:
        opening += f" dated {long_date(report.date)}"
    opening += f" from {lab_name(report)}"
    subject = (report.variety or report.species).strip().lower().removeprefix("natural ").strip()
    if not subject and stone is not None:
        subject = stone.name.removeprefix("natural ").strip()
    subject = subject or "stone"
    if report.weight_ct is not None:
        subject += f" weighing {carats(report.weight_ct)}"
    states = []
    if "pearl" in subject and reported_natural(report):
        states.append("natural")
    if report.colour.strip():
        states.append(f"{report.colour.strip()} colour")
    if report.clarity.strip():
        states.append(f"{report.clarity.strip()} clarity")
    if report.origin.strip() and "natural" not in report.origin.lower():
        states.append(f"of {report.origin.strip()} origin")
    clauses = ["is " + ", ".join(states)] if states else []
    if report.treatment.strip():
        clauses.append(("with " if clauses else "has ") + report.treatment.strip())
    if report.fluorescence.strip():
        clauses.append(("with " if clauses else "has ") + f"{fluorescence_words(report.fluorescence)} fluorescence")
    if not clauses:
        return sentence(opening)
    return sentence(f"{opening} stating that the {subject} " + ", ".join(clauses))


def lab_statements(facts: RecordFacts) -> list[str]:
    """One statement a report, in the order of the stones they are on."""
    stones = ordered_stones(facts)
    rank = {stone.position: index for index, stone in enumerate(stones)}
    by_position = {stone.position: stone for stone in stones}
    reports = sorted(
        facts.reports, key=lambda report: (rank.get(report.stone_position or -1, len(rank)), report.number)
    )
    return [lab_statement(report, by_position.get(report.stone_position or -1)) for report in reports]


def provenance(facts: RecordFacts) -> list[str]:
    """The public chain, oldest first: the owner or sale, then its date unless the wording has it."""
    lines = []
    for entry in facts.provenance:
        wording = entry.wording.strip()
        if not wording:
            continue
        when = entry.date_text.strip()
        lines.append(f"{wording}, {when}" if when and when.lower() not in wording.lower() else wording)
    return lines
