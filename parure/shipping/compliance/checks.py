"""Compliance's judgement of a shipment plan: pure functions of the plan and the rules.

:func:`check_compliance` answers a :class:`~parure.shipping.plan.ComplianceResult`: a blocking finding for
each piece a ``refuse`` rule catches (naming the piece, the rule, its source and jurisdiction); for a
``permit required`` rule, the piece in ``permits_required`` and either a blocking finding on its permit
field (none entered) or a statement quoting the permit; each ``statement`` or ``declaration`` rule once,
with the stock numbers it covers; and the proposed HS heading of every piece.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from parure.shipping.compliance import jurisdictions
from parure.shipping.compliance.choices import RuleDirection, RuleEffect
from parure.shipping.compliance.hs import propose_hs
from parure.shipping.compliance.models import ComplianceRule
from parure.shipping.errors import ShippingError, ShippingErrorCode
from parure.shipping.plan import ComplianceResult, Finding, PieceFact, ShipmentPlan, Statement


def in_force(rule: ComplianceRule, on: date) -> bool:
    """Active, and ``on`` between its dates (both inclusive)."""
    return rule.is_active and rule.effective_from <= on and (rule.effective_to is None or on <= rule.effective_to)


def crossing(rule: ComplianceRule, plan: ShipmentPlan) -> str | None:
    """The jurisdiction whose border the shipment crosses in the rule's direction ("" for a rule of every
    shipment), or None when the rule does not govern this shipment."""
    if not rule.jurisdictions:
        return "" if plan.international or not rule.international_only else None
    for code in rule.jurisdictions:
        leaves = jurisdictions.within(plan.origin_country, code) and not jurisdictions.within(
            plan.destination_country, code
        )
        enters = jurisdictions.within(plan.destination_country, code) and not jurisdictions.within(
            plan.origin_country, code
        )
        if (rule.direction in (RuleDirection.EXPORT, RuleDirection.BOTH) and leaves) or (
            rule.direction in (RuleDirection.IMPORT, RuleDirection.BOTH) and enters
        ):
            return str(code)
    return None


def _origin_matches(rule: ComplianceRule, *origins: str) -> bool:
    if not rule.origins:
        return True
    wanted = {str(word).lower() for word in rule.origins}
    return any(origin.strip().lower() in wanted for origin in origins if origin.strip())


@dataclass(frozen=True)
class Match:
    """What in a piece a rule caught, as words: "diamond", "coral"."""

    words: tuple[str, ...]

    def __str__(self) -> str:
        return ", ".join(self.words)


def match(rule: ComplianceRule, piece: PieceFact) -> Match | None:
    """What of ``piece`` the rule concerns, or None when it concerns nothing of it."""
    materials = {str(word).lower() for word in rule.materials}
    species = {str(word).lower() for word in rule.species}
    varieties = {str(word).lower() for word in rule.varieties}
    if not (materials or species or varieties):
        return Match(()) if _origin_matches(rule, piece.country_of_origin) else None
    found: list[str] = []
    own = {word.lower() for word in (*piece.metals, *piece.materials) if word}
    for word in sorted(own & materials):
        if _origin_matches(rule, piece.country_of_origin):
            found.append(word)
    for stone in piece.stones:
        name = stone.name.lower()
        if stone.species.lower() not in species and stone.variety.lower() not in varieties:
            continue
        if not _origin_matches(rule, stone.origin, piece.country_of_origin):
            continue
        # An unknown weight cannot be shown to be under the threshold, so the rule applies.
        if rule.min_weight_ct is not None and stone.weight_ct is not None and stone.weight_ct < rule.min_weight_ct:
            continue
        if name not in found:
            found.append(name)
    return Match(tuple(found)) if found else None


def _where(rule: ComplianceRule, code: str) -> str:
    if not code:
        return rule.source
    way = {RuleDirection.EXPORT: "leaving", RuleDirection.IMPORT: "entering"}.get(
        RuleDirection(rule.direction), "crossing into or out of"
    )
    return f"{rule.source}; pieces {way} {jurisdictions.name_of(code)}"


def _concerning(match: Match) -> str:
    return f" ({match})" if match.words else ""


def check_compliance(plan: ShipmentPlan, rules: Sequence[ComplianceRule] | None = None) -> ComplianceResult:
    """Judge ``plan`` by ``rules`` (by default the active rules in force on ``plan.ship_on``, one query);
    rules given that are not in force on the day are passed over."""
    if rules is None:
        from parure.shipping.compliance.queries import rules_in_force

        rules = rules_in_force(plan.ship_on)
    findings: list[Finding] = []
    statements: list[Statement] = []
    permits: dict[str, list[str]] = {}
    for rule in sorted(rules, key=lambda rule: rule.code):
        if not in_force(rule, plan.ship_on):
            continue
        code = crossing(rule, plan)
        if code is None:
            continue
        source = _where(rule, code)
        caught = [(piece, found) for piece in plan.pieces if (found := match(rule, piece)) is not None]
        if not caught:
            continue
        if rule.effect == RuleEffect.REFUSE:
            for piece, found in caught:
                findings.append(Finding(
                    rule=f"compliance.{rule.code}", field="pieces", source=source,
                    message=f"{piece.stock_number}{_concerning(found)} cannot be shipped: {rule.title} ({source}).",
                    alternative=f"Take {piece.stock_number} out of the shipment.",
                ))  # fmt: skip
        elif rule.effect == RuleEffect.PERMIT_REQUIRED:
            for piece, found in caught:
                needs = f"{found or piece.description}: {rule.title}"
                permits.setdefault(piece.stock_number, []).append(needs)
                if piece.permit.strip():
                    statements.append(Statement(
                        code=f"{rule.code}:{piece.stock_number}", source=source,
                        text=f"{piece.stock_number}{_concerning(found)} travels under permit {piece.permit.strip()} "
                        f"({rule.title}).", stock_numbers=(piece.stock_number,),
                    ))  # fmt: skip
                else:
                    findings.append(Finding(
                        rule=f"compliance.{rule.code}", field=f"permit:{piece.stock_number}", source=source,
                        message=f"{piece.stock_number}{_concerning(found)} needs a permit: {rule.title} ({source}). "
                        f"Enter the permit number for {piece.stock_number}.",
                        alternative=f"Enter the permit number, or take {piece.stock_number} out of the shipment.",
                    ))  # fmt: skip
        else:
            statements.append(Statement(
                code=rule.code, text=rule.text, source=source,
                stock_numbers=tuple(piece.stock_number for piece, _ in caught),
            ))  # fmt: skip
    return ComplianceResult(
        findings=tuple(findings),
        statements=tuple(statements),
        hs={piece.stock_number: propose_hs(piece, on=plan.ship_on) for piece in plan.pieces},
        permits_required={stock: "; ".join(needs) for stock, needs in permits.items()},
    )


def refusal_of(result: ComplianceResult) -> ShippingError | None:
    """The refusal a service raises for ``result``: its first blocking finding, with ``permit_required``
    when a permit number is missing and ``compliance_blocked`` when a rule refuses; None when nothing
    blocks. The other findings stay in the result for the page to list."""
    blocking = [finding for finding in result.findings if finding.blocking]
    if not blocking:
        return None
    first = next((finding for finding in blocking if not finding.field.startswith("permit:")), blocking[0])
    code = (
        ShippingErrorCode.PERMIT_REQUIRED if first.field.startswith("permit:") else ShippingErrorCode.COMPLIANCE_BLOCKED
    )
    return ShippingError(first.message, field=first.field, code=code)
