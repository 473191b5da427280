"""What the certificate tests share: a ring with its catalogue record, reports to attach, scans.

The fixtures are imported by the certificate test modules (``from tests.catalogue.certificate_world
import ...``) so that they need no conftest of their own.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from parure.catalogue.certificate_pdf import report_scan
from parure.catalogue.models import CatalogueRecord, Certificate, Laboratory
from parure.catalogue.services.certificates import ReportDraft, certificate_attach
from tests.catalogue import world as catalogue_world
from tests.inventory import world as inventory_world

D = Decimal
SCAN = report_scan("GIA Report 2185034712", ["Natural sapphire, 4.12 ct", "No indications of heating"])


def laboratories() -> None:
    """The laboratory list as its data migration loads it: a transactional (browser) test starts
    from emptied tables, so it is loaded again there."""
    if not Laboratory.objects.exists():
        import importlib

        from django.apps import apps

        importlib.import_module("parure.catalogue.migrations.0003_laboratories").add_laboratories(apps, None)


def gia() -> Laboratory:
    laboratories()
    return Laboratory.objects.get(code="GIA")


def sapphire_report(record: CatalogueRecord, **changes: Any) -> ReportDraft:
    """The GIA report on the Cartier ring's sapphire, agreeing with the record in every figure."""
    fields: dict[str, Any] = {
        "laboratory": gia(),
        "number": "2185034712",
        "issued_on": date(2024, 3, 14),
        "kind": "coloured_stone",
        "stone": record.stones.get(position=1),
        "species": "corundum",
        "variety": "sapphire",
        "weight_ct": D("4.12"),
        "shape": "cushion",
        "cut": "modified brilliant",
        "origin": "Kashmir",
        "treatment": "no indications of heating",
    }
    fields.update(changes)
    return ReportDraft(**fields)


def diamond_report(record: CatalogueRecord, **changes: Any) -> ReportDraft:
    """A GIA grading report on the ring's pear-shaped diamonds (stone 2)."""
    fields: dict[str, Any] = {
        "laboratory": gia(),
        "number": "6204118830",
        "issued_on": date(2024, 5, 2),
        "kind": "diamond",
        "stone": record.stones.get(position=2),
        "species": "diamond",
        "shape": "pear",
        "colour": "F",
        "clarity": "VS1",
        "fluorescence": "None",
    }
    fields.update(changes)
    return ReportDraft(**fields)


def attach(record: CatalogueRecord, draft: ReportDraft, *, by: Any, pdf: bytes | None = SCAN) -> Certificate:
    return certificate_attach(record=record, draft=draft, pdf=pdf, by=by)


@pytest.fixture
def piece_and_record(cast: Any) -> tuple[Any, CatalogueRecord]:
    inventory_world.build_all_places(cast)
    client = inventory_world.consignor()
    ring, brooch = inventory_world.take_in(
        cast.senior, client, inventory_world.piece(), inventory_world.piece("Diamond clip brooch", category="brooch")
    )
    return brooch, catalogue_world.cartier_ring(ring, by=cast.assistant)


@pytest.fixture
def record(piece_and_record: tuple[Any, CatalogueRecord]) -> CatalogueRecord:
    """The Cartier sapphire and diamond ring's record (stone 1 sapphire, stone 2 two diamonds)."""
    return piece_and_record[1]


@pytest.fixture
def other_record(piece_and_record: tuple[Any, CatalogueRecord], cast: Any) -> CatalogueRecord:
    """A diamond clip brooch's record: another piece."""
    return catalogue_world.record(
        piece_and_record[0],
        by=cast.assistant,
        object_type="clip brooch",
        stones=[{"species": "diamond", "cut": "brilliant", "shape": "round", "count": 1, "weight_ct": D("2.01"),
                 "weight_basis": "report"}],
    )  # fmt: skip
