"""The repairs pages end to end: the board's queries at any size, take-in through the form, the job page
and its steps, the scan, confidential values per role in pages and PDFs."""

from __future__ import annotations

import base64
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from parure.core.numbering import check_digit
from parure.services.repairs import services
from parure.services.repairs.choices import RepairStage
from parure.services.repairs.models import RepairJob
from tests.conftest import signed_in
from tests.services import repairs_world as rw


@pytest.fixture
def world(cast: Any) -> rw.RepairWorld:
    return rw.build(cast)


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _board_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/services/repairs/")
    assert response.status_code == 200
    return len(captured)


def test_the_board_counts_open_jobs_by_stage_and_overdue_by_vendor_in_a_fixed_number_of_queries(
    world: rw.RepairWorld,
) -> None:
    client = signed_in(world.cast.assistant)
    rw.at_stage(world, "at_bench")
    client.get("/services/repairs/")  # the session's first save is not the board's
    few = _board_queries(client)
    for _ in range(4):
        rw.at_stage(world, "at_bench")
    rw.take_in(world)
    RepairJob.objects.filter(stage=RepairStage.AT_BENCH).update(due_on=date.today() - timedelta(days=3))
    assert _board_queries(client) == few
    html = client.get("/services/repairs/").content.decode()
    assert '<span class="figure">5</span> At the bench' in html
    assert '<span class="figure">1</span> Taken in' in html
    assert "Atelier Kessler</a>: 5" in html
    assert html.count('<span class="badge overdue">Overdue</span>') == 5


def test_take_in_through_the_form_with_a_drawn_signature(world: rw.RepairWorld) -> None:
    client = signed_in(world.cast.assistant)
    assert client.get("/services/repairs/new/").status_code == 200
    data = {
        "client_number": world.client.number,
        "category": "ring",
        "description": "Yellow metal signet ring",
        "client_states": "Client states: 18ct gold, her father's.",
        "condition_grade": "good",
        "declared_value": "2500.00",
        "tasks": ["SIZE-UP"],
        "vendor": str(world.vendor.pk),
        "due_on": (date.today() + timedelta(days=10)).isoformat(),
        "signature": "data:image/png;base64," + base64.b64encode(rw.signature_png()).decode(),
    }
    response = client.post("/services/repairs/new/", data)
    job = RepairJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/services/repairs/{job.number}/"
    assert (job.description, job.intake_signature_kind, str(job.declared_value)) == (
        "Yellow metal signet ring", "tablet", "2500.00"
    )  # fmt: skip


def test_a_refused_take_in_keeps_what_was_typed_and_names_the_field(world: rw.RepairWorld) -> None:
    client = signed_in(world.cast.assistant)
    data = {"client_number": world.client.number, "category": "ring", "description": "Ring with a red stone",
            "condition_grade": "good", "declared_value": "900", "due_on": (date.today() + timedelta(days=3)).isoformat()}  # fmt: skip
    response = client.post("/services/repairs/new/", data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "The client&#x27;s signature is missing" in html
    assert 'value="Ring with a red stone"' in html
    assert RepairJob.objects.count() == 0


def test_the_job_page_walks_the_stages_and_the_scan_opens_the_next_step(world: rw.RepairWorld) -> None:
    client = signed_in(world.cast.assistant)
    job = rw.take_in(world)
    url = f"/services/repairs/{job.number}/"
    act = url + "act/"
    assert client.post(act, {"action": "estimate", "version": "1"}).status_code == 302
    scanned = client.get("/services/repairs/scan/", {"code": job.number})
    assert scanned.status_code == 302 and scanned["Location"] == url + "#next"
    assert "Send to the bench" in client.get(url).content.decode()
    assert client.post(act, {"action": "stage", "to": "at_bench", "version": "2"}).status_code == 302
    stale = client.post(act, {"action": "stage", "to": "returned", "version": "2"})
    assert stale.status_code == 409
    assert "changed while you were looking at it" in stale.content.decode()
    assert client.post(act, {"action": "stage", "to": "returned"}).status_code == 302
    assert RepairJob.objects.get(pk=job.pk).stage == RepairStage.RETURNED
    wrong = client.post(act, {"action": "stage", "to": "ready"})
    assert wrong.status_code == 409
    assert f"{job.number} is returned; it cannot be ready for collection now." in wrong.content.decode()


def test_a_mistyped_envelope_number_is_refused_on_the_scan_page(world: rw.RepairWorld) -> None:
    client = signed_in(world.cast.assistant)
    body = "NY-RJ-26-00001"
    wrong = f"{body}-{(int(check_digit(body)) + 1) % 10}"
    response = client.get("/services/repairs/scan/", {"code": wrong})
    assert response.status_code == 404
    assert "has a wrong check digit" in response.content.decode()


def test_declared_values_and_condition_notes_reach_only_the_staff_who_handle_the_job(world: rw.RepairWorld) -> None:
    job = services.repair_estimate(job=rw.take_in(world), by=world.cast.assistant)
    shown = {"marcus": True, "eleanor": True, "ruth": True, "priya": False, "daniel": False}
    charges = {"marcus": True, "eleanor": True, "ruth": True, "priya": True, "daniel": False}
    for username, sees in shown.items():
        client = signed_in(world.cast[username])
        html = client.get(f"/services/repairs/{job.number}/").content.decode()
        assert ("12,000.00" in html or "12000.00" in html) is sees, username
        assert ("Claw at 3 o&#x27;clock lifted" in html) is sees, username
        assert ("Total before tax" in html) is charges[username], username
        envelope = _pdf_text(client.get(f"/services/repairs/{job.number}/envelope.pdf").content)
        assert ("$12,000.00" in envelope) is sees, username
        assert ("Claw at 3 o'clock lifted" in envelope) is sees, username
        assert ("$185.00" in envelope) is charges[username], username
        assert "White metal ring set with a white stone" in envelope
        assert job.number in envelope
        receipt = _pdf_text(client.get(f"/services/repairs/{job.number}/receipt.pdf").content)
        assert "Receipt for your piece" in receipt and ("$12,000.00" in receipt) is sees


def test_vendor_and_task_pages(world: rw.RepairWorld) -> None:
    senior = signed_in(world.cast.senior)
    html = senior.get("/services/repairs/vendors/").content.decode()
    assert "Atelier Kessler" in html and "USD 50000.00" in html
    response = senior.post("/services/repairs/vendors/new/", {"kind": "engraver", "name": "Gravure Nord"})
    assert response.status_code == 422
    assert "give their insurer, the cover limit" in response.content.decode()
    response = senior.post("/services/repairs/tasks/new/", {"code": "clasp", "name": "New clasp", "labour": "45",
                                                            "material": "30", "is_active": "on"})  # fmt: skip
    assert response.status_code == 302
    assert "CLASP" in senior.get("/services/repairs/tasks/").content.decode()
    logistics = signed_in(world.cast.logistics).get("/services/repairs/tasks/").content.decode()
    assert "New clasp" in logistics and "45.00" not in logistics


def test_a_tasks_amounts_are_changed_and_a_task_removed_on_the_job_page(world: rw.RepairWorld) -> None:
    client = signed_in(world.cast.assistant)
    job = rw.take_in(world)
    act = f"/services/repairs/{job.number}/act/"
    html = client.get(f"/services/repairs/{job.number}/").content.decode()
    assert 'aria-label="Labour for Ring sizing up one size"' in html
    changed = client.post(act, {"action": "update_line", "position": "1", "quantity": "2", "labour": "90.00",
                                "material": "40.00", "version": "1"})  # fmt: skip
    assert changed.status_code == 302
    assert client.post(act, {"action": "remove_line", "position": "2", "version": "2"}).status_code == 302
    assert [(line.quantity, str(line.labour)) for line in RepairJob.objects.get(pk=job.pk).lines.all()] == [
        (2, "90.00")
    ]
    refused = client.post(act, {"action": "update_line", "position": "1", "labour": "-3"})
    assert refused.status_code == 422


def test_the_mastheads_scan_box_opens_a_scanned_envelope_and_refuses_a_mistyped_one(world: rw.RepairWorld) -> None:
    client = signed_in(world.cast.assistant)
    job = rw.take_in(world)
    found = client.get("/scan/", {"code": job.number})
    assert found.status_code == 200
    assert f"<h1>{job.number}</h1>" in found.content.decode()
    body = job.number[:-1]
    wrong = f"{body}{(int(job.number[-1]) + 1) % 10}"
    refused = client.get("/scan/", {"code": wrong}).content.decode()
    assert "has a wrong check digit: check the number and type it again." in refused


def test_the_board_filters_by_stage_vendor_and_overdue(world: rw.RepairWorld) -> None:
    client = signed_in(world.cast.assistant)
    waiting = rw.take_in(world)
    late = rw.at_stage(world, "at_bench")
    RepairJob.objects.filter(pk=late.pk).update(due_on=date.today() - timedelta(days=2))
    at_bench = client.get("/services/repairs/", {"stage": "at_bench"}).content.decode()
    assert late.number in at_bench and waiting.number not in at_bench
    overdue = client.get("/services/repairs/", {"vendor": str(world.vendor.pk), "overdue": "on"}).content.decode()
    assert late.number in overdue and waiting.number not in overdue
    assert client.get("/services/repairs/", {"stage": "nonsense", "vendor": "x" * 300}).status_code == 200


def test_a_job_is_cancelled_on_its_page_and_the_piece_goes_back(world: rw.RepairWorld) -> None:
    from parure.inventory.models import Item

    client = signed_in(world.cast.assistant)
    job = rw.take_in(world, estimate_only=True)
    act = f"/services/repairs/{job.number}/act/"
    unsigned = client.post(act, {"action": "cancel", "reason": "Client declined"})
    assert unsigned.status_code == 422 and "The client&#x27;s signature is missing" in unsigned.content.decode()
    done = client.post(act, {"action": "cancel", "reason": "Client declined", "signed_on_paper": "on"})
    assert done.status_code == 302
    assert RepairJob.objects.get(pk=job.pk).stage == RepairStage.CANCELLED
    assert Item.objects.get(pk=job.item_id).status == "released"
