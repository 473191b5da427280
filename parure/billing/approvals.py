"""A senior specialist's approval given at the finance desk: they type their own password (and
authenticator code) on the cashier's screen, as a witness does for custody, so the approval is theirs
and not the cashier's word for it."""

from __future__ import annotations

from parure.billing.errors import BillingError, BillingErrorCode
from parure.core.models import Staff
from parure.inventory.errors import InventoryError
from parure.inventory.services.witness import WitnessDuty, witness_confirm

THIRD_PARTY = WitnessDuty(
    "billing.approve_third_party", "a payment from someone other than the buyer; ask a senior specialist."
)


def third_party_approver(*, payer_name: str, username: str, password: str, otp_code: str, actor: Staff) -> Staff | None:
    """The senior who approved a third party's payment, or None when nobody was named (the payment
    service then refuses a payer other than the buyer)."""
    if not payer_name.strip() or not username.strip():
        return None
    try:
        return witness_confirm(username=username, password=password, otp_code=otp_code, actor=actor,
                               duty=THIRD_PARTY).staff  # fmt: skip
    except InventoryError as refusal:
        raise BillingError(
            refusal.message.replace("The witness", "The approver")
            .replace("the witness", "the approver")
            .replace(" may not witness ", " may not approve "),
            field="approved_by",
            code=BillingErrorCode.THIRD_PARTY,
        ) from None
