"""Design projects' services: the chain in order, sign-offs, quotes, the staged payments through billing,
files, materials, and every refusal leaving nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from parure.billing.queries import invoice_summary
from parure.core.models import Office
from parure.services.errors import ServicesError
from parure.services.projects import services
from parure.services.projects.choices import MaterialStatus, MilestoneKind, ProjectStatus, QuoteStatus, StageKind
from parure.services.projects.models import (
    DesignProject,
    HallmarkRule,
    Milestone,
    PaymentStage,
    ProjectEvent,
    ProjectFile,
    ProjectMaterial,
    ProjectQuote,
)
from parure.services.projects.numbers import parse_project_number
from tests.inventory import world as custody
from tests.services import projects_world as pw

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 6), (20, 90, 60)).save(out, format="PNG")
    return out.getvalue()


PNG = _png()


def _state() -> tuple[Any, ...]:
    return (
        list(DesignProject.objects.values()),
        list(Milestone.objects.values()),
        list(ProjectQuote.objects.values()),
        list(PaymentStage.objects.values()),
        list(ProjectFile.objects.values()),
        list(ProjectMaterial.objects.values()),
        ProjectEvent.objects.count(),
    )


@contextmanager
def unchanged() -> Iterator[None]:
    before = _state()
    yield
    assert _state() == before


def refused(message: str, call: Any, **kwargs: Any) -> ServicesError:
    with unchanged(), pytest.raises(ServicesError) as caught:
        call(**kwargs)
    assert caught.value.message == message
    return caught.value


@pytest.fixture
def w(cast: Any) -> pw.ProjectWorld:
    return pw.world(cast)


def test_opening_makes_the_chain_from_the_template(w: pw.ProjectWorld) -> None:
    project = pw.opened(w)
    assert parse_project_number(project.number) == project.number
    assert project.number.startswith("NY-D-")
    kinds = list(project.milestones.values_list("kind", flat=True))
    # New York has no hallmarking rule: the chain goes from finishing to delivery.
    assert kinds == [
        "consultation", "agreement", "sketches", "cad", "written_approval", "model", "sourcing", "casting",
        "setting", "finishing", "delivery",
    ]  # fmt: skip
    assert project.status == ProjectStatus.OPEN and project.current_position == 1
    assert project.budget == Decimal("24000.00") and project.currency == "USD"
    assert project.milestones.get(position=1).due_on == services.office_today(project.office) + timedelta(days=7)
    event = project.events.get()
    assert (event.by, event.text) == (w.assistant, "Opened for Eleanor Whitcombe: Emerald engagement ring.")


def test_hallmarking_is_in_the_chain_where_the_office_requires_it_for_the_metal(w: pw.ProjectWorld) -> None:
    london = Office.objects.get(code="LN")
    HallmarkRule.objects.create(office=london, metal="gold", exempt_up_to_g=Decimal("1.00"),
                                authority="UK Hallmarking Act 1973")  # fmt: skip
    gold = pw.opened(w, office=london, metal="gold", metal_weight_g="7.2")
    light = pw.opened(w, office=london, metal="gold", metal_weight_g="0.8")
    platinum = pw.opened(w, office=london, metal="platinum")
    assert gold.milestones.filter(kind="hallmarking").exists()
    assert gold.milestones.get(kind="hallmarking").position == 11
    assert not light.milestones.filter(kind="hallmarking").exists()
    assert not platinum.milestones.filter(kind="hallmarking").exists()
    assert gold.currency == "GBP"


def test_opening_refusals_name_the_field(w: pw.ProjectWorld) -> None:
    error = refused("Give the client's brief.", pw.opened, w=w, brief="  ")
    assert error.field == "brief"
    refused("Choose the designer among the specialists.", pw.opened, w=w, designer=w.finance)
    refused("The budget must be an amount such as 12500.00.", pw.opened, w=w, budget="lots")
    refused("The title is longer than 120 characters.", pw.opened, w=w, title="x" * 121)
    refused("Choose the principal metal.", pw.opened, w=w, metal="unobtainium")
    bad = w.client.number[:-1] + str((int(w.client.number[-1]) + 1) % 10)
    error = refused(f"{bad} has a wrong check digit, so it is not a client number we issued; read it again.", pw.opened, w=w,
                    client_number=bad)  # fmt: skip
    assert error.field == "client_number"


def test_milestones_complete_in_order(w: pw.ProjectWorld) -> None:
    project = pw.opened(w)
    refused(
        "Sketches is not the milestone being worked on: milestones complete in order, and the current one is "
        "consultation.",
        services.milestone_complete,
        project=project,
        milestone=MilestoneKind.SKETCHES,
        by=w.senior,
    )
    done = services.milestone_complete(project=project, milestone=MilestoneKind.CONSULTATION, by=w.senior,
                                       note="Met at the New York office with sketches of her grandmother's ring.")  # fmt: skip
    assert done.completed_by == w.senior and done.completed_at is not None
    project.refresh_from_db()
    assert project.current_position == 2
    assert project.milestones.get(kind="agreement").due_on == services.office_today(project.office) + timedelta(14)


def test_the_agreement_needs_an_accepted_valid_quote_a_schedule_and_a_sign_off(w: pw.ProjectWorld) -> None:
    project = pw.opened(w)
    services.milestone_complete(project=project, milestone=MilestoneKind.CONSULTATION, by=w.senior)
    args = {"project": project, "milestone": MilestoneKind.AGREEMENT, "by": w.senior, "sign_off": pw.signed()}
    refused("The agreement needs an accepted quote: make a quote and record the client's acceptance.",
            services.milestone_complete, **args)  # fmt: skip
    pw.quoted(w, project)
    refused("The agreement needs the payment schedule: set the deposit, stage and balance.",
            services.milestone_complete, **args)  # fmt: skip
    services.schedule_set(project=project, deposit="6600", stage="8800", balance="6600", by=w.senior)
    error = refused(
        "Agreement and deposit needs the client's sign-off: say who signed for the client, how and when.",
        services.milestone_complete,
        **{**args, "sign_off": None},
    )
    assert error.field == "signatory"
    refused("Say how the client signed off: in person, by e-mail or on a signed document.",
            services.milestone_complete, **{**args, "sign_off": services.SignOff("Helena Marchetti", "fax")})  # fmt: skip
    refused("The sign-off cannot be in the future.", services.milestone_complete,
            **{**args, "sign_off": services.SignOff("H. Marchetti", "email", timezone.now() + timedelta(days=1))})  # fmt: skip
    row = services.milestone_complete(**args)
    assert (row.signed_by_name, row.sign_off_method, row.sign_off_taken_by) == (
        "Helena Marchetti",
        "signature",
        w.senior,
    )
    deposit = PaymentStage.objects.get(project=project, kind=StageKind.DEPOSIT)
    summary = invoice_summary(deposit.invoice_number)
    assert summary.buyer_id == w.client.pk
    # Billing taxes the charge by the client's delivery address; this client has none on file: no sales tax.
    assert summary.total.amount == Decimal("6600.00")
    assert not summary.paid_in_full
    assert project.events.filter(kind="invoiced").get().text == f"Deposit invoiced on {deposit.invoice_number}."


def test_an_accepted_quote_that_expired_before_the_agreement_asks_for_a_new_quote(w: pw.ProjectWorld) -> None:
    project = pw.opened(w)
    services.milestone_complete(project=project, milestone=MilestoneKind.CONSULTATION, by=w.senior)
    quote = pw.quoted(w, project)
    services.schedule_set(project=project, deposit="6600", stage="8800", balance="6600", by=w.senior)
    ProjectQuote.objects.filter(pk=quote.pk).update(valid_until=services.office_today(project.office) - timedelta(1))
    expired = services.office_today(project.office) - timedelta(1)
    error = refused(
        f"The accepted quote expired on {expired:%-d %B %Y}: metal prices move, so make a new quote and have the "
        "client accept it.",
        services.milestone_complete,
        project=project,
        milestone=MilestoneKind.AGREEMENT,
        sign_off=pw.signed(),
        by=w.senior,
    )
    assert error.code == "quote_expired"


def test_accepting_an_expired_quote_is_refused(w: pw.ProjectWorld) -> None:
    project = pw.opened(w)
    quote = services.quote_make(project=project, amount="22000", metal_basis="Platinum at USD 965/oz",
                                valid_until=services.office_today(project.office), by=w.assistant)  # fmt: skip
    yesterday = services.office_today(project.office) - timedelta(days=1)
    ProjectQuote.objects.filter(pk=quote.pk).update(valid_until=yesterday)
    error = refused(
        f"This quote expired on {yesterday:%-d %B %Y}: metal prices have moved since; make a new quote for the "
        "client to accept.",
        services.quote_accept,
        quote=quote,
        by=w.senior,
    )
    assert error.code == "quote_expired" and error.status == 409
    refused("The quote must be valid from today for at most 365 days.", services.quote_make, project=project,
            amount="22000", metal_basis="Platinum", valid_until=yesterday, by=w.assistant)  # fmt: skip


def test_a_new_quote_withdraws_the_earlier_ones_and_their_schedule(w: pw.ProjectWorld) -> None:
    project = pw.opened(w)
    first = pw.quoted(w, project)
    services.schedule_set(project=project, deposit="6600", stage="8800", balance="6600", by=w.senior)
    second = pw.quoted(w, project, amount="23100.00")
    first.refresh_from_db()
    assert (first.status, second.status) == (QuoteStatus.WITHDRAWN, QuoteStatus.ACCEPTED)
    assert not project.stages.exists()


def test_the_schedule_sums_to_the_accepted_quote(w: pw.ProjectWorld) -> None:
    project = pw.opened(w)
    refused("The schedule splits the accepted quote: record the client's acceptance of a quote first.",
            services.schedule_set, project=project, deposit="1", stage="1", balance="1", by=w.senior)  # fmt: skip
    pw.quoted(w, project)
    error = refused("The stages add up to $21,900.00, not the accepted $22,000.00; they must sum to the quote.",
                    services.schedule_set, project=project, deposit="6600", stage="8700", balance="6600",
                    by=w.senior)  # fmt: skip
    assert error.code == "schedule_mismatch"
    refused("The deposit must be more than nothing.", services.schedule_set, project=project, deposit="0",
            stage="15400", balance="6600", by=w.senior)  # fmt: skip
    rows = services.schedule_set(project=project, deposit="11000", stage="0", balance="11000", by=w.senior)
    assert [(row.kind, row.amount) for row in rows] == [
        ("deposit", Decimal("11000.00")),
        ("balance", Decimal("11000.00")),
    ]


def test_work_after_the_agreement_waits_for_the_deposit_and_delivery_for_everything(w: pw.ProjectWorld) -> None:
    project = pw.agreed(w, pw.opened(w))
    deposit = project.stages.get(kind="deposit")
    refused(
        f"Sketches cannot start until the deposit invoice {deposit.invoice_number} is paid in full.",
        services.milestone_complete,
        project=project,
        milestone=MilestoneKind.SKETCHES,
        sign_off=pw.signed(),
        by=w.senior,
    )
    refused(f"Sketches cannot start until the deposit invoice {deposit.invoice_number} is paid in full.",
            services.file_attach, project=project, milestone="sketches", kind="sketch", filename="a.png",
            content=PNG, by=w.assistant)  # fmt: skip
    pw.pay(w, deposit.invoice_number, amount="1000.00")
    refused(f"Sketches cannot start until the deposit invoice {deposit.invoice_number} is paid in full.",
            services.milestone_complete, project=project, milestone="sketches", sign_off=pw.signed(), by=w.senior)  # fmt: skip
    pw.pay(w, deposit.invoice_number)
    for kind in ("sketches", "cad", "written_approval"):
        services.milestone_complete(project=project, milestone=kind, sign_off=pw.signed(), by=w.senior)
    stage = project.stages.get(kind="approval")
    assert invoice_summary(stage.invoice_number).total.amount == Decimal("8800.00")
    for kind in ("model", "sourcing", "casting", "setting"):
        services.milestone_complete(project=project, milestone=kind, by=w.senior)
    assert not project.stages.get(kind="balance").invoice_number
    services.milestone_complete(project=project, milestone="finishing", by=w.senior)
    balance = project.stages.get(kind="balance")
    assert balance.invoice_number  # invoiced once delivery is the next milestone
    refused(
        f"Delivery needs everything paid; still to be paid: stage payment at written approval "
        f"({stage.invoice_number}), balance at delivery ({balance.invoice_number}).",
        services.milestone_complete,
        project=project,
        milestone="delivery",
        by=w.senior,
    )
    pw.pay(w, stage.invoice_number)
    pw.pay(w, balance.invoice_number)
    services.milestone_complete(project=project, milestone="delivery", by=w.senior)
    project.refresh_from_db()
    assert project.status == ProjectStatus.DELIVERED
    refused(f"Project {project.number} is delivered: nothing more can be done on it.", services.project_hold,
            project=project, reason="Client away", by=w.senior)  # fmt: skip


def test_cad_revisions_beyond_those_included_are_invoiced_at_the_agreed_price(w: pw.ProjectWorld) -> None:
    project = pw.agreed(w, pw.opened(w, included_revisions=1))
    pw.pay(w, project.stages.get(kind="deposit").invoice_number)
    services.milestone_complete(project=project, milestone="sketches", sign_off=pw.signed(), by=w.senior)
    services.cad_revision_record(project=project, note="Shoulders slimmer", by=w.assistant)
    assert not project.stages.filter(kind=StageKind.EXTRA_REVISION).exists()
    cad = services.cad_revision_record(project=project, note="Gallery lowered by 0.5 mm", by=w.assistant)
    assert cad.revisions == 2
    extra = project.stages.get(kind=StageKind.EXTRA_REVISION)
    assert extra.amount == Decimal("350.00")
    assert invoice_summary(extra.invoice_number).total.amount == Decimal("350.00")
    assert (
        project.events.filter(kind="revision").last().text == "CAD revision 2 of 1 included: Gallery lowered by 0.5 mm"
    )


def test_files_are_checked_by_content_and_size(w: pw.ProjectWorld, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    project = pw.opened(w)
    row = services.file_attach(project=project, milestone="consultation", kind="sketch", filename="C:\\brief\\first.png",
                               content=PNG, by=w.assistant, caption="First idea")  # fmt: skip
    assert (row.original_name, row.format, row.size) == ("first.png", "PNG", len(PNG))
    assert row.file.name == f"projects/{project.number}/{row.sha256[:2]}/{row.sha256}.png"
    assert row.file.read() == PNG
    stl = b"solid ring\nfacet normal 0 0 1\nendfacet\nendsolid ring\n"
    assert services.file_attach(project=project, milestone="consultation", kind="cad", filename="ring.stl",
                                content=stl, by=w.assistant).format == "STL"  # fmt: skip
    refused("‘virus.png’ is not a PDF, JPEG, PNG, WebP, STL, 3DM, STEP or OBJ file by its content, whatever its "
            "name says.", services.file_attach, project=project, milestone="consultation", kind="sketch",
            filename="virus.png", content=b"MZ\x90\x00", by=w.assistant)  # fmt: skip
    settings.PARURE_UPLOAD_MAX_BYTES = 1024 * 1024
    refused("‘big.png’ is larger than 1 MB; attach a smaller file.", services.file_attach, project=project,
            milestone="consultation", kind="sketch", filename="big.png", content=PNG + b"\0" * (1024 * 1024),
            by=w.assistant)  # fmt: skip
    refused("Cad has not been reached: attach the file to the current milestone.".replace("Cad", "CAD"),
            services.file_attach, project=project, milestone="cad", kind="cad", filename="ring.stl", content=stl,
            by=w.assistant)  # fmt: skip


def _stone(cast: Any, title: str = "Loose cushion emerald, 2.11 ct") -> Any:
    places = custody.build_places(Office.objects.get(code="NY"), cast.administrator)
    _ = places
    client = custody.consignor("Mr Arthur Pemberton")
    return custody.take_in(cast.senior, client, custody.piece(title, category="other"))[0]


def test_materials_reserved_from_inventory_or_to_be_sourced(w: pw.ProjectWorld, cast: Any) -> None:
    from parure.inventory.models import Item

    project = pw.opened(w)
    other = pw.opened(w, title="Emerald pendant")
    stone = _stone(cast)
    row = services.material_reserve(project=project, stock_number=stone.stock_number, kind="stone", by=w.assistant)
    assert (row.status, row.item_id, row.description) == (
        MaterialStatus.RESERVED,
        stone.pk,
        "Loose cushion emerald, 2.11 ct",
    )
    refused(f"{stone.stock_number} is already reserved for project {project.number}.", services.material_reserve,
            project=other, stock_number=stone.stock_number, kind="stone", by=w.assistant)  # fmt: skip
    services.material_release(material=row, by=w.senior)
    assert services.material_reserve(project=other, stock_number=stone.stock_number, kind="stone", by=w.assistant)
    for state, message in (
        ("in_sale", f"{stone.stock_number} is in a sale (NY-J-2701 lot 4) and cannot be reserved."),
        ("sold", f"{stone.stock_number} is sold and cannot be reserved."),
        ("client_own", f"{stone.stock_number} is a client's own piece and cannot be reserved."),
    ):
        Item.objects.filter(pk=stone.pk).update(sale_state=state, sale_reference="NY-J-2701 lot 4")
        refused(message, services.material_reserve, project=project, stock_number=stone.stock_number, kind="stone",
                by=w.assistant)  # fmt: skip
    sourced = services.material_to_source(project=project, kind="metal", description="Platinum 950 casting grain, 8 g",
                                          supplier="Hoover & Strong", estimated_cost="310", by=w.assistant)  # fmt: skip
    assert (sourced.status, sourced.estimated_cost) == (MaterialStatus.TO_SOURCE, Decimal("310.00"))
    refused("Give the supplier.", services.material_to_source, project=project, kind="stone", description="Emerald",
            supplier="", estimated_cost=None, by=w.assistant)  # fmt: skip


def test_a_cancelled_project_releases_its_reservations_and_refuses_work(w: pw.ProjectWorld, cast: Any) -> None:
    project = pw.opened(w)
    stone = _stone(cast)
    row = services.material_reserve(project=project, stock_number=stone.stock_number, kind="stone", by=w.assistant)
    services.project_cancel(project=project, reason="The client chose a ring from the sale instead.", by=w.senior)
    row.refresh_from_db()
    assert row.status == MaterialStatus.RELEASED and row.released_by == w.senior
    refused(f"Project {project.number} is cancelled: nothing more can be done on it.", services.milestone_complete,
            project=project, milestone="consultation", by=w.senior)  # fmt: skip


def test_on_hold_refuses_work_until_resumed(w: pw.ProjectWorld) -> None:
    project = pw.opened(w)
    services.project_hold(project=project, reason="Client travelling until January", by=w.senior)
    refused(f"Project {project.number} is on hold: nothing more can be done on it until it is resumed.",
            services.milestone_complete, project=project, milestone="consultation", by=w.senior)  # fmt: skip
    services.project_resume(project=project, by=w.senior)
    services.milestone_complete(project=project, milestone="consultation", by=w.senior)
    assert list(project.events.values_list("kind", flat=True)) == ["opened", "on_hold", "resumed", "milestone"]


def test_once_the_agreement_is_signed_the_quote_and_schedule_stay(w: pw.ProjectWorld) -> None:
    project = pw.agreed(w, pw.opened(w))
    refused("The agreement is signed: its quote can no longer be replaced.", services.quote_make, project=project,
            amount="30000", metal_basis="Platinum at USD 990/oz", valid_until=services.office_today(project.office),
            by=w.assistant)  # fmt: skip
    refused("The deposit is invoiced: the schedule can no longer change.", services.schedule_set, project=project,
            deposit="11000", stage="0", balance="11000", by=w.senior)  # fmt: skip
    quote = project.quotes.get()
    refused("This quote is accepted; only an offered quote can be accepted.", services.quote_accept, quote=quote,
            by=w.senior)  # fmt: skip


def test_due_dates_files_on_completed_milestones_and_sourced_materials(w: pw.ProjectWorld, settings: Any,
                                                                         tmp_path: Any) -> None:  # fmt: skip
    settings.MEDIA_ROOT = str(tmp_path)
    project = pw.agreed(w, pw.opened(w))
    # A file goes on a completed milestone even while the deposit is unpaid: it records what was agreed.
    signed = services.file_attach(project=project, milestone="agreement", kind="document", filename="agreement.pdf",
                                  content=b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", by=w.assistant)  # fmt: skip
    assert signed.format == "PDF"
    today = services.office_today(project.office)
    row = services.milestone_due_set(project=project, milestone="sketches", due_on=today, by=w.assistant)
    assert row.due_on == today
    refused("Agreement and deposit is already complete.", services.milestone_due_set, project=project,
            milestone="agreement", due_on=today, by=w.assistant)  # fmt: skip
    metal = services.material_to_source(project=project, kind="metal", description="Platinum 950 grain, 8 g",
                                        supplier="Hoover & Strong", estimated_cost="", by=w.assistant)  # fmt: skip
    assert services.material_sourced(material=metal, by=w.senior).status == MaterialStatus.SOURCED
    refused("Only a material to be sourced can be marked sourced.", services.material_sourced, material=metal,
            by=w.senior)  # fmt: skip
    refused("Only a reserved piece can be released.", services.material_release, material=metal, by=w.senior)
    texts = list(project.events.order_by("id").values_list("text", flat=True))
    assert texts[-3:] == [
        "Sketches due " + f"{today:%-d %B %Y}.",
        "To source from Hoover & Strong: Platinum 950 grain, 8 g.",
        "Sourced from Hoover & Strong: Platinum 950 grain, 8 g.",
    ]


def test_the_history_is_append_only(w: pw.ProjectWorld) -> None:
    from django.db import DatabaseError, transaction

    project = pw.opened(w)
    with pytest.raises(DatabaseError), transaction.atomic():
        ProjectEvent.objects.filter(project=project).update(text="Nothing happened.")
    assert project.events.get().text == "Opened for Eleanor Whitcombe: Emerald engagement ring."


@pytest.mark.parametrize("amount", ["1e999999", "-5", "NaN", "12.345.6", "99999999999"])
def test_an_amount_out_of_bounds_is_refused_in_a_sentence(w: pw.ProjectWorld, amount: str) -> None:
    with unchanged(), pytest.raises(ServicesError) as caught:
        pw.opened(w, budget=amount)
    assert caught.value.field == "budget"
    assert caught.value.message in (
        "The budget must be an amount such as 12500.00.",
        "The budget must be more than nothing.",
        "The budget must be less than 100,000,000.",
    )
