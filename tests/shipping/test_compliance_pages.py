"""The export rules' pages and API end to end: the list by kind, one rule with its change log, recording
and editing a rule (the reason required), refusals beside their field with nothing saved, and the HS
proposal for a described piece."""

from __future__ import annotations

import json
import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.shipping.compliance import demo, services
from parure.shipping.compliance.models import ComplianceRule, ComplianceRuleChange
from tests.conftest import signed_in
from tests.shipping import compliance_world as cw


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "code": "cites-coral", "title": "CITES document for coral", "kind": "cites", "effect": "permit_required",
        "materials": "coral, red coral", "species": "", "varieties": "", "origins": "", "jurisdictions": "",
        "direction": "both", "international_only": "on", "min_weight_ct": "", "text": "",
        "source": "CITES, Appendices II and III", "source_url": "https://cites.org/eng/app/appendices.php",
        "effective_from": "2008-04-01", "effective_to": "", "is_active": "on", "reason": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_list_shows_the_rules_by_kind_with_effect_jurisdictions_dates_and_source(cast: Any) -> None:
    demo.build(lambda line: None)
    response = signed_in(cast.finance).get("/shipping/rules/")
    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r"<h2>([^<]+)</h2>", html)
    assert headings == ["Sanctions", "CITES", "Diamond warranty", "Wildlife declaration"]
    text = _text(html)
    assert (
        "No Russian diamonds into the European Union eu-russian-diamonds Refuses the shipment the European Union "
        "(entering the jurisdiction) 1 Jan 2024 – until ended Council Regulation (EU) 2023/2878 of 18 December "
        "2023, amending Regulation (EU) No 833/2014"
    ) in text
    assert '<a href="/shipping/rules/">Export rules</a>' in html.replace(' aria-current="page"', "")
    assert "Record a rule" not in html  # finance reads, does not edit


def test_the_list_and_a_rule_page_read_in_a_fixed_number_of_queries(cast: Any) -> None:
    client = signed_in(cast.auditor)
    cw.coral_rule(cast.logistics)
    client.get("/shipping/rules/")  # the session's first save is not the list's

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few, one = queries("/shipping/rules/"), queries("/shipping/rules/cites-coral/")
    demo.build(lambda line: None)
    for n in range(5):
        services.rule_update(rule=ComplianceRule.objects.get(code="cites-coral"), by=cast.senior, reason=f"Edit {n}",
                             draft=cw.coral_draft(code="", title=f"CITES document for coral ({n})"))  # fmt: skip
    assert (queries("/shipping/rules/"), queries("/shipping/rules/cites-coral/")) == (few, one)


def test_a_rule_page_shows_the_rule_and_its_change_log(cast: Any) -> None:
    rule = cw.coral_rule(cast.logistics)
    client = signed_in(cast.senior)
    response = client.post("/shipping/rules/cites-coral/edit/", _form(materials="coral, black coral",
                                                                        reason="Black coral is in Appendix II."))  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/shipping/rules/cites-coral/"
    html = client.get("/shipping/rules/cites-coral/").content.decode()
    text = _text(html)
    assert "Materials coral, black coral" in text
    assert "Source CITES, Appendices II and III https://cites.org/eng/app/appendices.php" in text
    table = html.split('id="changes"')[1].split("</table>")[0]
    rows = [[_text(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)][1:]
            for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)]  # fmt: skip
    assert rows == [
        ["Eleanor Whitcombe", "Black coral is in Appendix II.", "materials: coral → coral, black coral"],
        ["Daniel Ortiz", "Recorded.", "Recorded"],
    ]
    assert rule.changes.count() == 2


def test_a_rule_recorded_through_the_form(cast: Any) -> None:
    client = signed_in(cast.logistics)
    assert client.get("/shipping/rules/new/").status_code == 200
    response = client.post("/shipping/rules/new/", _form())
    assert response.status_code == 302 and response["Location"] == "/shipping/rules/cites-coral/"
    rule = ComplianceRule.objects.get()
    assert (rule.materials, rule.international_only, rule.created_by) == (
        ["coral", "red coral"], True, cast.logistics
    )  # fmt: skip


def test_a_refused_form_keeps_what_was_typed_and_saves_nothing(cast: Any) -> None:
    client = signed_in(cast.logistics)
    response = client.post("/shipping/rules/new/", _form(jurisdictions="US, Europe"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "‘EUROPE’ is not a jurisdiction: give ISO country codes such as US or GB, or EU." in html
    assert 'value="US, Europe"' in html
    assert ComplianceRule.objects.count() == 0


def test_an_edit_needs_a_reason_and_the_code_stays(cast: Any) -> None:
    cw.coral_rule(cast.logistics)
    client = signed_in(cast.logistics)
    response = client.post("/shipping/rules/cites-coral/edit/", _form(code="other-code", title="Coral"))
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert ComplianceRule.objects.get().title == "CITES document for coral"
    assert ComplianceRuleChange.objects.count() == 1
    done = client.post("/shipping/rules/cites-coral/edit/", _form(code="other-code", title="Coral", reason="Shorter."))
    assert done.status_code == 302
    assert list(ComplianceRule.objects.values_list("code", "title")) == [("cites-coral", "Coral")]


def test_an_unknown_rule_is_not_found(cast: Any) -> None:
    client = signed_in(cast.auditor)
    assert client.get("/shipping/rules/no-such-rule/").status_code == 404
    assert client.get("/api/v1/shipping/rules/no-such-rule").json() == {
        "status": 404, "code": "unknown_record", "message": "There is no export rule with the code ‘no-such-rule’.",
        "fields": {"code": ["There is no export rule with the code ‘no-such-rule’."]},
    }  # fmt: skip


# --- The API -------------------------------------------------------------------------------------------

RULE_BODY: dict[str, Any] = {
    "code": "us-russian-diamonds", "title": "No Russian-origin diamonds into the United States", "kind": "sanctions",
    "effect": "refuse", "species": ["Diamond"], "origins": ["Russia", "RU"], "jurisdictions": ["us"],
    "direction": "import", "source": "US Executive Order 14068", "effective_from": "2022-03-11",
}  # fmt: skip


def test_a_rule_recorded_listed_read_and_changed_through_the_api(cast: Any) -> None:
    client = signed_in(cast.logistics)
    created = _post(client, "/api/v1/shipping/rules", RULE_BODY)
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["species"], body["origins"], body["jurisdictions"], body["min_weight_ct"]) == (
        ["diamond"], ["russia", "ru"], ["US"], None
    )  # fmt: skip
    assert [change["reason"] for change in body["changes"]] == ["Recorded."]
    listed = signed_in(cast.finance).get("/api/v1/shipping/rules").json()
    assert [(rule["code"], rule["effect"]) for rule in listed] == [("us-russian-diamonds", "refuse")]
    update = {**RULE_BODY, "min_weight_ct": "0.5", "reason": "Later determination: half a carat and above."}
    del update["code"]
    changed = _post(client, "/api/v1/shipping/rules/us-russian-diamonds", update)
    assert changed.status_code == 200, changed.content
    assert changed.json()["min_weight_ct"] == "0.500"
    assert changed.json()["changes"][0] == {
        **changed.json()["changes"][0], "by": "Daniel Ortiz", "reason": "Later determination: half a carat and above.",
        "changed": {"min_weight_ct": [None, "0.500"]},
    }  # fmt: skip


def test_api_refusals_are_in_the_shared_shape_with_nothing_saved(cast: Any) -> None:
    client = signed_in(cast.logistics)
    refused = _post(client, "/api/v1/shipping/rules", {**RULE_BODY, "effective_to": "2020-01-01"})
    assert refused.status_code == 422
    assert refused.json()["message"] == (
        "The rule cannot end on 1 January 2020, before it comes into force on 11 March 2022."
    )
    assert refused.json()["fields"] == {"effective_to": [refused.json()["message"]]}
    huge = _post(client, "/api/v1/shipping/rules", {**RULE_BODY, "materials": ["x" * 100] * 1000, "text": "y" * 10**5})
    assert huge.status_code == 422 and huge.json()["code"] == "invalid"
    assert ComplianceRule.objects.count() == 0
    _post(client, "/api/v1/shipping/rules", RULE_BODY)
    no_reason = {key: value for key, value in RULE_BODY.items() if key != "code"}
    assert _post(client, "/api/v1/shipping/rules/us-russian-diamonds", no_reason).status_code == 422
    blank = _post(client, "/api/v1/shipping/rules/us-russian-diamonds", {**no_reason, "reason": " "})
    assert (blank.status_code, blank.json()["message"]) == (422, "Give the reason for the change.")
    assert ComplianceRuleChange.objects.count() == 1


def test_the_hs_proposal_for_a_described_piece(cast: Any) -> None:
    client = signed_in(cast.assistant)
    answer = _post(client, "/api/v1/shipping/hs-proposal", {
        "category": "brooch", "description": "Brooch, silver, set with paste", "metals": ["Silver"],
        "stones": [{"species": "paste", "count": 12}], "year_made": 1950, "on": "2026-06-15",
    })  # fmt: skip
    assert answer.status_code == 200, answer.content
    assert answer.json() == {
        "code": "7113.11", "edition": "HS 2022", "reason": "Jewellery of silver.",
        "heading": "Articles of jewellery and parts thereof, of silver, whether or not plated or clad with other "
        "precious metal",
    }  # fmt: skip
    antique = _post(client, "/api/v1/shipping/hs-proposal", {"category": "ring", "metals": ["gold"], "year_made": 1700})
    assert antique.json()["code"] == "9706.10"
    loose = _post(client, "/api/v1/shipping/hs-proposal", {"category": "loose_stone", "year_made": 1700,
                                                            "stones": [{"species": "Diamond", "weight_ct": "2.01"}]})  # fmt: skip
    assert loose.json()["code"] == "7102"
    bad = _post(client, "/api/v1/shipping/hs-proposal", {"category": "ring", "metals": ["gold"] * 500})
    assert bad.status_code == 422
