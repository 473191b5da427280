"""The carriers and policies pages end to end: the lists in words for every viewer, the forms for those who
keep the shipping setup, refusals beside their field with nothing saved."""

from __future__ import annotations

import re
from typing import Any

import pytest

from parure.shipping.carriers.models import Carrier, InsurancePolicy
from tests.conftest import signed_in
from tests.shipping import carriers_world as cw
from tests.shipping.carriers_world import CarriersWorld


@pytest.fixture
def world(cast: Any) -> CarriersWorld:
    return cw.build(cast)


def _cells(html: str, name: str) -> list[str]:
    """The text of the cells of the table row whose first cell starts with ``name``."""
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells and cells[0].startswith(name):
            return cells
    raise AssertionError(f"no row for {name}")


def test_every_viewer_reads_the_carriers_in_words(world: CarriersWorld) -> None:
    for person in (world.cast.assistant, world.cast.senior, world.cast.finance, world.cast.logistics,
                   world.cast.auditor):  # fmt: skip
        response = signed_in(person).get("/shipping/carriers/")
        assert response.status_code == 200, person
    html = signed_in(world.cast.finance).get("/shipping/carriers/").content.decode()
    assert _cells(html, "FedEx jewelry programme") == [
        "FedEx jewelry programme", "Courier with a jewelry programme", "$50,000.00",
        "loose stones, ivory, tortoiseshell and coral", "Signature above $500.00",
        "United States, Canada and United Kingdom",
    ]  # fmt: skip
    assert _cells(html, "USPS") == ["USPS Registered Mail", "Registered post", "$25,000.00", "—",
                                    "Signature on delivery, always", "United States (within the country)"]  # fmt: skip
    assert _cells(html, "Hand-carry")[2:] == ["No limit stated", "—", "Signature on delivery, always", "Everywhere"]
    assert "Add a carrier" not in html and "/edit/" not in html
    keeper = signed_in(world.cast.logistics).get("/shipping/carriers/").content.decode()
    assert "Add a carrier" in keeper and f"/shipping/carriers/{world.brinks.pk}/edit/" in keeper


def test_geneva_reads_the_amounts_in_its_own_format(world: CarriersWorld) -> None:
    html = signed_in(world.cast["camille"]).get("/shipping/carriers/").content.decode()
    assert _cells(html, "Ferrari Group")[2] == "3000000,00\xa0CHF"


def test_the_policies_list(world: CarriersWorld) -> None:
    html = signed_in(world.cast.auditor).get("/shipping/policies/").content.decode()
    assert _cells(html, "Helvetia Valeurs") == [
        "Helvetia Valeurs GE-TV-2026-77", "Geneva", "1 Jan 2026 to 31 Dec 2026", "CHF3,000,000.00",
        "CHF8,000,000.00", "CHF5,000,000.00", "Specialist secure carrier and Hand-carry by staff",
    ]  # fmt: skip
    assert _cells(html, "Hiscox Specie")[1] == "Every office"
    assert _cells(html, "Hiscox Specie")[-1] == "Every level"


def _carrier_form(**changes: str) -> dict[str, str]:
    data = {"name": "Loomis", "level": "secure_carrier", "currency": "USD", "max_per_parcel": "1000000.00",
            "refused_materials": "ivory, coral", "signature_rule": "adult", "countries": "US, CA",
            "international": "on", "is_active": "on"}  # fmt: skip
    data.update(changes)
    return data


def test_a_carrier_added_and_changed_through_its_form(world: CarriersWorld) -> None:
    client = signed_in(world.cast.logistics)
    assert client.get("/shipping/carriers/new/").status_code == 200
    response = client.post("/shipping/carriers/new/", _carrier_form())
    assert response.status_code == 302 and response["Location"] == "/shipping/carriers/"
    loomis = Carrier.objects.get(name="Loomis")
    assert (loomis.refused_materials, loomis.countries, loomis.updated_by) == (
        ["ivory", "coral"], ["US", "CA"], world.cast.logistics
    )  # fmt: skip
    form = client.get(f"/shipping/carriers/{loomis.pk}/edit/").content.decode()
    assert 'value="ivory, coral"' in form and 'value="US, CA"' in form
    response = client.post(f"/shipping/carriers/{loomis.pk}/edit/", _carrier_form(max_per_parcel="", countries=""))
    assert response.status_code == 302
    loomis.refresh_from_db()
    assert (loomis.max_per_parcel, loomis.countries) == (None, [])


def test_a_refused_carrier_shows_the_sentence_beside_its_field_and_keeps_what_was_typed(
    world: CarriersWorld,
) -> None:
    client = signed_in(world.cast.senior)
    before = list(Carrier.objects.values())
    response = client.post("/shipping/carriers/new/", _carrier_form(countries="US, Narnia"))
    assert response.status_code == 422
    html = response.content.decode()
    assert (
        '<p class="error" id="id_countries-error">‘NARNIA’ is not a two-letter ISO country code such as US or CH.</p>'
        in html
    )
    assert 'value="Loomis"' in html
    response = client.post(f"/shipping/carriers/{world.usps.pk}/edit/", _carrier_form(name="Brink's"))
    assert response.status_code == 409
    assert "There is already a carrier named Brink&#x27;s; give this one another name or edit that one." in (
        response.content.decode()
    )
    assert list(Carrier.objects.values()) == before


def test_the_forms_are_refused_to_those_who_do_not_keep_the_setup(world: CarriersWorld) -> None:
    for person in (world.cast.assistant, world.cast.finance, world.cast.auditor):
        client = signed_in(person)
        for url in ("/shipping/carriers/new/", f"/shipping/carriers/{world.brinks.pk}/edit/",
                    "/shipping/policies/new/", f"/shipping/policies/{world.transit.pk}/edit/"):  # fmt: skip
            assert client.get(url).status_code == 403, (person, url)
        assert client.post("/shipping/carriers/new/", _carrier_form()).status_code == 403
    assert not Carrier.objects.filter(name="Loomis").exists()
    assert signed_in(world.cast.logistics).get("/shipping/carriers/999999/edit/").status_code == 404


def test_a_policy_through_its_form(world: CarriersWorld) -> None:
    client = signed_in(world.cast.logistics)
    assert client.get(f"/shipping/policies/{world.geneva.pk}/edit/").status_code == 200
    data = {"insurer": "Chubb", "policy_number": "CH-1", "office": str(world.ny.pk), "currency": "USD",
            "per_parcel": "1000000.00", "levels": ["hand_carry"], "valid_from": "2026-01-01",
            "valid_to": "2025-12-31", "is_active": "on"}  # fmt: skip
    response = client.post("/shipping/policies/new/", data)
    assert response.status_code == 422
    assert "The policy cannot end on 31 December 2025, before it starts on 1 January 2026." in response.content.decode()
    assert not InsurancePolicy.objects.filter(insurer="Chubb").exists()
    response = client.post("/shipping/policies/new/", {**data, "valid_to": "2026-12-31"})
    assert response.status_code == 302 and response["Location"] == "/shipping/policies/"
    chubb = InsurancePolicy.objects.get(insurer="Chubb")
    assert (chubb.office, chubb.levels, chubb.per_day) == (world.ny, ["hand_carry"], None)


def test_the_shipping_subnav_links_the_carriers_and_the_policies(world: CarriersWorld) -> None:
    html = signed_in(world.cast.finance).get("/shipping/policies/").content.decode()
    assert '<a href="/shipping/carriers/">Carriers</a>' in html
    assert '<a href="/shipping/policies/" aria-current="page">Transit insurance</a>' in html
