"""Four eyes: a second member of staff confirms a valuable piece's move with their own credentials."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django_otp import devices_for_user, match_token

from parure.core import ratelimit
from parure.core.models import Staff
from parure.inventory.errors import CustodyError, InventoryErrorCode, WitnessRefused
from parure.inventory.models import CustodySettings, Item, Location

_SEAL = object()


@dataclass(frozen=True)
class Witness:
    """A member of staff who has just proved who they are. Only :func:`witness_confirm` makes one."""

    staff: Staff
    confirmed_at: datetime
    seal: object = field(repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self.seal is not _SEAL:
            raise TypeError("A witness is confirmed with witness_confirm(), never built by hand.")


# Wrong witness passwords are throttled per person recording and per witness, in the shared
# cache, rather than counted as failed sign-ins: a colleague's typos at the counter must not lock
# the witness out of their own sign-in.
WITNESS_FAILURES_ALLOWED = 5
WITNESS_FAILURE_WINDOW_SECONDS = 15 * 60


def _throttled(actor: Staff, username: str) -> bool:
    return (
        ratelimit.attempts("witness-by", str(actor.pk)) >= WITNESS_FAILURES_ALLOWED
        or ratelimit.attempts("witness-of", username.lower()) >= WITNESS_FAILURES_ALLOWED
    )


def _count_failure(actor: Staff, username: str) -> None:
    ratelimit.record("witness-by", str(actor.pk), window_seconds=WITNESS_FAILURE_WINDOW_SECONDS)
    ratelimit.record("witness-of", username.lower(), window_seconds=WITNESS_FAILURE_WINDOW_SECONDS)


def _credentials_match(username: str, password: str) -> Staff | None:
    staff = Staff.objects.filter(username__iexact=username).first()
    if staff is None:
        # Spend the time a real check takes, so the answer's speed does not tell who exists.
        Staff().set_password(password)
        return None
    return staff if staff.check_password(password) else None


@dataclass(frozen=True)
class WitnessDuty:
    """What a witness attests, the permission it needs, and the end of the refusal's sentence."""

    permission: str
    refusal: str


CUSTODY_MOVE = WitnessDuty("inventory.witness_custody", "custody moves; ask a specialist or a logistics colleague.")
COUNT = WitnessDuty("inventory.witness_count", "counts; ask a specialist, a logistics colleague or an auditor.")


def witness_confirm(
    *,
    username: str,
    password: str,
    otp_code: str = "",
    actor: Staff,
    duty: WitnessDuty | None = None,
) -> Witness:
    """Check the witness's own password (and authenticator code, if they use one).

    ``duty`` is what they witness (a custody move unless said otherwise: a count witnesses with
    its own permission). Failures are throttled per person recording and per witness (five in
    fifteen minutes), not counted towards the witness's sign-in lockout.
    """
    duty = duty or CUSTODY_MOVE
    username = username.strip()
    if not username:
        raise WitnessRefused(
            "Enter the witness's username.", field="witness_username", code=InventoryErrorCode.WITNESS_REFUSED
        )
    if username.lower() == actor.username.lower():
        raise WitnessRefused(
            "The witness must be a second member of staff, not the person recording the move.",
            field="witness_username",
            code=InventoryErrorCode.WITNESS_REFUSED,
        )
    if not password:
        raise WitnessRefused(
            "The witness must type their own password.",
            field="witness_password",
            code=InventoryErrorCode.WITNESS_REFUSED,
        )
    if _throttled(actor, username):
        raise WitnessRefused(
            "Too many wrong witness passwords in the last 15 minutes; wait, or ask another colleague to witness.",
            field="witness_password",
            code=InventoryErrorCode.WITNESS_THROTTLED,
        )
    user = _credentials_match(username, password)
    if user is None or not user.is_active:
        _count_failure(actor, username)
        raise WitnessRefused(
            "The witness's username and password do not match an active account.",
            field="witness_password",
            code=InventoryErrorCode.WITNESS_REFUSED,
        )
    if not user.has_perm(duty.permission):
        raise WitnessRefused(
            f"{user} ({user.role_label}) may not witness {duty.refusal}",
            field="witness_username",
            code=InventoryErrorCode.WITNESS_REFUSED,
        )
    if any(True for _ in devices_for_user(user, confirmed=True)):
        code = otp_code.replace(" ", "")
        if not code:
            raise WitnessRefused(
                f"{user} uses two-factor sign-in; enter the code their authenticator app shows now.",
                field="witness_otp",
                code=InventoryErrorCode.WITNESS_REFUSED,
            )
        if match_token(user, code) is None:
            _count_failure(actor, username)
            raise WitnessRefused(
                f"That authenticator code for {user} is not right or has expired.",
                field="witness_otp",
                code=InventoryErrorCode.WITNESS_REFUSED,
            )
    return Witness(staff=user, confirmed_at=timezone.now(), seal=_SEAL)


def office_settings(office_id: int) -> CustodySettings:
    settings, _ = CustodySettings.objects.select_related("office").get_or_create(office_id=office_id)
    return settings


def requires_witness(value: Decimal | None, threshold: Decimal | None, origin: Location, destination: Location) -> bool:
    """The four-eyes rule itself. With no threshold given, only whether the move is of a kind it covers."""
    leaves_vault = origin.in_vault and not destination.in_vault
    leaves_premises = not destination.is_in_house
    if not (leaves_vault or leaves_premises):
        return False
    if threshold is None or value is None:
        return True
    return value >= threshold


def four_eyes_needed(item: Item, origin: Location, destination: Location) -> str | None:
    """Why this move needs a witness, or None.

    A piece valued at or above its intake office's threshold (in that office's currency)
    needs one to leave the vault or the premises; a piece not yet valued counts as above it.
    """
    if not requires_witness(item.custody_value, None, origin, destination):
        return None
    settings = office_settings(item.office_id)
    value = item.custody_value
    if not requires_witness(value, settings.four_eyes_threshold, origin, destination):
        return None
    leaves_vault = origin.in_vault and not destination.in_vault
    where = "out of the vault" if leaves_vault and destination.is_in_house else "off the premises"
    if value is None:
        return f"{item.stock_number} has no value recorded yet, so moving it {where} needs a witness."
    return (
        f"{item.stock_number} is valued at or above {settings.office.name}'s four-eyes threshold of "
        f"{settings.threshold.format(settings.office.locale)}; moving it {where} needs a witness."
    )


def check_witness(
    *, item: Item, origin: Location, destination: Location, by: Staff, witness: Witness | None
) -> Staff | None:
    """Refuse a move that needs a witness and has none; return the witness to record."""
    reason = four_eyes_needed(item, origin, destination)
    if witness is None:
        if reason is not None:
            raise CustodyError(reason, field="witness", code=InventoryErrorCode.WITNESS_REQUIRED)
        return None
    if witness.staff.pk == by.pk:
        raise WitnessRefused(
            "The witness must be a second member of staff, not the person recording the move.",
            field="witness_username",
            code=InventoryErrorCode.WITNESS_REFUSED,
        )
    here = origin.office if origin.is_in_house else destination.office
    if witness.staff.office_id != here.pk:
        raise WitnessRefused(
            f"{witness.staff} works at {witness.staff.office or 'no office'}; the witness must be present at {here}.",
            field="witness_username",
            code=InventoryErrorCode.WITNESS_REFUSED,
        )
    return witness.staff
