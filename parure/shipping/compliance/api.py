"""Shipping's compliance API (mounted by parure.shipping.api.router under /api/v1/shipping): the export
rules (list, one with its change log, record, edit with a reason) and the HS heading proposed for a
described piece. The same permissions as the pages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from parure.core.api import requires
from parure.core.clock import office_today
from parure.core.policy import acting_staff
from parure.shipping.compliance import queries, services
from parure.shipping.compliance.hs import propose_hs
from parure.shipping.compliance.models import ComplianceRule
from parure.shipping.compliance.rules import MANAGE, VIEW
from parure.shipping.compliance.services import REASON_MAX, TEXT_MAX, WORD_MAX, WORDS_MAX, RuleDraft
from parure.shipping.plan import PieceFact, StoneFact

router = Router()

Code = Annotated[str, Field(max_length=60)]
Word = Annotated[str, Field(max_length=WORD_MAX)]
Words = Annotated[list[Word], Field(max_length=WORDS_MAX)]
Kind = Literal["sanctions", "cites", "diamond_warranty", "wildlife_declaration", "other"]
Effect = Literal["refuse", "permit_required", "statement", "declaration"]
Direction = Literal["export", "import", "both"]


class RuleChangeOut(Schema):
    at: datetime
    by: str
    reason: str
    changed: dict[str, Any]


class RuleOut(Schema):
    code: str
    title: str
    kind: str
    effect: str
    materials: list[str]
    species: list[str]
    varieties: list[str]
    origins: list[str]
    jurisdictions: list[str]
    direction: str
    international_only: bool
    min_weight_ct: Decimal | None
    text: str
    source: str
    source_url: str
    effective_from: date
    effective_to: date | None
    is_active: bool


class RuleDetailOut(RuleOut):
    changes: list[RuleChangeOut]


class RuleIn(Schema):
    title: Annotated[str, Field(max_length=200)]
    kind: Kind
    effect: Effect
    materials: Words = []
    species: Words = []
    varieties: Words = []
    origins: Words = []
    jurisdictions: Words = []
    direction: Direction = "both"
    international_only: bool = True
    min_weight_ct: Annotated[str, Field(max_length=20)] | None = None
    text: Annotated[str, Field(max_length=TEXT_MAX)] = ""
    source: Annotated[str, Field(max_length=300)]
    source_url: Annotated[str, Field(max_length=300)] = ""
    effective_from: date
    effective_to: date | None = None
    is_active: bool = True


class RuleCreateIn(RuleIn):
    code: Code
    reason: Annotated[str, Field(max_length=REASON_MAX)] = ""


class RuleUpdateIn(RuleIn):
    reason: Annotated[str, Field(max_length=REASON_MAX)]


class HsStoneIn(Schema):
    species: Word
    variety: Word = ""
    origin: Word = ""
    count: int = Field(1, ge=1, le=10_000)
    weight_ct: Annotated[Decimal, Field(ge=0, le=100_000, max_digits=12, decimal_places=3)] | None = None


class HsPieceIn(Schema):
    category: Annotated[str, Field(max_length=30)]
    description: Annotated[str, Field(max_length=500)] = ""
    metals: Words = []
    stones: Annotated[list[HsStoneIn], Field(max_length=WORDS_MAX)] = []
    materials: Words = []
    year_made: int | None = Field(None, ge=1, le=9999)
    on: date | None = Field(None, description="The shipping date; by default your office's today.")


class HsProposalOut(Schema):
    code: str
    heading: str
    edition: str
    reason: str


def _out(rule: ComplianceRule) -> dict[str, Any]:
    return {name: getattr(rule, name) for name in RuleOut.model_fields}


def _detail(code: str) -> dict[str, Any]:
    rule = queries.rule_by_code(code)
    changes = [{"at": change.at, "by": str(change.by), "reason": change.reason, "changed": change.changed}
               for change in rule.changes.all()]  # fmt: skip
    return {**_out(rule), "changes": changes}


def _draft(payload: RuleIn, code: str) -> RuleDraft:
    values = payload.model_dump(exclude={"code", "reason"})
    return RuleDraft(code=code, **values)


@router.get("/rules", response=list[RuleOut], summary="The export rules, by kind and code")
@requires(VIEW)
def compliance_rules_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_out(rule) for rule in queries.rules()[:1000]]


@router.get("/rules/{code}", response=RuleDetailOut, summary="One export rule with its change log")
@requires(VIEW)
def compliance_rule_detail(request: HttpRequest, code: Code) -> dict[str, Any]:
    return _detail(code)


@router.post("/rules", response={201: RuleDetailOut}, summary="Record an export rule")
@requires(MANAGE)
def compliance_rule_create(request: HttpRequest, payload: RuleCreateIn) -> tuple[int, dict[str, Any]]:
    rule = services.rule_create(draft=_draft(payload, payload.code), by=acting_staff(request), reason=payload.reason)
    return 201, _detail(rule.code)


@router.post("/rules/{code}", response=RuleDetailOut, summary="Change an export rule, saying why")
@requires(MANAGE)
def compliance_rule_update(request: HttpRequest, code: Code, payload: RuleUpdateIn) -> dict[str, Any]:
    rule = queries.rule_by_code(code)
    services.rule_update(rule=rule, draft=_draft(payload, ""), by=acting_staff(request), reason=payload.reason)
    return _detail(rule.code)


@router.post("/hs-proposal", response=HsProposalOut, summary="The HS 2022 heading proposed for a described piece")
@requires(VIEW)
def compliance_hs_proposal(request: HttpRequest, payload: HsPieceIn) -> dict[str, Any]:
    viewer = acting_staff(request)
    on = payload.on or (office_today(viewer.office) if viewer.office else timezone.localdate())
    piece = PieceFact(
        stock_number="", category=payload.category.strip().lower(), description=payload.description,
        metals=tuple(metal.lower() for metal in payload.metals),
        stones=tuple(StoneFact(species=stone.species.lower(), variety=stone.variety.lower(), origin=stone.origin,
                               count=stone.count, weight_ct=stone.weight_ct) for stone in payload.stones),
        materials=tuple(material.lower() for material in payload.materials), year_made=payload.year_made,
    )  # fmt: skip
    found = propose_hs(piece, on=on)
    return {"code": found.code, "heading": found.heading, "edition": found.edition, "reason": found.reason}
