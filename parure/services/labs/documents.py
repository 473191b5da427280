"""The submission form the laboratory receives with the batch (WeasyPrint, on the house letterhead): the
submission's number, the laboratory, the courier, and one row per line with the piece, the stone, the
services asked and the laboratory's control number, with room for the laboratory's signature at receipt.
No value and no client is printed: the form travels with the pieces."""

from __future__ import annotations

from typing import Any

from parure.inventory.pdf import render
from parure.services.labs.models import LabSubmission
from parure.services.labs.queries import submission_lines


def submission_form_context(submission: LabSubmission) -> dict[str, Any]:
    lines = submission_lines(submission)
    return {
        "submission": submission,
        "office": submission.office,
        "laboratory": submission.laboratory,
        "lines": [
            {
                "position": line.position,
                "stock_number": line.item.stock_number,
                "title": line.item.title,
                "stone": f"Stone {line.stone_position}" if line.stone_position else "Whole piece",
                "services": ", ".join(line.service_labels),
                "control_number": line.control_number or "—",
            }
            for line in lines
        ],
        "pieces": len({line.item_id for line in lines}),
    }


def submission_form_pdf(submission: LabSubmission) -> bytes:
    return render("services/labs/pdf/submission_form.html", submission_form_context(submission))
