"""The words an outer label may not carry: anything that tells a sorter or a thief what the parcel holds.

A label names no jewel, no metal, no stone, no kind of piece, no watch, no auction and no jewelry house.
Words are matched whole, in any case, with or without accents, in the singular or the plural and with a
possessive ("Tiffany's"); a word that only contains one ("Goldberg", "Ringwood") is not a jewelry word.
The rule has no exceptions for a person's name: a consignee called "Ruby Goldberg" is written
"R. Goldberg" on the label (the carrier delivers to the address; the name only has to be recognised).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from parure.shipping.errors import ShippingError, ShippingErrorCode

#: Single words, in the singular (plurals and possessives are found from these).
WORDS = frozenset(
    {
        # the trade
        "jewel",
        "jewelry",
        "jewellery",
        "jeweler",
        "jeweller",
        "jewelers",
        "jewellers",
        "jewelled",
        "jeweled",
        "bijou",
        "bijoux",
        "bijouterie",
        "joaillerie",
        "joaillier",
        "gioielli",
        "gioielleria",
        "schmuck",
        "goldsmith",
        "silversmith",
        "lapidary",
        "gemologist",
        "gemology",
        "gemmology",
        "parure",
        "auction",
        "auctioneer",
        "valuables",
        "precious",
        "bullion",
        # metals
        "gold",
        "platinum",
        "silver",
        "palladium",
        "karat",
        "carat",
        "18k",
        "14k",
        "22k",
        "24k",
        # stones
        "gem",
        "gemstone",
        "diamond",
        "ruby",
        "sapphire",
        "emerald",
        "pearl",
        "opal",
        "jade",
        "jadeite",
        "tanzanite",
        "tourmaline",
        "aquamarine",
        "spinel",
        "alexandrite",
        "topaz",
        "amethyst",
        "garnet",
        "turquoise",
        # pieces
        "ring",
        "necklace",
        "bracelet",
        "brooch",
        "earring",
        "tiara",
        "diadem",
        "pendant",
        "bangle",
        "cufflink",
        "locket",
        "choker",
        "sautoir",
        "watch",
        "wristwatch",
        "timepiece",
        "chronograph",
        # houses and makers
        "cartier",
        "tiffany",
        "bulgari",
        "bvlgari",
        "boucheron",
        "chaumet",
        "graff",
        "chopard",
        "buccellati",
        "piaget",
        "mikimoto",
        "faberge",
        "rolex",
        "vancleef",
        "sotheby",
        "sothebys",
        "christies",
        "bonhams",
    }
)

#: Names of more than one word, matched as a run of whole words.
PHRASES: tuple[tuple[str, ...], ...] = (
    ("van", "cleef"),
    ("harry", "winston"),
    ("de", "beers"),
    ("patek", "philippe"),
    ("audemars", "piguet"),
    ("david", "webb"),
    ("jean", "schlumberger"),
)

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _plain(text: str) -> str:
    """Lower case, without accents: "Fabergé" → "faberge"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def _forms(token: str) -> set[str]:
    """The singular forms a word may be: "Rubies" → "ruby", "watches" → "watch", "Tiffany's" → "tiffany"."""
    bare = token.replace("'", "").replace("’", "")
    stems = {bare}
    for possessive in ("'s", "’s"):
        if token.endswith(possessive):
            stems.add(token[: -len(possessive)])
    forms = set(stems)
    for stem in stems:
        if stem.endswith("ies") and len(stem) > 4:
            forms.add(stem[:-3] + "y")
        if stem.endswith("es") and len(stem) > 3:
            forms.add(stem[:-2])
        if stem.endswith("s") and len(stem) > 2:
            forms.add(stem[:-1])
    return forms


def _is_word(token: str) -> bool:
    return bool(_forms(token) & WORDS)


def _spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Where ``text`` carries jewelry words: the text the positions count in, and (start, end) of each."""
    plain = _plain(text)
    # Positions in the plain text are positions in the original when removing accents kept its length
    # (every accented letter of a Latin script); otherwise what is reported is the plain stretch.
    source = text if len(plain) == len(text) else plain
    tokens = [(match.start(), match.end(), match.group()) for match in _TOKEN.finditer(plain)]
    spans = []
    index = 0
    while index < len(tokens):
        start, end, token = tokens[index]
        width = 0
        for phrase in PHRASES:
            run = tokens[index : index + len(phrase)]
            if len(run) == len(phrase) and all(
                word in _forms(part) for (_, _, part), word in zip(run, phrase, strict=True)
            ):
                width, end = len(phrase), run[-1][1]
                break
        if not width and _is_word(token):
            width = 1
        if width:
            spans.append((start, end))
            index += width
        else:
            index += 1
    return source, spans


def label_words(texts: Iterable[str]) -> list[str]:
    """The jewelry words found in ``texts``, as written there, each once (in any case), in order of appearance."""
    found: list[str] = []
    seen: set[str] = set()
    for text in texts:
        source, spans = _spans(text or "")
        for start, end in spans:
            word = " ".join(source[start:end].split())
            if word.casefold() not in seen:
                seen.add(word.casefold())
                found.append(word)
    return found


def initials(name: str) -> str:
    """``name`` with each jewelry word cut to its initial: "Ruby Goldberg" → "R. Goldberg"; a word
    that starts with a figure ("18k") is left out."""
    source, spans = _spans(name)
    kept, position = [], 0
    for start, end in spans:
        kept.append(source[position:start])
        kept.append(" ".join(part[:1].upper() + "." for part in source[start:end].split() if part[:1].isalpha()))
        position = end
    kept.append(source[position:])
    result = " ".join("".join(kept).split())
    # Leaving a figure out can bring two words together into a name ("de 18k Beers" → "de Beers"): cut again.
    return initials(result) if result != " ".join(name.split()) and label_words([result]) else result


def _quoted(words: list[str]) -> str:
    quoted = [f"“{word}”" for word in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def check_label_words(texts: Iterable[str], *, field: str, what: str = "", name: bool = False) -> None:
    """Refuse (``LABEL_WORDS``) texts that carry a jewelry word; ``what`` says where they print
    ("the consignee's name") and ``name`` that it is a person's or firm's name, so the sentence
    suggests initials."""
    given = list(texts)
    words = label_words(given)
    if not words:
        return
    where = what or "this text"
    sentence = f"A shipping label may not say what the parcel holds, and {where} carries {_quoted(words)}. "
    if name:
        suggestion = " ".join(initials(text) for text in given if text)
        sentence += f"Write the name with initials instead, e.g. “{suggestion}”."
    else:
        sentence += "Leave the word out or write its initial only."
    raise ShippingError(sentence, field=field, code=ShippingErrorCode.LABEL_WORDS)
