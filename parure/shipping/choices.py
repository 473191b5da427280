"""The words shipping's records share across its areas."""

from django.db import models


class ServiceLevel(models.TextChoices):
    """How a parcel travels; a carrier offers one level (a firm with two programmes is two carriers)."""

    SECURE_CARRIER = "secure_carrier", "Specialist secure carrier"
    JEWELRY_COURIER = "jewelry_courier", "Courier with a jewelry programme"
    REGISTERED_POST = "registered_post", "Registered post"
    HAND_CARRY = "hand_carry", "Hand-carry by staff"


class SignatureRule(models.TextChoices):
    ALWAYS = "always", "Signature on delivery, always"
    ADULT = "adult", "Adult signature with identity seen"
    ABOVE_VALUE = "above_value", "Signature above a declared value"


class DestinationKind(models.TextChoices):
    CLIENT = "client", "A client"
    VENDOR = "vendor", "A bench jeweler or workshop"
    LAB = "lab", "A gem laboratory"
    OFFICE = "office", "Another office"


class ExportReason(models.TextChoices):
    """Why the pieces cross a border, as customs documents say it."""

    SALE = "sale", "Sale"
    REPAIR = "repair", "Repair"
    EXHIBITION = "exhibition", "Temporary export for exhibition"
    RETURN = "return", "Return"
    TEMPORARY_ADMISSION = "temporary_admission", "Temporary admission for a sale"


class Incoterm(models.TextChoices):
    DAP = "DAP", "DAP: delivered at place, duties unpaid"
    DDP = "DDP", "DDP: delivered duty paid"
    EXW = "EXW", "EXW: ex works"
    CPT = "CPT", "CPT: carriage paid to"
    CIP = "CIP", "CIP: carriage and insurance paid to"
