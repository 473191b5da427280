"""The one family of refusals the gemology library raises.

Every refusal is a ``GemologyError`` (a ``ValueError``) whose message is a sentence a
specialist can act on: it names what was given, why it cannot be used and what would be
accepted. Subclasses let callers tell the areas apart without parsing messages.
"""


class GemologyError(ValueError):
    """Input that the gemology library cannot accept, with the reason in words."""


class GradeError(GemologyError):
    """A grade (colour, clarity, cut, fluorescence...) that is not on its scale."""


class WeightError(GemologyError):
    """A weight or unit conversion that cannot be made."""


class EstimationError(GemologyError):
    """Measurements from which no carat weight can honestly be estimated."""


class IdentificationError(GemologyError):
    """Gemmological readings that no material could have produced, or none at all."""


class MetalError(GemologyError):
    """A precious-metal standard, fineness or hallmark that is not recognised."""


class PeriodError(GemologyError):
    """A date or dating phrase that cannot be placed in the period table."""


class RingSizeError(GemologyError):
    """A ring size outside the tables of its sizing system."""
