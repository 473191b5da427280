"""Shipping's models, one module per area (Django finds them here)."""

from parure.shipping.carriers.models import Carrier as Carrier
from parure.shipping.carriers.models import InsurancePolicy as InsurancePolicy
from parure.shipping.compliance.models import ComplianceRule as ComplianceRule
from parure.shipping.compliance.models import ComplianceRuleChange as ComplianceRuleChange
from parure.shipping.shipments.models import Incident as Incident
from parure.shipping.shipments.models import Parcel as Parcel
from parure.shipping.shipments.models import ParcelPhoto as ParcelPhoto
from parure.shipping.shipments.models import Pickup as Pickup
from parure.shipping.shipments.models import SealNumber as SealNumber
from parure.shipping.shipments.models import Shipment as Shipment
from parure.shipping.shipments.models import ShipmentEvent as ShipmentEvent
from parure.shipping.shipments.models import ShipmentPiece as ShipmentPiece
