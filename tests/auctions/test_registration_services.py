"""Registering bidders: a client found by client number as the person may see the client book, a
house paddle with its check digit, a senior's decision with who, when and why, the KYC threshold on
approval and on a change of credit, and nothing changed on a closed sale."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from parure.auctions.choices import RegistrationSource, RegistrationStatus, SaleStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import Registration, Sale
from parure.auctions.paddles import paddle_for, parse_paddle
from parure.auctions.queries import registration_by_paddle
from parure.auctions.services.registrations import (
    bidder_register,
    registration_create,
    registration_credit_change,
    registration_decide,
)
from parure.clients.models import Client
from tests.auctions import world
from tests.guards import unchanged
from tests.inventory import world as inventory_world

pytestmark = pytest.mark.django_db

KYC_SENTENCE = (
    "Paddle {paddle} needs verified identity checks (KYC) in the client book for credit of 10,000.00 USD or more;"
    " the file's KYC is {state}."
)


def refused(call: Any, **kwargs: Any) -> AuctionError:
    with unchanged(), pytest.raises(AuctionError) as refusal:
        call(**kwargs)
    return refusal.value


@pytest.fixture
def sale(cast: Any) -> Sale:
    return world.sale(cast.senior)


def expired_client(name: str) -> Any:
    client = world.verified_client(name)
    # A year on: the passport seen at verification has lapsed since.
    Client.objects.filter(pk=client.pk).update(kyc_document_expires_on=timezone.localdate() - timedelta(days=1))
    return Client.objects.get(pk=client.pk)


# --- Registering -----------------------------------------------------------------------------------
def test_a_client_registers_by_number_and_gets_the_first_house_paddle(cast: Any, sale: Sale) -> None:
    client = world.verified_client("Mrs Helena Strand")
    registration = bidder_register(
        sale=sale, client_number=client.number, by=cast.assistant, credit_limit="25,000", deposit=""
    )
    registration.refresh_from_db()
    assert (
        registration.paddle, registration.source, registration.status, registration.credit_limit,
        registration.deposit, registration.registered_by, registration.client_id,
    ) == ("1010", RegistrationSource.HOUSE, RegistrationStatus.PENDING, Decimal("25000.00"), None, cast.assistant,
          client.pk)  # fmt: skip
    second = bidder_register(
        sale=sale, client_number=world.verified_client("Mr Tomas Lind").number, by=cast.assistant, deposit="5000"
    )
    assert (second.paddle, second.deposit, second.credit_limit) == (paddle_for(102), Decimal("5000.00"), None)
    assert registration_by_paddle(sale, second.paddle).pk == second.pk


def test_a_mistyped_client_number_is_refused_with_the_client_books_sentence(cast: Any, sale: Sale) -> None:
    client = world.verified_client("Mrs Helena Strand")
    wrong = client.number[:-1] + str((int(client.number[-1]) + 1) % 10)
    error = refused(bidder_register, sale=sale, client_number=wrong, by=cast.assistant, credit_limit="1000")
    assert (error.message, error.field) == (
        f"{wrong} has a wrong check digit, so it is not a client number we issued; read it again.",
        "client_number",
    )


def test_no_client_number_and_a_number_of_no_file_are_refused(cast: Any, sale: Sale) -> None:
    assert refused(bidder_register, sale=sale, client_number=" ", by=cast.assistant).message == (
        "Give the client number, such as C-000412-3."
    )
    assert refused(bidder_register, sale=sale, client_number="hello", by=cast.assistant).message == (
        "‘hello’ is not a client number; they look like C-000412-3."
    )
    assert refused(bidder_register, sale=sale, client_number="x" * 5000, by=cast.assistant).message == (
        "That is not a client number; they look like C-000412-3."
    )


def test_a_file_the_viewer_may_not_see_reads_as_not_found(cast: Any, sale: Sale) -> None:
    # Another office's client, with another specialist: an assistant in New York may not open it.
    harriet = cast["harriet"]
    hidden = inventory_world.consignor(
        "Lady Imogen Park", by=harriet, specialists=[harriet], confidentiality="confidential"
    )
    error = refused(bidder_register, sale=sale, client_number=hidden.number, by=cast.assistant, credit_limit="100")
    assert (error.message, error.code) == (
        f"No client file has number {hidden.number}.",
        AuctionErrorCode.UNKNOWN_CLIENT,
    )


def test_a_client_registers_once_per_sale(cast: Any, sale: Sale) -> None:
    client = world.verified_client("Mrs Helena Strand")
    bidder_register(sale=sale, client_number=client.number, by=cast.assistant, credit_limit="1000")
    error = refused(bidder_register, sale=sale, client_number=client.number, by=cast.assistant)
    assert error.message == "This client is registered for sale NY-J-2703 already, as paddle 1010."


@pytest.mark.parametrize(
    ("credit", "deposit", "message"),
    [
        ("abc", "", "The credit limit ‘abc’ is not an amount; give a number such as 12500."),
        ("-5", "", "The credit limit must be more than nothing."),
        ("12.345", "", "The credit limit must be an amount to the cent, at most 999,999,999,999.99."),
        ("1e400", "", "The credit limit must be an amount to the cent, at most 999,999,999,999.99."),
        ("NaN", "", "The credit limit must be an amount to the cent, at most 999,999,999,999.99."),
        ("", "0", "The deposit must be more than nothing."),
    ],
)
def test_a_bad_amount_is_refused_naming_the_field(
    cast: Any, sale: Sale, credit: str, deposit: str, message: str
) -> None:
    client = world.verified_client("Mrs Helena Strand")
    error = refused(
        bidder_register, sale=sale, client_number=client.number, by=cast.assistant, credit_limit=credit,
        deposit=deposit,
    )  # fmt: skip
    assert error.message == message


# --- Deciding --------------------------------------------------------------------------------------
def test_a_senior_approves_with_who_and_when(cast: Any, sale: Sale) -> None:
    registration = world.bidder(sale, credit="50000", approve=False)
    decided = registration_decide(registration=registration, approve=True, by=cast.senior)
    decided.refresh_from_db()
    assert (decided.status, decided.decided_by, decided.decision_reason) == (
        RegistrationStatus.APPROVED, cast.senior, "",
    )  # fmt: skip
    assert decided.decided_at is not None and abs(decided.decided_at - timezone.now()) < timedelta(minutes=5)


def test_a_refusal_needs_a_reason_and_a_refused_bidder_is_approved_later_with_one(cast: Any, sale: Sale) -> None:
    registration = world.bidder(sale, credit="50000", approve=False)
    assert refused(registration_decide, registration=registration, approve=False, by=cast.senior).message == (
        "The reason is required: say why the registration is refused."
    )
    registration_decide(registration=registration, approve=False, by=cast.senior, reason="References not received.")
    registration.refresh_from_db()
    assert (registration.status, registration.decision_reason) == (
        RegistrationStatus.REFUSED, "References not received.",
    )  # fmt: skip
    error = refused(registration_decide, registration=registration, approve=True, by=cast.senior)
    assert error.message == "Paddle 1010 was refused already; give the reason for deciding again."
    registration_decide(registration=registration, approve=True, by=cast.senior, reason="Bank reference arrived.")
    registration.refresh_from_db()
    assert (registration.status, registration.decision_reason) == (
        RegistrationStatus.APPROVED, "Bank reference arrived.",
    )  # fmt: skip


def test_approval_needs_a_credit_limit_or_a_deposit(cast: Any, sale: Sale) -> None:
    registration = registration_create(sale=sale, client=world.verified_client("Mrs Helena Strand"), by=cast.assistant)
    error = refused(registration_decide, registration=registration, approve=True, by=cast.senior)
    assert error.message == "Paddle 1010 has neither a credit limit nor a deposit; record one before approving."


@pytest.mark.parametrize(
    ("make", "state"),
    [
        (lambda: inventory_world.consignor("Mr Otto Brandt"), "not started"),
        (lambda: expired_client("Mr Otto Brandt"), "expired"),
    ],
)
def test_approval_at_the_kyc_threshold_needs_verified_kyc(cast: Any, sale: Sale, make: Any, state: str) -> None:
    client = make()
    at_threshold = registration_create(sale=sale, client=client, by=cast.assistant, credit_limit="10000")
    error = refused(registration_decide, registration=at_threshold, approve=True, by=cast.senior)
    assert (error.message, error.code, error.field) == (
        KYC_SENTENCE.format(paddle="1010", state=state), AuctionErrorCode.KYC_REQUIRED, "credit_limit",
    )  # fmt: skip
    # Under the threshold the same file is approved; a deposit alone (no limit) is unbounded and is not.
    registration_credit_change(registration=at_threshold, by=cast.assistant, credit_limit="9999.99")
    assert registration_decide(registration=at_threshold, approve=True, by=cast.senior).is_approved
    other = registration_create(sale=sale, client=inventory_world.consignor("Mrs Ines Vale"), by=cast.assistant,
                                deposit="2000")  # fmt: skip
    assert refused(registration_decide, registration=other, approve=True, by=cast.senior).message == (
        KYC_SENTENCE.format(paddle=paddle_for(102), state="not started")
    )


def test_verified_kyc_is_approved_whatever_the_credit(cast: Any, sale: Sale) -> None:
    registration = registration_create(
        sale=sale, client=world.verified_client("Mrs Helena Strand"), by=cast.assistant, credit_limit="2000000"
    )
    assert registration_decide(registration=registration, approve=True, by=cast.senior).is_approved


# --- Changing the credit ---------------------------------------------------------------------------
def test_a_credit_change_is_recorded_with_who_made_it(cast: Any, sale: Sale) -> None:
    registration = world.bidder(sale, credit="50000")
    registration_credit_change(registration=registration, by=cast.assistant, credit_limit="75000", deposit="1000")
    registration.refresh_from_db()
    assert (registration.credit_limit, registration.deposit, registration.credit_changed_by, registration.status) == (
        Decimal("75000.00"), Decimal("1000.00"), cast.assistant, RegistrationStatus.APPROVED,
    )  # fmt: skip


def test_an_approved_bidder_whose_new_credit_crosses_the_threshold_without_kyc_is_refused(
    cast: Any, sale: Sale
) -> None:
    registration = registration_create(
        sale=sale, client=inventory_world.consignor("Mr Otto Brandt"), by=cast.assistant, credit_limit="5000"
    )
    registration_decide(registration=registration, approve=True, by=cast.senior)
    error = refused(registration_credit_change, registration=registration, by=cast.assistant, credit_limit="10000")
    assert error.message == KYC_SENTENCE.format(paddle="1010", state="not started")
    # Only a deposit (no limit) is unbounded credit: refused too.
    error = refused(registration_credit_change, registration=registration, by=cast.assistant, deposit="500")
    assert error.message == KYC_SENTENCE.format(paddle="1010", state="not started")
    assert refused(registration_credit_change, registration=registration, by=cast.assistant).message == (
        "Give paddle 1010 a credit limit or a deposit."
    )


# --- A closed sale ---------------------------------------------------------------------------------
def test_every_change_is_refused_on_a_closed_sale(cast: Any, sale: Sale) -> None:
    registration = world.bidder(sale, credit="50000", approve=False)
    newcomer = world.verified_client("Mrs Helena Strand")
    Sale.objects.filter(pk=sale.pk).update(status=SaleStatus.CLOSED)
    sale.refresh_from_db()
    registration.refresh_from_db()
    for call, kwargs in [
        (bidder_register, {"sale": sale, "client_number": newcomer.number, "by": cast.assistant, "credit_limit": "1"}),
        (registration_decide, {"registration": registration, "approve": True, "by": cast.senior}),
        (registration_credit_change, {"registration": registration, "by": cast.assistant, "credit_limit": "100"}),
    ]:
        error = refused(call, **kwargs)
        assert error.code == AuctionErrorCode.SALE_CLOSED
        assert error.message.startswith("Sale NY-J-2703 is closed; ")
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.PENDING


# --- Paddles ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", [101, 137, 5001])
def test_every_single_digit_mistype_of_a_paddle_is_refused(number: int) -> None:
    paddle = paddle_for(number)
    assert parse_paddle(paddle) == paddle
    for position in range(len(paddle)):
        for digit in "0123456789":
            if digit == paddle[position]:
                continue
            typed = paddle[:position] + digit + paddle[position + 1 :]
            with pytest.raises(AuctionError) as refusal:
                parse_paddle(typed)
            assert refusal.value.message == (
                f"Paddle {typed} is mistyped: its last digit is not its check digit. Read the paddle again."
            ), typed


def test_house_and_online_paddles_count_from_their_own_first_number(cast: Any, sale: Sale) -> None:
    house = registration_create(sale=sale, client=world.verified_client("Mrs Helena Strand"), by=cast.assistant)
    online = registration_create(
        sale=sale, client=world.verified_client("Mr Tomas Lind"), by=cast.assistant,
        source=RegistrationSource.ONLINE_PLATFORM, platform="Bidsquare", platform_reference="BSQ-1",
    )  # fmt: skip
    assert (house.paddle, online.paddle) == (paddle_for(101), paddle_for(5001))
    assert online.paddle.startswith("5001") and len(online.paddle) == 5


def test_a_paddle_lookup_refuses_a_mistype_and_names_an_unknown_paddle(cast: Any, sale: Sale) -> None:
    world.bidder(sale)
    with pytest.raises(AuctionError) as refusal:
        registration_by_paddle(sale, "1011")
    assert refusal.value.code == AuctionErrorCode.INVALID_PADDLE
    with pytest.raises(AuctionError) as refusal:
        registration_by_paddle(sale, paddle_for(102))
    assert refusal.value.message == f"Paddle {paddle_for(102)} is not registered for sale NY-J-2703."
    with pytest.raises(AuctionError) as refusal:
        registration_by_paddle(sale, "10a0")
    assert refusal.value.message == "‘10a0’ is not a paddle number; paddles are four to seven digits, such as 1010."
