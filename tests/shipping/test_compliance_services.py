"""Recording and editing export rules: every refusal a sentence on its field with nothing saved, every edit
in the change log with who, when, what and why."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from parure.shipping.compliance import services
from parure.shipping.compliance.models import ComplianceRule, ComplianceRuleChange
from parure.shipping.errors import ShippingError
from tests.shipping import compliance_world as cw


def _counts() -> tuple[int, int]:
    return ComplianceRule.objects.count(), ComplianceRuleChange.objects.count()


def test_a_rule_is_recorded_with_its_words_cleaned_and_a_first_change_row(cast: Any) -> None:
    draft = cw.coral_draft(materials="Coral, RED coral,\n coral", origins=[" Burma", "MM"], jurisdictions="us, eu",
                           min_weight_ct="0.5")  # fmt: skip
    rule = services.rule_create(draft=draft, by=cast.logistics)
    assert (rule.materials, rule.origins, rule.jurisdictions, str(rule.min_weight_ct)) == (
        ["coral", "red coral"], ["burma", "mm"], ["US", "EU"], "0.500"
    )  # fmt: skip
    change = rule.changes.get()
    assert (change.by, change.reason) == (cast.logistics, "Recorded.")
    assert change.changed["materials"] == [None, ["coral", "red coral"]]
    assert change.changed["effective_from"] == [None, "2008-04-01"]


def test_an_edit_logs_each_changed_field_before_and_after_with_its_reason(cast: Any) -> None:
    rule = cw.coral_rule(cast.logistics)
    draft = cw.coral_draft(code="", materials="coral, black coral", effective_to=date(2030, 12, 31))
    services.rule_update(rule=rule, draft=draft, by=cast.senior, reason="Black coral is listed in Appendix II.")
    rule.refresh_from_db()
    assert rule.materials == ["coral", "black coral"] and rule.updated_by == cast.senior
    latest = rule.changes.first()
    assert latest is not None
    assert (latest.by, latest.reason, latest.changed) == (
        cast.senior,
        "Black coral is listed in Appendix II.",
        {"materials": [["coral"], ["coral", "black coral"]], "effective_to": [None, "2030-12-31"]},
    )
    assert rule.changes.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"code": "Cites Coral!"}, "code",
         "‘cites coral!’ is not a rule code: use lower-case letters, figures and hyphens, such as cites-coral."),
        ({"code": "new"}, "code", "‘new’ cannot be a rule's code; choose a code that says what the rule is."),
        ({"title": "  "}, "title", "Give the rule's title."),
        ({"title": "x" * 201}, "title", "The rule's title is longer than 200 characters; shorten it."),
        ({"kind": "embargo"}, "kind",
         "Choose the kind of rule: sanctions, CITES, diamond warranty, wildlife declaration or other."),
        ({"effect": "warn"}, "effect", "Choose what the rule does: refuse, permit required, statement or declaration."),
        ({"jurisdictions": "USA"}, "jurisdictions",
         "‘USA’ is not a jurisdiction: give ISO country codes such as US or GB, or EU."),
        ({"materials": "x" * 61}, "materials", "One of the materials is longer than 60 characters; shorten it."),
        ({"materials": ", ".join(f"w{i}" for i in range(41))}, "materials",
         "Give at most 40 words for the materials."),
        ({"min_weight_ct": "half"}, "min_weight_ct", "‘half’ is not a weight in carats, such as 0.30."),
        ({"min_weight_ct": "0"}, "min_weight_ct",
         "The minimum weight is a number of carats above 0, with at most three decimals."),
        ({"min_weight_ct": "NaN"}, "min_weight_ct",
         "The minimum weight is a number of carats above 0, with at most three decimals."),
        ({"effect": "statement", "text": ""}, "text", "A statement or declaration rule prints its text; give the text."),
        ({"source": ""}, "source", "Give the rule's source."),
        ({"source_url": "cites.org"}, "source_url", "‘cites.org’ is not a web address; give one starting https://."),
        ({"source_url": "javascript:alert(1)"}, "source_url",
         "‘javascript:alert(1)’ is not a web address; give one starting https://."),
        ({"effective_from": None}, "effective_from", "Give the date the rule comes into force."),
        ({"effective_to": date(2008, 3, 31)}, "effective_to",
         "The rule cannot end on 31 March 2008, before it comes into force on 1 April 2008."),
        ({"text": "a\x00b"}, "text", "The rule's text holds a character that cannot be stored; retype it."),
    ],
)  # fmt: skip
def test_a_refused_rule_names_its_field_and_saves_nothing(
    cast: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ShippingError) as refused:
        services.rule_create(draft=cw.coral_draft(**overrides), by=cast.logistics)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert _counts() == (0, 0)


def test_a_second_rule_with_the_same_code_is_refused(cast: Any) -> None:
    cw.coral_rule(cast.logistics)
    with pytest.raises(ShippingError) as refused:
        services.rule_create(draft=cw.coral_draft(title="Another"), by=cast.logistics)
    assert (refused.value.message, refused.value.status) == (
        "A rule with the code cites-coral exists already; choose another code.", 409
    )  # fmt: skip
    assert _counts() == (1, 1)


@pytest.mark.parametrize(
    ("draft", "reason", "field", "message"),
    [
        ({"title": "Coral"}, "", "reason", "Give the reason for the change."),
        ({"title": "Coral"}, "x" * 501, "reason", "The reason for the change is longer than 500 characters; shorten it."),
        ({}, "No change", "reason", "Nothing in cites-coral was changed; change a field or cancel."),
        ({"code": "cites-corals"}, "Rename", "code",
         "A rule's code does not change (cites-coral); record a new rule and end this one instead."),
        ({"effective_to": date(2000, 1, 1)}, "End it", "effective_to",
         "The rule cannot end on 1 January 2000, before it comes into force on 1 April 2008."),
    ],
)  # fmt: skip
def test_a_refused_edit_changes_nothing(
    cast: Any, draft: dict[str, Any], reason: str, field: str, message: str
) -> None:
    rule = cw.coral_rule(cast.logistics)
    before = ComplianceRule.objects.values().get()
    with pytest.raises(ShippingError) as refused:
        services.rule_update(rule=rule, draft=cw.coral_draft(**draft), by=cast.senior, reason=reason)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert ComplianceRule.objects.values().get() == before
    assert _counts() == (1, 1)
