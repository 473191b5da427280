"""Demonstration carriers and transit policies (order 75, after the offices and staff): the specialist
secure carriers that take high-value parcels anywhere, a courier's jewelry programme with a low limit,
registered post within the United States and within the United Kingdom, the house's own hand-carry, one
transit policy in dollars for every office, one in pounds for London and one in francs for Geneva. The
figures stand for contract figures, entered as data; they are examples, not any carrier's or insurer's real
terms. Made through the area's services; a carrier or policy already recorded is left as it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from parure.core.choices import Role
from parure.core.clock import office_today
from parure.core.models import Office, Staff
from parure.shipping.carriers import services
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.carriers.services import CarrierInput, PolicyInput
from parure.shipping.choices import ServiceLevel, SignatureRule

CONTRACT = "Contract figures entered as data from the signed agreement; change them here when it changes."

CARRIERS = (
    CarrierInput(
        name="Brink's Global Services", level=ServiceLevel.SECURE_CARRIER, currency="USD",
        max_per_parcel="2500000.00", signature_rule=SignatureRule.ADULT, international=True,
        account_number="BGS-NY-40817", tracking_url="https://tracking.example.com/brinks?number={tracking}",
        notes=f"Armoured collection from the office; worldwide. {CONTRACT}",
    ),
    CarrierInput(
        name="Malca-Amit", level=ServiceLevel.SECURE_CARRIER, currency="USD", max_per_parcel="2000000.00",
        signature_rule=SignatureRule.ALWAYS, international=True, account_number="MA-220914",
        tracking_url="https://tracking.example.com/malca-amit?number={tracking}",
        notes=f"Secure vault-to-vault service; worldwide. {CONTRACT}",
    ),
    CarrierInput(
        name="Ferrari Group", level=ServiceLevel.SECURE_CARRIER, currency="CHF", max_per_parcel="3000000.00",
        signature_rule=SignatureRule.ADULT, international=True, account_number="FG-GVA-0388",
        tracking_url="https://tracking.example.com/ferrari?number={tracking}",
        notes=f"Geneva's secure carrier, limits in Swiss francs; worldwide from the Geneva free port. {CONTRACT}",
    ),
    CarrierInput(
        name="Malca-Amit London", level=ServiceLevel.SECURE_CARRIER, currency="GBP", max_per_parcel="1500000.00",
        signature_rule=SignatureRule.ALWAYS, international=True, account_number="MA-LDN-5518",
        tracking_url="https://tracking.example.com/malca-amit?number={tracking}",
        notes=f"London's secure carrier, limits in pounds; vault to vault, worldwide from Hatton Garden. {CONTRACT}",
    ),
    CarrierInput(
        name="Royal Mail Special Delivery", level=ServiceLevel.REGISTERED_POST, currency="GBP",
        max_per_parcel="2500.00", refuses_loose_stones=True, signature_rule=SignatureRule.ALWAYS, countries=("GB",),
        international=False, tracking_url="https://tracking.example.com/royal-mail?number={tracking}",
        notes=f"Guaranteed next-day delivery within the United Kingdom only. {CONTRACT}",
    ),
    CarrierInput(
        name="FedEx jewelry programme", level=ServiceLevel.JEWELRY_COURIER, currency="USD",
        max_per_parcel="50000.00", refuses_loose_stones=True, refused_materials=("ivory", "tortoiseshell", "coral"),
        signature_rule=SignatureRule.ABOVE_VALUE, signature_above="500.00", countries=("US", "CA", "GB"),
        international=True, account_number="FX-771204",
        tracking_url="https://tracking.example.com/fedex?number={tracking}",
        notes=f"Priority overnight under the jewelry programme; mounted pieces only. {CONTRACT}",
    ),
    CarrierInput(
        name="USPS Registered Mail", level=ServiceLevel.REGISTERED_POST, currency="USD", max_per_parcel="25000.00",
        signature_rule=SignatureRule.ALWAYS, countries=("US",), international=False,
        tracking_url="https://tracking.example.com/usps?number={tracking}",
        notes=f"Registered Mail within the United States only. {CONTRACT}",
    ),
    CarrierInput(
        name="Hand-carry by staff", level=ServiceLevel.HAND_CARRY, currency="USD",
        signature_rule=SignatureRule.ALWAYS, international=True,
        notes="Two members of staff travel with the pieces; the policy's hand-carry conditions apply.",
    ),
)  # fmt: skip


def _policies(year: int, geneva: Office | None, london: Office | None = None) -> list[PolicyInput]:
    found = [
        PolicyInput(
            insurer="Hiscox Specie", policy_number=f"SPC-{year}-0412", currency="USD", office_id=None,
            per_parcel="5000000.00", per_day="15000000.00", per_address="10000000.00", levels=(),
            valid_from=date(year, 1, 1), valid_to=date(year, 12, 31),
            claims_contact="Specie claims desk, +44 20 7448 6000",
            notes=f"Transit cover for every office and every service level, in dollars. {CONTRACT}",
        ),
    ]  # fmt: skip
    if london is not None:
        found.append(PolicyInput(
            insurer="Hiscox Specie", policy_number=f"LDN-{year}-0413", currency="GBP", office_id=london.pk,
            per_parcel="1500000.00", per_day="6000000.00", per_address="3000000.00", levels=(),
            valid_from=date(year, 1, 1), valid_to=date(year, 12, 31),
            claims_contact="Specie claims desk, +44 20 7448 6000",
            notes=f"London's transit cover in pounds, for every service level. {CONTRACT}",
        ))  # fmt: skip
    if geneva is not None:
        found.append(PolicyInput(
            insurer="Helvetia Valeurs", policy_number=f"GE-TV-{year}-77", currency="CHF", office_id=geneva.pk,
            per_parcel="3000000.00", per_day="8000000.00", per_address="5000000.00",
            levels=(ServiceLevel.SECURE_CARRIER, ServiceLevel.HAND_CARRY),
            valid_from=date(year, 1, 1), valid_to=date(year, 12, 31),
            claims_contact="Transport valeurs, +41 58 280 10 00",
            notes=f"Geneva's cover in Swiss francs, for secure carriers and hand-carry. {CONTRACT}",
        ))  # fmt: skip
    return found


def build(say: Callable[[str], None]) -> None:
    by = Staff.objects.filter(role=Role.LOGISTICS, is_active=True).order_by("username").first()
    office = Office.objects.filter(code="NY").first() or Office.objects.order_by("code").first()
    if by is None or office is None:
        say("  shipping carriers: no office or no logistics staff; skipped")
        return
    made_carriers = 0
    for data in CARRIERS:
        if not Carrier.objects.filter(name__iexact=data.name).exists():
            services.carrier_save(carrier=None, data=data, by=by)
            made_carriers += 1
    made_policies = 0
    offices = {found.code: found for found in Office.objects.filter(code__in=("GE", "LN"))}
    for policy in _policies(office_today(office).year, offices.get("GE"), offices.get("LN")):
        if not InsurancePolicy.objects.filter(insurer=policy.insurer, policy_number=policy.policy_number).exists():
            services.policy_save(policy=None, data=policy, by=by)
            made_policies += 1
    say(f"  shipping carriers: {made_carriers} carriers and {made_policies} transit policies added")
