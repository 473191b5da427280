"""Shipping's models, one module per area (Django finds them here)."""

from parure.shipping.carriers.models import Carrier as Carrier
from parure.shipping.carriers.models import InsurancePolicy as InsurancePolicy
from parure.shipping.compliance.models import ComplianceRule as ComplianceRule
