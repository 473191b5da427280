"""Follow-ups (recurring ones), reminders' follow-ups, the timeline and e-mails sent from a file."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from parure.clients.errors import ClientError
from parure.clients.models import FollowUp, Interaction
from parure.clients.services.compliance import consent_record, kyc_record
from parure.clients.services.follow_ups import follow_up_complete, follow_up_create, next_due
from parure.clients.services.interactions import client_email_send, interaction_log
from parure.clients.tasks import kyc_expiry_follow_ups, occasion_follow_ups
from tests.clients.conftest import Book, piece
from tests.guards import unchanged


def test_next_due_keeps_the_end_of_the_month() -> None:
    assert next_due(date(2027, 1, 31), "monthly") == date(2027, 2, 28)
    assert next_due(date(2027, 1, 31), "quarterly") == date(2027, 4, 30)
    assert next_due(date(2028, 2, 29), "yearly") == date(2029, 2, 28)
    assert next_due(date(2027, 1, 31), "weekly") == date(2027, 2, 7)


def test_completing_a_recurring_follow_up_schedules_the_next_after_today(book: Book, cast: Any) -> None:
    today = timezone.localdate()
    late = follow_up_create(owner=cast.assistant, by=cast.senior, title="Call about the sale", client=book.ada,
                            due_on=today - timedelta(days=15), recurrence="weekly", stock_number=piece(9))  # fmt: skip
    following = follow_up_complete(follow_up=late, by=cast.assistant)
    assert following is not None
    assert following.due_on == today - timedelta(days=15) + timedelta(weeks=3)
    assert (following.owner, following.client, following.stock_number) == (cast.assistant, book.ada, piece(9))
    with unchanged(), pytest.raises(ClientError) as refusal:
        follow_up_complete(follow_up=late, by=cast.assistant)
    assert refusal.value.message == "This follow-up is already done."


def test_a_one_off_follow_up_ends_when_done(cast: Any) -> None:
    task = follow_up_create(owner=cast.senior, by=cast.senior, title="Thank-you note", due_on=timezone.localdate())
    assert follow_up_complete(follow_up=task, by=cast.senior) is None
    assert FollowUp.objects.filter(done_at__isnull=True).count() == 0


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"title": " "}, "title", "Say what is to be done."),
        ({"owner": "logistics"}, "owner", "Follow-ups go to an active specialist or assistant."),
        ({"recurrence": "hourly"}, "recurrence", "‘hourly’ is not a recurrence."),
        ({"stock_number": "12"}, "stock_number", "‘12’ is not a stock number; they look like NY-26-000123-7 (office, year, six digits, check digit)."),
    ],
)  # fmt: skip
def test_bad_follow_ups_are_refused(cast: Any, kwargs: dict[str, Any], field: str, message: str) -> None:
    values: dict[str, Any] = {"owner": cast.senior, "by": cast.senior, "title": "Call", "due_on": timezone.localdate()}
    values.update(kwargs)
    if values["owner"] == "logistics":
        values["owner"] = cast.logistics
    with unchanged(), pytest.raises(ClientError) as refusal:
        follow_up_create(**values)
    assert (refusal.value.field, refusal.value.message) == (field, message)
    assert FollowUp.objects.count() == 0


def test_kyc_expiry_makes_one_follow_up_for_the_specialist(book: Book, cast: Any) -> None:
    today = timezone.localdate()
    kyc_record(client=book.ada, by=cast.senior, status="verified", document="passport",
               document_expires_on=today + timedelta(days=20), proof_of_address_on=today)  # fmt: skip
    assert kyc_expiry_follow_ups() == 1
    assert kyc_expiry_follow_ups() == 0
    task = FollowUp.objects.get()
    assert (task.owner, task.client, task.due_on) == (cast.senior, book.ada, today)
    assert task.title.startswith("KYC document expires")


def test_birthdays_make_a_follow_up_a_week_ahead(book: Book, cast: Any) -> None:
    today = timezone.localdate()
    ahead = today + timedelta(days=7)
    book.ada.birthday = date(1980, ahead.month, min(ahead.day, 28))
    book.ada.save()
    if ahead.day > 28:
        pytest.skip("birthday on the 29th-31st")
    assert occasion_follow_ups() == 1 and occasion_follow_ups() == 0
    assert FollowUp.objects.get().title == f"Birthday on {ahead:%d %b}: a note or a call"


def test_my_day_shows_follow_ups_due_with_overdue_marked(book: Book, cast: Any, client_for: Any) -> None:
    today = timezone.localdate()
    follow_up_create(owner=cast.assistant, by=cast.senior, title="Chase KYC", due_on=today - timedelta(days=2),
                     client=book.beatrice)  # fmt: skip
    follow_up_create(owner=cast.assistant, by=cast.senior, title="Later", due_on=today + timedelta(days=2))
    page = client_for(cast.assistant).get("/").content.decode()
    assert "Chase KYC" in page and "overdue" in page and "Later" not in page
    assert f"Client {book.beatrice.number}" in page and "Béatrice" not in page


def test_calls_and_notes_go_on_the_timeline(book: Book, cast: Any) -> None:
    entry = interaction_log(client=book.ada, by=cast.assistant, kind="call", subject="Called about the tiara",
                            body="Will come on Thursday.")  # fmt: skip
    assert list(book.ada.interactions.all()) == [entry]
    with unchanged(), pytest.raises(ClientError) as refusal:
        interaction_log(client=book.ada, by=cast.assistant, kind="call")
    assert refusal.value.message == "Say what was said or done."
    with unchanged(), pytest.raises(ClientError) as refusal:
        interaction_log(client=book.ada, by=cast.assistant, kind="system", body="x")
    assert refusal.value.message == "Choose call, e-mail, meeting, letter or note."


def test_a_thank_you_e_mail_is_sent_after_commit_and_logged_word_for_word(
    book: Book, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    book.ada.formal_salutation = "Dear Lady Lovelace"
    book.ada.save()
    with django_capture_on_commit_callbacks(execute=True):
        entry = client_email_send(client=book.ada, by=cast.senior, template="thank_you", message="The tiara suits you.")
    [sent] = mail.outbox
    assert sent.to == ["ada@example.com"] and sent.reply_to == ["eleanor@parure.example"]
    assert sent.subject == "Thank you"
    assert sent.body.startswith("Dear Lady Lovelace,\n\nThank you for your time with us.")
    assert "The tiara suits you." in sent.body and "Eleanor Whitcombe" in sent.body
    assert (entry.kind, entry.template, entry.body, entry.sent_to) == (
        "email",
        "thank_you",
        sent.body,
        "ada@example.com",
    )


def test_offers_and_invitations_need_consent_to_e_mail(book: Book, cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_email_send(client=book.ada, by=cast.senior, template="discreet_offer", stock_numbers=[piece(1)])
    assert refusal.value.message == (
        "The client has not agreed to receive invitations and offers by e-mail; record their consent first."
    )
    consent_record(client=book.ada, by=cast.senior, channel="email", granted=True, source="Form")
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_email_send(client=book.ada, by=cast.senior, template="discreet_offer")
    assert refusal.value.message == "Name the piece (its stock number) the offer is about."
    entry = client_email_send(client=book.ada, by=cast.senior, template="discreet_offer", stock_numbers=[piece(1)])
    assert piece(1) in entry.body and entry.stock_number == piece(1)
    assert Interaction.objects.filter(kind="email").count() == 1


def test_no_e_mail_without_an_address(book: Book, cast: Any) -> None:
    from parure.clients.services.clients import client_update

    client_update(client=book.ada, by=cast.senior, emails=[])
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_email_send(client=book.ada, by=cast.senior, template="thank_you")
    assert refusal.value.message == "This client has no e-mail address; add one before sending."
    assert mail.outbox == [] and not Interaction.objects.filter(kind="email").exists()
