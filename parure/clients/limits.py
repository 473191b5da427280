"""How long the client book's free texts may be: one rule for the pages, the API and the services.

The model's ``max_length`` bounds its short fields; the long ones (notes, messages, what was said)
are text columns without one, so their limit lives here and the forms, the API's schemas and the
services all take it.
"""

from __future__ import annotations

from parure.clients.errors import ClientError, ClientErrorCode

# The specialist's private note on a file.
PRIVATE_NOTE_MAX = 10_000
# An address's street lines.
ADDRESS_LINES_MAX = 500
# What was said or done (an interaction's body), the interest shown at a viewing, a follow-up's notes.
NOTES_MAX = 5_000
# A message: an inquiry's, a specialist's own words in an e-mail, how an inquiry was answered.
MESSAGE_MAX = 5_000


def bounded_text(value: str, *, limit: int, field: str, label: str) -> str:
    """``value`` stripped, refused (naming ``field``) if it is longer than ``limit`` characters."""
    value = value.strip()
    if len(value) > limit:
        raise ClientError(
            f"{label} is {len(value):,} characters long; at most {limit:,} are kept, shorten it.",
            field=field,
            code=ClientErrorCode.TOO_LONG,
        )
    return value
