"""Compliance's writes: a rule recorded or edited, one transaction each, every edit logged with its
reason in a :class:`ComplianceRuleChange` row."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from parure.core.models import Staff
from parure.core.text import unstorable
from parure.shipping.compliance.choices import RuleDirection, RuleEffect, RuleKind
from parure.shipping.compliance.jurisdictions import UNIONS
from parure.shipping.compliance.models import ComplianceRule, ComplianceRuleChange
from parure.shipping.errors import ShippingError, ShippingErrorCode

E = ShippingErrorCode
CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WORDS_MAX = 40  # words in one list
WORD_MAX = 60
TEXT_MAX = 4000
REASON_MAX = 500
WEIGHT_MAX = Decimal("100000")

#: The fields a rule's change log compares, in the order the page lists them.
LOGGED = (
    "code", "title", "kind", "effect", "materials", "species", "varieties", "origins", "jurisdictions",
    "direction", "international_only", "min_weight_ct", "text", "source", "source_url", "effective_from",
    "effective_to", "is_active",
)  # fmt: skip


@dataclass(frozen=True)
class RuleDraft:
    """A rule as typed: word lists as lists or as text separated by commas or lines."""

    code: str
    title: str
    kind: str
    effect: str
    source: str
    effective_from: date | None
    materials: Iterable[str] | str = ()
    species: Iterable[str] | str = ()
    varieties: Iterable[str] | str = ()
    origins: Iterable[str] | str = ()
    jurisdictions: Iterable[str] | str = ()
    direction: str = RuleDirection.BOTH
    international_only: bool = True
    min_weight_ct: Decimal | str | None = None
    text: str = ""
    source_url: str = ""
    effective_to: date | None = None
    is_active: bool = True


def _refuse(message: str, *, field: str, code: ShippingErrorCode = E.INVALID) -> ShippingError:
    return ShippingError(message, field=field, code=code)


def _text(value: object, *, limit: int, field: str, label: str, required: bool = False) -> str:
    text = "" if value is None else str(value)
    if len(text) > limit:
        raise _refuse(f"{label} is longer than {limit} characters; shorten it.", field=field, code=E.TOO_LONG)
    text = text.strip()
    if unstorable(text):
        raise _refuse(f"{label} holds a character that cannot be stored; retype it.", field=field)
    if required and not text:
        raise _refuse(f"Give {label[0].lower()}{label[1:]}.", field=field, code=E.REQUIRED)
    return text


def _words(value: Iterable[str] | str, *, field: str, label: str, upper: bool = False) -> list[str]:
    lower = f"{label[0].lower()}{label[1:]}"
    if isinstance(value, str):
        if len(value) > WORDS_MAX * (WORD_MAX + 2):
            raise _refuse(f"Give at most {WORDS_MAX} words for {lower}.", field=field, code=E.TOO_LONG)
        items: Sequence[object] = re.split(r"[,\n]", value)
    else:
        items = list(value)[: WORDS_MAX + 1]
    words: list[str] = []
    for item in items:
        word = _text(item, limit=WORD_MAX, field=field, label=f"One of {lower}")
        word = " ".join(word.split())
        word = word.upper() if upper else word.lower()
        if word and word not in words:
            words.append(word)
    if len(words) > WORDS_MAX:
        raise _refuse(f"Give at most {WORDS_MAX} words for {lower}.", field=field)
    return words


def _weight(value: Decimal | str | None) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        weight = Decimal(str(value).strip()[:20])
    except InvalidOperation:
        raise _refuse(f"‘{str(value)[:20]}’ is not a weight in carats, such as 0.30.", field="min_weight_ct") from None
    if not weight.is_finite() or weight <= 0 or weight > WEIGHT_MAX or weight != weight.quantize(Decimal("0.001")):
        raise _refuse(
            "The minimum weight is a number of carats above 0, with at most three decimals.", field="min_weight_ct"
        )
    return weight.quantize(Decimal("0.001"))


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _checked(draft: RuleDraft, *, exclude: int | None) -> dict[str, Any]:
    code = _text(draft.code, limit=60, field="code", label="The rule's code", required=True).lower()
    if code == "new":  # the address of the form that records a rule
        raise _refuse("‘new’ cannot be a rule's code; choose a code that says what the rule is.", field="code")
    if not CODE.match(code):
        raise _refuse(
            f"‘{code[:60]}’ is not a rule code: use lower-case letters, figures and hyphens, such as cites-coral.",
            field="code",
        )
    if draft.kind not in RuleKind.values:
        raise _refuse("Choose the kind of rule: sanctions, CITES, diamond warranty, wildlife declaration or other.",
                      field="kind")  # fmt: skip
    if draft.effect not in RuleEffect.values:
        raise _refuse("Choose what the rule does: refuse, permit required, statement or declaration.", field="effect")
    if draft.direction not in RuleDirection.values:
        raise _refuse("Choose the direction: leaving, entering, or both.", field="direction")
    values: dict[str, Any] = {
        "code": code,
        "kind": draft.kind,
        "effect": draft.effect,
        "direction": draft.direction,
        "international_only": bool(draft.international_only),
        "title": _text(draft.title, limit=200, field="title", label="The rule's title", required=True),
        "materials": _words(draft.materials, field="materials", label="The materials"),
        "species": _words(draft.species, field="species", label="The species"),
        "varieties": _words(draft.varieties, field="varieties", label="The varieties"),
        "origins": _words(draft.origins, field="origins", label="The origins"),
        "jurisdictions": _words(draft.jurisdictions, field="jurisdictions", label="The jurisdictions", upper=True),
        "min_weight_ct": _weight(draft.min_weight_ct),
        "text": _text(draft.text, limit=TEXT_MAX, field="text", label="The rule's text"),
        "source": _text(draft.source, limit=300, field="source", label="The rule's source", required=True),
        "source_url": _text(draft.source_url, limit=300, field="source_url", label="The source's address"),
        "effective_from": draft.effective_from,
        "effective_to": draft.effective_to,
        "is_active": bool(draft.is_active),
    }
    for jurisdiction in values["jurisdictions"]:
        if jurisdiction not in UNIONS and not (len(jurisdiction) == 2 and jurisdiction.isalpha()):
            raise _refuse(
                f"‘{jurisdiction[:20]}’ is not a jurisdiction: give ISO country codes such as US or GB, or EU.",
                field="jurisdictions",
            )
    if values["source_url"]:
        try:
            URLValidator(schemes=["http", "https"])(values["source_url"])
        except ValidationError:
            raise _refuse(
                f"‘{values['source_url'][:80]}’ is not a web address; give one starting https://.", field="source_url"
            ) from None
    if values["effect"] in (RuleEffect.STATEMENT, RuleEffect.DECLARATION) and not values["text"]:
        raise _refuse("A statement or declaration rule prints its text; give the text.", field="text", code=E.REQUIRED)
    if not isinstance(draft.effective_from, date):
        raise _refuse("Give the date the rule comes into force.", field="effective_from", code=E.REQUIRED)
    if draft.effective_to is not None and draft.effective_to < draft.effective_from:
        raise _refuse(
            f"The rule cannot end on {_day(draft.effective_to)}, before it comes into force on "
            f"{_day(draft.effective_from)}.",
            field="effective_to",
            code=E.INVALID_DATE,
        )
    clash = ComplianceRule.objects.filter(code=code)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise _refuse(f"A rule with the code {code} exists already; choose another code.", field="code", code=E.REFUSED)
    return values


def _logged(value: Any) -> Any:
    if isinstance(value, (date, Decimal)):
        return str(value)
    return value


@transaction.atomic
def rule_create(*, draft: RuleDraft, by: Staff, reason: str = "") -> ComplianceRule:
    """Record a rule; its change log's first row holds every field and the reason (by default, "Recorded")."""
    why = _text(reason, limit=REASON_MAX, field="reason", label="The reason") or "Recorded."
    values = _checked(draft, exclude=None)
    now = timezone.now()
    try:
        with transaction.atomic():
            rule = ComplianceRule.objects.create(created_by=by, updated_by=by, created_at=now, updated_at=now, **values)
    except IntegrityError:
        # Another person recorded the same code between the check and the write.
        raise _refuse(
            f"A rule with the code {values['code']} exists already; choose another code.", field="code", code=E.REFUSED
        ) from None
    ComplianceRuleChange.objects.create(
        rule=rule, by=by, at=now, reason=why, changed={name: [None, _logged(values[name])] for name in LOGGED}
    )
    return rule


@transaction.atomic
def rule_update(*, rule: ComplianceRule, draft: RuleDraft, by: Staff, reason: str) -> ComplianceRule:
    """Change a rule (its code stays), logging each changed field before and after with ``reason``."""
    why = _text(reason, limit=REASON_MAX, field="reason", label="The reason for the change", required=True)
    locked = ComplianceRule.objects.select_for_update().get(pk=rule.pk)
    if draft.code and draft.code.strip().lower() != locked.code:
        raise _refuse(
            f"A rule's code does not change ({locked.code}); record a new rule and end this one instead.",
            field="code",
        )
    values = _checked(RuleDraft(**{**draft.__dict__, "code": locked.code}), exclude=locked.pk)
    changed = {
        name: [_logged(getattr(locked, name)), _logged(values[name])]
        for name in LOGGED
        if _logged(getattr(locked, name)) != _logged(values[name])
    }
    if not changed:
        raise _refuse(f"Nothing in {locked.code} was changed; change a field or cancel.", field="reason")
    now = timezone.now()
    for name, value in values.items():
        setattr(locked, name, value)
    locked.updated_at, locked.updated_by = now, by
    locked.save()
    ComplianceRuleChange.objects.create(rule=locked, by=by, at=now, reason=why, changed=changed)
    return locked
