"""Reading a spreadsheet someone exported as CSV (a platform's bidders, a bank's statement): the
delimiter sniffed (comma, semicolon or tab), the header row, then each non-blank row with its line
number, every cell stripped. The callers word the refusals for their own files."""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import dataclass


class TooManyRows(Exception):
    """More rows than the caller takes."""


@dataclass
class UnreadableCsv(Exception):
    """The file cannot be read as CSV from ``line`` on."""

    line: int
    error: str


@dataclass(frozen=True)
class CsvRows:
    header: list[str] | None
    rows: list[tuple[int, list[str]]]
    delimiter: str


def csv_rows(text: str, *, limit: int) -> CsvRows:
    """``text``'s header and rows; :class:`TooManyRows` past ``limit`` rows, :class:`UnreadableCsv` for
    what the csv module cannot parse. A header of nothing is returned as None."""
    delimiter = ","
    with contextlib.suppress(csv.Error):  # one column, or no delimiter to be sure of: a comma
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for values in reader:
            if header is None:
                header = [value.strip() for value in values]
                continue
            if not any(value.strip() for value in values):
                continue
            if len(rows) >= limit:
                raise TooManyRows
            rows.append((reader.line_num, [value.strip() for value in values]))
    except csv.Error as error:
        raise UnreadableCsv(reader.line_num, str(error)) from None
    return CsvRows(header=header if header is not None and any(header) else None, rows=rows, delimiter=delimiter)
