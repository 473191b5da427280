"""Every refusal of the gemology tools, once: what was typed, the field it lands on, the sentence.

The page tests submit each case through its tool's form; the API tests send the same input to
the matching operation. Both must show the same sentence on the same field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from parure.research.gemology_tools import split_marks, split_readings

TOOL_PAGES = {
    "estimate": "/research/gemology/weight/",
    "reported": "/research/gemology/weight/",
    "convert": "/research/gemology/weight/",
    "identify": "/research/gemology/identify/",
    "grades": "/research/gemology/grades/",
    "fineness": "/research/gemology/metals/",
    "mark": "/research/gemology/metals/",
    "hallmark": "/research/gemology/metals/",
    "fine_content": "/research/gemology/metals/",
    "periods": "/research/gemology/periods/",
    "ring_sizes": "/research/gemology/ring-sizes/",
}
API = "/api/v1/research/gemology"

ROUND = {"shape": "round brilliant", "length_mm": "6.5", "width_mm": "6.5", "depth_mm": "3.9"}
MATERIAL_KEYS = (
    "diamond, ruby, sapphire, synthetic-corundum, emerald, aquamarine, morganite, alexandrite, chrysoberyl, "
    "spinel, synthetic-spinel, topaz, tourmaline, pyrope, almandine, spessartine, grossular, andradite, rhodolite, "
    "zircon, peridot, tanzanite, amethyst, citrine, rock-crystal, chalcedony, opal, jadeite, nephrite, turquoise, "
    "lapis-lazuli, pearl, coral, amber, moonstone, iolite, kunzite, cubic-zirconia, synthetic-moissanite, yag, ggg, "
    "glass, synthetic-rutile, strontium-titanate"
)
MARKS_KNOWN = (
    "is not a mark this decoder knows. It reads fineness numbers (375 … 999), karat stamps (9ct, 14K, 18KT), PLAT, "
    "PT950, PD500, STERLING, the pictorial marks (leopard's head, anchor, rose, crown, castle, lion passant, "
    "lion rampant, britannia, orb, pallas athene, eagle's head, minerva head, common control mark), ‘sponsor XY’ "
    "and ‘date letter x’."
)


@dataclass(frozen=True)
class Refusal:
    tool: str
    typed: dict[str, str]
    field: str | None
    message: str
    # Which API operation answers it, when the tool has two (grades: parse or compare).
    operation: str = ""
    id: str = field(default="", compare=False)


def _r(tool: str, typed: dict[str, str], field_name: str | None, message: str, operation: str = "") -> Refusal:
    return Refusal(tool, typed, field_name, message, operation, id=f"{tool}-{field_name}-{message[:40]}")


REFUSALS: list[Refusal] = [
    # --- weight estimate ---
    _r("estimate", {**ROUND, "length_mm": "-5"}, "length_mm", "The length must be greater than zero; -5 was given."),
    _r(
        "estimate",
        {**ROUND, "length_mm": "2000", "width_mm": ""},
        "length_mm",
        "The length of 2000 mm is over 100 mm; check the measurement.",
    ),
    _r(
        "estimate",
        {**ROUND, "depth_mm": "7"},
        "depth_mm",
        "A round brilliant cannot be deeper (7 mm) than its diameter (6.5 mm); check the depth.",
    ),
    _r("estimate", {**ROUND, "width_mm": "abc"}, "width_mm", "The width: ‘abc’ is not a number."),
    _r(
        "estimate",
        {**ROUND, "width_mm": "6.0"},
        "width_mm",
        "Diameters of 6.0 and 6.5 mm differ by more than 5%: that is not a round brilliant; measure again or "
        "estimate it as an oval.",
    ),
    _r(
        "estimate",
        {**ROUND, "shape": "hexagon"},
        "shape",
        "‘hexagon’ is not a shape with a published estimation formula; shapes are round brilliant, oval, pear, "
        "marquise, heart, emerald, asscher, radiant, princess, cushion, baguette, triangle.",
    ),
    _r(
        "estimate",
        {"shape": "pear", "length_mm": "5", "width_mm": "6", "depth_mm": "3"},
        "length_mm",
        "The length of a pear is its longer side: 5 mm is less than the width 6 mm.",
    ),
    _r(
        "estimate",
        {"shape": "pear", "length_mm": "20", "width_mm": "5", "depth_mm": "3"},
        "length_mm",
        "A length-to-width ratio of 4.00 is outside the pear table (1.25 to 2.00); check the measurements or the shape.",
    ),
    _r(
        "estimate",
        {"shape": "princess", "length_mm": "8", "width_mm": "5", "depth_mm": "3"},
        "shape",
        "A princess is square; at a length-to-width ratio of 1.60 (over 1.10) estimate it as a radiant.",
    ),
    _r(
        "estimate",
        {"shape": "oval", "length_mm": "8", "width_mm": "", "depth_mm": "3"},
        "width_mm",
        "An oval needs its width as well as its length.",
    ),
    _r(
        "estimate",
        {**ROUND, "depth_mm": ""},
        "depth_mm",
        "Give the depth in millimetres, table to culet.",
    ),
    _r(
        "estimate",
        {**ROUND, "girdle": "slightly thick to very thick"},
        "girdle",
        "A slightly thick to very thick girdle is not in the girdle table this estimate follows (Gemgate/Adamas); "
        "judge the adjustment and give it as girdle_correction (e.g. 1.05 for +5%).",
    ),
    _r(
        "estimate",
        {**ROUND, "girdle_correction": "2"},
        "girdle_correction",
        "The girdle correction must lie between 0.90 and 1.20 (a multiplier); 2 was given.",
    ),
    _r(
        "estimate",
        {**ROUND, "shape_correction": "1.5"},
        "shape_correction",
        "The shape correction must lie between 1.00 and 1.10 (a multiplier); 1.5 was given.",
    ),
    _r(
        "estimate",
        {**ROUND, "material": "unobtainium"},
        "material",
        f"‘unobtainium’ is not a material in the table; known materials are {MATERIAL_KEYS}.",
    ),
    _r(
        "estimate",
        {"shape": "pear", "length_mm": "8", "width_mm": "5", "depth_mm": "3", "tapered_width_mm": "3"},
        "tapered_width_mm",
        "Only a baguette has a tapered width; leave tapered_width_mm out for a pear.",
    ),
    _r(
        "estimate",
        {"shape": "baguette", "length_mm": "6", "width_mm": "3", "depth_mm": "2", "tapered_width_mm": "4"},
        "tapered_width_mm",
        "The narrow end (4 mm) of a tapered baguette cannot exceed its width.",
    ),
    # --- weighing and units ---
    _r(
        "reported",
        {"weighed_ct": "0"},
        "weighed_ct",
        "Measured weight in carats must be greater than zero; 0 was given.",
    ),
    _r(
        "reported",
        {"weighed_ct": "1e30"},
        "weighed_ct",
        "Measured weight in carats: ‘1e30’ is too large to be a measurement.",
    ),
    _r("reported", {"weighed_ct": ""}, "weighed_ct", "Give the weight read on the balance, in carats."),
    _r("convert", {"amount": "-1", "unit": "g"}, "amount", "Weight in grams cannot be negative; -1 was given."),
    _r("convert", {"amount": "x", "unit": "ct"}, "amount", "Weight in carats: ‘x’ is not a number."),
    _r(
        "convert",
        {"amount": "9e999999", "unit": "g"},
        "amount",
        "Weight in grams: ‘9e999999’ is too large to be a measurement.",
    ),
    _r(
        "convert",
        {"amount": "1", "unit": "oz"},
        "unit",
        "‘oz’ is not a weight unit; units are ct (carats), g (grams), pt (points) and gr (pearl grains).",
    ),
    # --- identification ---
    _r(
        "identify",
        {"ri": "3.5"},
        "ri",
        "An RI of 3.5 matches no material in the table (±0.005); the nearest is synthetic rutile (2.616–2.903) below. "
        "Check the reading: a standard refractometer reads only up to about 1.81.",
    ),
    _r("identify", {"ri": "1.762 abc"}, "ri", "RI reading: ‘abc’ is not a number."),
    _r(
        "identify",
        {"ri": "1.5 1.9"},
        "ri",
        "A birefringence of 0.4 is outside every material in the table.",
    ),
    _r(
        "identify",
        {"birefringence": "0.5"},
        "birefringence",
        "A birefringence of 0.5 is outside every material in the table.",
    ),
    _r(
        "identify",
        {"sg": "40"},
        "sg",
        "An SG of 40 is heavier than any material in the table (heaviest: ggg (gadolinium gallium garnet), 6.95–7.09).",
    ),
    _r(
        "identify",
        {"sg": "0.5"},
        "sg",
        "An SG of 0.5 is lighter than any material in the table (lightest: amber, 1.05–1.10).",
    ),
    _r("identify", {"hardness": "11"}, "hardness", "Mohs hardness runs from 1 to 10; 11 was given."),
    _r(
        "identify",
        {"optic_character": "cloudy"},
        "optic_character",
        "‘cloudy’ is not one of: singly refractive, uniaxial, biaxial, aggregate, amorphous, doubly refractive.",
    ),
    _r(
        "identify",
        {"ri": ""},
        None,
        "Give at least one reading (RI, birefringence, SG, optic character, hardness or colour).",
    ),
    # --- grades ---
    _r(
        "grades",
        {"scale": "colour", "grade": "AA"},
        "grade",
        "‘AA’ is not a colour grade; valid grades are the letters D to Z (D is the best); deeper colour is graded as "
        "a fancy colour.",
        "parse",
    ),
    _r(
        "grades",
        {"scale": "colour", "grade": "-"},
        "grade",
        "‘-’ names no colour grade; valid grades are the letters D to Z (D is the best); deeper colour is graded as "
        "a fancy colour.",
        "parse",
    ),
    _r(
        "grades",
        {"scale": "clarity", "grade": "VS5"},
        "grade",
        "‘VS5’ is not a clarity grade; valid grades are FL, IF, VVS1, VVS2, VS1, VS2, SI1, SI2, I1, I2, I3.",
        "parse",
    ),
    _r(
        "grades",
        {"scale": "cut", "grade": "superb"},
        "grade",
        "‘superb’ is not a cut grade; valid grades are Excellent, Very Good, Good, Fair, Poor.",
        "parse",
    ),
    _r(
        "grades",
        {"scale": "fluorescence", "grade": "glowing"},
        "grade",
        "‘glowing’ is not a fluorescence grade; valid intensities are None, Faint, Medium, Strong, Very Strong, "
        "optionally followed by a colour (blue, yellow, white, green, orange, red).",
        "parse",
    ),
    _r(
        "grades",
        {"scale": "weight", "grade": "G"},
        "scale",
        "‘weight’ is not a grading scale; scales are colour, clarity, cut, polish, symmetry, fluorescence.",
        "parse",
    ),
    _r(
        "grades",
        {"scale": "clarity", "grade": ""},
        "grade",
        "Type a grade to read, e.g. G, VS1, Very Good or Medium Blue.",
        "parse",
    ),
    _r(
        "grades",
        {"scale": "clarity", "grade": "VS1", "compare_with": "ZZ"},
        "compare_with",
        "‘ZZ’ is not a clarity grade; valid grades are FL, IF, VVS1, VVS2, VS1, VS2, SI1, SI2, I1, I2, I3.",
        "compare",
    ),
    _r(
        "grades",
        {"scale": "colour", "grade": "Fancy Vivid Blue", "compare_with": "G"},
        "grade",
        "‘Fancy Vivid Blue’ is a fancy colour; fancy grades are not one scale, so it is not ranked better or worse "
        "than another colour.",
        "compare",
    ),
    # --- metals and hallmarks ---
    _r(
        "fineness",
        {"metal": "gold", "standard": "13k"},
        "standard",
        "13 karat is not a gold standard; standards are 9k, 10k, 14k, 18k, 22k, 24k.",
    ),
    _r(
        "fineness",
        {"metal": "gold", "standard": "18.5k"},
        "standard",
        "‘18.5k’ is not a whole karat; standards are 9k, 10k, 14k, 18k, 22k, 24k.",
    ),
    _r(
        "fineness",
        {"metal": "silver", "standard": "18k"},
        "standard",
        "Karats measure gold only; give the silver fineness in parts per thousand, e.g. 958.",
    ),
    _r(
        "fineness",
        {"metal": "silver", "standard": "700"},
        "standard",
        "Silver assayed at 700 is below the lowest standard (800); it cannot be sold as silver.",
    ),
    _r(
        "fineness",
        {"metal": "gold", "standard": "1001"},
        "standard",
        "Fineness is in parts per thousand, above 0 and at most 1000; 1001 was given.",
    ),
    _r(
        "fineness",
        {"metal": "gold", "standard": "abc"},
        "standard",
        "‘abc’ is not a karat or a fineness; write e.g. 18k or 750.",
    ),
    _r(
        "fineness",
        {"metal": "lead", "standard": "5"},
        "metal",
        "‘lead’ is not a precious metal; metals are gold, silver, platinum, palladium.",
    ),
    _r("mark", {"mark": "xyz"}, "mark", f"‘xyz’ {MARKS_KNOWN}"),
    _r(
        "mark",
        {"mark": "PT920"},
        "mark",
        "‘PT920’: 920 is not a platinum standard; standards are 850, 900, 950, 999.",
    ),
    _r("hallmark", {"components": "sponsor AB, 750, foo"}, "components", f"‘foo’ {MARKS_KNOWN}"),
    _r(
        "hallmark",
        {"components": " , "},
        "components",
        "List the marks struck, separated by commas: e.g. sponsor AB, 750, crown, anchor.",
    ),
    _r(
        "fine_content",
        {"gross_weight_g": "1", "fineness": "750", "stone_weight_ct": "5"},
        "stone_weight_ct",
        "The stones (1.0 g) weigh as much as or more than the whole piece (1 g); check both weights.",
    ),
    _r(
        "fine_content",
        {"gross_weight_g": "-1", "fineness": "750"},
        "gross_weight_g",
        "Gross weight in grams must be greater than zero; -1 was given.",
    ),
    _r(
        "fine_content",
        {"gross_weight_g": "5", "fineness": "1200"},
        "fineness",
        "Fineness is in parts per thousand, above 0 and at most 1000; 1200 was given.",
    ),
    _r(
        "fine_content",
        {"gross_weight_g": "5", "fineness": "750", "stone_weight_ct": "-1"},
        "stone_weight_ct",
        "Stone weight in carats cannot be negative; -1 was given.",
    ),
    # --- periods ---
    _r("periods", {"date": "1500"}, "date", "‘1500’ predates the earliest period in the table (Georgian, from 1714)."),
    _r(
        "periods",
        {"date": "soon"},
        "date",
        "‘soon’ is not a date this reader understands; write e.g. 1925, circa 1925, c. 1900, ca 1890-1900, 1920s, "
        "early 1920s or late 19th century.",
    ),
    _r("periods", {"date": "1900-1890"}, "date", "‘1900-1890’ ends (1890) before it begins (1900)."),
    _r(
        "periods",
        {"date": "3000"},
        "date",
        f"‘3000’ is in the future; the latest year is {date.today().year}.",
    ),
    # --- ring sizes ---
    _r(
        "ring_sizes",
        {"system": "US", "size": "40"},
        "size",
        "US size 40 is outside the US table (0 to 16 in quarter sizes).",
    ),
    _r(
        "ring_sizes",
        {"system": "US", "size": "7.1"},
        "size",
        "US size 7.1 is not on the US scale (0 to 16 in quarter sizes).",
    ),
    _r(
        "ring_sizes",
        {"system": "UK", "size": "AA"},
        "size",
        "‘AA’ is not a UK ring size; UK sizes run A to Z then Z+1 to Z+6, with halves (N½).",
    ),
    _r("ring_sizes", {"system": "US", "size": "1-1/0"}, "size", "US ring size: ‘1-1/0’ is not a number."),
    _r(
        "ring_sizes",
        {"system": "Mars", "size": "4"},
        "system",
        "‘Mars’ is not a ring-size system; systems are US, UK, EU, Japan, Swiss.",
    ),
    _r(
        "ring_sizes",
        {"system": "circumference", "size": "-3"},
        "size",
        "An inner circumference must be greater than zero; -3 mm was given.",
    ),
    _r(
        "ring_sizes",
        {"system": "circumference", "size": "10"},
        "size",
        "An inner circumference of 10 mm is outside every ring-size table (they run from about 36.55 to 78 mm).",
    ),
]


def api_request(tool: str, typed: dict[str, str], operation: str = "") -> tuple[str, str, dict[str, Any]]:
    """(method, URL, data) for the API operation that answers ``tool`` with what was typed on its page."""
    match tool:
        case "estimate":
            body: dict[str, Any] = dict(typed)
            if "mounted" in body:
                body["mounted"] = body["mounted"] != "loose"
            return "post", f"{API}/weight/estimate", body
        case "convert":
            return "get", f"{API}/weight/convert", typed
        case "reported":
            return "get", f"{API}/weight/reported", typed
        case "identify":
            body = {name: value for name, value in typed.items() if name != "ri" and value != ""}
            body["ri"] = split_readings(typed.get("ri", ""))
            if "ri_over_limit" in body:
                body["ri_over_limit"] = True
            return "post", f"{API}/identify", body
        case "grades":
            if operation == "compare" or typed.get("compare_with"):
                return "get", f"{API}/grades/compare", typed
            return "get", f"{API}/grades", {name: value for name, value in typed.items() if name != "compare_with"}
        case "fineness":
            return "get", f"{API}/metals/fineness", typed
        case "mark":
            return "get", f"{API}/metals/mark", typed
        case "hallmark":
            return "post", f"{API}/metals/uk-hallmark", {"components": split_marks(typed["components"])}
        case "fine_content":
            return "post", f"{API}/metals/fine-content", typed
        case "periods":
            return "get", f"{API}/periods", typed
        case "ring_sizes":
            return "get", f"{API}/ring-sizes", typed
    raise AssertionError(tool)
