"""The gemology API operations, end to end: exact figures as strings, refusals in the one error shape."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import Cast
from tests.research.cases import API, REFUSALS, Refusal, api_request


@pytest.fixture
def api(cast: Cast, client_for: Any) -> Any:
    return client_for(cast.assistant)


def _call(client: Any, method: str, url: str, data: dict[str, Any]) -> Any:
    if method == "post":
        return client.post(url, data=json.dumps(data), content_type="application/json")
    return client.get(url, data)


def test_estimate_weight(api: Any) -> None:
    response = _call(api, "post", f"{API}/weight/estimate", {"length_mm": "6.5", "width_mm": "6.5", "depth_mm": "3.9"})
    assert response.status_code == 200
    body = response.json()
    assert body["carats"] == "1.01"
    assert (body["low_carats"], body["high_carats"], body["precision_percent"]) == ("0.90", "1.11", "10")
    assert body["calculation"] == "6.5² × 3.9 × 0.0061 = 1.0051 ct → 1.01 ct (rounded half-up to 0.01 ct)"
    assert body["formula"] == "average diameter² × depth × factor"
    assert body["factor"] == "0.0061" and body["girdle_correction"] == "1" and body["length_to_width"] is None
    assert body["factor_source"].startswith("Gemgate, 'Estimating Mounted Diamond Weight'")
    assert body["material"] == {"key": "diamond", "name": "Diamond", "specific_gravity": "3.52"}
    assert body["precision_basis"] == "±10% for a mounted stone, measured through the setting."
    assert body["specific_gravity_ratio"] is None and body["notes"] == []


def test_estimate_takes_json_numbers_as_the_text_they_were_written_as(api: Any) -> None:
    response = _call(
        api,
        "post",
        f"{API}/weight/estimate",
        {"shape": "oval", "length_mm": 8, "width_mm": 6, "depth_mm": 3.8, "material": "ruby", "mounted": False},
    )
    body = response.json()
    assert body["carats"] == "1.31" and body["precision_percent"] == "11"
    assert body["specific_gravity_ratio"] == "1.136"
    assert body["precision_basis"] == (
        "±5% for a loose stone; +6% for a coloured stone, cut less uniformly than diamonds and varying in SG."
    )


def test_convert_weight(api: Any) -> None:
    response = _call(api, "get", f"{API}/weight/convert", {"amount": "1.5", "unit": "ct"})
    assert response.json() == {
        "amount": "1.5",
        "unit": "ct",
        "carats": "1.5",
        "grams": "0.3",
        "points": "150",
        "grains": "6",
    }


def test_reported_weight(api: Any) -> None:
    body = _call(api, "get", f"{API}/weight/reported", {"weighed_ct": "1.769"}).json()
    assert body["reported_carats"] == "1.77" and body["rounded_up"] is True
    assert body["weighed_carats"] == "1.769" and body["read_to_thousandth"] == "1.769"
    assert body["rule"].startswith("GIA weighs to the thousandth of a carat and reports to the hundredth")
    assert _call(api, "get", f"{API}/weight/reported", {"weighed_ct": "0.8995"}).json()["reported_carats"] == "0.90"


def test_identify(api: Any) -> None:
    response = _call(api, "post", f"{API}/identify", {"ri": ["1.762", "1.770"], "sg": "4.00"})
    assert response.status_code == 200
    body = response.json()
    assert [candidate["key"] for candidate in body["candidates"]] == ["ruby", "sapphire", "synthetic-corundum"]
    ruby = body["candidates"][0]
    assert ruby["matched"] == [
        "RI 1.762, 1.770 within 1.757–1.779",
        "Birefringence 0.008 within 0.008–0.010",
        "SG 4.00 within 3.95–4.05",
    ]
    assert ruby["laboratory"] == "natural or synthetic: needs a laboratory"
    assert ruby["constants"]["SG"] == "3.95–4.05" and ruby["constants"]["Optic character"] == "uniaxial, negative"
    assert body["needs_laboratory"] == ["natural or synthetic: needs a laboratory"]
    assert body["separating_test"] == {
        "property": "colour",
        "advice": "Ruby (corundum) and Sapphire (corundum) are both corundum; the variety name follows the colour.",
    }
    assert body["tolerances"] == {
        "refractive index": "0.005",
        "birefringence": "0.003",
        "specific gravity": "0.03",
        "hardness": "0.5",
    }


def test_parse_grade(api: Any) -> None:
    body = _call(api, "get", f"{API}/grades", {"scale": "clarity", "grade": "VS1-2"}).json()
    assert body == {
        "scale": "clarity",
        "typed": "VS1-2",
        "canonical": "VS1-VS2",
        "kind": "range",
        "grades": ["VS1", "VS2"],
        "details": ["VS: very slightly included"],
    }


def test_compare_grades(api: Any) -> None:
    body = _call(
        api, "get", f"{API}/grades/compare", {"scale": "clarity", "grade": "VS1", "compare_with": "si 2"}
    ).json()
    assert (body["verdict"], body["sentence"]) == ("better", "VS1 is better than SI2.")
    assert body["compare_with"]["canonical"] == "SI2"
    fluorescence = _call(
        api, "get", f"{API}/grades/compare", {"scale": "fluorescence", "grade": "Faint", "compare_with": "stg blue"}
    ).json()
    assert (fluorescence["verdict"], fluorescence["sentence"]) == ("weaker", "Faint is weaker than Strong Blue.")


def test_fineness(api: Any) -> None:
    body = _call(api, "get", f"{API}/metals/fineness", {"metal": "gold", "standard": "18k"}).json()
    assert body == {
        "metal": "gold",
        "karat": 18,
        "fineness": 750,
        "standard": "18 carat gold (750)",
        "assayed": None,
        "exact_fraction": "750",
        "uk_standard": True,
        "sentence": "18 karat gold is struck 750: 18/24 is 750 parts per thousand.",
    }
    silver = _call(api, "get", f"{API}/metals/fineness", {"metal": "silver", "standard": "950"}).json()
    assert (silver["fineness"], silver["standard"], silver["assayed"]) == (925, "sterling silver (925)", "950")


def test_decode_mark(api: Any) -> None:
    assert _call(api, "get", f"{API}/metals/mark", {"mark": "eagle's head"}).json() == {
        "text": "eagle's head",
        "kind": "national guarantee mark",
        "meaning": "18 carat gold (750), France, since 1838",
        "metals": ["gold"],
        "fineness": 750,
        "assay_office": None,
        "country": "France",
    }


def test_check_uk_hallmark(api: Any) -> None:
    body = _call(api, "post", f"{API}/metals/uk-hallmark", {"components": ["sponsor AB", "925", "lion passant"]}).json()
    assert body["complete"] is False
    assert (body["metal"], body["fineness"], body["assay_office"]) == ("silver", 925, None)
    assert body["problems"] == ["No assay office mark: a UK hallmark must show the office that tested it."]
    assert [mark["kind"] for mark in body["marks"]] == ["sponsor's mark", "fineness", "traditional standard mark"]


def test_fine_metal_content(api: Any) -> None:
    body = _call(
        api, "post", f"{API}/metals/fine-content", {"gross_weight_g": "12.4", "fineness": "925", "stone_weight_ct": "2"}
    ).json()
    assert body == {
        "gross_weight_g": "12.4",
        "stone_weight_g": "0.4",
        "metal_weight_g": "12",
        "fineness": "925",
        "fine_metal_g": "11.1",
        "note": None,
    }


def test_find_periods(api: Any) -> None:
    body = _call(api, "get", f"{API}/periods", {"date": "circa 1949"}).json()
    assert (body["span"], body["searched_from"], body["searched_to"]) == ("c.1949", 1944, 1954)
    assert [(period["key"], period["within_common_dates"]) for period in body["periods"]] == [
        ("retro", True),
        ("mid-century", False),
    ]
    assert body["periods"][1]["reason"] == "c.1949 is within 5 years of Mid-century (1950–1969): circa allows it"


def test_convert_ring_size(api: Any) -> None:
    body = _call(api, "get", f"{API}/ring-sizes", {"system": "EU", "size": "54"}).json()
    assert (body["circumference_mm"], body["diameter_mm"]) == ("54.00", "17.19")
    assert {size["system"]: size["size"] for size in body["sizes"]} == {
        "US": "6.75",
        "UK": "N",
        "EU": "54",
        "Japan": "14",
        "Swiss": "14",
    }
    assert body["sizes"][0] == {"system": "US", "size": "6.75", "circumference_mm": "53.77", "difference_mm": "-0.23"}
    assert body["outside"] == []


@pytest.mark.parametrize("case", REFUSALS, ids=[case.id for case in REFUSALS])
def test_every_refusal_comes_back_in_the_one_error_shape(api: Any, case: Refusal) -> None:
    method, url, data = api_request(case.tool, case.typed, case.operation)
    response = _call(api, method, url, data)
    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "code": "invalid",
        "message": case.message,
        "fields": {case.field: [case.message]} if case.field else {},
    }


def test_a_missing_required_parameter_is_a_validation_error_not_a_crash(api: Any) -> None:
    response = api.get(f"{API}/weight/convert")
    assert response.status_code == 422
    assert response.json()["fields"] == {"amount": ["Field required"]}
    posted = api.post(f"{API}/weight/estimate", data="{}", content_type="application/json")
    assert posted.status_code == 422 and set(posted.json()["fields"]) == {"length_mm", "depth_mm"}
    wrong_type = api.post(f"{API}/identify", data=json.dumps({"ri": "1.76"}), content_type="application/json")
    assert wrong_type.status_code == 422


def test_the_schema_documents_decimal_figures_as_strings(cast: Cast, client_for: Any) -> None:
    schema = client_for(cast.senior).get("/api/v1/openapi.json").json()
    estimate = schema["components"]["schemas"]["EstimateOut"]["properties"]["carats"]
    assert estimate["type"] == "string" and estimate["format"] == "decimal"
    operation = schema["paths"]["/api/v1/research/gemology/weight/estimate"]["post"]
    assert operation["operationId"] == "research_estimate_weight"
    assert "422" in operation["responses"]


NASTY = ["", " ", "-1", "0", "1e999999", "NaN", "Infinity", "1/0", "٣", "🙂", "9" * 40, "1..2"]
OPERATIONS = {
    "estimate": {"shape": "round", "length_mm": "6.5", "depth_mm": "3.9"},
    "convert": {"amount": "1", "unit": "ct"},
    "reported": {"weighed_ct": "1"},
    "identify": {"ri": "1.76"},
    "grades": {"scale": "clarity", "grade": "VS1", "compare_with": "SI1"},
    "fineness": {"metal": "gold", "standard": "750"},
    "mark": {"mark": "750"},
    "hallmark": {"components": "750"},
    "fine_content": {"gross_weight_g": "5", "fineness": "750", "stone_weight_ct": "1"},
    "periods": {"date": "1925"},
    "ring_sizes": {"system": "US", "size": "7"},
}


@pytest.mark.parametrize("tool", sorted(OPERATIONS))
def test_bad_input_never_yields_a_server_error(api: Any, tool: str) -> None:
    for name in OPERATIONS[tool]:
        for nasty in NASTY:
            method, url, data = api_request(tool, {**OPERATIONS[tool], name: nasty})
            response = _call(api, method, url, data)
            assert response.status_code in (200, 422), (tool, name, nasty, response.status_code)
            if response.status_code == 422:
                assert set(response.json()) == {"status", "code", "message", "fields"}
