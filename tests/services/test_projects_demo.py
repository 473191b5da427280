"""The demonstration design projects: one half-way in New York, one just opened in London."""

from __future__ import annotations

from typing import Any

import pytest

from parure.billing.queries import invoice_summary
from parure.services.projects import demo
from parure.services.projects.models import DesignProject
from tests.billing.world import new_york_billing

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_project_half_way_and_one_just_opened(cast: Any) -> None:
    from parure.clients.demo import build_client_book

    build_client_book(lambda line: None)
    new_york_billing()
    said: list[str] = []
    demo.build(said.append)
    assert said == ["  design projects: a New York commission half-way, a London one just opened"]
    ring = DesignProject.objects.get(office__code="NY")
    done = list(ring.milestones.filter(completed_at__isnull=False).values_list("kind", flat=True))
    assert done == ["consultation", "agreement", "sketches"]
    cad = ring.milestones.get(kind="cad")
    assert cad.revisions == 2 and ring.included_revisions == 3 and ring.current_position == cad.position
    deposit = ring.stages.get(kind="deposit")
    assert invoice_summary(deposit.invoice_number).paid_in_full
    assert ring.milestones.get(kind="sketches").sign_off_method == "email"
    signet = DesignProject.objects.get(office__code="LN")
    assert signet.current_position == 1 and signet.currency == "GBP"
    assert signet.milestones.filter(kind="hallmarking").exists()
    demo.build(said.append)
    assert said[-1] == "  design projects already exist; left as they are"
