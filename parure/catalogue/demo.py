"""Demonstration catalogue records (``parure demo``, after the inventory's pieces).

The department's showpieces get full records written through the record's services, each on a
demo piece of the right kind: a Cartier Art Deco sapphire ring, a natural pearl necklace, a Van
Cleef & Arpels Mystery-Set clip, a Belle Époque tiara, a ruby parure, a pair of emerald ear
pendants, a bow brooch attributed to Chaumet, a signed JAR pendant, a Graff diamond with its
report, a Burmese ruby, a Colombian emerald and a fancy yellow diamond. Some carry flags (one
answered by a senior); a further set of pieces has records only as the intake sheet prefilled them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from parure.catalogue import validation
from parure.catalogue.models import CatalogueRecord
from parure.catalogue.services import records as services
from parure.catalogue.services.records import MakerInput, MetalInput, ProvenanceInput, ReferenceInput, StoneInput
from parure.core.models import Staff
from parure.inventory import queries as inventory

D = Decimal
PREFILLED_ONLY = 24


@dataclass
class Showpiece:
    title: str  # the demo piece's title at intake, matched word for word
    fields: dict[str, Any]
    metals: list[MetalInput] = field(default_factory=list)
    stones: list[StoneInput] = field(default_factory=list)
    makers: list[MakerInput] = field(default_factory=list)
    provenance: list[ProvenanceInput] = field(default_factory=list)
    references: list[ReferenceInput] = field(default_factory=list)
    override: tuple[str, str] | None = None  # (flag key, a senior's reason)


def _fields(**values: Any) -> dict[str, Any]:
    return values


SHOWPIECES: list[Showpiece] = [
    Showpiece(
        "Sapphire and diamond ring",
        _fields(
            object_type="ring",
            form="bombé",
            date_text="circa 1925",
            year_from=1920,
            year_to=1930,
            circa=True,
            period="art-deco",
            ring_size="6",
            ring_size_system="us",
            gross_weight_g=D("6.40"),
            signature="Cartier Paris",
            serial_number="01234",
            workshop_number="2517",
            fitted_case="Fitted case by Cartier",
            design_notes="Of bombé design, set to the centre with a cushion-shaped sapphire between pear-shaped "
            "diamond shoulders, the gallery pierced with geometric openwork",
        ),
        metals=[MetalInput(metal="platinum", fineness=950, marks="PT950")],
        stones=[
            StoneInput(
                species="corundum",
                variety="sapphire",
                cut="cushion",
                shape="cushion",
                length_mm=D("10.20"),
                width_mm=D("8.15"),
                depth_mm=D("5.02"),
                weight_ct=D("4.12"),
                weight_basis="report",
                origin="Kashmir",
                treatment="no indications of heating",
            ),
            StoneInput(
                species="diamond",
                role="secondary",
                cut="brilliant",
                shape="pear",
                count=2,
                weight_ct=D("0.80"),
                weight_basis="estimated",
                colour="F-G",
                clarity="VS1-VS2",
                as_gauged=True,
            ),
        ],
        makers=[MakerInput(name="Cartier")],
        provenance=[
            ProvenanceInput(owner="Mrs Harrison Williams", date_text="by 1930", source="Cartier archives"),
            ProvenanceInput(owner="Christie's Geneva, 17 May 1987, lot 412", is_sale=True, date_text="17 May 1987"),
            ProvenanceInput(
                owner="Mrs Catherine Vandermeer",
                confidential=True,
                public_wording="A private collection, New York",
                source="The consignor",
            ),
        ],
        references=[
            ReferenceInput(
                kind="literature", text="H. Nadelhoffer, Cartier: Jewelers Extraordinary, London, 1984, p. 187"
            )
        ],
    ),
    Showpiece(
        "Natural pearl and diamond necklace",
        _fields(
            object_type="necklace",
            form="single row",
            date_text="circa 1910",
            year_from=1905,
            year_to=1915,
            circa=True,
            period="edwardian",
            length_mm=D("420.00"),
            gross_weight_g=D("28.10"),
            fitted_case="Fitted case by Hennell",
            design_notes="Composed of a single row of forty-one graduated natural pearls, to an old mine-cut "
            "diamond clasp",
        ),
        metals=[MetalInput(metal="platinum", fineness=950, part="the clasp")],
        stones=[
            StoneInput(
                species="pearl", cut="round", count=41, treatment="natural, saltwater, no indications of treatment"
            ),
            StoneInput(
                species="diamond",
                role="accent",
                cut="old mine",
                shape="cushion",
                weight_ct=D("0.70"),
                weight_basis="estimated",
                colour="I-J",
                clarity="SI1",
                as_gauged=True,
            ),
        ],
        provenance=[
            ProvenanceInput(
                owner="By descent in the family of the present owner",
                confidential=True,
                public_wording="A European noble family",
            )
        ],
    ),
    Showpiece(
        "Diamond clip brooch",
        _fields(
            object_type="clip brooch",
            form="Mystery-Set leaf",
            date_text="circa 1950",
            year_from=1945,
            year_to=1955,
            circa=True,
            period="retro",
            length_mm=D("52.00"),
            gross_weight_g=D("24.60"),
            signature="Van Cleef & Arpels, NY",
            serial_number="NY 36789",
            maker_marks="maker's mark VCA",
            design_notes="Designed as a stylised leaf, the blade Mystery-Set with calibré-cut sapphires, the "
            "veins and stem set with baguette and round diamonds",
        ),
        metals=[
            MetalInput(metal="platinum", fineness=950),
            MetalInput(metal="gold", colour="yellow", fineness=750, marks="18K", part="the clip"),
        ],
        stones=[
            StoneInput(
                species="corundum",
                variety="sapphire",
                cut="calibré",
                shape="square",
                count=120,
                weight_ct=D("6.50"),
                weight_basis="estimated",
            ),
            StoneInput(
                species="diamond",
                role="secondary",
                cut="baguette and round",
                count=86,
                weight_ct=D("7.80"),
                weight_basis="estimated",
                colour="F-G",
                clarity="VS",
                as_gauged=True,
            ),
        ],
        makers=[MakerInput(name="Van Cleef & Arpels")],
        references=[ReferenceInput(kind="exhibition", text="Van Cleef & Arpels: Time, Nature, Love, Singapore, 2019")],
    ),
    Showpiece(
        "Edwardian diamond tiara",
        _fields(
            object_type="tiara",
            form="garland",
            date_text="circa 1905",
            year_from=1900,
            year_to=1910,
            circa=True,
            period="edwardian",
            width_mm=D("165.00"),
            gross_weight_g=D("92.00"),
            fitted_case="Fitted case",
            design_notes="Of garland design, the graduated laurel swags and bows millegrain-set with old "
            "mine-cut diamonds, mounted on a later frame, convertible to a necklace",
        ),
        metals=[MetalInput(metal="silver", part="the top"), MetalInput(metal="gold", colour="yellow", part="the back")],
        stones=[
            StoneInput(species="diamond", cut="old mine", count=210, weight_ct=D("28.00"), weight_basis="estimated")
        ],
        provenance=[
            ProvenanceInput(owner="The Countess of Derwent", date_text="1905", source="Family inventory, 1911")
        ],
    ),
    Showpiece(
        "Ruby and diamond parure",
        _fields(
            object_type="suite",
            suite_of=4,
            date_text="1960s",
            year_from=1960,
            year_to=1969,
            period="mid-century",
            gross_weight_g=D("118.40"),
            design_notes="Comprising a necklace, a bracelet and a pair of ear clips, each of cluster design set "
            "with oval rubies within round brilliant-cut diamond surrounds",
        ),
        metals=[MetalInput(metal="gold", colour="white", fineness=750, marks="750")],
        stones=[
            StoneInput(
                species="corundum",
                variety="ruby",
                cut="oval",
                shape="oval",
                count=38,
                weight_ct=D("24.00"),
                weight_basis="estimated",
                origin="Burma",
            ),
            StoneInput(
                species="diamond",
                role="secondary",
                cut="brilliant",
                shape="round",
                count=160,
                weight_ct=D("18.00"),
                weight_basis="estimated",
                colour="G-H",
                clarity="VS",
                as_gauged=True,
            ),
        ],
    ),
    Showpiece(
        "Pair of emerald and diamond ear pendants",
        _fields(
            object_type="pair of ear pendants",
            is_pair=True,
            date_text="circa 1970",
            year_from=1965,
            year_to=1975,
            circa=True,
            period="modern",
            length_mm=D("48.00"),
            gross_weight_g=D("14.20"),
            design_notes="Each drop-shaped emerald suspended from a line of round brilliant-cut diamonds",
        ),
        metals=[MetalInput(metal="platinum", fineness=950)],
        stones=[
            StoneInput(
                species="beryl",
                variety="emerald",
                cut="drop",
                shape="pear",
                count=2,
                weight_ct=D("6.10"),
                weight_basis="report",
                origin="Colombia",
                treatment="minor clarity enhancement",
            ),
            StoneInput(
                species="diamond",
                role="secondary",
                cut="brilliant",
                shape="round",
                count=40,
                weight_ct=D("2.20"),
                weight_basis="estimated",
            ),
        ],
    ),
    Showpiece(
        "Belle Époque diamond bow brooch",
        _fields(
            object_type="brooch",
            form="bow",
            date_text="circa 1885",
            year_from=1885,
            year_to=1885,
            circa=True,
            period="edwardian",
            length_mm=D("61.00"),
            gross_weight_g=D("18.30"),
            design_notes="Designed as a ribbon bow, pavé-set with old mine-cut diamonds, with millegrain edges",
        ),
        metals=[
            MetalInput(metal="platinum"),
            MetalInput(metal="gold", colour="yellow", fineness=750, marks="eagle's head"),
        ],
        stones=[StoneInput(species="diamond", cut="old mine", count=54, weight_ct=D("4.60"), weight_basis="estimated")],
        makers=[MakerInput(name="Chaumet", attribution="attributed")],
        override=(
            "period-vs-date:record",
            "The garland style began in Paris c.1895; the house dates this bow to its first years.",
        ),
    ),
    Showpiece(
        "Opal and diamond pendant",
        _fields(
            object_type="pendant",
            date_text="2004",
            year_from=2004,
            year_to=2004,
            period="contemporary",
            length_mm=D("55.00"),
            gross_weight_g=D("21.70"),
            signature="JAR Paris",
            design_notes="Set with a cabochon black opal within a surround of rose-cut diamonds, the reverse "
            "with patinated metal",
        ),
        metals=[
            MetalInput(metal="gold", colour="yellow", fineness=750, marks="750, eagle's head"),
            MetalInput(metal="silver"),
        ],
        stones=[
            StoneInput(species="opal", cut="cabochon", weight_ct=D("12.30"), weight_basis="estimated"),
            StoneInput(
                species="diamond", role="secondary", cut="rose", count=22, weight_ct=D("0.90"), weight_basis="estimated"
            ),
        ],
        makers=[MakerInput(name="JAR")],
    ),
    Showpiece(
        "Diamond single-stone ring",
        _fields(
            object_type="ring",
            date_text="2019",
            year_from=2019,
            year_to=2019,
            period="contemporary",
            ring_size="M",
            ring_size_system="uk",
            gross_weight_g=D("5.10"),
            signature="Graff",
            serial_number="GR 41287",
            fitted_case="Fitted case by Graff",
        ),
        metals=[MetalInput(metal="platinum", fineness=950, marks="PT950")],
        stones=[
            StoneInput(
                species="diamond",
                cut="brilliant",
                shape="round",
                length_mm=D("9.36"),
                width_mm=D("9.32"),
                depth_mm=D("5.70"),
                weight_ct=D("3.02"),
                weight_basis="report",
                colour="D",
                clarity="VVS1",
                cut_grade="Excellent",
                fluorescence="None",
            )
        ],
        makers=[MakerInput(name="Graff")],
    ),
    Showpiece(
        "Burmese ruby and diamond ring",
        _fields(
            object_type="ring",
            date_text="circa 1935",
            year_from=1930,
            year_to=1940,
            circa=True,
            period="art-deco",
            ring_size="53",
            ring_size_system="eu",
            gross_weight_g=D("4.80"),
        ),
        metals=[MetalInput(metal="gold", colour="white", fineness=750, marks="750")],
        stones=[
            StoneInput(
                species="corundum",
                variety="ruby",
                cut="oval",
                shape="oval",
                length_mm=D("8.40"),
                width_mm=D("6.90"),
                depth_mm=D("4.10"),
                weight_ct=D("2.05"),
                weight_basis="report",
                origin="Burma (Myanmar)",
                treatment="no indications of heating",
            ),
            StoneInput(
                species="diamond",
                role="secondary",
                cut="brilliant",
                shape="pear",
                count=2,
                weight_ct=D("0.80"),
                weight_basis="estimated",
            ),
        ],
    ),
    Showpiece(
        "Colombian emerald and diamond ring",
        _fields(
            object_type="ring",
            date_text="1950s",
            year_from=1950,
            year_to=1959,
            period="mid-century",
            ring_size="6½",
            ring_size_system="us",
            gross_weight_g=D("7.20"),
        ),
        metals=[MetalInput(metal="platinum", fineness=950, marks="PT900")],
        stones=[
            # Stated heavier than its measurements allow, and marked PT900 on a 950 mount: the demo's open flags.
            StoneInput(
                species="beryl",
                variety="emerald",
                cut="step",
                shape="emerald",
                length_mm=D("10.10"),
                width_mm=D("8.00"),
                depth_mm=D("5.20"),
                weight_ct=D("4.40"),
                weight_basis="estimated",
                origin="Colombia",
                treatment="minor clarity enhancement",
            ),
            StoneInput(
                species="diamond",
                role="secondary",
                cut="baguette",
                count=2,
                weight_ct=D("0.50"),
                weight_basis="estimated",
            ),
        ],
    ),
    Showpiece(
        "Fancy intense yellow diamond ring",
        _fields(
            object_type="ring",
            date_text="2010",
            year_from=2010,
            year_to=2010,
            period="contemporary",
            ring_size="6",
            ring_size_system="us",
            gross_weight_g=D("6.90"),
        ),
        metals=[
            MetalInput(metal="gold", colour="yellow", fineness=750, part="the collet"),
            MetalInput(metal="platinum", fineness=950),
        ],
        stones=[
            StoneInput(
                species="diamond",
                cut="radiant",
                shape="radiant",
                weight_ct=D("5.01"),
                weight_basis="report",
                colour="Fancy Intense Yellow",
                clarity="VS2",
            ),
            StoneInput(
                species="diamond",
                role="secondary",
                cut="brilliant",
                shape="round",
                count=30,
                weight_ct=D("0.90"),
                weight_basis="estimated",
            ),
        ],
    ),
]


def _author(item: Any) -> Staff:
    people = Staff.objects.filter(is_active=True, office_id=item.office_id)
    found = (
        people.filter(role="senior_specialist").order_by("pk").first()
        or Staff.objects.filter(is_active=True, role="senior_specialist").order_by("pk").first()
    )
    if found is None:
        raise LookupError("The demo department has no senior specialist to write its catalogue records.")
    return found


def _unrecorded(title: str) -> Any:
    for item in inventory.items(inventory.ItemFilters(text=title)).order_by("pk"):
        if item.title == title and not CatalogueRecord.objects.filter(item_id=item.pk).exists():
            return item
    return None


def build(say: Callable[[str], None] = lambda line: None) -> None:
    """Records of the demo pieces (skipped when records already exist)."""
    if CatalogueRecord.objects.exists():
        say("  catalogue already has records; left as they are")
        return
    made = 0
    for showpiece in SHOWPIECES:
        item = _unrecorded(showpiece.title)
        if item is None:
            say(f"  catalogue: no demo piece ‘{showpiece.title}’; its record is skipped")
            continue
        by = _author(item)
        record = services.record_open(item=item, by=by)
        record = services.record_save(
            record=record,
            expected_version=record.version,
            fields=showpiece.fields,
            metals=showpiece.metals,
            stones=showpiece.stones,
            makers=showpiece.makers,
            provenance=showpiece.provenance,
            references=showpiece.references,
            by=by,
        )
        if showpiece.override is not None:
            key, reason = showpiece.override
            if any(flag.key == key for flag in validation.open_flags(record)):
                services.flag_override(record=record, key=key, reason=reason, by=by)
        made += 1
    prefilled = 0
    for item in inventory.items().filter(catalogue_record__isnull=True).order_by("pk")[:PREFILLED_ONLY]:
        services.record_open(item=item, by=_author(item))
        prefilled += 1
    say(f"  {made} catalogue records written in full, {prefilled} opened from their intake sheets")
