"""Hallmarks: the marks of France, Britain, Switzerland and the Hallmarking Convention, and the legal standards.

What lives where:

* ``common`` — metals, struck karats, ``Standard``, periods of use (``YearSpan``), mark kinds,
  the table row (``TableMark``) and the folding of names (accents, apostrophes).
* ``sources`` — the publications each row cites.
* ``france`` — France's guarantee marks since 1797, one row per mark and period.
* ``britain`` — British (and Dublin's) office, standard, duty and commemorative marks.
* ``convention`` — the Common Control Mark per metal and the Convention's members.
* ``switzerland`` — the St Bernard's head.
* ``standards`` — legal standards per jurisdiction and the standard a piece short of one is marked at.
* ``stamps`` — one stamp (``decode_mark``) and a UK hallmark's compulsory marks.
* ``reading`` — a set of marks read together (``read_hallmark``) and the catalogue's check of a
  stated fineness (``mark_matches_fineness``).

``parure.gemology.metals`` re-exports the names it has always had.
"""

from parure.gemology.hallmarks.britain import UK_MARKS
from parure.gemology.hallmarks.common import (
    KARAT_FINENESS,
    Country,
    MarkKind,
    MarkReading,
    Metal,
    Standard,
    TableMark,
    YearSpan,
    fineness_to_karat,
    karat_to_fineness,
    metal,
)
from parure.gemology.hallmarks.convention import CCM_MARKS, CONVENTION_MEMBERS, ConventionMember, convention_member
from parure.gemology.hallmarks.france import FRENCH_MARKS, MINERVA_DATE_LETTERS, OfficeClass
from parure.gemology.hallmarks.reading import HallmarkReading, MarkInterpretation, mark_matches_fineness, read_hallmark
from parure.gemology.hallmarks.stamps import ALL_MARKS, UkHallmarkCheck, check_uk_hallmark, decode_mark, marks_named
from parure.gemology.hallmarks.standards import (
    RULES,
    STANDARDS,
    UK_STANDARDS,
    Jurisdiction,
    LegalMarking,
    jurisdiction,
    legal_standard_for_assay,
    legal_standards,
    standard_for_assay,
)
from parure.gemology.hallmarks.switzerland import SWISS_MARKS

__all__ = [
    "ALL_MARKS",
    "CCM_MARKS",
    "CONVENTION_MEMBERS",
    "FRENCH_MARKS",
    "KARAT_FINENESS",
    "MINERVA_DATE_LETTERS",
    "RULES",
    "STANDARDS",
    "SWISS_MARKS",
    "UK_MARKS",
    "UK_STANDARDS",
    "ConventionMember",
    "Country",
    "HallmarkReading",
    "Jurisdiction",
    "LegalMarking",
    "MarkInterpretation",
    "MarkKind",
    "MarkReading",
    "Metal",
    "OfficeClass",
    "Standard",
    "TableMark",
    "UkHallmarkCheck",
    "YearSpan",
    "check_uk_hallmark",
    "convention_member",
    "decode_mark",
    "fineness_to_karat",
    "jurisdiction",
    "karat_to_fineness",
    "legal_standard_for_assay",
    "legal_standards",
    "mark_matches_fineness",
    "marks_named",
    "metal",
    "read_hallmark",
    "standard_for_assay",
]
