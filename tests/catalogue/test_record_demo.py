"""The demonstration records: written through the record's services on the inventory's demo pieces."""

from __future__ import annotations

from typing import Any

from parure.catalogue import demo, validation
from parure.catalogue.models import CatalogueRecord
from parure.core import registry


def test_the_demo_pieces_get_full_records_some_flagged_one_answered(cast: Any) -> None:
    from parure.inventory import demo as inventory_demo

    inventory_demo.build(lambda line: None)
    said: list[str] = []
    demo.build(said.append)

    assert said == [f"  {len(demo.SHOWPIECES)} catalogue records written in full, 24 opened from their intake sheets"]
    assert CatalogueRecord.objects.count() == len(demo.SHOWPIECES) + demo.PREFILLED_ONLY
    cartier = CatalogueRecord.objects.get(signature="Cartier Paris")
    assert (cartier.version, cartier.item.title, cartier.period, cartier.provenance.count()) == (
        2,
        "Sapphire and diamond ring",
        "art-deco",
        3,
    )
    # The certificates demo (order 41) attaches the reports these records' weights are stated by.
    from parure.catalogue import certificates_demo

    certificates_demo.build(lambda line: None)
    flagged = {
        record.item.title: [(flag.key, flag.is_open) for flag in validation.flags(record)]
        for record in CatalogueRecord.objects.filter(version=2)
        if validation.flags(record)
    }
    assert flagged == {
        "Colombian emerald and diamond ring": [
            ("weight-vs-estimate:stone-1", True),
            ("mark-vs-fineness:metal-1", True),
        ],
        "Belle Époque diamond bow brooch": [("period-vs-date:record", False)],
    }
    assert registry.demo_builders["catalogue.records"].order == 40

    demo.build(said.append)
    assert said[-1] == "  catalogue already has records; left as they are"
