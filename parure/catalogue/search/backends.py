"""Each database's full-text index behind one interface: PostgreSQL ``tsvector`` and SQLite FTS5.

Both are handed the same folded terms (:mod:`parure.catalogue.search.text`) and asked the same
question, so both give the same answers:

* every word of the question must match, a word of several terms ("4.12", "art-deco") as a
  phrase, the last word's last term as a prefix;
* the columns are weighted for ranking: a piece is ranked by the first of these that holds every
  word: its heading (0), its heading and details (1), anywhere (2); ties go by stock number.
  ``ts_rank`` and FTS5's ``bm25`` weigh frequency and length each their own way and would order
  the same hits differently on each database; the tiers are what a specialist expects (the
  sapphire rings before the rings whose provenance mentions a sapphire) and are the same on both.

PostgreSQL: the backend writes the vector itself as a ``tsvector`` literal, each term with its
position and weight (A heading, B details, C body), leaving a gap between columns so that a phrase
never runs from one column into the next (as FTS5's phrases do not). The question is a ``tsquery``
literal (``'art' <-> 'deco':*AB``), so PostgreSQL's parser and dictionaries, whose idea of a word
differs from FTS5's, never touch either side.

SQLite: the FTS5 table over the three term columns is kept in step by triggers (see the
migration); the question is an FTS5 expression of quoted phrases (``{heading_terms detail_terms} :
("art deco"*)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from parure.catalogue.search.document import DocumentValues
from parure.catalogue.search.text import Word

DOCUMENTS = "catalogue_searchdocument"
FTS_TABLE = "catalogue_search_fts"
# The columns, in ranking order, and each one's PostgreSQL weight.
COLUMNS = (("heading_terms", "A"), ("detail_terms", "B"), ("body_terms", "C"))
# PostgreSQL keeps positions up to 16,383 and 256 positions per term; documents stay inside both
# (see document.MAX_TERMS): FTS5 would keep what PostgreSQL dropped, and answer differently.
MAX_POSITIONS_PER_TERM = 256

HEADING = 1  # the heading alone
DETAILS = 2  # the heading and the details
ANYWHERE = 3  # every column


class Backend(Protocol):
    vendor: str

    def matches(self, words: Sequence[Word], columns: int = ANYWHERE) -> RawSQL:
        """A condition on the documents: every word matches within the first ``columns`` columns."""
        ...

    def write_vectors(self, documents: Sequence[tuple[int, DocumentValues]]) -> None:
        """Whatever the index needs besides the term columns, for these (document id, values)."""
        ...


def tsvector_literal(values: DocumentValues) -> str:
    """The document's terms as a PostgreSQL ``tsvector``: ``'sapphire':2A,14B 'ring':3A``."""
    positions: dict[str, list[str]] = {}
    position = 0
    for (_name, weight), column in zip(
        COLUMNS, (values.heading_terms, values.detail_terms, values.body_terms), strict=True
    ):
        for term in column:
            position += 1
            kept = positions.setdefault(term, [])
            if len(kept) < MAX_POSITIONS_PER_TERM:
                kept.append(f"{position}{weight}")
        position += 1  # the gap between columns
    return " ".join(f"'{term}':{','.join(at)}" for term, at in positions.items())


def tsquery_literal(words: Sequence[Word], weights: str = "") -> str:
    """The question as a PostgreSQL ``tsquery``: ``('art' <-> 'deco':*AB) & ('ring':AB)``."""
    parts = []
    for word in words:
        phrase = []
        for index, term in enumerate(word.terms):
            flags = ("*" if word.prefix and index == len(word.terms) - 1 else "") + weights
            phrase.append(f"'{term}':{flags}" if flags else f"'{term}'")
        parts.append("(" + " <-> ".join(phrase) + ")")
    return " & ".join(parts)


def fts5_expression(words: Sequence[Word], columns: Sequence[str] = ()) -> str:
    """The question as an FTS5 expression: ``{heading_terms} : ("art deco"* AND "ring")``."""
    expression = " AND ".join(f'"{" ".join(word.terms)}"' + ("*" if word.prefix else "") for word in words)
    if columns:
        return "{" + " ".join(columns) + "} : (" + expression + ")"
    return expression


class PostgreSQLBackend:
    vendor = "postgresql"

    def matches(self, words: Sequence[Word], columns: int = ANYWHERE) -> RawSQL:
        weights = "".join(weight for _, weight in COLUMNS[:columns]) if columns < ANYWHERE else ""
        # Only our own table's name is formatted in; the question is a parameter.
        return RawSQL(  # noqa: S611
            f'"{DOCUMENTS}"."search_vector" @@ %s::tsquery',
            (tsquery_literal(words, weights),),
            output_field=BooleanField(),
        )

    def write_vectors(self, documents: Sequence[tuple[int, DocumentValues]]) -> None:
        if not documents:
            return
        rows = ", ".join(["(%s, %s)"] * len(documents))
        params: list[int | str] = []
        for pk, values in documents:
            params += [pk, tsvector_literal(values)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {DOCUMENTS} SET search_vector = v.vector::tsvector "  # noqa: S608 - our table, placeholders
                f"FROM (VALUES {rows}) AS v(id, vector) WHERE {DOCUMENTS}.id = v.id::bigint",
                params,
            )


class SQLiteBackend:
    vendor = "sqlite"

    def matches(self, words: Sequence[Word], columns: int = ANYWHERE) -> RawSQL:
        names = [name for name, _ in COLUMNS[:columns]] if columns < ANYWHERE else []
        # Only our own tables' names are formatted in; the question is a parameter.
        return RawSQL(  # noqa: S611
            f'"{DOCUMENTS}"."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)',  # noqa: S608
            (fts5_expression(words, names),),
            output_field=BooleanField(),
        )

    def write_vectors(self, documents: Sequence[tuple[int, DocumentValues]]) -> None:
        """Nothing to do: the triggers copied the term columns into the FTS5 table."""


def backend() -> Backend:
    """The backend of the database in use (PostgreSQL or SQLite, the two Parure runs on)."""
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"Catalogue search runs on PostgreSQL or SQLite, not {connection.vendor}.")
