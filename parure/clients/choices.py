"""The client book's vocabularies (TextChoices): kinds, channels, compliance, wants, diary."""

from django.db import models

from parure.inventory.choices import ItemCategory


class ClientKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class Confidentiality(models.TextChoices):
    """How far a client's identity travels inside the house."""

    STANDARD = "standard", "Standard"
    # Assistants see only "Client C-000412-3": no name, contact details or relationships.
    CONFIDENTIAL = "confidential", "Confidential (identity hidden from assistants)"


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Telephone"
    SMS = "sms", "Text message"
    POST = "post", "Post"
    IN_PERSON = "in_person", "In person"


class PhoneKind(models.TextChoices):
    MOBILE = "mobile", "Mobile"
    HOME = "home", "Home"
    WORK = "work", "Work"
    ASSISTANT = "assistant", "Assistant or office"
    OTHER = "other", "Other"


class AddressKind(models.TextChoices):
    HOME = "home", "Home"
    WORK = "work", "Work"
    BILLING = "billing", "Billing"
    SHIPPING = "shipping", "Shipping"
    OTHER = "other", "Other"


class RelationshipKind(models.TextChoices):
    SPOUSE = "spouse", "Spouse or partner"
    FAMILY = "family", "Family member"
    FAMILY_OFFICE = "family_office", "Family office"
    ADVISOR = "advisor", "Advisor"
    AGENT = "agent", "Agent acting for the client"
    COMPANY = "company", "Company or trust"
    OTHER = "other", "Other"


class KycStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    PENDING = "pending", "Documents requested"
    VERIFIED = "verified", "Verified"
    EXPIRED = "expired", "Expired"
    REFUSED = "refused", "Refused"


class TaxForm(models.TextChoices):
    """The tax form a consignor gave the house before being paid (US rules: W-9 for US persons, W-8 for others)."""

    W9 = "w9", "Form W-9"
    W8BEN = "w8ben", "Form W-8BEN"
    W8BENE = "w8bene", "Form W-8BEN-E"


class IdentityDocument(models.TextChoices):
    PASSPORT = "passport", "Passport"
    NATIONAL_ID = "national_id", "National identity card"
    DRIVING_LICENCE = "driving_licence", "Driving licence"
    RESIDENCE_PERMIT = "residence_permit", "Residence permit"
    COMPANY_REGISTRY = "company_registry", "Company registry extract"


# Piece categories are the inventory's (it owns the pieces); a want names them in the same words.
Category = ItemCategory


class Stone(models.TextChoices):
    DIAMOND = "diamond", "Diamond"
    RUBY = "ruby", "Ruby"
    SAPPHIRE = "sapphire", "Sapphire"
    EMERALD = "emerald", "Emerald"
    PEARL = "pearl", "Pearl"
    SPINEL = "spinel", "Spinel"
    ALEXANDRITE = "alexandrite", "Alexandrite"
    AQUAMARINE = "aquamarine", "Aquamarine"
    TOURMALINE = "tourmaline", "Tourmaline"
    TANZANITE = "tanzanite", "Tanzanite"
    OPAL = "opal", "Opal"
    JADE = "jade", "Jadeite jade"
    TOPAZ = "topaz", "Topaz"
    GARNET = "garnet", "Garnet"
    AMETHYST = "amethyst", "Amethyst"
    CORAL = "coral", "Coral"
    TURQUOISE = "turquoise", "Turquoise"


class Colour(models.TextChoices):
    COLOURLESS = "colourless", "Colourless"
    WHITE = "white", "White"
    YELLOW = "yellow", "Yellow"
    ORANGE = "orange", "Orange"
    PINK = "pink", "Pink"
    RED = "red", "Red"
    PURPLE = "purple", "Purple"
    BLUE = "blue", "Blue"
    GREEN = "green", "Green"
    BROWN = "brown", "Brown"
    BLACK = "black", "Black"
    GREY = "grey", "Grey"
    MULTICOLOUR = "multicolour", "Multicoloured"


class Period(models.TextChoices):
    """Design periods; the keys are gemology's period keys (parure.gemology.periods)."""

    GEORGIAN = "georgian", "Georgian"
    EARLY_VICTORIAN = "early-victorian", "Early Victorian"
    MID_VICTORIAN = "mid-victorian", "Mid Victorian"
    LATE_VICTORIAN = "late-victorian", "Late Victorian"
    ARTS_AND_CRAFTS = "arts-and-crafts", "Arts and Crafts"
    ART_NOUVEAU = "art-nouveau", "Art Nouveau"
    EDWARDIAN = "edwardian", "Edwardian"
    ART_DECO = "art-deco", "Art Deco"
    RETRO = "retro", "Retro"
    MID_CENTURY = "mid-century", "Mid-century"
    MODERN = "modern", "Modern"
    CONTEMPORARY = "contemporary", "Contemporary"


class RingSizeSystem(models.TextChoices):
    US = "us", "US and Canada"
    UK = "uk", "UK and Australia (letters)"
    ISO = "iso", "ISO 8653 / France (inner circumference, mm)"
    CH = "ch", "Switzerland"
    DIAMETER = "diameter", "Inner diameter (mm), Germany"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    NO_SHOW = "no_show", "Did not come"


class InteractionKind(models.TextChoices):
    CALL = "call", "Call"
    EMAIL = "email", "E-mail"
    MEETING = "meeting", "Meeting"
    NOTE = "note", "Note"
    LETTER = "letter", "Letter"
    SYSTEM = "system", "Record change"


class EmailTemplate(models.TextChoices):
    """E-mails the department sends from a client's file (templates in clients/email/)."""

    THANK_YOU = "thank_you", "Thank you"
    VIEWING_INVITATION = "viewing_invitation", "Invitation to a viewing"
    POST_SALE = "post_sale", "After the sale"
    DISCREET_OFFER = "discreet_offer", "Discreet offer of a piece"


class Recurrence(models.TextChoices):
    NONE = "", "Once"
    WEEKLY = "weekly", "Every week"
    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every three months"
    YEARLY = "yearly", "Every year"


class InquiryChannel(models.TextChoices):
    WEB = "web", "Web form"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Telephone"
    IN_PERSON = "in_person", "In person"


class InquiryCategory(models.TextChoices):
    SELLING = "selling", "Selling a piece"
    BUYING = "buying", "Buying"
    VALUATION = "valuation", "Valuation"
    SERVICES = "services", "Repairs and services"
    PRESS = "press", "Press"
    OTHER = "other", "Other"


class InquiryStatus(models.TextChoices):
    NEW = "new", "New"
    ASSIGNED = "assigned", "Assigned"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"
    SPAM = "spam", "Spam"


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Previewed"
    SAVED = "saved", "Saved"
    DISCARDED = "discarded", "Discarded"
