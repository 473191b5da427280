"""The daily jobs (ledger head to the auditors, overdue reminders) and ``parure ledger``."""

from __future__ import annotations

import io
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from parure.core import registry
from parure.core.db import remove_append_only
from parure.core.models import AccessLogEntry
from parure.inventory import hooks, ledger, services, tasks
from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.models import Item
from tests.conftest import Cast
from tests.inventory import world


def test_the_daily_jobs_and_the_panel_are_registered() -> None:
    assert {"inventory.record_ledger_head", "inventory.overdue_reminders"} <= set(registry.daily_jobs)
    assert registry.panels["overdue_checkouts"].rows is hooks.overdue_rows
    assert registry.nav_areas["inventory"].url_name == "inventory:items"
    assert registry.demo_builders["inventory"].order == 20


def test_the_daily_head_is_logged_and_mailed_to_the_auditors(cast: Cast, ring: Item) -> None:
    head = tasks.record_ledger_head.call()
    seq, link = ledger.head()
    assert head == f"{seq}:{link}"
    entry = AccessLogEntry.objects.get(subject_kind="custody_ledger")
    assert (entry.action, entry.subject_ref, entry.detail) == ("ledger_head", head, "verified")
    (message,) = mail.outbox
    assert message.to == ["ruth@parure.example"]
    assert head in message.body and f"parure ledger verify --head {head}" in message.body
    assert "Verified: all 1 events and 1 pieces check." in message.body


def test_overdue_reminders_go_to_the_person_and_the_office_specialists(
    cast: Cast, ny: world.Places, ring: Item
) -> None:
    services.item_check_out(item=ring, to=ny.bench, by=cast.assistant, due_back=world.tomorrow())
    assert tasks.send_overdue_reminders.call() == 0
    with mock.patch.object(tasks, "timezone", world.Later(days=2)):
        assert tasks.send_overdue_reminders.call() == 2
    personal, office = mail.outbox
    assert personal.to == ["marcus@parure.example"] and personal.subject == "Parure: 1 piece you checked out is overdue"
    assert ring.stock_number in personal.body and "Bench: Atelier Moreau (NY)" in personal.body
    assert set(office.to) == {"eleanor@parure.example", "marcus@parure.example", "sofia@parure.example"}
    assert "(checked out by Marcus Hale)" in office.body


def test_ledger_head_and_verify_commands(cast: Cast, ring: Item) -> None:
    out = io.StringIO()
    call_command("ledger", "head", stdout=out)
    seq, link = ledger.head()
    assert out.getvalue().strip() == f"{seq}:{link}"
    out = io.StringIO()
    call_command("ledger", "verify", "--head", f"{seq}:{link}", stdout=out)
    assert f"Custody ledger verified: 1 events, 1 pieces, head {seq}:{link}" in out.getvalue()
    assert f"The recorded head {seq} is still in the chain." in out.getvalue()
    with pytest.raises(CommandError, match="is not a ledger head"):
        call_command("ledger", "verify", "--head", "nonsense")


def test_verify_command_fails_naming_the_altered_event(cast: Cast, ring: Item) -> None:
    event = ring.custody_events.get()
    savepoint = transaction.savepoint_create()
    try:
        remove_append_only("inventory_custodyevent")
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE inventory_custodyevent SET reason = %s WHERE seq = %s", ["Nothing to see", event.seq]
            )
        with pytest.raises(CommandError) as failure:
            call_command("ledger", "verify")
    finally:
        transaction.savepoint_rollback(savepoint)
    assert str(failure.value) == (
        f"Custody ledger verification FAILED after 0 events: Event {event.seq} fails its check: its content does not "
        "match its link (it was altered, or inserted by someone without the ledger key)."
    )


def test_the_demonstration_department_is_the_same_on_every_build_and_verifies(cast: Cast) -> None:
    """What the demo builds, exactly (how long it takes is ``make bench``'s business: bench/demo.py)."""
    from collections import Counter

    from parure.inventory import demo
    from parure.inventory.models import Consignment, CustodyEvent, ReleaseReceipt

    def fingerprint() -> list[tuple[Any, ...]]:
        pieces = Item.objects.order_by("stock_number").values_list(
            "stock_number", "title", "stated_value", "location__code", "status"
        )
        events = CustodyEvent.objects.order_by("seq").values_list(
            "seq", "item__stock_number", "kind", "to_location__code", "at"
        )
        return [*pieces, *events]

    savepoint = transaction.savepoint_create()
    demo.build(lambda line: None)
    first_build = fingerprint()
    transaction.savepoint_rollback(savepoint)
    demo.build(lambda line: None)
    assert fingerprint() == first_build, "the demonstration data is the same on every build"

    assert (Item.objects.count(), Consignment.objects.count(), CustodyEvent.objects.count()) == (500, 84, 3330)
    assert demo.PIECES == 500
    assert Counter(Item.objects.values_list("office__code", flat=True)) == {"NY": 208, "LN": 124, "GE": 108, "HK": 60}
    assert Counter(Item.objects.values_list("status", flat=True)) == {
        ItemStatus.IN_HOUSE: 343,
        ItemStatus.CHECKED_OUT: 23,
        ItemStatus.IN_TRANSIT: 1,
        ItemStatus.RELEASED: 91,
        ItemStatus.RETURNED: 42,
    }
    assert Counter(CustodyEvent.objects.values_list("kind", flat=True)) == {
        EventKind.INTAKE: 500,
        EventKind.MOVE: 601,
        EventKind.CHECK_OUT: 1025,
        EventKind.RETURN: 1002,
        EventKind.TRANSFER_OUT: 35,
        EventKind.TRANSFER_IN: 34,
        EventKind.RELEASE: 91,
        EventKind.RETURN_TO_CONSIGNOR: 42,
    }
    assert CustodyEvent.objects.exclude(witness=None).count() == 767
    assert Counter(ReleaseReceipt.objects.values_list("status", flat=True)) == {"signed": 26}
    # Times are counted back from the start of the UTC day, so "overdue before today" is fixed.
    start_of_day = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    overdue = Item.objects.filter(status=ItemStatus.CHECKED_OUT, due_back__lt=start_of_day)
    assert (overdue.count(), overdue.filter(location__type="bench_jeweler").count()) == (1, 1)
    result = ledger.verify()
    assert result.ok, result.problem
