"""The bidders' pages: the list per role (with the client named as the client book names them to the
viewer), the paddle lookup, registering, a senior's decision, the credit, and the online platform's
import from upload to mapping to the job."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.auctions.choices import RegistrationStatus
from parure.auctions.models import Registration, Sale
from parure.auctions.paddles import paddle_for
from parure.core.choices import JobState
from parure.core.models import BackgroundJob
from tests.auctions import world
from tests.guards import unchanged
from tests.inventory import world as inventory_world

pytestmark = pytest.mark.django_db

URL = "/auctions/sales/NY-J-2703/bidders/"


@pytest.fixture
def sale(cast: Any) -> Sale:
    return world.sale(cast.senior)


def test_the_list_shows_each_bidder_to_the_roles_that_read_registrations(
    cast: Any, client_for: Any, sale: Sale
) -> None:
    julian = world.bidder(sale, credit="500000")
    pending = world.bidder(sale, name="Mrs Helena Strand", credit="2000", approve=False)
    for person in (cast.assistant, cast.senior, cast.finance, cast.auditor):
        page = client_for(person).get(URL)
        assert page.status_code == 200, person
        html = page.content.decode()
        assert f'<tr data-paddle="{julian.paddle}">' in html and f'<tr data-paddle="{pending.paddle}">' in html
        assert "Mr Julian Ashcombe" in html and "500000.00 USD" in html and "Verified" in html
        assert ("Register a bidder" in html) == (person in (cast.assistant, cast.senior))
    for person in (cast.logistics, cast.administrator):
        assert client_for(person).get(URL).status_code == 403


def test_the_list_filters_by_status(cast: Any, client_for: Any, sale: Sale) -> None:
    julian = world.bidder(sale)
    pending = world.bidder(sale, name="Mrs Helena Strand", approve=False)
    html = client_for(cast.assistant).get(URL, {"status": "pending"}).content.decode()
    assert f'data-paddle="{pending.paddle}"' in html and f'data-paddle="{julian.paddle}"' not in html
    html = client_for(cast.assistant).get(URL, {"status": "<script>"}).content.decode()
    assert f'data-paddle="{pending.paddle}"' in html and f'data-paddle="{julian.paddle}"' in html


def test_a_confidential_client_shows_by_number_to_an_assistant(cast: Any, client_for: Any, sale: Sale) -> None:
    harriet = cast["harriet"]
    hidden = inventory_world.consignor(
        "Lady Imogen Park", by=harriet, specialists=[harriet], confidentiality="confidential"
    )
    from parure.auctions.services.registrations import registration_create

    registration = registration_create(sale=sale, client=hidden, by=cast.senior, credit_limit="100")
    for path in (URL, f"{URL}{registration.paddle}/"):
        html = client_for(cast.assistant).get(path).content.decode()
        assert f"Client {hidden.number}" in html
        assert "Imogen" not in html and "Park" not in html.replace("Park Avenue", "")
    assert "Lady Imogen Park" in client_for(cast.senior).get(URL).content.decode()


def test_the_list_asks_a_fixed_number_of_queries(cast: Any, client_for: Any, sale: Sale) -> None:
    browser = client_for(cast.senior)
    counts = []
    for target in (2, 20):
        while Registration.objects.filter(sale=sale).count() < target:
            world.bidder(sale, name=f"Mr Bidder {Registration.objects.count():02d}", approve=False)
        browser.get(URL)  # the session's first read is not the page's
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(URL).content.decode().count("<tr data-paddle=") == target
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_paddle_box_opens_a_registration_and_refuses_a_mistype(cast: Any, client_for: Any, sale: Sale) -> None:
    julian = world.bidder(sale)
    browser = client_for(cast.assistant)
    found = browser.get(URL, {"paddle": julian.paddle})
    assert (found.status_code, found["Location"]) == (302, f"{URL}{julian.paddle}/")
    html = browser.get(URL, {"paddle": "1011"}).content.decode()
    assert "Paddle 1011 is mistyped: its last digit is not its check digit. Read the paddle again." in html
    html = browser.get(URL, {"paddle": paddle_for(102)}).content.decode()
    assert f"Paddle {paddle_for(102)} is not registered for sale NY-J-2703." in html
    assert browser.get(URL, {"paddle": "9" * 10000}).status_code == 200
    assert browser.get(f"{URL}1011/").status_code == 404
    assert browser.get("/auctions/sales/NO-SUCH/bidders/").status_code == 404


def test_registering_a_client_from_the_form(cast: Any, client_for: Any, sale: Sale) -> None:
    helena = world.verified_client("Mrs Helena Strand")
    browser = client_for(cast.assistant)
    assert browser.get(f"{URL}new/").status_code == 200
    made = browser.post(f"{URL}new/", {"client": f"{helena.number} · Mrs Helena Strand", "credit_limit": "25000"})
    assert (made.status_code, made["Location"]) == (302, f"{URL}1010/")
    registration = Registration.objects.get(sale=sale)
    assert (registration.client_id, registration.status, str(registration.credit_limit)) == (
        helena.pk, RegistrationStatus.PENDING, "25000.00",
    )  # fmt: skip
    wrong = helena.number[:-1] + str((int(helena.number[-1]) + 1) % 10)
    with unchanged():
        refused = browser.post(f"{URL}new/", {"client": wrong, "credit_limit": "lots"})
    html = refused.content.decode()
    assert refused.status_code == 422
    assert f"{wrong} has a wrong check digit, so it is not a client number we issued; read it again." in html
    assert f'value="{wrong}"' in html  # the form keeps what was typed


def test_the_client_suggestions_come_from_the_client_book(cast: Any, client_for: Any, sale: Sale) -> None:
    helena = world.verified_client("Mrs Helena Strand")
    html = client_for(cast.assistant).get(f"{URL}clients/", {"client": "Helena"}).content.decode()
    assert f'<option value="{helena.number} · Mrs Helena Strand">' in html
    assert client_for(cast.assistant).get(f"{URL}clients/", {"client": "C-000000-9"}).status_code == 200


def test_a_senior_approves_and_refuses_from_the_registration_page(cast: Any, client_for: Any, sale: Sale) -> None:
    registration = world.bidder(sale, credit="5000", approve=False)
    page = f"{URL}{registration.paddle}/"
    senior = client_for(cast.senior)
    assert "Approve" in senior.get(page).content.decode()
    assert "Approve" not in client_for(cast.assistant).get(page).content.decode()
    with unchanged():
        refused = senior.post(f"{page}decide/", {"decision": "refuse", "reason": ""})
    assert refused.status_code == 422
    assert "The reason is required: say why the registration is refused." in refused.content.decode()
    done = senior.post(f"{page}decide/", {"decision": "approve"})
    assert (done.status_code, done["Location"]) == (302, page)
    registration.refresh_from_db()
    assert (registration.status, registration.decided_by) == (RegistrationStatus.APPROVED, cast.senior)
    assert "Eleanor" in client_for(cast.auditor).get(page).content.decode()
    assert client_for(cast.assistant).post(f"{page}decide/", {"decision": "approve"}).status_code == 403


def test_the_credit_is_changed_from_the_registration_page(cast: Any, client_for: Any, sale: Sale) -> None:
    registration = world.bidder(sale, credit="5000")
    page = f"{URL}{registration.paddle}/"
    assistant = client_for(cast.assistant)
    changed = assistant.post(f"{page}credit/", {"credit_limit": "7500", "deposit": ""})
    assert changed.status_code == 302
    registration.refresh_from_db()
    assert (str(registration.credit_limit), registration.credit_changed_by) == ("7500.00", cast.assistant)
    with unchanged():
        refused = assistant.post(f"{page}credit/", {"credit_limit": "1e400"})
    assert "The credit limit must be an amount to the cent, at most 999,999,999,999.99." in refused.content.decode()


def test_the_import_goes_from_upload_to_mapping_to_the_job(cast: Any, client_for: Any, sale: Sale) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    helena = world.verified_client("Mrs Helena Strand")
    otto = inventory_world.consignor("Mr Otto Brandt")
    content = f"Bidder ID,Customer,Approved Limit\r\nBSQ-1,{helena.number},250000\r\nBSQ-2,{otto.number},50000\r\n"
    browser = client_for(cast.senior)
    assert browser.get(f"{URL}import/mapping/")["Location"] == f"{URL}import/"  # no file yet
    upload = SimpleUploadedFile("bidsquare.csv", content.encode(), content_type="text/csv")
    step = browser.post(f"{URL}import/", {"platform": "Bidsquare", "file": upload})
    assert (step.status_code, step["Location"]) == (302, f"{URL}import/mapping/")
    html = browser.get(f"{URL}import/mapping/").content.decode()
    assert "bidsquare.csv from Bidsquare: 2 rows." in html
    assert '<option value="Bidder ID" selected>' in html and '<option value="Approved Limit" selected>' in html
    # "Customer" is not proposed: the person maps it.
    with unchanged():
        wrong = browser.post(f"{URL}import/mapping/", {"platform_reference": "Bidder ID"})
    assert (
        "Map the column that holds the client number or the e-mail: the bidders are found by one of them."
        in wrong.content.decode()
    )
    done = browser.post(
        f"{URL}import/mapping/",
        {"client_number": "Customer", "platform_reference": "Bidder ID", "credit_limit": "Approved Limit"},
    )
    job = BackgroundJob.objects.get()
    assert (done.status_code, done["Location"]) == (302, f"/jobs/{job.pk}/")
    assert (job.state, job.summary) == (
        JobState.SUCCEEDED, "2 online bidders registered for NY-J-2703 from Bidsquare: 1 approved, 1 pending KYC.",
    )  # fmt: skip
    assert "2 online bidders registered" in browser.get(f"/jobs/{job.pk}/").content.decode()
    assert browser.get(f"{URL}import/mapping/")["Location"] == f"{URL}import/"  # the stash is gone


def test_an_empty_or_missing_upload_is_refused_beside_the_field(cast: Any, client_for: Any, sale: Sale) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    browser = client_for(cast.assistant)
    html = browser.post(f"{URL}import/", {"platform": "Bidsquare"}).content.decode()
    assert "Choose the platform&#x27;s export (a CSV file)." in html
    empty = SimpleUploadedFile("empty.csv", b"", content_type="text/csv")
    html = browser.post(f"{URL}import/", {"platform": "Bidsquare", "file": empty}).content.decode()
    assert "The file is empty; export the platform&#x27;s bidders with a header row and one row each." in html
    huge = SimpleUploadedFile("huge.csv", b"a,b\r\n" + b"x" * (3 * 1024 * 1024), content_type="text/csv")
    html = browser.post(f"{URL}import/", {"platform": "Bidsquare", "file": huge}).content.decode()
    assert "The file is larger than 2 MB; split it into smaller files." in html
