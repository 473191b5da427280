"""The count report: totals, each discrepancy and its resolution, the overdue check-outs, the
sign-offs — as a PDF in the house style (the inventory's letterhead) and as an Excel workbook."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django.utils import formats, timezone

from parure.core import exports
from parure.inventory import pdf
from parure.inventory.counts import queries
from parure.inventory.counts.models import CountDiscrepancy, CountSession
from parure.inventory.counts.reconcile import reconcile

TOTAL_LABELS = (
    ("expected_at_start", "Expected at the start"),
    ("arrived_during_count", "Arrived during the count"),
    ("left_during_count", "Left during the count"),
    ("scanned", "Pieces scanned"),
    ("found", "Found in place"),
    ("misplaced", "Misplaced"),
    ("missing", "Missing"),
    ("moved", "Moved out during the count"),
    ("unexpected", "Unexpected"),
    ("overdue", "Overdue check-outs"),
)


def _place(location: Any) -> str:
    return location.label if location is not None else "—"


def _resolution(row: CountDiscrepancy) -> str:
    if not row.resolution:
        return "Not yet resolved"
    text = row.get_resolution_display()
    if row.escalated_to is not None:
        text += f" to {row.escalated_to}"
    if row.event is not None:
        text += f" (ledger event {row.event.seq})"
    return f"{text} by {row.resolved_by}: {row.note}"


def witnessed(session: CountSession) -> str:
    """Who witnessed the count and when they signed, in the office's time."""
    if session.witnessed_at is None:
        return f"{session.witness} (named at the start; has not yet signed)"
    moment = timezone.localtime(session.witnessed_at, _zone(session))
    return f"{session.witness}, signed {formats.date_format(moment, 'j F Y, H:i')} {moment.tzname()}"


def _zone(session: CountSession) -> Any:
    office = session.location.office if session.location else session.office
    return zoneinfo.ZoneInfo(office.time_zone) if office is not None and office.time_zone else None


def report_data(session: CountSession) -> dict[str, Any]:
    """What both reports print; while the count is open, the totals are a preview."""
    overdue: list[dict[str, Any]] = []
    if session.is_blind_now:
        # Blind means blind: while counting, only what was scanned.
        shown_totals = [("Pieces scanned", session.scanned_count)]
    else:
        if session.is_open:
            totals = reconcile(session).totals()
        else:
            totals = session.summary
            overdue = list(session.summary.get("overdue_items", []))
        shown_totals = [(label, totals.get(key, 0)) for key, label in TOTAL_LABELS]
    rows = [
        {
            "kind": row.get_kind_display(),
            "code": row.code,
            "title": row.item.title if row.item is not None else "Unknown code",
            "found_at": _place(row.found_at),
            "system_location": _place(row.system_location),
            "resolution": _resolution(row),
        }
        for row in queries.discrepancies(session)
    ]
    zone = session.location.office if session.location else session.office
    return {
        "session": session,
        "office": zone,
        "totals": shown_totals,
        "witnessed": witnessed(session),
        "rows": rows,
        "overdue": [
            {**entry, "due_back": datetime.fromisoformat(entry["due_back"]) if entry.get("due_back") else None}
            for entry in overdue
        ],
        "sign_offs": list(session.sign_offs.all()),
        "generated_at": timezone.now(),
    }


def count_report_pdf(session: CountSession) -> bytes:
    data = report_data(session)
    if data["office"] is None:
        data["office"] = {"name": "All offices", "address": ""}
    return pdf.render("inventory/counts/pdf/report.html", data)


def _naive(moment: datetime | None) -> datetime | str:
    return moment.replace(tzinfo=None) if moment else "—"


def count_report_xlsx(session: CountSession) -> bytes:
    """The report as a workbook, through core's safe writer (a piece's title is text, never a formula)."""
    data = report_data(session)
    summary: list[list[Any]] = [
        [f"{session.reference} · {session.scope_label}"],
        ["Status", session.get_status_display()],
        ["Kind", session.get_mode_display()],
        ["Counter", str(session.counter)],
        ["Witness", data["witnessed"]],
        ["Started (UTC)", _naive(session.started_at)],
        ["Closed (UTC)", _naive(session.closed_at)],
        [],
        ["Totals"],
    ]
    totals_heading = len(summary) - 1
    summary += [[label, value] for label, value in data["totals"]]
    summary += [["Signed off by", str(person.staff), _naive(person.at)] for person in data["sign_offs"]]
    discrepancies = [
        [row["kind"], row["code"], row["title"], row["found_at"], row["system_location"], row["resolution"]]
        for row in data["rows"]
    ]
    overdue = [
        [entry["stock_number"], entry["title"], entry["location"], entry["holder"],
         entry["due_back"].replace(tzinfo=None) if entry["due_back"] else ""]
        for entry in data["overdue"]
    ]  # fmt: skip
    return exports.xlsx_bytes(
        [
            exports.Sheet(
                "Count", rows=summary, widths=(28, 30), bold_rows=frozenset({totals_heading}), title_row=True
            ),
            exports.Sheet(
                "Discrepancies",
                header=["Kind", "Stock number", "Piece", "Found at", "Ledger had it at", "Resolution"],
                rows=discrepancies,
                widths=(26, 18, 36, 28, 28, 60),
            ),
            exports.Sheet(
                "Overdue check-outs",
                header=["Stock number", "Piece", "Checked out to", "Held by", "Due back (UTC)"],
                rows=overdue,
            ),
        ]
    )
