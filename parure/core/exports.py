"""The one writer for CSV and Excel exports: nothing in a cell can attack the person who opens it.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before them) as a formula: ``=HYPERLINK("http://…","click")`` in a client's name would
become a live link. Following OWASP's rule on CSV injection, such text is prefixed in CSV with a single
quote; in Excel every text cell is written as text (``data_type`` ``s``), never as a formula, and kept as it is.
Numbers, dates and booleans are written as themselves. Every export (the client book, counts,
and the apps that follow) goes through :func:`csv_bytes` or :func:`xlsx_bytes`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(text: str) -> str:
    """The text, with a leading quote when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralise(str(value))


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A UTF-8 CSV (with the byte-order mark Excel needs to read accents) of ``header`` and ``rows``."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([_csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return text.getvalue().encode("utf-8-sig")


@dataclass
class Sheet:
    """One worksheet: its title, an optional bold header row, rows and column widths."""

    title: str
    header: Sequence[str] = ()
    rows: Sequence[Sequence[Any]] = field(default_factory=list)
    widths: Sequence[float] = ()
    # Rows (0-based, among ``rows``) set in bold: the headings inside a summary sheet.
    bold_rows: frozenset[int] = frozenset()
    title_row: bool = False


def _xlsx_cell(sheet: Any, value: Any, *, bold: bool = False, size: float | None = None) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    if value is None or isinstance(value, bool | int | float | Decimal | date):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        cell = WriteOnlyCell(sheet)
        # Set as a plain string: openpyxl would otherwise store "=..." as a formula. A text
        # cell is never evaluated, so the text is kept exactly as it is.
        cell._value = str(value)
        cell.data_type = "s"
    if bold or size:
        cell.font = Font(bold=True, size=size) if size else Font(bold=True)
    return cell


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An Excel workbook of ``sheets``, streamed (write-only mode), every text cell as text."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    for spec in sheets:
        sheet = book.create_sheet(spec.title[:31])
        for index, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if spec.header:
            sheet.append([_xlsx_cell(sheet, value, bold=True) for value in spec.header])
        for number, row in enumerate(spec.rows):
            big = 14 if spec.title_row and number == 0 else None
            bold = number in spec.bold_rows or big is not None
            sheet.append([_xlsx_cell(sheet, value, bold=bold, size=big) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
