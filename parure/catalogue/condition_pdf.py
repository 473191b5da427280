"""The client-facing condition report (WeasyPrint), with the house's disclaimer and each
photograph drawn with its numbered markers (an SVG of the image and the markers, so the numbers
sit where the specialist put them whatever the page size).

It uses the inventory's document machinery (letterhead, vendored fonts, a URL fetcher that
refuses the network); images go in as data URIs read through the storage API.
"""

from __future__ import annotations

import base64
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone

from parure.catalogue.checklist import aspect, value_label
from parure.catalogue.choices import ComponentKind, ConditionGrade, ConditionOccasion
from parure.catalogue.models import ConditionPhoto, ConditionReport
from parure.inventory import pdf

DISCLAIMER = (
    "This report is a statement of opinion, made in good faith by the house's specialists after an "
    "examination by eye and under 10× magnification in the conditions of the day; it is not a guarantee "
    "or a warranty of the piece's condition, and it is not a substitute for the buyer's own examination. "
    "The absence of a reference to a defect does not mean that the piece is free of it. Gemstones and "
    "pearls may have been treated to improve their appearance: such treatments are presumed unless a "
    "laboratory report or this report states otherwise, and the house does not test for them unless it "
    "says so. Stones were not removed from their mountings; weights, measurements and grades of mounted "
    "stones are estimates. Mechanisms were tried by hand and may need attention in use. Metal was not "
    "tested unless this report says so."
)


@dataclass(frozen=True)
class MarkedPhoto:
    position: int
    caption: str
    width: int
    height: int
    data_uri: str
    markers: list[dict[str, Any]]
    radius: float

    @property
    def stroke(self) -> float:
        return round(self.radius / 5, 1)

    def marker_points(self) -> list[dict[str, Any]]:
        """Each marker with its centre in the image's own pixels (the SVG's viewBox)."""
        return [
            {**marker, "cx": round(marker["x"] * self.width, 1), "cy": round(marker["y"] * self.height, 1)}
            for marker in self.markers
        ]


def marked_photo(photo: ConditionPhoto) -> MarkedPhoto:
    with photo.image.open("rb") as stored:
        content = stored.read()
    encoded = base64.b64encode(content).decode("ascii")
    return MarkedPhoto(
        position=photo.position,
        caption=photo.caption,
        width=photo.width,
        height=photo.height,
        data_uri=f"data:{photo.content_type};base64,{encoded}",
        markers=list(photo.markers),
        radius=round(max(photo.width, photo.height) * 0.025, 1),
    )


def components(report: ConditionReport) -> list[dict[str, Any]]:
    """The findings grouped by component, in the report's order, each with its words."""
    grouped: dict[str, dict[str, Any]] = {}
    for finding in report.findings.all():
        group = grouped.setdefault(
            finding.component,
            {"name": finding.component, "kind": str(ComponentKind(finding.component_kind).label), "rows": []},
        )
        found = aspect(finding.component_kind, finding.aspect)
        group["rows"].append(
            {
                "aspect": found.label if found is not None else finding.aspect,
                "value": value_label(finding.value),
                "note": finding.note,
                "noted": finding.value not in ("none", "yes"),
            }
        )
    return list(grouped.values())


def condition_report(report: ConditionReport) -> bytes:
    """The PDF of one issued report, as the client receives it."""
    item = report.item
    office = item.office
    zone = office.time_zone if office is not None else "UTC"
    return pdf.render(
        "catalogue/condition/report_pdf.html",
        {
            "report": report,
            "item": item,
            "office": office,
            "occasion": ConditionOccasion(report.occasion).label,
            "grade": ConditionGrade(report.grade).label,
            # Formatted here, in the office's zone: the template's date filter would use the request's.
            "made_at": formats.date_format(timezone.localtime(report.made_at, zoneinfo.ZoneInfo(zone)), "j F Y, H:i T"),
            "components": components(report),
            "photos": [marked_photo(photo) for photo in report.photos.all()],
            "disclaimer": DISCLAIMER,
        },
    )
