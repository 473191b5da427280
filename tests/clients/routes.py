"""The client book's routes in the permission matrix.

Who may open what, by role (object-level rules — whose files an assistant sees, confidential
identity, private notes — are tested in test_visibility.py).
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from parure.core.choices import Role
from tests.matrix import EVERYONE, NOBODY, Operation, Page, roles

SPECIALISTS = roles(Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST)
SENIORS = roles(Role.SENIOR_SPECIALIST)
BOOK = SPECIALISTS | roles(Role.FINANCE, Role.LOGISTICS, Role.AUDITOR)
ACTIVITY = SPECIALISTS | roles(Role.AUDITOR)
KYC = SPECIALISTS | roles(Role.FINANCE)
# Export is a grant given to a person, never a role: nobody in the matrix cast holds it.
EXPORTERS = NOBODY


def build_world(world: SimpleNamespace) -> None:
    from parure.clients.models import Room
    from parure.clients.services.appointments import appointment_book
    from parure.clients.services.clients import client_create
    from parure.clients.services.follow_ups import follow_up_create
    from parure.clients.services.imports import import_preview
    from parure.clients.services.inquiries import inquiry_receive
    from parure.clients.services.wants import want_create
    from parure.inventory.numbers import StockNumber

    cast = world.cast
    senior = cast.senior
    world.client = client_create(display_name="Matrix Client", email="matrix@example.com", by=senior)
    world.want = want_create(client=world.client, by=senior, categories=["ring"])
    room = Room.objects.create(office=senior.office, name="Matrix Room")
    start = timezone.now() - timedelta(hours=1)
    world.appointment = appointment_book(
        client=world.client,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        staff=[senior],
        by=senior,
        room=room,
        pieces=[str(StockNumber("NY", 26, 1))],
    )
    world.follow_up = follow_up_create(owner=senior, by=senior, title="Call", due_on=timezone.localdate())
    world.inquiry = inquiry_receive(
        channel="phone",
        category="buying",
        name="Matrix Caller",
        message="About the sapphire ring, please.",
        office=senior.office,
        email="caller@example.com",
    )
    world.client_import = import_preview(
        filename="list.csv", content=b"Name,E-mail\nAda Lovelace,ada@example.com\n", by=senior, specialist=senior
    )


def _number(world: SimpleNamespace) -> dict[str, str]:
    return {"number": world.client.number}


def _appointment(world: SimpleNamespace) -> dict[str, int]:
    return {"appointment_id": world.appointment.pk}


PAGES = {
    "clients:list": Page(BOOK),
    "clients:create": Page(SPECIALISTS),
    "clients:export": Page(EXPORTERS),
    "clients:import": Page(SPECIALISTS),
    "clients:import_preview": Page(SPECIALISTS, kwargs=lambda w: {"import_id": w.client_import.pk}),
    "clients:matching": Page(ACTIVITY),
    "clients:calendar_day": Page(ACTIVITY),
    "clients:calendar_week": Page(ACTIVITY),
    "clients:calendar_feed": Page(SPECIALISTS),
    # The feed's secret is its credential: open to anyone holding a live link (this one is not).
    "clients:calendar_ics": Page(EVERYONE, kwargs=lambda w: {"secret": "not-a-live-link"}),
    "clients:appointment_new": Page(SPECIALISTS),
    "clients:appointment": Page(ACTIVITY, kwargs=_appointment),
    "clients:appointment_edit": Page(SPECIALISTS, kwargs=_appointment),
    "clients:appointment_cancel": Page(SPECIALISTS, kwargs=_appointment, method="POST"),
    "clients:appointment_check_out": Page(SPECIALISTS, kwargs=_appointment, method="POST"),
    "clients:appointment_return": Page(SPECIALISTS | roles(Role.LOGISTICS), kwargs=_appointment, method="POST"),
    "clients:appointment_outcome": Page(SPECIALISTS, kwargs=_appointment),
    "clients:follow_ups": Page(ACTIVITY),
    "clients:follow_up_new": Page(SPECIALISTS),
    "clients:follow_up_done": Page(SPECIALISTS, kwargs=lambda w: {"follow_up_id": w.follow_up.pk}, method="POST"),
    "clients:inquiries": Page(ACTIVITY),
    "clients:inquiry_new": Page(SPECIALISTS),
    "clients:inquiry": Page(ACTIVITY, kwargs=lambda w: {"number": w.inquiry.number}),
    "clients:public_inquiry": Page(EVERYONE),
    "clients:public_inquiry_thanks": Page(EVERYONE),
    "clients:detail": Page(BOOK, kwargs=_number),
    "clients:edit": Page(SPECIALISTS, kwargs=_number),
    "clients:want_add": Page(SPECIALISTS, kwargs=_number),
    "clients:want_close": Page(SPECIALISTS, kwargs=lambda w: {**_number(w), "want_id": w.want.pk}, method="POST"),
    "clients:interaction_add": Page(SPECIALISTS, kwargs=_number),
    "clients:email": Page(SPECIALISTS, kwargs=_number),
    "clients:kyc": Page(KYC, kwargs=_number),
    "clients:owner_add": Page(KYC, kwargs=_number),
    "clients:consent": Page(SPECIALISTS, kwargs=_number),
    "clients:relationship_add": Page(SPECIALISTS, kwargs=_number),
    "clients:merge": Page(SENIORS, kwargs=_number),
    "clients:erase": Page(SENIORS, kwargs=_number),
    "clients:personal_data": Page(SENIORS, kwargs=_number),
}

_appt = _appointment

API = {
    "clients_list_clients": Operation(BOOK),
    "clients_search_clients": Operation(BOOK),
    "clients_create_client": Operation(SPECIALISTS),
    "clients_export_clients": Operation(EXPORTERS),
    "clients_import_clients": Operation(SPECIALISTS),
    "clients_import_client_file": Operation(SPECIALISTS),
    "clients_match_piece": Operation(ACTIVITY),
    "clients_list_rooms": Operation(ACTIVITY),
    "clients_list_appointments": Operation(ACTIVITY),
    "clients_book_appointment": Operation(SPECIALISTS),
    "clients_get_appointment": Operation(ACTIVITY, params=_appt),
    "clients_change_appointment": Operation(SPECIALISTS, params=_appt),
    "clients_cancel_appointment": Operation(SPECIALISTS, params=_appt),
    "clients_record_outcome": Operation(SPECIALISTS, params=_appt),
    "clients_check_out_pieces": Operation(SPECIALISTS, params=_appt),
    "clients_return_pieces": Operation(SPECIALISTS | roles(Role.LOGISTICS), params=_appt),
    "clients_list_follow_ups": Operation(ACTIVITY),
    "clients_create_follow_up": Operation(SPECIALISTS),
    "clients_complete_follow_up": Operation(SPECIALISTS, params=lambda w: {"follow_up_id": w.follow_up.pk}),
    "clients_list_inquiries": Operation(ACTIVITY),
    "clients_create_inquiry": Operation(SPECIALISTS),
    "clients_get_inquiry": Operation(ACTIVITY, params=lambda w: {"number": w.inquiry.number}),
    "clients_assign_inquiry": Operation(SPECIALISTS, params=lambda w: {"number": w.inquiry.number}),
    "clients_answer_inquiry": Operation(SPECIALISTS, params=lambda w: {"number": w.inquiry.number}),
    "clients_link_inquiry": Operation(SPECIALISTS, params=lambda w: {"number": w.inquiry.number}),
    "clients_get_client": Operation(BOOK, params=_number),
    "clients_update_client": Operation(SPECIALISTS, params=_number),
    "clients_merge_client": Operation(SENIORS, params=_number),
    "clients_erase_client": Operation(SENIORS, params=_number),
    "clients_export_personal_data": Operation(SENIORS, params=_number),
    "clients_list_wants": Operation(ACTIVITY, params=_number),
    "clients_add_want": Operation(SPECIALISTS, params=_number),
    "clients_close_want": Operation(SPECIALISTS, params=lambda w: {**_number(w), "want_id": w.want.pk}),
    "clients_list_interactions": Operation(ACTIVITY, params=_number),
    "clients_log_interaction": Operation(SPECIALISTS, params=_number),
    "clients_send_email": Operation(SPECIALISTS, params=_number),
    "clients_record_kyc": Operation(KYC, params=_number),
    "clients_add_beneficial_owner": Operation(KYC, params=_number),
    "clients_record_consent": Operation(SPECIALISTS, params=_number),
    "clients_add_relationship": Operation(SPECIALISTS, params=_number),
}
