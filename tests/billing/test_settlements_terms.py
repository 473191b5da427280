"""What settlements read from the other apps, edited where those apps edit them: the consignment's new
terms on the inventory's form and page (refused bands named by their field), and the consignor's tax form
and payout account on the client book's KYC page (an IBAN checked by mod-97)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.clients.models import Client
from parure.inventory.errors import InvalidInput
from parure.inventory.models import Consignment
from parure.inventory.queries import consignment_terms
from parure.inventory.services.intake import Terms, consignment_amend_terms
from tests.conftest import signed_in
from tests.inventory import world

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def consignment(cast: Any) -> Consignment:
    world.build_all_places(cast)
    return world.take_in(cast.senior, world.consignor(), world.piece())[0].consignment  # type: ignore[no-any-return]


def test_the_terms_form_takes_tiered_bands_and_the_page_shows_them(cast: Any, consignment: Consignment) -> None:
    senior = signed_in(cast.senior)
    url = f"/inventory/consignments/{consignment.number}/terms/"
    assert 'name="commission_bands"' in senior.get(url).content.decode()
    form = {"commission_rate": "12.50", "insurance_fee_rate": "1.00", "photography_fee": "150.00",
            "unsold_fee_rate": "0.00", "reserve_policy": "at_low_estimate", "unsold_instruction": "reoffer",
            "commission_basis": "tiered", "commission_scope": "consignment", "commission_bands": "0 25; 50000 20",
            "minimum_commission": "300", "performance_fee_rate": "10", "withdrawal_fee": "250",
            "insurance_basis": "high_estimate", "unsold_fee_basis": "low_estimate", "reason": "Tiered agreed"}  # fmt: skip
    assert senior.post(url, form).status_code == 302
    terms = consignment_terms([consignment.pk])[consignment.pk]
    assert (terms.commission_basis, terms.commission_scope, terms.commission_bands) == (
        "tiered", "consignment", ((D(0), D("0.25")), (D(50000), D("0.2")))
    )  # fmt: skip
    assert (terms.minimum_commission, terms.performance_fee_rate, terms.withdrawal_fee) == (D(300), D("0.1"), D(250))
    assert (terms.insurance_basis, terms.unsold_fee_basis) == ("high_estimate", "low_estimate")
    page = senior.get(f"/inventory/consignments/{consignment.number}/").content.decode()
    assert "Tiered: each band&#x27;s rate on the slice inside it: from USD 0 25%; from USD 50000 20%" in page
    assert "10.00% of the hammer above the high estimate" in page and "USD 250.00 per lot" in page
    bad = senior.post(url, {**form, "commission_bands": "0 25; fifty 20"})
    assert bad.status_code != 302 and "‘fifty 20’ is not a band" in bad.content.decode()


def test_bands_that_cannot_be_read_are_refused_with_their_field(cast: Any, consignment: Consignment) -> None:
    for basis, bands, words in (
        ("tiered", (), "needs its bands"),
        ("sliding", ((D(100), D(20)),), "The first band starts at 0."),
        ("tiered", ((D(0), D(20)), (D(0), D(10))), "Each band starts above the one before it."),
        ("flat", ((D(0), D(20)),), "A flat commission has one rate and no bands"),
        ("tiered", ((D(0), D(120)),), "a percent between 0 and 100"),
    ):
        with pytest.raises(InvalidInput, match=words) as refused:
            consignment_amend_terms(consignment=consignment, by=cast.senior, reason="x",
                                    terms=Terms(commission_rate=D(10), commission_basis=basis,
                                                commission_bands=bands))  # fmt: skip
        assert refused.value.field == "commission_bands"
    consignment.refresh_from_db()
    assert (consignment.commission_basis, consignment.commission_bands) == ("flat", [])


def test_the_kyc_page_records_the_tax_form_and_the_payout_account(cast: Any, db: Any) -> None:
    client = world.consignor()
    finance = signed_in(cast.finance)
    url = f"/clients/{client.number}/kyc/"
    base = {"status": "pending"}
    refused = finance.post(
        url, {**base, "payout_name": "Catherine Vandermeer", "payout_iban": "GB29 NWBK 6016 1331 9268 18"}
    )
    assert refused.status_code != 302 and "is not a valid IBAN" in refused.content.decode()
    client.refresh_from_db()
    assert client.payout_iban == "" and client.kyc_status == "not_started"
    made = finance.post(url, {**base, "tax_form": "w8ben", "tax_form_received_on": "2026-11-02",
                              "payout_name": "Catherine Vandermeer", "payout_iban": "GB29 NWBK 6016 1331 9268 19",
                              "payout_bic": "nwbkgb2l"})  # fmt: skip
    assert made.status_code == 302
    client = Client.objects.get(pk=client.pk)
    assert (client.tax_form, str(client.tax_form_received_on)) == ("w8ben", "2026-11-02")
    assert (client.payout_iban, client.payout_bic) == ("GB29NWBK60161331926819", "NWBKGB2L")
    page = finance.get(f"/clients/{client.number}/").content.decode()
    assert "Form W-8BEN, received 2 Nov 2026" in page and "Catherine Vandermeer · •••• 6819" in page
    assert "GB29NWBK60161331926819" not in page
