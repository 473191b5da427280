"""Folding text into search terms, the same way for what is indexed and what is asked.

Both databases are handed terms this module has already folded, so that PostgreSQL and SQLite
agree by construction rather than by configuration:

* Accents and case are folded here, not by PostgreSQL's ``unaccent`` or FTS5's
  ``remove_diacritics``: their tables differ (``unaccent`` turns ``ø`` into ``o`` and ``ß``
  into ``ss``; FTS5's unicode61 does neither, and neither folds ``æ`` the same way), so each
  would find pieces the other does not. Here NFKD drops every combining mark, ``casefold``
  handles ``ß`` and ligatures, and a short table handles the letters that carry no combining
  mark (``ø æ œ ł đ ð þ ı``). "epoque" finds "Époque" on both.
* Words are split here too: a term is a run of letters and digits (Unicode categories L* and
  N*, FTS5 unicode61's own token characters), at most :data:`MAX_TERM` characters. A possessive
  ``'s`` is dropped ("Christie's" is ``christie``), other punctuation separates ("4.12" is ``4``
  ``12``, "art-deco" is ``art`` ``deco``). PostgreSQL's parser would read "4.12" as one number
  and "art-deco" as three words; it never sees them, as the backend writes the ``tsvector``
  itself from these terms.
* No stemming and no stop words on either side ("rings" does not find "ring", but the last word
  of a question is a prefix, so "ring" finds "rings"): PostgreSQL's ``english`` configuration
  and FTS5's ``porter`` tokenizer stem differently, which would give the two databases different
  answers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_TERM = 60
# Letters with no combining mark to drop, folded as Latin-alphabet catalogues spell them.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
_POSSESSIVE = re.compile(r"['’ʼ]s\b")


def fold(text: str) -> str:
    """``text`` without accents, in one case: "Belle Époque" → "belle epoque"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold().translate(_LETTERS)


# A run of letters and digits: Python's \w (Unicode letters and numbers, L* and N*) without "_".
_TERM = re.compile(r"[^\W_]+")


def terms(text: str) -> list[str]:
    """The search terms of ``text``, in order: folded runs of letters and digits."""
    return [term[:MAX_TERM] for term in _TERM.findall(_POSSESSIVE.sub("", fold(text)))]


def terms_text(*texts: str) -> str:
    """The terms of several texts as one space-separated string (what a term column holds)."""
    return " ".join(term for text in texts for term in terms(text))


@dataclass(frozen=True)
class Word:
    """One word of a question: its terms (a phrase when it has several, as "4.12" or "art-deco"),
    and whether its last term is a prefix (the last word, while it is being typed)."""

    terms: tuple[str, ...]
    prefix: bool


def question(text: str) -> tuple[Word, ...]:
    """The words of what a person typed. Every word must match; the last one as a prefix unless
    the text ends with a space (the person has finished typing it)."""
    words = [tuple(terms(part)) for part in text.split()]
    words = [word for word in words if word]
    finished = not text or text[-1].isspace()
    return tuple(
        Word(terms=word, prefix=(index == len(words) - 1 and not finished)) for index, word in enumerate(words)
    )
