"""A shipment's papers read back from their PDF bytes: the customs invoice of a paid diamond ring going to
London, with the World Diamond Council's statement, its seals and its values; the parcels' labels; the
export rules' permit for coral, refused without its number."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from parure.billing.documents import WDC_STATEMENT
from parure.inventory.services import StoneDraft
from parure.shipping.compliance import demo as compliance_demo
from parure.shipping.errors import ShippingError
from parure.shipping.shipments import papers
from parure.shipping.shipments.services import (
    parcel_photo_add,
    shipment_check_packing,
    shipment_create,
    shipment_hand_over,
    shipment_pack,
)
from tests.services import aftercare_world as aw
from tests.shipping import shipments_world as sw

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def world(cast: Any) -> Any:
    built = sw.build(cast)
    compliance_demo.build(lambda line: None)
    return built


def _shipped(world: Any, ring: Any) -> Any:
    shipment = shipment_create(office=world.office, data=sw.to_buyer(world, ring), by=world.cast.logistics)
    shipment = shipment_pack(shipment=shipment, parcels=sw.parcels(), checklist=sw.CHECKLIST, by=world.cast.logistics)
    parcel_photo_add(shipment=shipment, parcel_number=1, content=sw.jpeg(), by=world.cast.logistics)
    shipment = shipment_check_packing(shipment=shipment, seals_seen={1: "S-100231 S-100232"}, by=world.cast.assistant)
    return shipment_hand_over(shipment=shipment, tracking_number="MA77310042", by=world.cast.logistics)


def test_the_customs_invoice_of_a_paid_diamond_ring_to_london(world: Any) -> None:
    ring = aw.sold(world)
    shipment = _shipped(world, ring)
    text = flat(text_of(papers.customs_pdf(shipment, signatory=world.cast.logistics)))
    total = f"${ring.invoice.total:,.2f}"
    for expected in (
        "Commercial invoice",
        shipment.number,
        "Jewelry department, New York",
        "Mrs Ada Lovelace",
        "12 Cheyne Walk",
        "United Kingdom",
        ring.stock_number,
        "7113.19",
        "HS 2022",
        "DAP",
        "Sale",
        "MA77310042",
        "S-100231",
        "S-100232",
        total,
        flat(WDC_STATEMENT),
        "Daniel Ortiz",
    ):
        assert expected in text, expected
    assert text.count(flat(WDC_STATEMENT)) == 1


def test_the_labels_carry_the_tracking_number_and_no_jewelry_word(world: Any) -> None:
    ring = aw.sold(world)
    shipment = _shipped(world, ring)
    reader = PdfReader(io.BytesIO(papers.labels_pdf(shipment)))
    assert len(reader.pages) == 1
    label = flat(reader.pages[0].extract_text())
    for expected in ("Mrs Ada Lovelace", "12 Cheyne Walk", "Shipping Office", "MA77310042", "Parcel 1 of 1"):
        assert expected in label, expected
    for word in ("ring", "diamond", "sapphire", "jewel", "Parure"):
        assert word.lower() not in label.lower().split(), word


def test_coral_needs_its_cites_permit_number_and_the_invoice_prints_it(world: Any) -> None:
    from tests.inventory import world as inventory_world

    consignor = inventory_world.consignor("Mrs Helena Ruiz")
    draft = inventory_world.piece("Coral and gold brooch", value="4800", category="brooch", metal="18k yellow gold",
                                  stones=(StoneDraft("coral", "cabochon", 3),))  # fmt: skip
    brooch = inventory_world.take_in(world.cast.senior, consignor, draft)[0]
    data = sw.to_buyer(world, brooch)
    with pytest.raises(ShippingError) as refusal:
        shipment_create(office=world.office, data=data, by=world.cast.logistics)
    assert (refusal.value.code, refusal.value.field) == ("permit_required", f"permit:{brooch.stock_number}")
    with_permit = sw.to_buyer(
        world, pieces=[sw.PieceInput(stock_number=brooch.stock_number, permit_number="26US812345/9")]
    )
    shipment = shipment_create(office=world.office, data=with_permit, by=world.cast.logistics)
    assert shipment.pieces.get().permit_number == "26US812345/9"
    assert any("26US812345/9" in text for _, text in shipment.statements)
