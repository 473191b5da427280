"""The demonstration repairs, and the "My day" panel of repairs due."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import RequestFactory

from parure.core.models import Staff
from parure.services.repairs import demo
from parure.services.repairs.hooks import due_rows
from parure.services.repairs.models import RepairJob, RepairTask, Vendor


def _department(cast: Any) -> None:
    from parure.billing import demo as billing_demo
    from tests.inventory import world

    world.build_all_places(cast)
    billing_demo.build(lambda line: None)
    for name in ("Mrs Adaeze Okonkwo", "Mr Julian Ferreira", "Mrs Clara Lindqvist"):
        world.consignor(name)
    harriet = Staff.objects.get(username="harriet")
    for name in ("Lady Imogen Fairfax", "Mr Rupert Hale"):
        world.consignor(name, by=harriet)


def test_the_demo_builds_open_repairs_at_every_stage_with_one_overdue_at_a_vendor(cast: Any) -> None:
    _department(cast)
    said: list[str] = []
    demo.build(said.append)
    assert said == ["  repairs: 9 open jobs, vendors and task catalogues for New York and London"]
    stages = sorted(RepairJob.objects.filter(office__code="NY").values_list("stage", flat=True))
    assert stages == ["at_bench", "at_bench", "estimated", "ready", "returned", "taken_in"]
    assert RepairTask.objects.filter(office__code="LN", currency="GBP").count() == 5
    assert Vendor.objects.filter(office__code="NY").count() == 3
    from datetime import date

    overdue = RepairJob.objects.filter(stage="at_bench", due_on__lt=date.today() - timedelta(days=1))
    assert sorted(overdue.values_list("office__code", "description", "vendor__name")) == [
        ("LN", "White metal brooch set with white stones", "Hatton Garden repairs"),
        ("NY", "Strand of white pearls", "Midtown Pearl Stringers"),
    ]
    demo.build(said.append)
    assert said[-1] == "  repairs already has jobs; left as they are"


def test_my_day_lists_the_viewers_offices_repairs_due_or_overdue(cast: Any) -> None:
    _department(cast)
    demo.build(lambda line: None)
    request = RequestFactory().get("/")
    request.user = cast.assistant
    rows = due_rows(request)
    assert [(row.title.split(" · ")[1], row.overdue) for row in rows] == [("Strand of white pearls", True)]
    assert rows[0].detail.startswith("At the bench at ")
    request.user = Staff.objects.get(username="oliver")
    assert [row.title.split(" · ")[1] for row in due_rows(request)] == ["White metal brooch set with white stones"]
