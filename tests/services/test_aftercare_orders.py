"""Post-sale orders through the services: taken on a sold piece for its invoice's buyer, each sizing and
engraving rule with its sentence, and nothing saved when an order is refused."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.core.numbering import check_digit
from parure.services.aftercare.models import AftercareEvent, AftercareOrder
from parure.services.aftercare.services import assess
from parure.services.errors import ServicesError
from tests.inventory import world as inventory_world
from tests.services import aftercare_world as aw

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def world(cast: Any) -> Any:
    return aw.new_york(cast)


def refused(draft: Any, by: Any) -> ServicesError:
    before = (AftercareOrder.objects.count(), AftercareEvent.objects.count())
    with pytest.raises(ServicesError) as refusal:
        aw.order(draft, by)
    assert (AftercareOrder.objects.count(), AftercareEvent.objects.count()) == before
    return refusal.value


def test_a_resizing_is_ordered_on_a_sold_ring_for_its_buyer_with_its_sizes(world: Any) -> None:
    ring = aw.sold(world)
    made = aw.order(aw.resizing(ring), world.cast.assistant)
    year = aw.due(0).year % 100
    assert made.number == f"NY-AC-{year:02d}-00001-{check_digit(f'NY-AC-{year:02d}-00001')}"
    assert (made.kind, made.status, made.buyer_id, made.sale_invoice_number, made.stock_number) == (
        "resizing", "ordered", world.buyer.pk, ring.invoice.number, ring.stock_number
    )  # fmt: skip
    assert (made.size_system, made.current_size, made.target_size) == ("US", "6", "7")
    assert (made.current_circumference_mm, made.target_circumference_mm) == (D("51.86"), D("54.41"))
    assert (made.charge, made.currency, made.charge_invoice_number) == (D("150"), "USD", "")
    assert [(e.seq, e.from_status, e.to_status, e.by) for e in made.events.all()] == [
        (1, "", "ordered", world.cast.assistant)
    ]


def test_an_order_can_start_from_the_invoice_number(world: Any) -> None:
    ring = aw.sold(world)
    made = aw.order(aw.resizing(ring, stock_number="", invoice_number=ring.invoice.number.lower()), world.cast.senior)
    assert made.stock_number == ring.stock_number


def test_a_piece_not_sold_on_an_issued_invoice_is_refused(world: Any) -> None:
    consigned = inventory_world.take_in(world.cast.senior, inventory_world.consignor(), inventory_world.piece())[0]
    refusal = refused(aw.resizing(consigned), world.cast.senior)
    assert (refusal.field, refusal.message) == ("stock_number", f"{consigned.stock_number} was not sold on an issued "
        "invoice (or a credit note cancelled its sale); post-sale services are ordered on a sold piece.")  # fmt: skip
    ring = aw.sold(world)
    other = aw.sold(world, "Ruby ring")
    refusal = refused(aw.resizing(ring, invoice_number=other.invoice.number), world.cast.senior)
    assert (refusal.field, refusal.message) == (
        "invoice_number", f"{ring.stock_number} was sold on invoice {ring.invoice.number}, not {other.invoice.number}."
    )  # fmt: skip


def test_a_bad_check_digit_on_the_stock_number_is_refused(world: Any) -> None:
    ring = aw.sold(world)
    wrong = ring.stock_number[:-1] + str((int(ring.stock_number[-1]) + 1) % 10)
    refusal = refused(aw.resizing(ring, stock_number=wrong), world.cast.senior)
    assert refusal.field == "stock_number" and "check digit" in refusal.message


def test_a_piece_released_to_its_buyer_is_refused_until_brought_back(world: Any) -> None:
    from parure.inventory.services.custody import item_release

    ring = aw.sold(world)
    item_release(item=ring, cause=f"invoice:{ring.invoice.number}", by=world.cast.senior, counterpart="Mrs Lovelace")
    refusal = refused(aw.resizing(ring), world.cast.senior)
    assert (refusal.field, refusal.message) == ("bring_back", f"{ring.stock_number} is no longer in our custody "
        "(released); an order is taken only on a piece we hold: if the buyer has brought it back, say so to take it "
        "in again.")  # fmt: skip


# --- Sizing rules ----------------------------------------------------------------------------------


def test_an_eternity_band_is_refused(world: Any) -> None:
    band = aw.sold(world, "Diamond eternity ring", stones=aw.STONES)
    refusal = refused(aw.resizing(band, setting="channel"), world.cast.senior)
    assert (refusal.code, refusal.field, refusal.message) == ("aftercare_not_eligible", "setting",
        f"{band.stock_number} is an eternity band: stones run all the way round, so there is no plain shank to cut "
        "or stretch; it cannot be resized.")  # fmt: skip


def test_a_tension_setting_is_refused(world: Any) -> None:
    ring = aw.sold(world, "Diamond solitaire ring")
    refusal = refused(aw.resizing(ring, setting="tension"), world.cast.senior)
    assert refusal.message == (f"{ring.stock_number} has a tension setting: the band's own spring holds the stone, "
                               "and sizing would release it; it cannot be resized.")  # fmt: skip


def test_metals_that_cannot_be_soldered_are_refused(world: Any) -> None:
    for metal in ("titanium", "tungsten carbide", "black ceramic", "stainless steel"):
        band = aw.sold(world, f"A {metal} band", metal=metal, **aw.PLAIN_BAND)
        refusal = refused(aw.resizing(band, setting="plain"), world.cast.senior)
        cut = "tungsten" if metal == "tungsten carbide" else metal.removeprefix("black ")
        assert (refusal.field, refusal.message) == ("stock_number", f"{band.stock_number} is {metal}: {cut} cannot be "
            "cut and soldered at the bench; it cannot be resized.")  # fmt: skip


def test_a_stone_set_ring_goes_at_most_two_sizes_and_a_plain_band_four(world: Any) -> None:
    ring = aw.sold(world)
    refusal = refused(aw.resizing(ring, current_size="6", target_size="8.25"), world.cast.senior)
    assert (refusal.field, refusal.message) == ("target_size", f"{ring.stock_number} is set with stones: it may go at "
        "most 2 US sizes up or down, and 6 to 8.25 is 2.25 US sizes.")  # fmt: skip
    assert aw.order(aw.resizing(ring, current_size="6", target_size="4"), world.cast.senior).target_size == "4"
    band = aw.sold(world, "Platinum wedding band", **aw.PLAIN_BAND)
    assert aw.order(aw.resizing(band, setting="plain", target_size="9"), world.cast.senior).target_size == "9"
    refusal = refused(aw.resizing(band, setting="plain", target_size="10.5"), world.cast.senior)
    assert refusal.message == ("A ring may go at most 4 US sizes up or down, and 6 to 10.5 is 4.5 US sizes; beyond "
                               "that a new shank is made.")  # fmt: skip


def test_sizes_in_other_systems_are_measured_by_circumference(world: Any) -> None:
    ring = aw.sold(world)
    # UK L½ is 52.175 mm and P 56.55 mm: 1.75 US sizes up, allowed for a stone-set ring; Q is 2.25.
    made = aw.order(aw.resizing(ring, size_system="UK", current_size="L½", target_size="P"), world.cast.senior)
    assert (made.current_circumference_mm, made.target_circumference_mm) == (D("52.18"), D("56.55"))
    refusal = refused(aw.resizing(ring, size_system="UK", current_size="L½", target_size="Q"), world.cast.senior)
    assert refusal.message.endswith("and L½ to Q is 2.25 US sizes.")
    found = assess(aw.resizing(ring, size_system="EU", current_size="52", target_size="57"))
    assert found.eligibility is not None and found.eligibility.change == D("2")
    assert found.conversions == {"current": {"US": "6", "UK": "L½", "EU": "52"},
                                 "target": {"US": "8", "UK": "P½", "EU": "57"}}  # fmt: skip
    refusal = refused(aw.resizing(ring, size_system="UK", target_size="7"), world.cast.senior)
    assert refusal.field == "current_size" and "is not a UK ring size" in refusal.message


def test_a_signed_ring_warns_that_its_engraving_is_redone_and_needs_the_acknowledgement(world: Any) -> None:
    ring = aw.sold(world, signature="Cartier Paris")
    refusal = refused(aw.resizing(ring), world.cast.senior)
    warning = (f"{ring.stock_number} is engraved (signed ‘Cartier Paris’): sizing cuts or stretches the band, so the "
               "engraving will have to be redone afterwards.")  # fmt: skip
    assert (refusal.code, refusal.field, refusal.message) == (
        "aftercare_warning_unacknowledged", "acknowledge_warnings", f"Acknowledge the warning to order: {warning}"
    )  # fmt: skip
    made = aw.order(aw.resizing(ring, acknowledge_warnings=True), world.cast.senior)
    assert made.acknowledged_warnings == warning
    assert made.events.get().note == f"Acknowledged: {warning}"


def test_every_verdict_is_shown_before_saving(world: Any) -> None:
    band = aw.sold(world, "Titanium eternity band", metal="titanium", signature="Forever")
    found = assess(aw.resizing(band, setting="eternity", target_size="11"))
    assert found.eligibility is not None
    assert [v.code for v in found.eligibility.refusals] == ["eternity", "metal", "stone_set_limit", "plain_limit"]
    assert [v.code for v in found.eligibility.warnings] == ["engraving_redone"]
    assert not AftercareOrder.objects.exists()


# --- Engraving ------------------------------------------------------------------------------------


def test_the_engraving_limit_comes_from_band_width_and_ring_size(world: Any) -> None:
    ring = aw.sold(world)
    # US 6.5: 53.13 mm; half of it in script (1.6 mm a character) is 16; all round less 6 mm is 29.
    assert assess(aw.engraving(ring)).character_limit == 16
    assert assess(aw.engraving(ring, engraving_position="full_circle")).character_limit == 29
    assert assess(aw.engraving(ring, font_style="block", engraving_position="full_circle")).character_limit == 36
    assert assess(aw.engraving(ring, band_width_mm="5")).character_limit == 32  # two lines from 5 mm
    assert assess(aw.engraving(ring, current_size="10")).character_limit == 19
    assert assess(aw.engraving(ring, font_style="monogram")).character_limit == 3
    made = aw.order(aw.engraving(ring), world.cast.assistant)
    assert (made.engraving_text, made.character_limit, made.band_width_mm) == ("A & J 12.VI.2026", 16, D("3"))


def test_an_engraving_longer_than_the_band_allows_is_refused_with_the_limit(world: Any) -> None:
    ring = aw.sold(world)
    refusal = refused(aw.engraving(ring, engraving_text="Forever yours, my love"), world.cast.senior)
    assert (refusal.code, refusal.field, refusal.message) == ("aftercare_engraving_too_long", "engraving_text",
        "The engraving has 22 characters; a 3 mm band of US size 6.5 takes at most 16 in script "
        "(centred opposite the head).")  # fmt: skip
    refusal = refused(aw.engraving(ring, band_width_mm="1.5"), world.cast.senior)
    assert (refusal.field, refusal.message) == ("band_width_mm", "A band 1.5 mm wide is too narrow to engrave; the "
                                                "bench engraves bands of 2 mm and wider.")  # fmt: skip
    refusal = refused(aw.engraving(ring, font_style="gothic"), world.cast.senior)
    assert (refusal.field, refusal.message) == ("font_style", "Choose the lettering: script, roman capitals, "
                                                "block (sans-serif), old english, monogram.")  # fmt: skip


def test_the_due_date_and_charge_are_checked(world: Any) -> None:
    ring = aw.sold(world)
    cases = (
        ({"due_on": aw.due(-1)}, "due_on", "The due date is in the past."),
        ({"due_on": None}, "due_on", "Give the date the order is due."),
        ({"charge": "-5"}, "charge", "The charge must be between 0 and 1000000."),
        ({"charge": "12.345"}, "charge", "The charge has more than 2 decimal places."),
        ({"charge": "lots"}, "charge", "The charge is not a number: ‘lots’."),
        ({"notes": "x" * 2001}, "notes", "The notes is longer than 2000 characters."),
    )
    for change, field, sentence in cases:
        refusal = refused(aw.resizing(ring, **change), world.cast.senior)
        assert (refusal.field, refusal.message) == (field, sentence)
