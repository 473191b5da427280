"""The inventory's daily jobs: record the ledger head outside the database, chase overdue check-outs."""

from __future__ import annotations

import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task  # type: ignore[attr-defined,unused-ignore]
from django.utils import formats, timezone

from parure.core.access_log import record_access
from parure.core.choices import AccessAction, Role
from parure.core.models import Staff
from parure.inventory import ledger, queries
from parure.inventory.models import Item

log = logging.getLogger("parure.inventory")


@task()
def record_ledger_head() -> str:
    """Verify the chain, write its head to the access log and e-mail it to the auditors.

    The e-mails are the record kept outside the system: ``parure ledger verify --head SEQ:LINK``
    with a head from any of them proves later that nothing was cut off the ledger's end.
    """
    result = ledger.verify()
    head = f"{result.head_seq}:{result.head_link}"
    verdict = (
        f"Verified: all {result.events:,} events and {result.items:,} pieces check."
        if result.ok
        else f"VERIFICATION FAILED: {result.problem}"
    )
    record_access(
        None,
        action=AccessAction.LEDGER_HEAD,
        subject_kind="custody_ledger",
        subject_ref=head,
        detail=("verified" if result.ok else "verification failed")[:255],
    )
    auditors = list(
        Staff.objects.filter(role=Role.AUDITOR, is_active=True).exclude(email="").values_list("email", flat=True)
    )
    if auditors:
        today = timezone.now().date().isoformat()
        send_mail(
            subject=f"Parure custody ledger head, {today}" + ("" if result.ok else " — verification failed"),
            message=(
                "The custody ledger's head today is\n\n"
                f"    {head}\n\n"
                f"signed with the key whose id is {ledger.head_key_id() or '(none yet)'}.\n\n"
                f"{verdict}\n\n"
                "Keep this message. To prove later that no event was removed from the end of the ledger, run\n\n"
                f"    parure ledger verify --head {head}\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=auditors,
        )
    if not result.ok:
        log.error("Custody ledger verification failed", extra={"problem": result.problem, "seq": result.problem_seq})
    return head


def _line(item: Item) -> str:
    due = formats.date_format(timezone.localtime(item.due_back), "j M Y H:i") if item.due_back else "—"
    return f"- {item.stock_number} {item.title}: {item.location.label}, due back {due}"


@task()
def send_overdue_reminders() -> int:
    """E-mail each person their overdue check-outs, and each office's specialists the office's list."""
    now = timezone.now()
    overdue = list(queries.overdue(now=now))
    by_person: dict[int, list[Item]] = defaultdict(list)
    by_office: dict[int, list[Item]] = defaultdict(list)
    for item in overdue:
        if item.checked_out_by_id is not None:
            by_person[item.checked_out_by_id].append(item)
        by_office[item.location.office_id].append(item)
    sent = 0
    people = Staff.objects.in_bulk(list(by_person))
    for person_id, items in by_person.items():
        person = people[person_id]
        if not person.email or not person.is_active:
            continue
        send_mail(
            subject=(
                "Parure: 1 piece you checked out is overdue"
                if len(items) == 1
                else f"Parure: {len(items)} pieces you checked out are overdue"
            ),
            message="These pieces are past their due-back time:\n\n"
            + "\n".join(_line(item) for item in items)
            + "\n\nBring them back and record the return, or agree a new due-back time.",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[person.email],
        )
        sent += 1
    specialists = Staff.objects.filter(
        role__in=[Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT], is_active=True, office_id__in=list(by_office)
    ).exclude(email="")
    recipients: dict[int, list[str]] = defaultdict(list)
    for person in specialists:
        assert person.office_id is not None
        recipients[person.office_id].append(person.email)
    for office_id, items in by_office.items():
        if not recipients.get(office_id):
            continue
        office = items[0].location.office
        send_mail(
            subject=f"Parure: {len(items)} overdue check-out{'s' if len(items) != 1 else ''} in {office.name}",
            message="Pieces checked out from the office and past their due-back time:\n\n"
            + "\n".join(
                _line(item) + (f" (checked out by {item.checked_out_by})" if item.checked_out_by else "")
                for item in items
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients[office_id],
        )
        sent += 1
    return sent
