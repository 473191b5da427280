"""The client book's export: the files a person may see, as they may see them, through core's one
safe writer (``parure.core.exports``). The page and the API share these rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from parure.clients.models import Client
from parure.clients.normalise import phone_display
from parure.clients.visibility import Viewer
from parure.core import exports

EXPORT_COLUMNS = ["number", "kind", "name", "email", "phone", "country", "language", "specialists", "tags", "kyc"]


def export_rows(user: Any, clients: Iterable[Client]) -> list[list[str]]:
    """Rows as the person may see them: a confidential file shows only its number to assistants;
    private notes and timelines are never exported."""
    viewer = Viewer(user)
    sees_kyc = user.has_perm("clients.view_kyc")
    rows = []
    for client in clients:
        identity = viewer.shows_identity(client)
        phones = list(client.phones.all())
        rows.append(
            [
                client.number,
                client.kind,
                viewer.label(client),
                client.email if identity else "",
                phone_display(phones[0].e164) if identity and phones else "",
                client.country if identity else "",
                client.preferred_language if identity else "",
                "; ".join(str(s) for s in client.specialists.all()),
                "; ".join(t.name for t in client.tags.all()),
                client.kyc_effective_status() if sees_kyc else "",
            ]
        )
    return rows


def export_file(rows: list[list[str]], fmt: str) -> tuple[bytes, str]:
    """The rows as a CSV or Excel file, and its content type."""
    if fmt == "xlsx":
        sheet = exports.Sheet("Clients", header=EXPORT_COLUMNS, rows=list(rows))
        return exports.xlsx_bytes([sheet]), exports.XLSX_TYPE
    return exports.csv_bytes(EXPORT_COLUMNS, rows), exports.CSV_TYPE
