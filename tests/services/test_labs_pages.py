"""The lab-submission pages: the list (filters, a fixed number of queries), a new submission, and a
submission's page walked through — pieces scanned in, the batch sent, pieces scanned back, a report
recorded — with each refusal shown beside its form; the form for the laboratory read back from its PDF."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdf
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from parure.catalogue.models import Certificate
from parure.core.numbering import check_digit
from parure.inventory.choices import ItemStatus
from parure.services.labs import services
from parure.services.labs.models import LabSubmission
from tests.catalogue import world as catalogue_world
from tests.conftest import signed_in
from tests.guards import unchanged
from tests.services.labs_world import LabWorld, draft, fresh, next_week, sent, world

__all__ = ["world"]


def _page(number: str) -> str:
    return f"/services/labs/{number}/"


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_a_new_submission_is_started_and_a_past_date_refused_keeping_what_was_typed(world: LabWorld) -> None:
    client = signed_in(world.cast.assistant)
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    with unchanged():
        response = client.post("/services/labs/new/", {"laboratory": "SSEF", "expected_back": past,
                                                       "courier": "Ferrari Group"})  # fmt: skip
    assert response.status_code == 422
    assert "is in the past; give a date from today on." in response.content.decode()
    assert 'value="Ferrari Group"' in response.content.decode()
    response = client.post("/services/labs/new/", {"laboratory": "SSEF", "expected_back": next_week().isoformat()})
    submission = LabSubmission.objects.get()
    assert response.status_code == 302 and response["Location"] == _page(submission.number)
    assert (submission.laboratory.code, submission.created_by) == ("SSEF", world.cast.assistant)


def test_a_piece_is_scanned_in_and_a_refusal_is_shown_beside_the_scan_box(world: LabWorld) -> None:
    submission = draft(world.cast.assistant)
    client = signed_in(world.cast.assistant)
    url = f"/services/labs/{submission.number}/lines/"
    response = client.post(url, {"stock_number": world.ring.stock_number, "services": ["origin", "grading"],
                                 "stone_position": "1"})  # fmt: skip
    assert response.status_code == 302
    with unchanged():
        response = client.post(url, {"stock_number": world.brooch.stock_number})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="add-refusal">Choose at least one service to ask of the laboratory' in html
    assert f'value="{world.brooch.stock_number}"' in html
    with unchanged():
        response = client.post(url, {"stock_number": world.brooch.stock_number, "services": ["origin", "treatment"],
                                     "stone_position": "9"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 422 and f"{world.brooch.stock_number} has no stone 9; its stones are 1, 2." in html
    assert 'value="origin" checked' in html and 'value="treatment" checked' in html
    assert 'value="grading" checked' not in html
    page = client.get(_page(submission.number)).content.decode()
    assert "Origin, Grading" in page and "Stone 1" in page
    # An assistant prepares; sending is for a senior or logistics.
    assert 'id="add-form"' in page and 'id="send-form"' not in page


def test_sending_scanning_back_and_recording_the_report_from_the_page(world: LabWorld) -> None:
    record = catalogue_world.cartier_ring(world.ring, by=world.cast.senior)
    submission = draft(world.cast.senior, world.ring)
    senior, logistics = signed_in(world.cast.senior), signed_in(world.cast.logistics)
    page = logistics.get(_page(submission.number)).content.decode()
    assert 'id="send-form"' in page and 'id="add-form"' not in page
    response = logistics.post(f"/services/labs/{submission.number}/send/", {"courier": "Brink's",
                                                                            "courier_reference": "BR-1"})  # fmt: skip
    assert response.status_code == 302
    assert fresh(world.ring).status == ItemStatus.CHECKED_OUT
    page = senior.get(_page(submission.number)).content.decode()
    assert 'id="status">Sent<' in page and "Lab: GIA (NY)" in page and 'id="return-form"' in page
    response = logistics.post(f"/services/labs/{submission.number}/return/", {"stock_number": world.ring.stock_number,
                                                                              "to": str(world.ny.tray2.pk)})  # fmt: skip
    assert response.status_code == 302
    assert fresh(world.ring).location == world.ny.tray2
    url = f"/services/labs/{submission.number}/lines/1/report/"
    with unchanged():
        response = senior.post(url, {"number": "2185034712", "issued_on": "2026-03-14", "kind": "coloured_stone",
                                     "treatment": "no indications of heating"})  # fmt: skip
    assert response.status_code == 422
    assert "Line 1: The origin was asked of the laboratory" in response.content.decode()
    response = senior.post(url, {"number": "2185034712", "issued_on": "2026-03-14", "kind": "coloured_stone",
                                 "origin": "Kashmir", "treatment": "no indications of heating"})  # fmt: skip
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert (certificate.record, certificate.origin) == (record, "Kashmir")
    page = senior.get(_page(submission.number)).content.decode()
    assert 'id="status">Returned<' in page and "GIA 2185034712" in page


def test_only_a_senior_records_a_report(world: LabWorld) -> None:
    submission = sent(world.cast.senior, world.ring)
    services.lab_piece_return(submission=submission, stock_number=world.ring.stock_number, by=world.cast.senior)
    assistant_page = signed_in(world.cast.assistant).get(_page(submission.number)).content.decode()
    assert "Record the report" not in assistant_page
    assert "Record the report" in signed_in(world.cast.senior).get(_page(submission.number)).content.decode()


def test_the_submission_form_lists_the_lines_with_their_control_numbers(world: LabWorld) -> None:
    submission = draft(world.cast.senior)
    services.lab_line_add(submission=submission, stock_number=world.ring.stock_number, services=["origin"],
                          stone_position=1, control_number="GIA-CN-5521", by=world.cast.senior)  # fmt: skip
    services.lab_line_add(submission=submission, stock_number=world.brooch.stock_number, services=["mounted"],
                          by=world.cast.senior)  # fmt: skip
    services.lab_submission_send(submission=submission, by=world.cast.senior)
    response = signed_in(world.cast.auditor).get(f"/services/labs/{submission.number}/form.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert f"Submission {submission.number}" in text
    assert "To Gemological Institute of America (GIA) · 2 lines, 2 pieces" in text
    assert f"1 {world.ring.stock_number} Sapphire and diamond ring Stone 1 Origin GIA-CN-5521" in text
    assert f"2 {world.brooch.stock_number} Emerald and diamond brooch Whole piece Mounted-piece report —" in text
    assert "Courier Malca-Amit" in text


def test_the_list_filters_and_reads_a_fixed_number_of_queries(world: LabWorld) -> None:
    out = sent(world.cast.senior, world.ring)
    waiting = draft(world.cast.senior, world.brooch, laboratory="SSEF")
    client = signed_in(world.cast.auditor)
    html = client.get("/services/labs/?status=sent").content.decode()
    assert f"submission-{out.number}" in html and f"submission-{waiting.number}" not in html
    html = client.get(f"/services/labs/?q={world.brooch.stock_number}").content.decode()
    assert f"submission-{waiting.number}" in html and f"submission-{out.number}" not in html
    LabSubmission.objects.filter(pk=out.pk).update(expected_back=timezone.localdate() - timedelta(days=3))
    html = client.get("/services/labs/?overdue=1").content.decode()
    assert f"submission-{out.number}" in html and "· overdue" in html and f"submission-{waiting.number}" not in html
    counts = []
    for extra in (2, 25):
        for _ in range(extra):
            draft(world.cast.senior)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/services/labs/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_mistyped_number_in_the_list_filter_is_refused_naming_it(world: LabWorld) -> None:
    wrong = f"NY-GL-26-00001-{(int(check_digit('NY-GL-26-00001')) + 1) % 10}"
    response = signed_in(world.cast.senior).get(f"/services/labs/?q={wrong}")
    assert response.status_code == 422
    assert f"{wrong} has a wrong check digit: check the number and type it again." in response.content.decode()


def test_the_subnav_and_my_day_show_the_batches_due_back(world: LabWorld) -> None:
    out = sent(world.cast.senior, world.ring, expected_back=timezone.localdate() + timedelta(days=1))
    home = signed_in(world.cast.assistant).get("/").content.decode()
    assert "Lab submissions due back" in home and f"{out.number} · GIA" in home
    assert "0 of 1 line back" in home
    LabSubmission.objects.filter(pk=out.pk).update(expected_back=services.office_today(out.office) - timedelta(days=2))
    late = (services.office_today(out.office) - timedelta(days=2)).strftime("%d %B %Y")
    home = signed_in(world.cast.senior).get("/").content.decode()
    assert f"Overdue since {late} · 0 of 1 line back" in home
    # Logistics in London sees nothing of New York's batches.
    london = world.cast["james"]
    assert f"{out.number} · GIA" not in signed_in(london).get("/").content.decode()
    page = signed_in(world.cast.logistics).get("/services/labs/").content.decode()
    assert '<a href="/services/labs/" aria-current="page">Lab submissions</a>' in page


def test_a_submission_number_in_the_scan_box_opens_its_page_and_a_wrong_digit_is_refused(world: LabWorld) -> None:
    submission = draft(world.cast.senior, world.ring)
    client = signed_in(world.cast.logistics)
    response = client.get("/scan/", {"code": submission.number.lower()})
    assert response.status_code == 200
    assert f'Lab submission <span class="number">{submission.number}</span>' in response.content.decode()
    body = submission.number[:-2]
    wrong = f"{body}-{(int(submission.number[-1]) + 1) % 10}"
    html = client.get("/scan/", {"code": wrong}).content.decode()
    assert f"{wrong} has a wrong check digit: check the number and type it again." in html


def test_no_value_and_no_client_reach_a_reader_of_a_submission(world: LabWorld) -> None:
    from parure.inventory.services.intake import client_piece_intake
    from tests.inventory import world as inventory_world

    client_file = inventory_world.consignor("Mr Howard Lyle")
    own = client_piece_intake(client=client_file, piece=inventory_world.piece("Diamond solitaire ring",
                              value="48000"), by=world.cast.senior, reason="Certificate update")  # fmt: skip
    inventory_world.intake_condition_report(own, by=world.cast.senior)
    submission = draft(world.cast.senior, world.ring)
    services.lab_line_add(submission=submission, stock_number=own.stock_number, services=["grading"],
                          for_service="Certificate update NY-A-0042", by=world.cast.senior)  # fmt: skip
    for staff in (world.cast.logistics, world.cast.auditor, world.cast.assistant):
        reader = signed_in(staff)
        html = reader.get(_page(submission.number)).content.decode()
        printed = pdf_text(reader.get(f"/services/labs/{submission.number}/form.pdf").content)
        for text in (html, printed):
            assert own.stock_number in text
            assert "Lyle" not in text and "48,000" not in text and "12,000" not in text


def test_a_submissions_page_reads_a_fixed_number_of_queries(world: LabWorld) -> None:
    from tests.services.labs_world import pieces

    client = signed_in(world.cast.senior)
    client.get("/services/labs/")
    counts = []
    for extra in (1, 6):
        submission = draft(world.cast.senior, *pieces(world.cast.senior, *(["Gold ring"] * extra)))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_page(submission.number)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_character_no_column_can_store_is_refused_naming_its_field(world: LabWorld) -> None:
    client = signed_in(world.cast.senior)
    with unchanged():
        response = client.post("/services/labs/new/", {"laboratory": "GIA", "expected_back": next_week().isoformat(),
                                                       "courier": "Malca\x00Amit"})  # fmt: skip
    assert response.status_code == 422
    assert "This field holds a character that cannot be stored (a NUL); type it again." in response.content.decode()
    assert client.get("/services/labs/", {"q": "MA\x00"}).status_code == 422


def test_a_line_is_taken_off_a_draft_and_a_draft_cancelled_from_its_page(world: LabWorld) -> None:
    submission = draft(world.cast.assistant, world.ring, world.brooch)
    client = signed_in(world.cast.assistant)
    assert client.post(f"/services/labs/{submission.number}/lines/1/remove/").status_code == 302
    assert list(submission.lines.values_list("position", "item__stock_number")) == [(2, world.brooch.stock_number)]
    with unchanged():
        response = client.post(f"/services/labs/{submission.number}/cancel/", {"reason": ""})
    assert response.status_code == 422 and 'id="cancel-refusal"><p>Say why the submission is cancelled.' in (
        response.content.decode()
    )
    assert (
        client.post(f"/services/labs/{submission.number}/cancel/", {"reason": "Sent with the next batch"}).status_code
        == 302
    )
    submission.refresh_from_db()
    assert (submission.status, submission.cancel_reason) == ("cancelled", "Sent with the next batch")
