"""Lab submissions as services: a batch is made, filled, sent (custody out, all or none), scanned back
and its reports recorded on the catalogue record; every refusal is a sentence and changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from parure.catalogue.models import Certificate
from parure.core.numbering import check_digit
from parure.inventory.choices import EventKind, ItemStatus, LocationType, SaleState
from parure.inventory.models import CustodyEvent, Location
from parure.inventory.services import item_check_out
from parure.inventory.services.intake import client_piece_intake
from parure.inventory.services.selling import pieces_sale_state
from parure.services.errors import ServicesError
from parure.services.labs import services
from parure.services.labs.choices import SubmissionStatus
from parure.services.labs.numbers import parse_submission_number
from tests.catalogue import world as catalogue_world
from tests.guards import unchanged
from tests.inventory import world as inventory_world
from tests.services.labs_world import LabWorld, draft, fresh, lab, next_week, sent, world

__all__ = ["world"]


def refused(match: str) -> Any:
    return pytest.raises(ServicesError, match=match)


# --- The batch and its number ---------------------------------------------------------------------------


def test_a_draft_is_numbered_for_its_office_and_year_with_a_check_digit(world: LabWorld) -> None:
    submission = draft(world.cast.senior)
    yy = timezone.localdate().year % 100
    body = f"NY-GL-{yy:02d}-00001"
    assert submission.number == f"{body}-{check_digit(body)}"
    assert submission.status == SubmissionStatus.DRAFT
    assert (submission.office.code, submission.laboratory.code, submission.courier) == ("NY", "GIA", "Malca-Amit")
    assert draft(world.cast.senior).number.startswith(f"NY-GL-{yy:02d}-00002-")


def test_a_mistyped_submission_number_is_refused_not_looked_up() -> None:
    good = "NY-GL-26-00012"
    number = f"{good}-{check_digit(good)}"
    assert parse_submission_number(number.lower().replace("-", "")) == number
    wrong = str((int(check_digit(good)) + 1) % 10)
    with refused(f"{good}-{wrong} has a wrong check digit: check the number and type it again."):
        parse_submission_number(f"{good}-{wrong}")
    with refused("‘NY-12’ is not a lab submission number; they look like NY-GL-26-00012-3."):
        parse_submission_number("NY-12")


def test_an_expected_return_date_in_the_past_is_refused(world: LabWorld) -> None:
    yesterday = timezone.localdate() - timedelta(days=2)
    with unchanged(), refused(f"The expected return date {yesterday:%d %B %Y} is in the past; give a date from"):
        services.lab_submission_create(laboratory=lab(), expected_back=yesterday, by=world.cast.senior)


# --- Lines and what may go ---------------------------------------------------------------------------


def test_a_line_needs_a_service_and_a_stone_the_piece_has(world: LabWorld) -> None:
    submission = draft(world.cast.assistant)
    with unchanged(), refused("Choose at least one service to ask of the laboratory"):
        services.lab_line_add(submission=submission, stock_number=world.ring.stock_number, services=[],
                              by=world.cast.assistant)  # fmt: skip
    with unchanged(), refused(f"{world.ring.stock_number} has no stone 3; its stones are 1, 2."):
        services.lab_line_add(submission=submission, stock_number=world.ring.stock_number, services=["origin"],
                              stone_position=3, by=world.cast.assistant)  # fmt: skip
    line = services.lab_line_add(submission=submission, stock_number=world.ring.stock_number,
                                 services=["grading", "origin"], stone_position=1, by=world.cast.assistant)  # fmt: skip
    assert (line.position, line.services, line.stone_position) == (1, ["origin", "grading"], 1)
    with unchanged(), refused(f"Stone 1 of {world.ring.stock_number} is on this submission already \\(line 1\\)."):
        services.lab_line_add(submission=submission, stock_number=world.ring.stock_number, services=["origin"],
                              stone_position=1, by=world.cast.assistant)  # fmt: skip
    second = services.lab_line_add(submission=submission, stock_number=world.ring.stock_number,
                                   services=["grading"], stone_position=2, by=world.cast.assistant)  # fmt: skip
    assert second.position == 2


def test_a_piece_on_approval_is_refused(world: LabWorld) -> None:
    item_check_out(item=world.ring, to=world.ny.approval, by=world.cast.senior, due_back=inventory_world.tomorrow(),
                   counterpart="Mrs Julia Ashworth")  # fmt: skip
    submission = draft(world.cast.senior)
    with (
        unchanged(),
        refused(
            f"{world.ring.stock_number} is on approval with Mrs Julia Ashworth \\(Clients on approval \\(NY\\)\\); "
            "it can go to a laboratory once it is back."
        ),
    ):
        services.lab_line_add(submission=submission, stock_number=world.ring.stock_number, services=["origin"],
                              by=world.cast.senior)  # fmt: skip


def test_a_piece_not_in_the_house_is_refused(world: LabWorld) -> None:
    item_check_out(item=world.ring, to=world.ny.studio, by=world.cast.senior, due_back=inventory_world.tomorrow())
    submission = draft(world.cast.senior)
    with (
        unchanged(),
        refused(
            f"{world.ring.stock_number} is not in the house: it is checked out to Photo studio \\(NY\\). "
            "Bring it back before it goes to a laboratory."
        ),
    ):
        services.lab_line_add(submission=submission, stock_number=world.ring.stock_number, services=["origin"],
                              by=world.cast.senior)  # fmt: skip


@pytest.mark.parametrize(
    ("state", "sentence"),
    [
        (
            SaleState.IN_SALE,
            "is in a sale \\(NY-J-2703 lot 4\\); take it out of its lot before it goes to a laboratory.",
        ),
        (SaleState.SOLD, "is sold \\(NY-J-2703 lot 4\\) and awaits its release to the buyer; it cannot go to a"),
    ],
)
def test_a_piece_in_a_sale_or_sold_is_refused(world: LabWorld, state: str, sentence: str) -> None:
    pieces_sale_state(items=[world.ring], state=state, reference="NY-J-2703 lot 4", by=world.cast.senior)
    submission = draft(world.cast.senior)
    with unchanged(), refused(f"{world.ring.stock_number} {sentence}"):
        services.lab_line_add(submission=submission, stock_number=world.ring.stock_number, services=["origin"],
                              by=world.cast.senior)  # fmt: skip


def test_a_piece_on_another_open_submission_is_refused(world: LabWorld) -> None:
    first = draft(world.cast.senior, world.ring)
    second = draft(world.cast.senior, laboratory="SSEF")
    with (
        unchanged(),
        refused(
            f"{world.ring.stock_number} is already on lab submission {first.number} \\(GIA, draft\\); "
            "a piece is on one open submission at a time."
        ),
    ):
        services.lab_line_add(submission=second, stock_number=world.ring.stock_number, services=["origin"],
                              by=world.cast.senior)  # fmt: skip
    services.lab_submission_cancel(submission=first, reason="Sent to SSEF instead", by=world.cast.senior)
    services.lab_line_add(submission=second, stock_number=world.ring.stock_number, services=["origin"],
                          by=world.cast.senior)  # fmt: skip


def test_a_clients_own_piece_goes_only_for_a_service(world: LabWorld) -> None:
    client = inventory_world.consignor("Mr Howard Lyle")
    own = client_piece_intake(client=client, piece=inventory_world.piece("Diamond solitaire ring"),
                              by=world.cast.senior, reason="Certificate update for the client")  # fmt: skip
    inventory_world.intake_condition_report(own, by=world.cast.senior)
    submission = draft(world.cast.senior)
    with (
        unchanged(),
        refused(
            f"{own.stock_number} is a client's own piece; it goes to a laboratory only for a service. "
            "Give the repair or order it is for."
        ),
    ):
        services.lab_line_add(submission=submission, stock_number=own.stock_number, services=["grading"],
                              by=world.cast.senior)  # fmt: skip
    line = services.lab_line_add(submission=submission, stock_number=own.stock_number, services=["grading"],
                                 for_service="Certificate update NY-A-0042", by=world.cast.senior)  # fmt: skip
    services.lab_submission_send(submission=submission, by=world.cast.senior)
    assert fresh(own).status == ItemStatus.CHECKED_OUT
    assert line.for_service == "Certificate update NY-A-0042"


def test_a_mistyped_or_unknown_stock_number_is_refused(world: LabWorld) -> None:
    submission = draft(world.cast.senior)
    body = world.ring.stock_number[:-2]
    wrong = f"{body}-{(int(world.ring.stock_number[-1]) + 1) % 10}"
    with unchanged(), refused(f"{wrong} has a wrong check digit, so it is not a stock number we issued"):
        services.lab_line_add(submission=submission, stock_number=wrong, services=["origin"], by=world.cast.senior)
    unknown_body = body[:-6] + "999999"
    unknown = f"{unknown_body}-{check_digit(unknown_body)}"
    with unchanged(), refused(f"No piece has stock number {unknown}."):
        services.lab_line_add(submission=submission, stock_number=unknown, services=["origin"], by=world.cast.senior)


# --- Sending: custody out, all or none ---------------------------------------------------------------


def test_an_empty_batch_is_not_sent(world: LabWorld) -> None:
    submission = draft(world.cast.senior)
    with unchanged(), refused(f"Submission {submission.number} has no pieces; add at least one before sending it."):
        services.lab_submission_send(submission=submission, by=world.cast.senior)


def test_sending_checks_every_piece_out_to_the_laboratory_due_back_on_the_expected_day(world: LabWorld) -> None:
    submission = draft(world.cast.senior, world.ring, world.brooch)
    services.lab_submission_send(submission=submission, by=world.cast.logistics, courier_reference="MA-778812")
    submission.refresh_from_db()
    assert (submission.status, submission.sent_by, submission.courier_reference) == (
        SubmissionStatus.SENT, world.cast.logistics, "MA-778812",
    )  # fmt: skip
    for piece in (world.ring, world.brooch):
        item = fresh(piece)
        assert (item.status, item.location, item.holder) == (
            ItemStatus.CHECKED_OUT, world.ny.lab, "Gemological Institute of America",
        )  # fmt: skip
        event = CustodyEvent.objects.get(item=piece, seq=item.custody_seq)
        assert (event.kind, event.cause, event.staff, event.reason) == (
            EventKind.CHECK_OUT, f"lab_submission:{submission.number}", world.cast.logistics,
            f"Lab submission {submission.number}: origin, treatment",
        )  # fmt: skip
    from zoneinfo import ZoneInfo

    due = fresh(world.ring).due_back.astimezone(ZoneInfo("America/New_York"))  # type: ignore[union-attr]
    assert (due.date(), due.hour, due.minute) == (next_week(), 23, 59)


def test_sending_is_all_or_nothing(world: LabWorld) -> None:
    submission = draft(world.cast.senior, world.ring, world.brooch)
    # The brooch goes to the photo studio after it was put on the batch.
    item_check_out(item=world.brooch, to=world.ny.studio, by=world.cast.senior, due_back=inventory_world.tomorrow())
    with unchanged(), refused(f"{world.brooch.stock_number} is not in the house: it is checked out to Photo studio"):
        services.lab_submission_send(submission=submission, by=world.cast.senior)
    assert fresh(world.ring).status == ItemStatus.IN_HOUSE


def test_the_laboratorys_place_is_made_the_first_time_a_batch_goes_there(world: LabWorld) -> None:
    assert not Location.objects.filter(office__code="NY", code="LAB-SSEF").exists()
    sent(world.cast.senior, world.ring, laboratory="SSEF")
    place = Location.objects.get(office__code="NY", code="LAB-SSEF")
    assert (place.type, place.name, place.counterpart) == (LocationType.GEM_LAB, "Lab: SSEF", lab("SSEF").name)
    assert fresh(world.ring).location == place


def test_a_batch_due_back_yesterday_is_not_sent(world: LabWorld) -> None:
    submission = draft(world.cast.senior, world.ring)
    type(submission).objects.filter(pk=submission.pk).update(expected_back=date(2020, 1, 2))
    with unchanged(), refused("The expected return date 02 January 2020 is in the past"):
        services.lab_submission_send(submission=submission, by=world.cast.senior)


def test_only_the_submissions_office_sends_it(world: LabWorld) -> None:
    submission = draft(world.cast.senior, world.ring)
    london = inventory_world.Staff.objects.filter(office__code="LN", role="senior_specialist").first()
    assert london is not None
    with unchanged(), refused("only New York staff can change it"):
        services.lab_submission_send(submission=submission, by=london)


# --- Back by scan, and the report ---------------------------------------------------------------------


def test_pieces_come_back_by_scan_to_the_workroom_and_the_batch_follows(world: LabWorld) -> None:
    submission = sent(world.cast.senior, world.ring, world.brooch)
    services.lab_piece_return(submission=submission, stock_number=world.ring.stock_number, by=world.cast.assistant)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PARTLY_RETURNED
    ring = fresh(world.ring)
    assert (ring.status, ring.location) == (ItemStatus.IN_HOUSE, world.ny.workroom)
    with unchanged(), refused(f"{world.ring.stock_number} was scanned back already, on "):
        services.lab_piece_return(submission=submission, stock_number=world.ring.stock_number, by=world.cast.senior)
    services.lab_piece_return(submission=submission, stock_number=world.brooch.stock_number, by=world.cast.logistics,
                              to=world.ny.tray1)  # fmt: skip
    submission.refresh_from_db()
    assert (submission.status, submission.returned_on) == (
        SubmissionStatus.RETURNED,
        services.office_today(world.ny.office),
    )
    assert fresh(world.brooch).location == world.ny.tray1
    assert list(submission.lines.values_list("returned_by__username", flat=True)) == ["marcus", "daniel"]


def test_a_report_for_a_line_not_back_is_refused(world: LabWorld) -> None:
    submission = sent(world.cast.senior, world.ring)
    line = submission.lines.get()
    report = services.LabReport(number="2185034712", issued_on=date(2026, 3, 14), kind="coloured_stone",
                                origin="Kashmir", treatment="No indications of heating")  # fmt: skip
    with (
        unchanged(),
        refused(f"{world.ring.stock_number} has not come back from GIA; scan it back before recording its report."),
    ):
        services.lab_report_record(line=line, report=report, by=world.cast.senior)


def test_the_report_goes_on_the_catalogue_record_and_the_line_keeps_it(world: LabWorld) -> None:
    record = catalogue_world.cartier_ring(world.ring, by=world.cast.senior)
    submission = draft(world.cast.senior)
    services.lab_line_add(submission=submission, stock_number=world.ring.stock_number, services=["origin", "treatment"],
                          stone_position=1, control_number="GIA-CN-5521", by=world.cast.senior)  # fmt: skip
    services.lab_submission_send(submission=submission, by=world.cast.senior)
    services.lab_piece_return(submission=submission, stock_number=world.ring.stock_number, by=world.cast.senior)
    line = submission.lines.get()
    missing_origin = services.LabReport(number="2185034712", issued_on=date(2026, 3, 14), kind="coloured_stone",
                                        treatment="No indications of heating")  # fmt: skip
    with unchanged(), refused("The origin was asked of the laboratory: give its finding"):
        services.lab_report_record(line=line, report=missing_origin, by=world.cast.senior)
    report = services.LabReport(number="2185034712", issued_on=date(2026, 3, 14), kind="coloured_stone",
                                species="corundum", variety="sapphire", origin="Kashmir",
                                treatment="no indications of heating")  # fmt: skip
    recorded = services.lab_report_record(line=line, report=report, by=world.cast.senior)
    certificate = Certificate.objects.get(pk=recorded.certificate_id)
    assert (certificate.record, certificate.stone, certificate.laboratory.code, certificate.number) == (
        record, record.stones.get(position=1), "GIA", "2185034712",
    )  # fmt: skip
    assert (certificate.origin, certificate.treatment, certificate.attached_by) == (
        "Kashmir", "no indications of heating", world.cast.senior,
    )  # fmt: skip
    assert (recorded.report_number, recorded.report_issued_on) == ("2185034712", date(2026, 3, 14))
    with unchanged(), refused("The report for line 1 is recorded already \\(GIA 2185034712\\)"):
        services.lab_report_record(line=line, report=report, by=world.cast.senior)


def test_a_report_on_a_piece_without_a_catalogue_record_is_refused(world: LabWorld) -> None:
    submission = sent(world.cast.senior, world.ring, services_asked=("grading",))
    services.lab_piece_return(submission=submission, stock_number=world.ring.stock_number, by=world.cast.senior)
    report = services.LabReport(number="6204118830", issued_on=date(2026, 5, 2), kind="diamond", colour="F")
    with unchanged(), refused(f"{world.ring.stock_number} has no catalogue record yet; start its record"):
        services.lab_report_record(line=submission.lines.get(), report=report, by=world.cast.senior)


def test_a_sent_batch_is_not_cancelled_and_a_draft_needs_a_reason(world: LabWorld) -> None:
    submission = draft(world.cast.senior, world.ring)
    with unchanged(), refused("Say why the submission is cancelled."):
        services.lab_submission_cancel(submission=submission, reason="  ", by=world.cast.senior)
    services.lab_submission_send(submission=submission, by=world.cast.senior)
    with unchanged(), refused(f"Submission {submission.number} is sent; it is too late or too early to cancel it."):
        services.lab_submission_cancel(submission=submission, reason="Changed our mind", by=world.cast.senior)


# --- A piece at a lab is unavailable for a sale or a viewing --------------------------------------------


def test_a_piece_at_a_laboratory_cannot_be_lotted(world: LabWorld) -> None:
    from parure.auctions.errors import AuctionError
    from parure.auctions.services.sales import lot_add_piece, lot_create
    from tests.auctions import world as auction_world

    sent(world.cast.senior, world.ring)
    sale = auction_world.sale(world.cast.senior)
    message = (
        f"{world.ring.stock_number} is at a gem laboratory \\(Lab: GIA \\(NY\\)\\) until it comes back; "
        "it cannot be lotted meanwhile."
    )
    with unchanged(), pytest.raises(AuctionError, match=message):
        lot_create(sale=sale, items=[fresh(world.ring)], heading="A sapphire ring", low_estimate="8000",
                   high_estimate="12000", by=world.cast.senior)  # fmt: skip
    lot = lot_create(sale=sale, items=[fresh(world.brooch)], heading="An emerald brooch", low_estimate="8000",
                     high_estimate="12000", by=world.cast.senior)  # fmt: skip
    with unchanged(), pytest.raises(AuctionError, match=message):
        lot_add_piece(lot=lot, item=fresh(world.ring), by=world.cast.senior)


def test_a_piece_at_a_laboratory_cannot_go_to_a_viewing(world: LabWorld) -> None:
    from parure.inventory.errors import CustodyError
    from parure.inventory.services.viewings import viewing_check_out

    sent(world.cast.senior, world.ring)
    with unchanged(), pytest.raises(CustodyError) as refusal:
        viewing_check_out(stock_numbers=[world.ring.stock_number], office=world.ny.office, room_name="Viewing room 1",
                          due_back=inventory_world.tomorrow(), cause="appointment:12", by=world.cast.senior)  # fmt: skip
    assert refusal.value.message == (
        f"{world.ring.stock_number} is already checked out to Lab: GIA (NY); return it before checking it out again."
    )


def test_a_sent_batch_takes_no_new_line_but_takes_its_control_numbers(world: LabWorld) -> None:
    submission = sent(world.cast.senior, world.ring)
    with unchanged(), refused(f"Submission {submission.number} is sent; it is too late or too early to add pieces"):
        services.lab_line_add(submission=submission, stock_number=world.brooch.stock_number, services=["origin"],
                              by=world.cast.senior)  # fmt: skip
    line = services.lab_line_control_number(line=submission.lines.get(), control_number=" GIA-8812 ",
                                            by=world.cast.assistant)  # fmt: skip
    assert line.control_number == "GIA-8812"


def test_a_piece_returned_from_its_own_page_is_only_marked_back(world: LabWorld) -> None:
    from parure.inventory.services import item_return

    submission = sent(world.cast.senior, world.ring, world.brooch)
    item_return(item=fresh(world.ring), by=world.cast.senior, to=world.ny.tray1)
    events = CustodyEvent.objects.count()
    services.lab_piece_return(submission=submission, stock_number=world.ring.stock_number, by=world.cast.assistant)
    assert CustodyEvent.objects.count() == events
    assert fresh(world.ring).location == world.ny.tray1
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PARTLY_RETURNED
    other = sent(world.cast.senior, world.ring, laboratory="SSEF")  # back in the house, it may go again
    with unchanged(), refused(f"{world.brooch.stock_number} is not on submission {other.number}."):
        services.lab_piece_return(submission=other, stock_number=world.brooch.stock_number, by=world.cast.senior)


def test_a_report_number_already_on_another_piece_is_refused_by_the_catalogue(world: LabWorld) -> None:
    from parure.catalogue.errors import CatalogueError
    from tests.catalogue.certificate_world import attach, sapphire_report

    other = catalogue_world.cartier_ring(world.brooch, by=world.cast.senior)
    attach(other, sapphire_report(other), by=world.cast.senior)
    catalogue_world.cartier_ring(world.ring, by=world.cast.senior)
    submission = sent(world.cast.senior, world.ring)
    services.lab_piece_return(submission=submission, stock_number=world.ring.stock_number, by=world.cast.senior)
    report = services.LabReport(number="2185034712", issued_on=date(2026, 3, 14), kind="coloured_stone",
                                origin="Kashmir", treatment="no indications of heating")  # fmt: skip
    message = f"GIA report 2185034712 is already attached to {world.brooch.stock_number}; a report belongs to one"
    with unchanged(), pytest.raises(CatalogueError, match=message):
        services.lab_report_record(line=submission.lines.get(), report=report, by=world.cast.senior)
    assert submission.lines.get().certificate_id is None
