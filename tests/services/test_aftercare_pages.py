"""The post-sale pages, the API and My day, end to end: the list and its filters (its query count flat
whatever the rows), the form showing the rules' verdicts before saving, the order page's steps, an
appraisal's value absent for those who may not see valuations, and the API's refusals."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext

from parure.core import registry
from parure.services.aftercare import services as aftercare
from parure.services.aftercare.models import AftercareOrder
from tests.conftest import signed_in
from tests.services import aftercare_world as aw

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def world(cast: Any) -> Any:
    return aw.new_york(cast)


def _text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_list_filters_by_kind_status_and_due_and_reads_a_fixed_number_of_queries(world: Any) -> None:
    ring = aw.sold(world)
    client = signed_in(world.cast.finance)
    client.get("/services/post-sale/")
    counts = []
    for extra in (1, 6):
        for _ in range(extra):
            aw.order(aw.resizing(ring), world.cast.assistant)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/services/post-sale/?status=open").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    engraving = aw.order(aw.engraving(ring, due_on=aw.due(2)), world.cast.assistant)
    shown = _text(client.get("/services/post-sale/?kind=engraving&due=week"))
    assert re.findall(r'id="order-([A-Z0-9-]+)"', shown) == [engraving.number]
    assert "Mrs Ada Lovelace" in shown and f"{ring.stock_number}</span>" in shown
    assert re.findall(r'id="order-([A-Z0-9-]+)"', _text(client.get("/services/post-sale/?due=overdue"))) == []
    assert "No orders match." in _text(client.get("/services/post-sale/?status=delivered"))


def test_the_form_shows_the_verdicts_before_saving_and_keeps_what_was_typed(world: Any) -> None:
    band = aw.sold(world, "Diamond eternity ring", signature="Tiffany & Co.")
    client = signed_in(world.cast.assistant)
    form = {"kind": "resizing", "stock_number": band.stock_number, "due_on": aw.due().isoformat(), "charge": "150",
            "size_system": "US", "current_size": "6", "target_size": "7", "setting": "channel", "action": "check"}  # fmt: skip
    checked = client.post("/services/post-sale/new/", form)
    shown = _text(checked)
    assert checked.status_code == 200
    assert 'id="refusal-eternity"' in shown and "is an eternity band" in shown
    assert 'id="warning-engraving_redone"' in shown and "signed ‘Tiffany &amp; Co.’" in shown
    assert "US 6 · UK L · EU 52" in shown and "US 7 · UK N½ · EU 54" in shown
    assert not AftercareOrder.objects.exists()
    saved = client.post("/services/post-sale/new/", {**form, "action": "order"})
    assert saved.status_code == 409 and "cannot be resized" in _text(saved)
    assert f'value="{band.stock_number}"' in _text(saved)
    assert not AftercareOrder.objects.exists()


def test_an_order_is_taken_and_walked_through_its_steps_on_its_page(world: Any) -> None:
    ring = aw.sold(world)
    client = signed_in(world.cast.assistant)
    form = {"kind": "engraving", "invoice_number": ring.invoice.number, "due_on": aw.due().isoformat(), "charge": "0",
            "size_system": "US", "current_size": "6.5", "engraving_text": "Always", "font_style": "script",
            "engraving_side": "inside", "engraving_position": "centred", "band_width_mm": "3", "action": "check"}  # fmt: skip
    assert "At most 16 characters on this band; the text has 6." in _text(client.post("/services/post-sale/new/", form))
    saved = client.post("/services/post-sale/new/", {**form, "action": "order"})
    made = AftercareOrder.objects.get()
    assert saved.status_code == 302 and saved["Location"] == f"/services/post-sale/{made.number}/"
    page = f"/services/post-sale/{made.number}/"
    early = client.post(page + "status/", {"to": "at_bench", "bench": str(world.places.bench.pk)})
    assert early.status_code == 409 and "has not approved" in _text(early)
    assert client.post(page + "status/", {"to": "proof_sent"}).status_code == 302
    assert client.post(page + "proof/", {"approved_by": "", "method": "in_person"}).status_code == 422
    future = client.post(page + "proof/", {"approved_by": "Mrs Ada Lovelace", "method": "in_person",
                                           "approved_at": "2099-01-01T10:00"})  # fmt: skip
    assert future.status_code == 422 and "The approval cannot be in the future." in _text(future)
    approved = {"approved_by": "Mrs Ada Lovelace", "method": "in_person", "approved_at": "2026-01-02T15:30"}
    assert client.post(page + "proof/", approved).status_code == 302
    made.refresh_from_db()
    assert made.proof_approved_at is not None
    assert made.proof_approved_at.astimezone(ZoneInfo("America/New_York")).isoformat() == "2026-01-02T15:30:00-05:00"
    assert client.post(page + "status/", {"to": "at_bench", "bench": str(world.places.bench.pk)}).status_code == 302
    shown = _text(client.get(page))
    assert 'id="status">At the bench<' in shown and "Bench: Atelier Moreau (NY)" in shown
    assert "Approved by Mrs Ada Lovelace, in person, signed, 2 Jan 2026, 15:30" in shown
    assert client.post(page + "status/", {"to": "done"}).status_code == 302
    assert client.post(page + "status/", {"to": "delivered"}).status_code == 302
    made.refresh_from_db()
    assert [e.to_status for e in made.events.all()] == [
        "ordered", "proof_sent", "proof_approved", "at_bench", "done", "delivered"
    ]  # fmt: skip
    assert signed_in(world.cast.finance).post(page + "status/", {"to": "cancelled"}).status_code == 403


def test_an_appraisals_value_reaches_only_those_who_see_valuations(world: Any) -> None:
    ring = aw.sold(world)
    made = aw.order(aw.OrderDraft(kind="appraisal", stock_number=ring.stock_number, due_on=aw.due()), world.cast.senior)
    aftercare.aftercare_done(order=made, by=world.cast.senior, appraised_value="26500")
    for person, sees in ((world.cast.senior, True), (world.cast.finance, True), (world.cast.auditor, True),
                         (world.cast.assistant, False)):  # fmt: skip
        client = signed_in(person)
        page = _text(client.get(f"/services/post-sale/{made.number}/"))
        assert ("26,500" in page) is sees, person
        api = client.get(f"/api/v1/services/post-sale/orders/{made.number}").json()
        assert api["appraised_value"] == ("26500.00" if sees else None), person
    assert signed_in(world.cast.logistics).get(f"/services/post-sale/{made.number}/").status_code == 403


def test_the_api_takes_an_order_approves_its_proof_and_moves_it_on(world: Any) -> None:
    ring = aw.sold(world)
    api = signed_in(world.cast.assistant)

    def post(url: str, body: dict[str, Any]) -> Any:
        return api.post(f"/api/v1/services/post-sale{url}", data=json.dumps(body), content_type="application/json")

    body = {"kind": "engraving", "stock_number": ring.stock_number, "due_on": aw.due().isoformat(), "charge": "80",
            "size_system": "US", "current_size": "6.5", "engraving_text": "Forever yours, my love",
            "font_style": "script", "engraving_side": "inside", "engraving_position": "centred", "band_width_mm": "3"}  # fmt: skip
    long = post("/orders", body)
    assert long.status_code == 422 and long.json()["code"] == "aftercare_engraving_too_long"
    assert long.json()["fields"] == {"engraving_text": [long.json()["message"]]}
    made = post("/orders", {**body, "engraving_text": "A & J"})
    assert made.status_code == 201
    number = made.json()["number"]
    assert (made.json()["status"], made.json()["character_limit"], made.json()["client"]) == (
        "ordered", 16, "Mrs Ada Lovelace"
    )  # fmt: skip
    assert post(f"/orders/{number}/status", {"to": "proof_sent"}).json()["status"] == "proof_sent"
    approved = post(f"/orders/{number}/proof", {"approved_by": "Mrs Ada Lovelace", "method": "email"})
    assert approved.json()["proof_approved_by"] == "Mrs Ada Lovelace"
    wrong = post(f"/orders/{number}/status", {"to": "at_bench", "bench": "LAB-GIA"})
    assert wrong.status_code == 422 and wrong.json()["message"] == "‘LAB-GIA’ is not a bench jeweler of New York."
    at_bench = post(f"/orders/{number}/status", {"to": "at_bench", "bench": "bench-am"})
    assert (at_bench.json()["status"], at_bench.json()["bench"]) == ("at_bench", "BENCH-AM")
    done = post(f"/orders/{number}/status", {"to": "done"}).json()
    assert done["status"] == "done" and done["charge_invoice"].startswith("NY-I-")
    assert [row["to_status"] for row in done["history"]] == ["ordered", "proof_sent", "proof_approved", "at_bench",
                                                             "done"]  # fmt: skip
    listed = api.get("/api/v1/services/post-sale/orders?status=done").json()
    assert [row["number"] for row in listed["items"]] == [number]
    bad = api.get("/api/v1/services/post-sale/orders?due=someday")
    assert (
        bad.status_code == 422 and bad.json()["message"] == "‘someday’ is not a due filter: use one of overdue, week."
    )
    typo = api.get(f"/api/v1/services/post-sale/orders/{number[:-1]}{(int(number[-1]) + 1) % 10}")
    assert typo.status_code == 422 and "wrong check digit" in typo.json()["message"]


def test_my_day_lists_the_offices_orders_due_this_week_or_overdue(world: Any) -> None:
    ring = aw.sold(world)
    soon = aw.order(aw.resizing(ring, due_on=aw.due(3)), world.cast.assistant)
    aw.order(aw.resizing(ring, due_on=aw.due(20)), world.cast.assistant)
    # Two days later, as the order's due date set back (the office's clock cannot be moved for the panel).
    AftercareOrder.objects.filter(pk=soon.pk).update(due_on=aw.due(-2))
    request = RequestFactory().get("/")
    request.user = world.cast.senior
    rows = registry.panels["aftercare_due"].rows(request)
    assert [(row.title, row.overdue) for row in rows] == [
        (f"{soon.number} · Ring resizing · {ring.stock_number}", True)
    ]  # fmt: skip
    assert rows[0].detail.endswith("(2 days overdue)")


def test_a_piece_over_the_four_eyes_value_goes_to_the_bench_with_a_witness(world: Any) -> None:
    from django.conf import settings

    ring = aw.sold(world, "Ruby and diamond ring", value="80000")
    made = aw.order(aw.resizing(ring), world.cast.assistant)
    client = signed_in(world.cast.assistant)
    page = f"/services/post-sale/{made.number}/"
    step = {"to": "at_bench", "bench": str(world.places.bench.pk)}
    alone = client.post(page + "status/", step)
    assert alone.status_code == 409 and "needs a witness" in _text(alone)
    wrong = client.post(page + "status/", {**step, "witness_username": "eleanor", "witness_password": "nope"})
    assert wrong.status_code == 409 and "username and password do not match an active account." in _text(wrong)
    witnessed = client.post(page + "status/", {**step, "witness_username": "eleanor",
                                               "witness_password": settings.PARURE_DEMO_PASSWORD})  # fmt: skip
    assert witnessed.status_code == 302
    made.refresh_from_db()
    ring.refresh_from_db()
    assert (made.status, ring.status) == ("at_bench", "checked_out")


def test_the_scan_box_opens_an_order_and_the_subnav_shows_post_sale_to_readers(world: Any) -> None:
    ring = aw.sold(world)
    made = aw.order(aw.resizing(ring), world.cast.assistant)
    request = RequestFactory().get("/")
    request.user = world.cast.finance
    resolve = registry.scan_resolvers["aftercare"].resolve
    assert resolve(request, made.number.replace("-", "").lower()) == f"/services/post-sale/{made.number}/"
    with pytest.raises(registry.ScanRefused) as refused:
        resolve(request, made.number[:-1] + str((int(made.number[-1]) + 1) % 10))
    assert "wrong check digit" in str(refused.value)
    assert resolve(request, ring.stock_number) is None
    assert '<a href="/services/post-sale/"' in _text(signed_in(world.cast.finance).get("/services/post-sale/"))
