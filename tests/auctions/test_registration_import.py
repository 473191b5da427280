"""Bulk registration from an online platform's CSV export: real CSV bytes, the mapping proposed from
the header, every row checked first (each refusal naming the row and the column), then all or
nothing, each bidder with an online paddle, approved or pending KYC by the threshold rule."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.auctions import registration_import as bulk
from parure.auctions.choices import RegistrationSource, RegistrationStatus
from parure.auctions.models import Registration, Sale
from parure.auctions.paddles import paddle_for
from parure.core.choices import JobState
from parure.core.models import BackgroundJob
from tests.auctions import world
from tests.guards import unchanged
from tests.inventory import world as inventory_world

pytestmark = pytest.mark.django_db

MAPPING = {"client_number": "House No", "email": "Email", "platform_reference": "Bidder ID", "credit_limit": "Limit"}


def csv_bytes(*rows: tuple[str, ...], header: tuple[str, ...] = ("Bidder ID", "House No", "Email", "Limit")) -> bytes:
    return "\r\n".join(",".join(row) for row in (header, *rows)).encode("utf-8")


@pytest.fixture
def sale(cast: Any) -> Sale:
    return world.sale(cast.senior)


@pytest.fixture
def bidders(cast: Any) -> dict[str, Any]:
    return {
        "helena": world.verified_client("Mrs Helena Strand", email="helena@example.org"),
        "tomas": world.verified_client("Mr Tomas Lind"),
        "otto": inventory_world.consignor("Mr Otto Brandt", email="otto@example.org"),  # KYC not started
    }


def refusal_of(**kwargs: Any) -> bulk.ImportRefused:
    with unchanged(), pytest.raises(bulk.ImportRefused) as refusal:
        bulk.import_registrations(**kwargs)
    return refusal.value


def test_the_mapping_is_proposed_from_the_header_row() -> None:
    assert bulk.propose_mapping(["Bidder ID", "House No", "E-mail Address", "Approved Limit", "Country"]) == {
        "client_number": "House No",
        "email": "E-mail Address",
        "platform_reference": "Bidder ID",
        "credit_limit": "Approved Limit",
    }
    assert bulk.propose_mapping(["Paddle", "Name"]) == {
        "client_number": "", "email": "", "platform_reference": "Paddle", "credit_limit": "",
    }  # fmt: skip


def test_a_good_file_registers_every_row_with_an_online_paddle(cast: Any, sale: Sale, bidders: dict[str, Any]) -> None:
    content = csv_bytes(
        ("BSQ-881", bidders["helena"].number, "", "250000"),
        ("BSQ-882", "", "OTTO@example.org", "5000"),  # found by e-mail; under the threshold: approved
        ("BSQ-883", bidders["tomas"].number, "", ""),  # no limit: unbounded credit, stays pending
    )
    result = bulk.import_registrations(
        sale=sale, content=content, mapping=MAPPING, platform="Bidsquare", by=cast.senior
    )
    assert result.summary == "3 online bidders registered for NY-J-2703 from Bidsquare: 2 approved, 1 pending KYC."
    rows = list(
        Registration.objects.filter(sale=sale)
        .order_by("paddle")
        .values_list("paddle", "client_id", "source", "platform", "platform_reference", "credit_limit", "status")
    )
    assert rows == [
        (paddle_for(5001), bidders["helena"].pk, RegistrationSource.ONLINE_PLATFORM, "Bidsquare", "BSQ-881",
         Decimal("250000.00"), RegistrationStatus.APPROVED),
        (paddle_for(5002), bidders["otto"].pk, RegistrationSource.ONLINE_PLATFORM, "Bidsquare", "BSQ-882",
         Decimal("5000.00"), RegistrationStatus.APPROVED),
        (paddle_for(5003), bidders["tomas"].pk, RegistrationSource.ONLINE_PLATFORM, "Bidsquare", "BSQ-883",
         None, RegistrationStatus.PENDING),
    ]  # fmt: skip
    approved = Registration.objects.get(paddle=paddle_for(5001))
    assert (approved.decided_by, approved.decision_reason) == (cast.senior, "Approved on import from Bidsquare.")


def test_a_kyc_above_the_threshold_stays_pending(cast: Any, sale: Sale, bidders: dict[str, Any]) -> None:
    content = csv_bytes(("LA-1", bidders["otto"].number, "", "10000"), ("LA-2", bidders["helena"].number, "", "100"))
    result = bulk.import_registrations(
        sale=sale, content=content, mapping=MAPPING, platform="LiveAuctioneers", by=cast.senior
    )
    assert result.summary == (
        "2 online bidders registered for NY-J-2703 from LiveAuctioneers: 1 approved, 1 pending KYC."
    )


def test_an_assistant_imports_and_every_bidder_waits_for_a_senior(
    cast: Any, sale: Sale, bidders: dict[str, Any]
) -> None:
    content = csv_bytes(("BSQ-1", bidders["helena"].number, "", "1000"))
    result = bulk.import_registrations(
        sale=sale, content=content, mapping=MAPPING, platform="Bidsquare", by=cast.assistant
    )
    assert result.summary == "1 online bidder registered for NY-J-2703 from Bidsquare: 0 approved, 1 pending approval."
    assert Registration.objects.get(sale=sale).status == RegistrationStatus.PENDING


def test_a_file_with_bad_rows_saves_nothing_and_names_each_row_and_column(
    cast: Any, sale: Sale, bidders: dict[str, Any]
) -> None:
    already = world.bidder(sale, name="Mr Already Here")
    wrong = bidders["tomas"].number[:-1] + str((int(bidders["tomas"].number[-1]) + 1) % 10)
    content = csv_bytes(
        ("BSQ-1", bidders["helena"].number, "", "250000"),  # good
        ("BSQ-2", wrong, "", "1000"),  # mistyped client number
        ("BSQ-3", "C-999999-0", "", "1000"),  # shaped like a number, check digit aside; see the sentence
        ("BSQ-4", "", "nobody@example.org", "1000"),  # unknown e-mail
        ("BSQ-1", bidders["otto"].number, "", "1000"),  # bidder id repeated
        ("BSQ-6", bidders["helena"].number, "", "1000"),  # client repeated
        ("BSQ-7", already.client.number, "", "1000"),  # registered already
        ("BSQ-8", bidders["tomas"].number, "", "lots"),  # bad amount
    )
    content_rows = content.decode().split("\r\n")
    assert len(content_rows) == 9
    error = refusal_of(sale=sale, content=content, mapping=MAPPING, platform="Bidsquare", by=cast.senior)
    assert error.lines[0] == (
        f"Row 3, column ‘House No’: {wrong} has a wrong check digit, so it is not a client number we issued;"
        " read it again."
    )
    assert error.lines[2:] == [
        "Row 5, column ‘Email’: no single client file has the e-mail ‘nobody@example.org’; give the client number"
        " instead.",
        "Row 6, column ‘Bidder ID’: bidder id ‘BSQ-1’ is on row 2 already.",
        f"Row 7, column ‘House No’: client {bidders['helena'].number} is on row 2 already.",
        f"Row 8, column ‘House No’: client {already.client.number} is registered for sale NY-J-2703 already.",
        "Row 9, column ‘Limit’: The credit limit ‘lots’ is not an amount; give a number such as 12500.",
    ]
    assert error.lines[1].startswith("Row 4, column ‘House No’: ")
    assert error.message == f"Nothing was registered: 7 problems in the file. {error.lines[0]} (and the others listed)"


def test_one_bad_row_leaves_nothing_saved(cast: Any, sale: Sale, bidders: dict[str, Any]) -> None:
    content = csv_bytes(
        ("BSQ-1", bidders["helena"].number, "", "250000"), ("BSQ-2", bidders["tomas"].number, "", "12.345")
    )
    error = refusal_of(sale=sale, content=content, mapping=MAPPING, platform="Bidsquare", by=cast.senior)
    assert error.message == (
        "Nothing was registered: 1 problem in the file. Row 3, column ‘Limit’: The credit limit must be an amount to"
        " the cent, at most 999,999,999,999.99."
    )
    assert not Registration.objects.filter(sale=sale).exists()


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"client_number": "Client", "platform_reference": "Bidder ID"},
         "Client number: the file has no column ‘Client’; its columns are ‘Bidder ID’, ‘House No’, ‘Email’, ‘Limit’."),
        ({"email": "Limit", "credit_limit": "Limit", "platform_reference": "Bidder ID"},
         "Credit limit: column ‘Limit’ is mapped to e-mail already; map each column to one field."),
        ({"platform_reference": "Bidder ID"},
         "Map the column that holds the client number or the e-mail: the bidders are found by one of them."),
        ({"client_number": "House No"}, "Map the column that holds the platform's bidder id."),
    ],
)  # fmt: skip
def test_a_wrong_mapping_is_refused(cast: Any, sale: Sale, bidders: dict[str, Any], mapping: Any, message: str) -> None:
    content = csv_bytes(("BSQ-1", bidders["helena"].number, "", "250000"))
    error = refusal_of(sale=sale, content=content, mapping=mapping, platform="Bidsquare", by=cast.senior)
    assert error.message == message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty; export the platform's bidders with a header row and one row each."),
        (b"  \r\n\r\n", "The file is empty; export the platform's bidders with a header row and one row each."),
        (b"Bidder ID,House No\r\n", "The file has a header row but no bidders under it."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "The file is not text; export the platform's bidders as CSV."),
        (b'Bidder ID,House No\r\n"BSQ-1,C-1\x00', "The file is not text; export the platform's bidders as CSV."),
    ],
)
def test_an_empty_or_unreadable_file_is_refused(cast: Any, sale: Sale, content: bytes, message: str) -> None:
    error = refusal_of(sale=sale, content=content, mapping=MAPPING, platform="Bidsquare", by=cast.senior)
    assert error.message == message


def test_a_huge_file_is_refused_before_any_row_is_checked(cast: Any, sale: Sale) -> None:
    rows = b"".join(b"BSQ-%d,C-000001-0,,100\r\n" % n for n in range(bulk.MAX_ROWS + 1))
    many = b"Bidder ID,House No,Email,Limit\r\n" + rows
    assert len(many) < bulk.MAX_BYTES
    error = refusal_of(sale=sale, content=many, mapping=MAPPING, platform="Bidsquare", by=cast.senior)
    assert error.message == "The file has more than 5,000 bidders; split it into files of at most 5,000 rows."
    big = b"Bidder ID,House No\r\n" + b"x" * bulk.MAX_BYTES
    error = refusal_of(sale=sale, content=big, mapping=MAPPING, platform="Bidsquare", by=cast.senior)
    assert error.message == "The file is larger than 2 MB; split it into smaller files."


def test_semicolons_and_a_byte_order_mark_are_read(cast: Any, sale: Sale, bidders: dict[str, Any]) -> None:
    content = (f"\ufeffBidder ID;House No;Email;Limit\r\nBSQ-1;{bidders['helena'].number};;1000\r\n").encode()
    result = bulk.import_registrations(
        sale=sale, content=content, mapping=MAPPING, platform="Bidsquare", by=cast.senior
    )
    assert [r.platform_reference for r in result.registrations] == ["BSQ-1"]


def test_the_platform_name_is_required(cast: Any, sale: Sale, bidders: dict[str, Any]) -> None:
    content = csv_bytes(("BSQ-1", bidders["helena"].number, "", "1000"))
    with unchanged(), pytest.raises(Exception) as refusal:
        bulk.import_registrations(sale=sale, content=content, mapping=MAPPING, platform=" ", by=cast.senior)
    assert str(refusal.value) == "The platform's name is required."


def test_the_import_runs_as_a_background_job_and_keeps_no_copy(cast: Any, sale: Sale, bidders: dict[str, Any]) -> None:
    content = csv_bytes(("BSQ-1", bidders["helena"].number, "", "1000"), ("BSQ-2", "", "otto@example.org", "20000"))
    job = bulk.import_start(
        sale=sale, content=content, filename="bidsquare.csv", mapping=MAPPING, platform="Bidsquare", by=cast.senior
    )
    job = BackgroundJob.objects.get(pk=job.pk)
    assert (job.state, job.summary, job.upload, job.result_url) == (
        JobState.SUCCEEDED,
        "2 online bidders registered for NY-J-2703 from Bidsquare: 1 approved, 1 pending KYC.",
        None,
        "/auctions/sales/NY-J-2703/bidders/",
    )
    assert job.result == {
        "sale": "NY-J-2703", "registered": 2, "approved": 1, "pending": 1,
        "paddles": [paddle_for(5001), paddle_for(5002)],
    }  # fmt: skip


def test_a_refused_job_lists_the_rows(cast: Any, sale: Sale, bidders: dict[str, Any]) -> None:
    content = csv_bytes(("BSQ-1", bidders["helena"].number, "", "x"))
    job = bulk.import_start(
        sale=sale, content=content, filename="bidsquare.csv", mapping=MAPPING, platform="Bidsquare", by=cast.senior
    )
    job = BackgroundJob.objects.get(pk=job.pk)
    assert (job.state, job.errors, job.upload) == (
        JobState.FAILED, ["Row 2, column ‘Limit’: The credit limit ‘x’ is not an amount; give a number such as 12500."],
        None,
    )  # fmt: skip
    assert not Registration.objects.filter(sale=sale).exists()
