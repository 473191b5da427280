"""The demonstration lab submissions (order 74), built through the real services: one batch sent from
New York to GIA and out (due back next week), and one back from SSEF with its report recorded on the
piece's catalogue record. Pieces are chosen among New York's consigned pieces that may go (the newest
first, so the earlier builders' private sales keep theirs). Skipped when submissions exist already."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from parure.catalogue import queries as catalogue
from parure.core.errors import DomainError
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory import services as custody
from parure.services.labs import queries, services
from parure.services.labs.models import LabSubmission


def _witness(for_whom: Staff) -> custody.Witness | None:
    other = (
        Staff.objects.filter(office=for_whom.office, role__in=["senior_specialist", "specialist_assistant"])
        .exclude(pk=for_whom.pk)
        .order_by("pk")
        .first()
    )
    if other is None:
        return None
    return custody.witness_confirm(username=other.username, password=settings.PARURE_DEMO_PASSWORD, actor=for_whom)


def _try_add(submission: LabSubmission, item: Any, by: Staff, services_asked: list[str], **options: Any) -> bool:
    try:
        with transaction.atomic():
            services.lab_line_add(
                submission=submission, stock_number=item.stock_number, services=services_asked, by=by, **options
            )
    except DomainError:
        return False
    return True


def build(say: Callable[[str], None]) -> None:
    if LabSubmission.objects.exists():
        say("  lab submissions: already there, skipped.")
        return
    office = Office.objects.filter(code="NY").first()
    senior = Staff.objects.filter(office=office, role="senior_specialist", is_active=True).order_by("pk").first()
    logistics = Staff.objects.filter(office=office, role="logistics", is_active=True).order_by("pk").first()
    if office is None or senior is None:
        say("  lab submissions: no New York senior specialist, skipped.")
        return
    candidates = list(reversed(inventory.consigned_pieces_free_to_sell(office, limit=200)))
    with_record = [item for item in candidates if (record := catalogue.record_of(item)) and record.stones.exists()]
    today = services.office_today(office)

    # Returned from SSEF, its report on the catalogue record.
    ssef = next((lab for lab in queries.laboratories() if lab.code == "SSEF"), None)
    returned = None
    if ssef is not None and with_record:
        returned = services.lab_submission_create(
            laboratory=ssef, expected_back=today, courier="Malca-Amit", courier_reference="MA-NY-448120", by=senior,
            notes="Origin and treatment for the spring sale's cover lot.",
        )  # fmt: skip
        for item in with_record:
            if _try_add(
                returned, item, senior, ["origin", "treatment"], stone_position=1, control_number="SSEF-C-2291"
            ):
                break
        if returned.lines.exists():
            services.lab_submission_send(
                submission=returned, by=logistics or senior, witness=_witness(logistics or senior)
            )
            line = returned.lines.select_related("item").get()
            services.lab_piece_return(submission=returned, stock_number=line.item.stock_number, by=senior)
            record = catalogue.record_of(line.item)
            stone = record.stones.get(position=1) if record else None
            try:
                with transaction.atomic():
                    services.lab_report_record(
                        line=line,
                        report=services.LabReport(
                            number="131245", issued_on=today - timedelta(days=1), kind="coloured_stone",
                            species=stone.species if stone else "", variety=stone.variety if stone else "",
                            origin="Burma (Myanmar)", treatment="No indications of heating",
                            comments="Recorded from the demonstration's returned batch.",
                        ),
                        by=senior,
                    )  # fmt: skip
            except DomainError as refusal:
                say(f"  lab submissions: the SSEF report was not recorded ({refusal.message})")

    # Sent to GIA and out, due back next week.
    gia = next((lab for lab in queries.laboratories() if lab.code == "GIA"), None)
    out = None
    if gia is not None:
        out = services.lab_submission_create(
            laboratory=gia, expected_back=today + timedelta(days=7), courier="Brink's", courier_reference="BR-2207361",
            by=senior, notes="Grading and origin before cataloguing.",
        )  # fmt: skip
        added = 0
        for item in candidates:
            if added == 2:
                break
            added += _try_add(out, item, senior, ["grading", "origin"] if added == 0 else ["origin", "treatment"])
        if out.lines.exists():
            services.lab_submission_send(submission=out, by=logistics or senior, witness=_witness(logistics or senior))
    made = [submission.number for submission in (returned, out) if submission is not None]
    say(f"  lab submissions: {', '.join(made) or 'none'}.")
