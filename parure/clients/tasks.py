"""The client book's daily job: appointment reminders, KYC expiry and birthday follow-ups.

Run once a day by ``parure worker`` (registered in ``apps.py``); every part is idempotent, so a
second run the same day changes nothing.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import task  # type: ignore[attr-defined,unused-ignore]
from django.utils import timezone

from parure.clients.choices import KycStatus
from parure.clients.models import Appointment, Client, FollowUp

log = logging.getLogger("parure.clients")

KYC_WARNING = timedelta(days=30)
OCCASION_WARNING = timedelta(days=7)


def remind_appointments(now: datetime | None = None) -> int:
    """E-mail each member of staff their appointments of the next day (client numbers only:
    e-mail leaves the house, so no client names go in it). Returns e-mails sent."""
    now = now or timezone.now()
    start, end = now, now + timedelta(hours=36)
    due = (
        Appointment.objects.active()
        .filter(starts_at__gte=start, starts_at__lt=end, reminded_at__isnull=True)
        .select_related("room", "client", "office")
        .prefetch_related("staff", "pieces")
    )
    by_staff: dict[int, list[Appointment]] = {}
    people = {}
    for appointment in due:
        for person in appointment.staff.all():
            by_staff.setdefault(person.pk, []).append(appointment)
            people[person.pk] = person
    sent = 0
    for pk, appointments in by_staff.items():
        person = people[pk]
        if not person.email:
            continue
        lines = []
        for appointment in appointments:
            local = timezone.localtime(appointment.starts_at, timezone=_zone(appointment))
            pieces = ", ".join(p.stock_number for p in appointment.pieces.all()) or "no pieces listed"
            lines.append(f"- {local:%a %d %b %H:%M}, {appointment.place}: {appointment.client.number} ({pieces})")
        send_mail(
            subject="Your appointments tomorrow",
            message="Appointments coming up:\n\n" + "\n".join(lines) + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[person.email],
        )
        sent += 1
    Appointment.objects.filter(pk__in=[a.pk for a in due]).update(reminded_at=now)
    return sent


def _zone(appointment: Appointment) -> Any:
    import zoneinfo

    return zoneinfo.ZoneInfo(appointment.office.time_zone)


def _follow_up_once(key: str, **fields: object) -> bool:
    try:
        with transaction.atomic():
            FollowUp.objects.create(source_key=key, **fields)
    except IntegrityError:
        return False
    return True


def kyc_expiry_follow_ups(today: date | None = None) -> int:
    """A follow-up for the file's first specialist when a verified client's document expires
    within 30 days (once per client and expiry date)."""
    today = today or timezone.localdate()
    made = 0
    expiring = (
        Client.objects.current()
        .filter(
            kyc_status=KycStatus.VERIFIED,
            kyc_document_expires_on__lte=today + KYC_WARNING,
            erased_at__isnull=True,
        )
        .prefetch_related("specialists")
    )
    for client in expiring:
        owner = next(iter(sorted(client.specialists.all(), key=lambda s: s.pk)), None)
        if owner is None or client.kyc_document_expires_on is None:
            continue
        made += _follow_up_once(
            f"kyc:{client.number}:{client.kyc_document_expires_on.isoformat()}",
            owner=owner,
            title=f"KYC document expires {client.kyc_document_expires_on:%d %b %Y}: ask for a current one",
            due_on=max(today, client.kyc_document_expires_on - KYC_WARNING),
            client=client,
        )
    return made


def occasion_follow_ups(today: date | None = None) -> int:
    """A follow-up a week before a client's birthday or anniversary, for the first specialist."""
    today = today or timezone.localdate()
    made = 0
    target = today + OCCASION_WARNING
    clients = (
        Client.objects.current()
        .filter(erased_at__isnull=True)
        .filter(
            Q(birthday__month=target.month, birthday__day=target.day)
            | Q(anniversary__month=target.month, anniversary__day=target.day)
        )
        .prefetch_related("specialists")
    )
    for client in clients:
        owner = next(iter(sorted(client.specialists.all(), key=lambda s: s.pk)), None)
        if owner is None:
            continue
        for occasion, when in (("Birthday", client.birthday), ("Anniversary", client.anniversary)):
            if when is None or (when.month, when.day) != (target.month, target.day):
                continue
            made += _follow_up_once(
                f"{occasion.lower()}:{client.number}:{target.isoformat()}",
                owner=owner,
                title=f"{occasion} on {target:%d %b}: a note or a call",
                due_on=today,
                client=client,
            )
    return made


@task()
def client_book_daily() -> dict[str, int]:
    """The daily job: reminders and follow-ups."""
    result = {
        "appointment_reminders": remind_appointments(),
        "kyc_follow_ups": kyc_expiry_follow_ups(),
        "occasion_follow_ups": occasion_follow_ups(),
    }
    log.info("Client book daily job", extra=result)
    return result
