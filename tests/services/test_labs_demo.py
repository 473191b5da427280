"""The demonstration lab submissions: one batch out at GIA due back next week, one back from SSEF with its
report on the piece's catalogue record, built through the real services after the earlier builders."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from parure.catalogue.models import Certificate
from parure.core import registry
from parure.inventory.choices import ItemStatus, LocationType
from parure.services.labs import demo
from parure.services.labs.models import LabSubmission
from parure.services.labs.services import office_today


def test_the_demo_has_a_batch_out_at_gia_and_one_returned_with_its_report(cast: Any) -> None:
    builders = sorted(registry.demo_builders.values(), key=lambda builder: builder.order)
    for builder in builders:
        if 0 < builder.order < 50:  # the client book, the pieces and their catalogue records
            builder.build(lambda line: None)
    said: list[str] = []
    demo.build(said.append)

    out = LabSubmission.objects.get(laboratory__code="GIA")
    assert out.status == "sent" and out.expected_back == office_today(out.office) + timedelta(days=7)
    assert out.lines.count() == 2
    for line in out.lines.select_related("item__location"):
        assert (line.item.status, line.item.location.type) == (ItemStatus.CHECKED_OUT, LocationType.GEM_LAB)
    back = LabSubmission.objects.get(laboratory__code="SSEF")
    line = back.lines.select_related("item").get()
    assert back.status == "returned" and line.item.status == ItemStatus.IN_HOUSE
    certificate = Certificate.objects.get(pk=line.certificate_id)
    assert (certificate.laboratory.code, certificate.number, certificate.origin) == (
        "SSEF",
        "131245",
        "Burma (Myanmar)",
    )
    assert certificate.record.item_id == line.item_id and certificate.stone.position == 1  # type: ignore[union-attr]
    assert said == [f"  lab submissions: {back.number}, {out.number}."]
    demo.build(said.append)
    assert said[-1] == "  lab submissions: already there, skipped." and LabSubmission.objects.count() == 2
