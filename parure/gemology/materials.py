"""The property table of materials met in jewellery, for identification and weight estimates.

Each row gives the constants a gemmologist measures: refractive index (RI) range,
birefringence, optic character and sign, specific gravity (SG), Mohs hardness and
dispersion, with the colours the material usually shows and the reference the figures come
from. Ranges are the published spread of the material, not a single specimen: where a
reference gives "1.762 (+0.009, −0.005)" the row holds 1.757–1.771.

Sources, named in each row's ``source``:

* GIA — *GIA Gem Reference Guide*, Gemological Institute of America (1995);
* Webster — R. Webster, *Gems: Their Sources, Descriptions and Identification*, 5th ed. (1994);
* Read — P. G. Read, *Gemmology*, 3rd ed. (2005).

``laboratory`` holds the question that no standard test answers (natural or synthetic,
natural or cultured, treated or not), so that identification can say "needs a laboratory"
instead of pretending to know.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from parure.gemology.errors import IdentificationError


class OpticCharacter(StrEnum):
    """How a material behaves in polarised light."""

    SINGLY_REFRACTIVE = "singly refractive"
    UNIAXIAL = "uniaxial"
    BIAXIAL = "biaxial"
    AGGREGATE = "aggregate"
    AMORPHOUS = "amorphous"
    # A polariscope reading before the conoscope has told uniaxial from biaxial.
    DOUBLY_REFRACTIVE = "doubly refractive"


class OpticSign(StrEnum):
    """The optic sign of a doubly refractive material."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    EITHER = "positive or negative"


class Origin(StrEnum):
    """Where a material comes from."""

    NATURAL = "natural"
    SYNTHETIC = "synthetic"
    ARTIFICIAL = "artificial"  # man-made, with no natural counterpart met in jewellery
    ORGANIC = "organic"


@dataclass(frozen=True)
class Interval:
    """A closed range of a property; a single published value is a range of width zero."""

    low: Decimal
    high: Decimal

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise IdentificationError(f"A range runs from low to high: {self.low} is above {self.high}.")

    @property
    def width(self) -> Decimal:
        """``high − low``."""
        return self.high - self.low

    @property
    def centre(self) -> Decimal:
        """The middle of the range."""
        return (self.low + self.high) / 2

    def distance(self, value: Decimal) -> Decimal:
        """How far ``value`` lies outside the range (zero when inside)."""
        if value < self.low:
            return self.low - value
        if value > self.high:
            return value - self.high
        return Decimal(0)

    def widened(self, tolerance: Decimal) -> "Interval":
        """The range grown by ``tolerance`` at both ends."""
        return Interval(self.low - tolerance, self.high + tolerance)

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def _range(low: str, high: str | None = None) -> Interval:
    return Interval(Decimal(low), Decimal(high if high is not None else low))


@dataclass(frozen=True)
class Material:
    """One row of the property table."""

    key: str
    name: str
    species: str
    origin: Origin
    ri: Interval
    birefringence: Interval | None  # None: singly refractive, amorphous, or not readable (aggregates)
    optic_character: OpticCharacter
    optic_sign: OpticSign | None
    sg: Interval
    sg_typical: Decimal
    hardness: Interval
    dispersion: Decimal | None  # None: not applicable (aggregates) or too variable to quote
    colours: tuple[str, ...]
    source: str
    laboratory: str | None = None
    note: str = ""

    @property
    def is_doubly_refractive(self) -> bool:
        """True for uniaxial and biaxial materials."""
        return self.optic_character in (OpticCharacter.UNIAXIAL, OpticCharacter.BIAXIAL)


_GIA = "GIA Gem Reference Guide (1995)"
_WEBSTER = "Webster, Gems, 5th ed. (1994)"
_READ = "Read, Gemmology, 3rd ed. (2005)"
_NATURAL_OR_SYNTHETIC = "natural or synthetic: needs a laboratory"

_ALL_COLOURS = (
    "colourless",
    "white",
    "yellow",
    "orange",
    "red",
    "pink",
    "purple",
    "violet",
    "blue",
    "green",
    "brown",
    "grey",
    "black",
)

# The rows are positional, in the field order of ``Material``, so that the table reads as a table.
# fmt: off
MATERIALS: tuple[Material, ...] = (
    Material(
        "diamond", "Diamond", "diamond", Origin.NATURAL, _range("2.417", "2.419"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("3.50", "3.53"), Decimal("3.52"), _range("10"),
        Decimal("0.044"), _ALL_COLOURS, f"{_GIA}; {_WEBSTER}", _NATURAL_OR_SYNTHETIC,
        "Over the limit (OTL) on a standard refractometer; a thermal or diamond tester and magnification come first.",
    ),
    Material(
        "ruby", "Ruby (corundum)", "corundum", Origin.NATURAL, _range("1.757", "1.779"), _range("0.008", "0.010"),
        OpticCharacter.UNIAXIAL, OpticSign.NEGATIVE, _range("3.95", "4.05"), Decimal("4.00"), _range("9"),
        Decimal("0.018"), ("red", "pink", "purple"), _GIA, _NATURAL_OR_SYNTHETIC,
    ),
    Material(
        "sapphire", "Sapphire (corundum)", "corundum", Origin.NATURAL, _range("1.757", "1.779"),
        _range("0.008", "0.010"), OpticCharacter.UNIAXIAL, OpticSign.NEGATIVE, _range("3.95", "4.05"),
        Decimal("4.00"), _range("9"), Decimal("0.018"),
        ("blue", "yellow", "pink", "orange", "green", "purple", "violet", "colourless", "black", "grey", "brown"),
        _GIA, _NATURAL_OR_SYNTHETIC, "Pink-to-red corundum is ruby or pink sapphire by colour alone.",
    ),
    Material(
        "synthetic-corundum", "Synthetic corundum", "corundum", Origin.SYNTHETIC, _range("1.757", "1.779"),
        _range("0.008", "0.010"), OpticCharacter.UNIAXIAL, OpticSign.NEGATIVE, _range("3.95", "4.05"),
        Decimal("4.00"), _range("9"), Decimal("0.018"),
        ("red", "pink", "blue", "yellow", "orange", "purple", "colourless", "green"), _GIA, _NATURAL_OR_SYNTHETIC,
        "Constants identical to natural corundum; curved striae and gas bubbles are seen under magnification.",
    ),
    Material(
        "emerald", "Emerald (beryl)", "beryl", Origin.NATURAL, _range("1.565", "1.602"), _range("0.005", "0.009"),
        OpticCharacter.UNIAXIAL, OpticSign.NEGATIVE, _range("2.67", "2.78"), Decimal("2.72"), _range("7.5", "8"),
        Decimal("0.014"), ("green",), f"{_GIA}; {_WEBSTER}", _NATURAL_OR_SYNTHETIC,
    ),
    Material(
        "aquamarine", "Aquamarine (beryl)", "beryl", Origin.NATURAL, _range("1.567", "1.590"),
        _range("0.004", "0.008"), OpticCharacter.UNIAXIAL, OpticSign.NEGATIVE, _range("2.66", "2.80"),
        Decimal("2.72"), _range("7.5", "8"), Decimal("0.014"), ("blue", "green"), _GIA, _NATURAL_OR_SYNTHETIC,
    ),
    Material(
        "morganite", "Morganite (beryl)", "beryl", Origin.NATURAL, _range("1.572", "1.600"), _range("0.007", "0.009"),
        OpticCharacter.UNIAXIAL, OpticSign.NEGATIVE, _range("2.71", "2.90"), Decimal("2.80"), _range("7.5", "8"),
        Decimal("0.014"), ("pink", "orange", "purple"), _GIA,
    ),
    Material(
        "alexandrite", "Alexandrite (chrysoberyl)", "chrysoberyl", Origin.NATURAL, _range("1.745", "1.759"),
        _range("0.008", "0.010"), OpticCharacter.BIAXIAL, OpticSign.POSITIVE, _range("3.70", "3.78"),
        Decimal("3.73"), _range("8.5"), Decimal("0.015"), ("green", "red", "purple", "blue"), _GIA,
        _NATURAL_OR_SYNTHETIC, "Changes colour between daylight and incandescent light.",
    ),
    Material(
        "chrysoberyl", "Chrysoberyl", "chrysoberyl", Origin.NATURAL, _range("1.745", "1.759"),
        _range("0.008", "0.010"), OpticCharacter.BIAXIAL, OpticSign.POSITIVE, _range("3.70", "3.78"),
        Decimal("3.73"), _range("8.5"), Decimal("0.015"), ("yellow", "green", "brown"), _GIA,
        note="Includes cat's-eye chrysoberyl; no colour change.",
    ),
    Material(
        "spinel", "Spinel", "spinel", Origin.NATURAL, _range("1.710", "1.735"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("3.57", "3.70"), Decimal("3.60"), _range("8"),
        Decimal("0.020"), ("red", "pink", "purple", "violet", "blue", "orange", "grey", "black"), _GIA,
        _NATURAL_OR_SYNTHETIC, "Flux-grown synthetic spinel has the constants of natural spinel.",
    ),
    Material(
        "synthetic-spinel", "Synthetic spinel (flame fusion)", "spinel", Origin.SYNTHETIC, _range("1.720", "1.740"),
        None, OpticCharacter.SINGLY_REFRACTIVE, None, _range("3.52", "3.66"), Decimal("3.64"), _range("8"),
        Decimal("0.020"), ("blue", "colourless", "pink", "red", "green", "yellow"), _GIA, _NATURAL_OR_SYNTHETIC,
        "Strong anomalous double refraction (tabby extinction) in the polariscope.",
    ),
    Material(
        "topaz", "Topaz", "topaz", Origin.NATURAL, _range("1.609", "1.643"), _range("0.008", "0.010"),
        OpticCharacter.BIAXIAL, OpticSign.POSITIVE, _range("3.49", "3.57"), Decimal("3.53"), _range("8"),
        Decimal("0.014"), ("colourless", "blue", "yellow", "orange", "brown", "pink", "red", "purple"), _GIA,
    ),
    Material(
        "tourmaline", "Tourmaline (elbaite)", "tourmaline", Origin.NATURAL, _range("1.615", "1.655"),
        _range("0.014", "0.040"), OpticCharacter.UNIAXIAL, OpticSign.NEGATIVE, _range("3.00", "3.26"),
        Decimal("3.06"), _range("7", "7.5"), Decimal("0.017"), _ALL_COLOURS, f"{_GIA}; {_WEBSTER}",
        note="Rubellite, indicolite, Paraíba-type and bicolour stones are elbaite varieties.",
    ),
    Material(
        "pyrope", "Pyrope garnet", "garnet", Origin.NATURAL, _range("1.720", "1.756"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("3.62", "3.87"), Decimal("3.78"), _range("7", "7.5"),
        Decimal("0.022"), ("red", "orange", "purple"), _GIA,
    ),
    Material(
        "almandine", "Almandine garnet", "garnet", Origin.NATURAL, _range("1.760", "1.820"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("3.93", "4.30"), Decimal("4.05"), _range("7.5"),
        Decimal("0.024"), ("red", "purple", "brown"), _GIA,
    ),
    Material(
        "spessartine", "Spessartine garnet", "garnet", Origin.NATURAL, _range("1.790", "1.814"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("4.12", "4.20"), Decimal("4.15"), _range("7", "7.5"),
        Decimal("0.027"), ("orange", "red", "brown", "yellow"), _GIA,
    ),
    Material(
        "grossular", "Grossular garnet (tsavorite, hessonite)", "garnet", Origin.NATURAL, _range("1.730", "1.760"),
        None, OpticCharacter.SINGLY_REFRACTIVE, None, _range("3.57", "3.73"), Decimal("3.61"), _range("7", "7.5"),
        Decimal("0.028"), ("green", "orange", "yellow", "brown", "colourless", "pink"), _GIA,
    ),
    Material(
        "andradite", "Andradite garnet (demantoid)", "garnet", Origin.NATURAL, _range("1.870", "1.900"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("3.81", "3.88"), Decimal("3.84"), _range("6.5", "7"),
        Decimal("0.057"), ("green", "yellow", "brown", "black"), _GIA,
        note="Over the limit on a standard refractometer; 'horsetail' inclusions mark Russian demantoid.",
    ),
    Material(
        "rhodolite", "Rhodolite garnet (pyrope-almandine)", "garnet", Origin.NATURAL, _range("1.740", "1.780"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("3.74", "3.94"), Decimal("3.84"), _range("7", "7.5"),
        Decimal("0.026"), ("purple", "red", "pink"), _GIA,
    ),
    Material(
        "zircon", "Zircon (high)", "zircon", Origin.NATURAL, _range("1.925", "1.984"), _range("0.059"),
        OpticCharacter.UNIAXIAL, OpticSign.POSITIVE, _range("4.60", "4.80"), Decimal("4.70"), _range("6.5", "7.5"),
        Decimal("0.039"), ("colourless", "blue", "yellow", "orange", "brown", "red", "green"), _GIA,
        note="Over the limit on a standard refractometer; strong doubling of back facets.",
    ),
    Material(
        "peridot", "Peridot", "olivine", Origin.NATURAL, _range("1.650", "1.690"), _range("0.035", "0.038"),
        OpticCharacter.BIAXIAL, OpticSign.EITHER, _range("3.27", "3.48"), Decimal("3.34"), _range("6.5", "7"),
        Decimal("0.020"), ("green", "yellow", "brown"), _GIA,
    ),
    Material(
        "tanzanite", "Tanzanite (zoisite)", "zoisite", Origin.NATURAL, _range("1.686", "1.705"),
        _range("0.008", "0.013"), OpticCharacter.BIAXIAL, OpticSign.POSITIVE, _range("3.25", "3.40"),
        Decimal("3.35"), _range("6", "7"), Decimal("0.019"), ("blue", "violet", "purple"), _GIA,
    ),
    Material(
        "amethyst", "Amethyst (quartz)", "quartz", Origin.NATURAL, _range("1.544", "1.553"), _range("0.009"),
        OpticCharacter.UNIAXIAL, OpticSign.POSITIVE, _range("2.64", "2.69"), Decimal("2.66"), _range("7"),
        Decimal("0.013"), ("purple", "violet"), _GIA, _NATURAL_OR_SYNTHETIC,
    ),
    Material(
        "citrine", "Citrine (quartz)", "quartz", Origin.NATURAL, _range("1.544", "1.553"), _range("0.009"),
        OpticCharacter.UNIAXIAL, OpticSign.POSITIVE, _range("2.64", "2.69"), Decimal("2.66"), _range("7"),
        Decimal("0.013"), ("yellow", "orange", "brown"), _GIA, _NATURAL_OR_SYNTHETIC,
    ),
    Material(
        "rock-crystal", "Rock crystal (quartz)", "quartz", Origin.NATURAL, _range("1.544", "1.553"), _range("0.009"),
        OpticCharacter.UNIAXIAL, OpticSign.POSITIVE, _range("2.64", "2.69"), Decimal("2.66"), _range("7"),
        Decimal("0.013"), ("colourless",), _GIA, _NATURAL_OR_SYNTHETIC,
    ),
    Material(
        "chalcedony", "Chalcedony (microcrystalline quartz)", "quartz", Origin.NATURAL, _range("1.530", "1.540"), None,
        OpticCharacter.AGGREGATE, None, _range("2.58", "2.64"), Decimal("2.60"), _range("6.5", "7"), None,
        ("blue", "white", "grey", "green", "red", "orange", "brown", "black"), _GIA,
        note="Agate, carnelian, chrysoprase and onyx are chalcedony; a spot reading near 1.53–1.54.",
    ),
    Material(
        "opal", "Opal", "opal", Origin.NATURAL, _range("1.370", "1.470"), None, OpticCharacter.AMORPHOUS, None,
        _range("1.98", "2.23"), Decimal("2.15"), _range("5.5", "6.5"), None,
        ("white", "black", "orange", "yellow", "red", "blue", "green", "colourless"), _GIA, _NATURAL_OR_SYNTHETIC,
        "Doublets and triplets are common; look at the side of the stone.",
    ),
    Material(
        "jadeite", "Jadeite jade", "jadeite", Origin.NATURAL, _range("1.652", "1.688"), None, OpticCharacter.AGGREGATE,
        None, _range("3.30", "3.38"), Decimal("3.34"), _range("6.5", "7"), None,
        ("green", "purple", "white", "black", "yellow", "orange", "red", "brown"), _GIA,
        "untreated (type A) or bleached and impregnated (type B): needs a laboratory",
        "A spot reading near 1.66.",
    ),
    Material(
        "nephrite", "Nephrite jade", "nephrite", Origin.NATURAL, _range("1.600", "1.627"), None,
        OpticCharacter.AGGREGATE, None, _range("2.90", "3.03"), Decimal("2.95"), _range("6", "6.5"), None,
        ("green", "white", "black", "grey", "brown", "yellow"), _GIA, note="A spot reading near 1.61.",
    ),
    Material(
        "turquoise", "Turquoise", "turquoise", Origin.NATURAL, _range("1.610", "1.650"), None,
        OpticCharacter.AGGREGATE, None, _range("2.31", "2.90"), Decimal("2.76"), _range("5", "6"), None,
        ("blue", "green"), _GIA, "natural, treated or synthetic (Gilson): needs a laboratory",
    ),
    Material(
        "lapis-lazuli", "Lapis lazuli", "lapis lazuli (rock)", Origin.NATURAL, _range("1.500", "1.670"), None,
        OpticCharacter.AGGREGATE, None, _range("2.50", "3.00"), Decimal("2.75"), _range("5", "6"), None,
        ("blue",), f"{_GIA}; {_READ}", "natural, dyed or imitation (Gilson): needs a laboratory",
        "A rock: lazurite with calcite and pyrite; a vague spot reading near 1.50.",
    ),
    Material(
        "pearl", "Pearl", "pearl", Origin.ORGANIC, _range("1.530", "1.685"), None, OpticCharacter.AGGREGATE, None,
        _range("2.60", "2.85"), Decimal("2.71"), _range("2.5", "4.5"), None,
        ("white", "pink", "grey", "black", "yellow", "orange", "purple", "green", "blue"), f"{_GIA}; {_WEBSTER}",
        "natural or cultured: needs a laboratory (X-radiography)",
        "Aragonite aggregate: the refractometer shows a birefringence 'blink' rather than two clear edges.",
    ),
    Material(
        "coral", "Coral (calcareous)", "coral", Origin.ORGANIC, _range("1.486", "1.658"), None,
        OpticCharacter.AGGREGATE, None, _range("2.60", "2.70"), Decimal("2.65"), _range("3", "4"), None,
        ("red", "pink", "orange", "white"), _GIA, "natural or dyed: needs a laboratory",
    ),
    Material(
        "amber", "Amber", "amber", Origin.ORGANIC, _range("1.539", "1.545"), None, OpticCharacter.AMORPHOUS, None,
        _range("1.05", "1.10"), Decimal("1.08"), _range("2", "2.5"), None,
        ("yellow", "orange", "brown", "red", "white", "green"), _GIA,
        note="Floats in saturated salt water; copal and plastics are the usual imitations.",
    ),
    Material(
        "moonstone", "Moonstone (orthoclase feldspar)", "feldspar", Origin.NATURAL, _range("1.518", "1.526"),
        _range("0.005", "0.008"), OpticCharacter.BIAXIAL, OpticSign.NEGATIVE, _range("2.56", "2.59"),
        Decimal("2.57"), _range("6", "6.5"), Decimal("0.012"), ("colourless", "white", "grey", "orange", "blue"),
        _GIA,
    ),
    Material(
        "iolite", "Iolite (cordierite)", "cordierite", Origin.NATURAL, _range("1.540", "1.560"),
        _range("0.008", "0.012"), OpticCharacter.BIAXIAL, OpticSign.EITHER, _range("2.58", "2.66"), Decimal("2.61"),
        _range("7", "7.5"), Decimal("0.017"), ("blue", "violet", "purple"), _GIA,
        note="Strongly pleochroic: violet-blue, grey and yellowish.",
    ),
    Material(
        "kunzite", "Kunzite (spodumene)", "spodumene", Origin.NATURAL, _range("1.655", "1.681"),
        _range("0.014", "0.016"), OpticCharacter.BIAXIAL, OpticSign.POSITIVE, _range("3.15", "3.21"),
        Decimal("3.18"), _range("6.5", "7"), Decimal("0.017"), ("pink", "purple", "violet"), _GIA,
    ),
    Material(
        "cubic-zirconia", "Cubic zirconia", "cubic zirconia", Origin.ARTIFICIAL, _range("2.150", "2.180"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("5.60", "6.00"), Decimal("5.80"), _range("8", "8.5"),
        Decimal("0.060"), _ALL_COLOURS, _GIA, note="Over the limit on a standard refractometer.",
    ),
    Material(
        "synthetic-moissanite", "Synthetic moissanite", "moissanite", Origin.SYNTHETIC, _range("2.648", "2.691"),
        _range("0.043"), OpticCharacter.UNIAXIAL, OpticSign.POSITIVE, _range("3.20", "3.24"), Decimal("3.22"),
        _range("9.25"), Decimal("0.104"), ("colourless", "green", "yellow", "grey", "blue"), f"{_GIA}; {_READ}",
        note="Passes a thermal diamond tester; doubled facet junctions under magnification.",
    ),
    Material(
        "yag", "YAG (yttrium aluminium garnet)", "YAG", Origin.ARTIFICIAL, _range("1.830", "1.835"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("4.50", "4.60"), Decimal("4.55"), _range("8", "8.5"),
        Decimal("0.028"), ("colourless", "green", "blue", "pink", "red", "yellow"), _GIA,
    ),
    Material(
        "ggg", "GGG (gadolinium gallium garnet)", "GGG", Origin.ARTIFICIAL, _range("1.970", "2.030"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("6.95", "7.09"), Decimal("7.05"), _range("6", "7"),
        Decimal("0.045"), ("colourless", "brown", "yellow", "red"), _GIA,
    ),
    Material(
        "glass", "Glass", "glass", Origin.ARTIFICIAL, _range("1.470", "1.700"), None, OpticCharacter.AMORPHOUS, None,
        _range("2.30", "4.50"), Decimal("2.50"), _range("5", "6"), None, _ALL_COLOURS, f"{_GIA}; {_WEBSTER}",
        note="Dispersion varies with composition (about 0.009 to 0.098); gas bubbles and swirls.",
    ),
    Material(
        "synthetic-rutile", "Synthetic rutile", "rutile", Origin.SYNTHETIC, _range("2.616", "2.903"),
        _range("0.287"), OpticCharacter.UNIAXIAL, OpticSign.POSITIVE, _range("4.25", "4.27"), Decimal("4.26"),
        _range("6", "6.5"), Decimal("0.330"), ("colourless", "yellow", "blue", "red", "orange"), _GIA,
        note="Extreme fire and doubling; natural rutile is not cut as a transparent gem.",
    ),
    Material(
        "strontium-titanate", "Strontium titanate", "strontium titanate", Origin.ARTIFICIAL, _range("2.409"), None,
        OpticCharacter.SINGLY_REFRACTIVE, None, _range("5.10", "5.15"), Decimal("5.13"), _range("5", "6"),
        Decimal("0.190"), ("colourless",), _GIA,
    ),
)
# fmt: on


def material(key: str) -> Material:
    """The row for ``key`` (e.g. "ruby", "synthetic-spinel"), or a refusal listing the keys."""
    wanted = key.strip().lower().replace(" ", "-")
    for row in MATERIALS:
        if row.key == wanted:
            return row
    raise IdentificationError(
        f"‘{key.strip()}’ is not a material in the table; known materials are {', '.join(m.key for m in MATERIALS)}."
    )
