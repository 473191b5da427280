"""Demonstration design projects (order 76, after billing's invoices), made through the real services: the
UK's hallmarking rules for London; in New York an emerald engagement ring half-way (the agreement signed
and its deposit paid, the sketches approved, the CAD at revision 2 of the 3 included) and in London a
gold signet ring just opened (with hallmarking in its chain). Skipped when there are projects already."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from parure.billing import queries as billing_queries
from parure.billing.services import payments
from parure.clients import queries as client_book
from parure.core.choices import Role
from parure.core.models import Office, Staff
from parure.services.projects import services
from parure.services.projects.choices import MilestoneKind, ProjectMetal, SignOffMethod
from parure.services.projects.models import DesignProject, HallmarkRule

# The Hallmarking Act 1973 (as amended in 2009): articles above these weights are hallmarked before sale.
UK_HALLMARKING = (
    (ProjectMetal.GOLD, Decimal("1.00")),
    (ProjectMetal.SILVER, Decimal("7.78")),
    (ProjectMetal.PLATINUM, Decimal("0.50")),
    (ProjectMetal.PALLADIUM, Decimal("1.00")),
)


def _say_none(line: str) -> None:
    del line


def _person(office: Office, role: str) -> Staff | None:
    return Staff.objects.filter(office=office, role=role, is_active=True).order_by("username").first()


def hallmark_rules(office: Office) -> None:
    for metal, exempt in UK_HALLMARKING:
        HallmarkRule.objects.get_or_create(
            office=office, metal=metal, defaults={"exempt_up_to_g": exempt, "authority": "UK Hallmarking Act 1973"}
        )


def _client_number(viewer: Staff, index: int) -> str | None:
    """The ``index``-th client file (by number) that ``viewer`` may open and name."""
    numbers = client_book.client_list(viewer).order_by("number").values_list("number", flat=True)[:50]
    named = [n for n in numbers if (found := client_book.client_for_viewer(n, viewer=viewer)) and found.identity_shown]
    return named[index] if len(named) > index else None


def build(say: Callable[[str], None] = _say_none) -> None:
    if DesignProject.objects.exists():
        say("  design projects already exist; left as they are")
        return
    offices = {office.code: office for office in Office.objects.filter(code__in=["NY", "LN"])}
    if "LN" in offices:
        hallmark_rules(offices["LN"])
    made: list[str] = []
    new_york = offices.get("NY")
    senior = _person(new_york, Role.SENIOR_SPECIALIST) if new_york else None
    assistant = _person(new_york, Role.SPECIALIST_ASSISTANT) if new_york else None
    finance = _person(new_york, Role.FINANCE) if new_york else None
    number = _client_number(assistant, 2) if assistant else None
    if new_york and senior and assistant and finance and number:
        half_way(senior=senior, assistant=assistant, finance=finance, client_number=number)
        made.append("a New York commission half-way")
    london = offices.get("LN")
    designer = _person(london, Role.SENIOR_SPECIALIST) if london else None
    number = _client_number(designer, 3) if designer else None
    if london and designer and number:
        services.project_open(
            client_number=number,
            title="Gold signet ring with the family crest",
            brief="An 18ct yellow gold signet ring, oval face 14 × 11 mm, the family crest hand-engraved in reverse "
            "for sealing wax; sized N½ to match the client's father's ring.",
            designer=designer,
            metal=ProjectMetal.GOLD,
            metal_weight_g="12",
            budget="4800",
            included_revisions=2,
            by=designer,
        )
        made.append("a London one just opened")
    say(f"  design projects: {', '.join(made) or 'none (no senior specialist or client files)'}")


def half_way(*, senior: Staff, assistant: Staff, finance: Staff, client_number: str) -> DesignProject:
    """An engagement ring with its agreement signed, deposit paid, sketches approved and CAD at revision 2 of 3."""
    project = services.project_open(
        client_number=client_number,
        title="Emerald engagement ring",
        brief="A cushion-cut Colombian emerald of about 2 carats, minor oil at most, in a platinum four-claw setting "
        "with tapered baguette diamond shoulders; a low profile for everyday wear; finger size 6.",
        designer=senior,
        metal=ProjectMetal.PLATINUM,
        metal_weight_g="5.5",
        budget="24000",
        included_revisions=3,
        by=assistant,
    )
    found = client_book.client_for_viewer(client_number, viewer=senior)
    signatory = found.label if found is not None else "The client"
    services.milestone_complete(
        project=project,
        milestone=MilestoneKind.CONSULTATION,
        by=senior,
        note="Met in the New York viewing room; looked at three emeralds from stock.",
    )
    quote = services.quote_make(
        project=project,
        amount="22000.00",
        metal_basis="Platinum 950 at USD 965/oz (LPPM afternoon price, 1 December)",
        valid_until=services.office_today(project.office) + timedelta(days=30),
        extra_revision_price="350.00",
        by=assistant,
    )
    services.quote_accept(quote=quote, by=senior)
    services.schedule_set(project=project, deposit="6600.00", stage="8800.00", balance="6600.00", by=senior)
    services.milestone_complete(project=project, milestone=MilestoneKind.AGREEMENT, by=senior,
                                sign_off=services.SignOff(signatory, SignOffMethod.SIGNATURE))  # fmt: skip
    deposit = project.stages.get(kind="deposit")
    invoice = billing_queries.invoice_by_number(deposit.invoice_number)
    due = billing_queries.invoice_summary(deposit.invoice_number).due
    payments.payment_record(invoice=invoice, method="wire", amount=due.amount, currency=due.currency,
                            received_on=services.office_today(project.office), reference="Deposit, design project",
                            by=finance)  # fmt: skip
    services.material_to_source(project=project, kind="stone", description="Cushion emerald, about 2 ct, Colombian",
                                supplier="Gemfields, New York", estimated_cost="9000", by=assistant)  # fmt: skip
    services.material_to_source(project=project, kind="metal", description="Platinum 950 casting grain, 8 g",
                                supplier="Hoover & Strong", estimated_cost="310", by=assistant)  # fmt: skip
    services.milestone_complete(project=project, milestone=MilestoneKind.SKETCHES, by=senior,
                                sign_off=services.SignOff(signatory, SignOffMethod.EMAIL),
                                note="The second sketch, with the lower gallery, approved.")  # fmt: skip
    services.cad_revision_record(project=project, note="Shoulders slimmer, baguettes from 3 to 2 a side", by=assistant)
    services.cad_revision_record(project=project, note="Gallery lowered by 0.5 mm", by=assistant)
    return project
