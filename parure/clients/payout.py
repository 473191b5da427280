"""A consignor's payout account: the IBAN (ISO 13616, its mod-97 check) and the BIC (ISO 9362)."""

from __future__ import annotations

import re

from parure.clients.errors import ClientError, ClientErrorCode

_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")


def iban_is_valid(iban: str) -> bool:
    """Whether ``iban`` (upper case, no spaces) passes the mod-97 check: the first four characters moved
    to the end, letters read as 10–35, the number modulo 97 is 1."""
    if not _IBAN.match(iban):
        return False
    moved = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in moved)
    return int(digits) % 97 == 1


def normalise_iban(text: str) -> str:
    iban = re.sub(r"\s+", "", text or "").upper()
    if not iban:
        raise ClientError("Give the account's IBAN.", field="payout_iban", code=ClientErrorCode.REQUIRED)
    if not iban_is_valid(iban):
        raise ClientError(
            f"‘{(text or '').strip()[:40]}’ is not a valid IBAN: check it against the bank's letter and type it again.",
            field="payout_iban",
            code=ClientErrorCode.INVALID,
        )
    return iban


def normalise_bic(text: str) -> str:
    bic = re.sub(r"\s+", "", text or "").upper()
    if bic and not _BIC.match(bic):
        raise ClientError(
            f"‘{(text or '').strip()[:20]}’ is not a BIC; they have 8 or 11 letters and digits, e.g. DEUTDEFF.",
            field="payout_bic",
            code=ClientErrorCode.INVALID,
        )
    return bic


def masked_iban(iban: str) -> str:
    """The IBAN as those who do not pay see it: all but the last four characters hidden."""
    return f"•••• {iban[-4:]}" if iban else ""
