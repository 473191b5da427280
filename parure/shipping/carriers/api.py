"""Shipping's carriers API (mounted by parure.shipping.api.router under /api/v1/shipping): carriers and
transit policies, listed and read by those who see shipping, added and changed by those who keep its
setup, with the same checks as the pages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from parure.core.api import requires
from parure.core.policy import acting_staff
from parure.shipping.carriers import queries, services
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.carriers.services import COUNTRIES_MAX, MATERIAL_MAX, MATERIALS_MAX, NOTES_MAX

router = Router()

VIEW = "shipping.view_shipping"
MANAGE = "shipping.manage_shipping_setup"

Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Amount = Annotated[str, Field(max_length=24)]
Level = Literal["secure_carrier", "jewelry_courier", "registered_post", "hand_carry"]
Signature = Literal["always", "adult", "above_value"]
Currency = Annotated[str, Field(max_length=3)]


class CarrierIn(Schema):
    name: Annotated[str, Field(max_length=80)]
    level: Level
    currency: Currency = "USD"
    max_per_parcel: Amount | None = Field(None, description="The declared value it takes a parcel; null: no limit.")
    refuses_loose_stones: bool = False
    refused_materials: list[Annotated[str, Field(max_length=MATERIAL_MAX)]] = Field(
        default_factory=list, max_length=MATERIALS_MAX
    )
    signature_rule: Signature = "always"
    signature_above: Amount | None = None
    countries: list[Annotated[str, Field(max_length=2)]] = Field(
        default_factory=list, max_length=COUNTRIES_MAX, description="ISO alpha-2; empty: everywhere."
    )
    international: bool = True
    account_number: Annotated[str, Field(max_length=40)] = ""
    tracking_url: Annotated[str, Field(max_length=200)] = ""
    notes: Annotated[str, Field(max_length=NOTES_MAX)] = ""
    is_active: bool = True


class CarrierOut(Schema):
    id: int
    name: str
    level: str
    currency: str
    max_per_parcel: Decimal | None
    refuses_loose_stones: bool
    refused_materials: list[str]
    signature_rule: str
    signature_above: Decimal | None
    countries: list[str]
    international: bool
    account_number: str
    tracking_url: str
    notes: str
    is_active: bool
    updated_at: datetime
    updated_by: str


class PolicyIn(Schema):
    insurer: Annotated[str, Field(max_length=120)]
    policy_number: Annotated[str, Field(max_length=60)]
    office_id: Id | None = Field(None, description="null: every office.")
    currency: Currency = "USD"
    per_parcel: Amount | None = None
    per_day: Amount | None = None
    per_address: Amount | None = None
    levels: list[Level] = Field(default_factory=list, max_length=4, description="Empty: every level.")
    valid_from: date
    valid_to: date
    claims_contact: Annotated[str, Field(max_length=200)] = ""
    notes: Annotated[str, Field(max_length=NOTES_MAX)] = ""
    is_active: bool = True


class PolicyOut(Schema):
    id: int
    insurer: str
    policy_number: str
    office: str | None = Field(description="The office's code; null: every office.")
    currency: str
    per_parcel: Decimal | None
    per_day: Decimal | None
    per_address: Decimal | None
    levels: list[str]
    valid_from: date
    valid_to: date
    claims_contact: str
    notes: str
    is_active: bool
    updated_at: datetime
    updated_by: str


def _carrier_out(carrier: Carrier) -> dict[str, Any]:
    return {
        "id": carrier.pk, "name": carrier.name, "level": carrier.level, "currency": carrier.currency,
        "max_per_parcel": carrier.max_per_parcel, "refuses_loose_stones": carrier.refuses_loose_stones,
        "refused_materials": list(carrier.refused_materials or []), "signature_rule": carrier.signature_rule,
        "signature_above": carrier.signature_above, "countries": list(carrier.countries or []),
        "international": carrier.international, "account_number": carrier.account_number,
        "tracking_url": carrier.tracking_url, "notes": carrier.notes, "is_active": carrier.is_active,
        "updated_at": carrier.updated_at, "updated_by": str(carrier.updated_by) if carrier.updated_by else "",
    }  # fmt: skip


def _policy_out(found: InsurancePolicy) -> dict[str, Any]:
    return {
        "id": found.pk, "insurer": found.insurer, "policy_number": found.policy_number,
        "office": found.office.code if found.office else None, "currency": found.currency,
        "per_parcel": found.per_parcel, "per_day": found.per_day, "per_address": found.per_address,
        "levels": list(found.levels or []), "valid_from": found.valid_from, "valid_to": found.valid_to,
        "claims_contact": found.claims_contact, "notes": found.notes, "is_active": found.is_active,
        "updated_at": found.updated_at, "updated_by": str(found.updated_by) if found.updated_by else "",
    }  # fmt: skip


def _carrier_input(payload: CarrierIn) -> services.CarrierInput:
    return services.CarrierInput(**payload.model_dump())


def _policy_input(payload: PolicyIn) -> services.PolicyInput:
    return services.PolicyInput(**payload.model_dump())


@router.get("/carriers", response=list[CarrierOut], summary="Every carrier, in use or not")
@requires(VIEW)
def carriers_list(request: HttpRequest, active_only: bool = False) -> list[dict[str, Any]]:
    return [_carrier_out(carrier) for carrier in queries.carriers(active_only=active_only)[:500]]


@router.post("/carriers", response={201: CarrierOut}, summary="Add a carrier")
@requires(MANAGE)
def carrier_create(request: HttpRequest, payload: CarrierIn) -> Status[dict[str, Any]]:
    carrier = services.carrier_save(carrier=None, data=_carrier_input(payload), by=acting_staff(request))
    return Status(201, _carrier_out(queries.carrier_by_pk(carrier.pk)))


@router.get("/carriers/{pk}", response=CarrierOut, summary="One carrier")
@requires(VIEW)
def carrier_detail(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _carrier_out(queries.carrier_by_pk(pk))


@router.put("/carriers/{pk}", response=CarrierOut, summary="Change a carrier (every field, as on its form)")
@requires(MANAGE)
def carrier_update(request: HttpRequest, pk: Id, payload: CarrierIn) -> dict[str, Any]:
    carrier = queries.carrier_by_pk(pk)
    services.carrier_save(carrier=carrier, data=_carrier_input(payload), by=acting_staff(request))
    return _carrier_out(queries.carrier_by_pk(pk))


@router.get("/policies", response=list[PolicyOut], summary="Every transit insurance policy")
@requires(VIEW)
def policies_list(request: HttpRequest, active_only: bool = False) -> list[dict[str, Any]]:
    return [_policy_out(found) for found in queries.policies(active_only=active_only)[:500]]


@router.post("/policies", response={201: PolicyOut}, summary="Add a transit insurance policy")
@requires(MANAGE)
def policy_create(request: HttpRequest, payload: PolicyIn) -> Status[dict[str, Any]]:
    found = services.policy_save(policy=None, data=_policy_input(payload), by=acting_staff(request))
    return Status(201, _policy_out(queries.policy_by_pk(found.pk)))


@router.get("/policies/{pk}", response=PolicyOut, summary="One transit insurance policy")
@requires(VIEW)
def policy_detail(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _policy_out(queries.policy_by_pk(pk))


@router.put("/policies/{pk}", response=PolicyOut, summary="Change a policy (every field, as on its form)")
@requires(MANAGE)
def policy_update(request: HttpRequest, pk: Id, payload: PolicyIn) -> dict[str, Any]:
    found = queries.policy_by_pk(pk)
    services.policy_save(policy=found, data=_policy_input(payload), by=acting_staff(request))
    return _policy_out(queries.policy_by_pk(pk))
