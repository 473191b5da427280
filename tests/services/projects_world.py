"""Design projects for tests, made through the real services: a New York client, billing's New York
rules (so stage invoices can be issued), a project opened for Eleanor, its quote accepted and scheduled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from parure.billing.services import payments
from parure.core.models import Staff
from parure.services.projects import services
from parure.services.projects.choices import MilestoneKind, SignOffMethod
from parure.services.projects.models import DesignProject, ProjectQuote
from tests.billing.world import new_york_billing
from tests.inventory.world import consignor


@dataclass
class ProjectWorld:
    client: Any
    senior: Staff
    assistant: Staff
    finance: Staff


def world(cast: Any) -> ProjectWorld:
    new_york_billing()
    client = consignor("Mrs Helena Marchetti")
    return ProjectWorld(client=client, senior=cast.senior, assistant=cast.assistant, finance=cast.finance)


def opened(w: ProjectWorld, **overrides: Any) -> DesignProject:
    fields: dict[str, Any] = {
        "client_number": w.client.number,
        "title": "Emerald engagement ring",
        "brief": "A cushion emerald of about 2 carats in a platinum claw setting, with tapered baguette shoulders.",
        "designer": w.senior,
        "metal": "platinum",
        "budget": "24000",
        "metal_weight_g": "5.5",
        "included_revisions": 3,
        "by": w.assistant,
    }
    fields.update(overrides)
    return services.project_open(**fields)


def quoted(w: ProjectWorld, project: DesignProject, amount: str = "22000.00", extra: str = "350.00") -> ProjectQuote:
    quote = services.quote_make(
        project=project,
        amount=amount,
        metal_basis="Platinum at USD 965/oz (LPPM, 1 December)",
        valid_until=services.office_today(project.office) + timedelta(days=30),
        extra_revision_price=extra,
        by=w.assistant,
    )
    return services.quote_accept(quote=quote, by=w.senior)


def signed(name: str = "Helena Marchetti") -> services.SignOff:
    return services.SignOff(signatory=name, method=SignOffMethod.SIGNATURE)


def agreed(w: ProjectWorld, project: DesignProject) -> DesignProject:
    """Consulted, quoted, scheduled (6,600 / 8,800 / 6,600) and the agreement signed: the deposit invoiced."""
    services.milestone_complete(project=project, milestone=MilestoneKind.CONSULTATION, by=w.senior)
    quoted(w, project)
    services.schedule_set(project=project, deposit="6600.00", stage="8800.00", balance="6600.00", by=w.senior)
    services.milestone_complete(project=project, milestone=MilestoneKind.AGREEMENT, sign_off=signed(), by=w.senior)
    return DesignProject.objects.get(pk=project.pk)


def pay(w: ProjectWorld, invoice_number: str, amount: str | None = None) -> None:
    from parure.billing.queries import invoice_by_number, invoice_summary

    invoice = invoice_by_number(invoice_number)
    due = amount or str(invoice_summary(invoice_number).due.amount)
    payments.payment_record(invoice=invoice, method="wire", amount=Decimal(due), currency=invoice.currency,
                            received_on=services.office_today(invoice.office), by=w.finance)  # fmt: skip
