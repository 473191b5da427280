"""What a consignor is paid per lot, by the consignment's terms. Pure: no database.

Per lot, in the consignment's currency:

- **Commission** on a lot sold: ``flat`` is one rate on the hammer; ``sliding`` takes the rate of the
  band the hammer falls in and applies it to the whole hammer; ``tiered`` applies each band's rate to the
  slice inside it (``core.money.marginal``). Bands read the lot's hammer (per lot) or the consignment's
  total hammer in the sale (per consignment). A figure of exactly a band's threshold falls in the band
  below, as the premium's bands do. Per consignment and tiered, each lot takes the slices its hammer
  fills in sale order, so the lots' commissions add up to the tiered commission on the total. Never less
  than the minimum commission per lot sold.
- **Fees**: insurance at its rate on the hammer (lots sold) or on the high estimate (lots sold or bought
  in); photography per piece on lots sold or bought in; the performance fee at its rate on the hammer
  above the high estimate; the unsold fee at its rate on the reserve (the low estimate when the lot had no
  reserve) or on the low estimate, for a lot bought in; the withdrawal fee for a lot withdrawn.
- **VAT on fees**: the commission and each fee bear the tax the saleroom's rules put on a fee
  (``billing.tax.taxes_on_fee``), rounded per line.
- **Advances** are deducted once, lot by lot in sale order, each lot taking what its net leaves (the last
  lot whatever remains).

Every figure is rounded half-up to the currency's minor unit, so per lot
``net + commission + fees + VAT on fees + advance = hammer`` holds to the cent.

**Terms agreed in another currency** than the sale's are settled in the sale's at the rate finance states
(``Conversion``): the terms' fixed amounts — the minimum commission, the photography fee per piece, the
withdrawal fee and the commission bands' thresholds — are converted first, each rounded half-up to the
minor unit (``core.money.convert``), and each line using one says so ("Withdrawal fee EUR 350.00 at
0.8612"). Rates (commission, insurance, performance, unsold) apply to the lot's figures, which are in the
sale's currency already, and are not converted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from parure.billing import tax
from parure.core.money import Money, convert, marginal

if TYPE_CHECKING:
    # The consignment's terms as the inventory gives them; only their fields are read here.
    from parure.inventory.queries import ConsignmentTerms as Terms

SOLD, BOUGHT_IN, WITHDRAWN = "sold", "bought_in", "withdrawn"
ZERO = Decimal(0)


@dataclass(frozen=True)
class LotToSettle:
    """One lot of the consignment, as the settlement reads it."""

    label: str
    heading: str
    outcome: str  # sold, bought_in or withdrawn
    hammer: Decimal | None  # the hammer of a lot sold (or a private sale's price)
    low_estimate: Decimal = ZERO
    high_estimate: Decimal = ZERO
    reserve: Decimal | None = None
    pieces: int = 1
    lot_id: int | None = None
    stock_numbers: str = ""


@dataclass(frozen=True)
class Conversion:
    """The rate finance states to settle terms agreed in ``currency`` in the sale's: ``rate`` units of the
    sale's currency for one unit of ``currency``."""

    currency: str
    rate: Decimal

    @property
    def rate_text(self) -> str:
        return rate_text(self.rate)

    def stated(self, amount: Decimal) -> str:
        """An amount of the terms as agreed, and the rate it was converted at: "EUR 150.00 at 0.8612"."""
        return f"{Money.of(amount, self.currency).rounded()} at {self.rate_text}"


def rate_text(rate: Decimal) -> str:
    """A rate as finance typed it, without the stored trailing zeros (0.86120000 reads 0.8612)."""
    return format(rate.normalize(), "f")


@dataclass(frozen=True)
class Charge:
    """A deduction from the lot: the commission, a fee or the VAT on one (a positive amount)."""

    kind: str
    description: str
    amount: Money
    rate: Decimal | None = None
    basis: Money | None = None
    rule: str = ""


@dataclass(frozen=True)
class LotFigures:
    lot: LotToSettle
    hammer: Money
    commission: Money
    fees: tuple[Charge, ...]  # the commission's charge first when there is one, then each fee
    taxes: tuple[Charge, ...]
    advance: Money

    @property
    def fees_total(self) -> Money:
        return _sum((charge.amount for charge in self.fees if charge.kind != "commission"), self.hammer.currency)

    @property
    def tax_total(self) -> Money:
        return _sum((charge.amount for charge in self.taxes), self.hammer.currency)

    @property
    def before_advance(self) -> Money:
        return self.hammer - self.commission - self.fees_total - self.tax_total

    @property
    def net(self) -> Money:
        return self.before_advance - self.advance


def _sum(amounts: object, currency: str) -> Money:
    total = Money.of(0, currency)
    for amount in amounts:  # type: ignore[attr-defined]
        total = total + amount
    return total.rounded()


def _percent(rate: Decimal) -> str:
    text = f"{rate * 100:.3f}".rstrip("0").rstrip(".")
    return f"{text}%"


def band_rate(amount: Decimal, bands: Sequence[tuple[Decimal, Decimal]]) -> Decimal:
    """The rate of the band ``amount`` falls in: the last whose threshold it exceeds (exactly a threshold
    falls in the band below); the first band's rate at or under the first threshold."""
    ordered = sorted(bands)
    rate = ordered[0][1]
    for threshold, band in ordered:
        if amount > threshold:
            rate = band
    return rate


def _commission(hammer: Money, terms: Terms, *, before: Money, total: Money) -> tuple[Money, Decimal | None, str]:
    """The lot's commission, the rate shown with it (None for tiered), and how it was read."""
    bands = terms.commission_bands
    per_consignment = terms.commission_scope == "consignment"
    if terms.commission_basis == "sliding" and bands:
        rate = band_rate(total.amount if per_consignment else hammer.amount, bands)
        scope = " (the consignment's band)" if per_consignment else ""
        return (hammer * rate).rounded(), rate, f"Commission {_percent(rate)}{scope}"
    if terms.commission_basis == "tiered" and bands:
        if per_consignment:
            share = marginal(before + hammer, bands) - marginal(before, bands)
            return share, None, "Commission, tiered on the consignment's total"
        return marginal(hammer, bands), None, "Commission, tiered"
    rate = terms.commission_rate
    return (hammer * rate).rounded(), rate, f"Commission {_percent(rate)}"


def settle_lots(
    lots: Sequence[LotToSettle],
    terms: Terms,
    *,
    currency: str,
    ctx: tax.TaxContext,
    advances: Money | None = None,
    conversion: Conversion | None = None,
) -> list[LotFigures]:
    """Each lot's hammer, commission, fees, VAT on them and share of the advances (see the module).
    ``advances`` are in ``currency`` already; with ``conversion`` the terms' fixed amounts are converted
    from the currency they were agreed in."""

    def money(amount: Decimal | int) -> Money:
        return Money.of(amount, currency)

    def fixed(amount: Decimal) -> Money:
        """A fixed amount of the terms in ``currency``, converted at the stated rate when agreed in another."""
        if conversion is None:
            return money(amount).rounded()
        return convert(Money.of(amount, conversion.currency), conversion.rate, currency)

    def stated(amount: Decimal, before: str = ", ") -> str:
        return f"{before}{conversion.stated(amount)}" if conversion is not None else ""

    bands_note = ""
    if conversion is not None and terms.commission_bands:
        bands = tuple((fixed(threshold).amount, rate) for threshold, rate in terms.commission_bands)
        terms = dataclasses.replace(terms, commission_bands=bands)
        bands_note = f" (bands agreed in {conversion.currency}, at {conversion.rate_text})"

    total_hammer = _sum((money(lot.hammer or ZERO) for lot in lots if lot.outcome == SOLD), currency)
    running = money(ZERO)
    figures: list[LotFigures] = []
    for lot in lots:
        hammer = money(lot.hammer or ZERO).rounded() if lot.outcome == SOLD else money(ZERO).rounded()
        commission = money(ZERO).rounded()
        fees: list[Charge] = []
        if lot.outcome == SOLD:
            commission, rate, text = _commission(hammer, terms, before=running, total=total_hammer)
            if terms.commission_basis in ("sliding", "tiered") and terms.commission_bands:
                text += bands_note
            running = running + hammer
            minimum = fixed(terms.minimum_commission)
            if commission < minimum:
                commission, rate = minimum, None
                text = f"Commission (the minimum per lot{stated(terms.minimum_commission)})"
            if commission.amount > 0:
                on_lot = f"{text} on lot {lot.label}" if lot.label else text
                fees.append(Charge("commission", on_lot, commission, rate, hammer))
            if terms.performance_fee_rate > 0 and lot.hammer is not None and lot.hammer > lot.high_estimate:
                above = money(lot.hammer - lot.high_estimate)
                fee = (above * terms.performance_fee_rate).rounded()
                fees.append(
                    Charge(
                        "performance",
                        f"Performance fee {_percent(terms.performance_fee_rate)} on the hammer above the high estimate",
                        fee,
                        terms.performance_fee_rate,
                        above,
                    )
                )
        if lot.outcome in (SOLD, BOUGHT_IN) and terms.insurance_fee_rate > 0:
            on_estimate = terms.insurance_basis == "high_estimate"
            if on_estimate or lot.outcome == SOLD:
                basis = money(lot.high_estimate) if on_estimate else hammer
                what = "the high estimate" if on_estimate else "the hammer"
                fee = (basis * terms.insurance_fee_rate).rounded()
                fees.append(
                    Charge(
                        "insurance",
                        f"Insurance {_percent(terms.insurance_fee_rate)} on {what}",
                        fee,
                        terms.insurance_fee_rate,
                        basis,
                    )
                )
        if lot.outcome in (SOLD, BOUGHT_IN) and terms.photography_fee > 0:
            each = fixed(terms.photography_fee)
            fee = (each * lot.pieces).rounded()
            pieces = f"{lot.pieces} piece{'s' if lot.pieces != 1 else ''}"
            text = f"Photography ({pieces}){stated(terms.photography_fee, ', fee ')}"
            fees.append(Charge("photography", text, fee, None, each))
        if lot.outcome == BOUGHT_IN and terms.unsold_fee_rate > 0:
            if terms.unsold_fee_basis == "reserve" and lot.reserve:
                basis, what = money(lot.reserve), "the reserve"
            elif terms.unsold_fee_basis == "reserve":
                basis, what = money(lot.low_estimate), "the low estimate (no reserve)"
            else:
                basis, what = money(lot.low_estimate), "the low estimate"
            fee = (basis * terms.unsold_fee_rate).rounded()
            fees.append(
                Charge(
                    "unsold",
                    f"Unsold fee {_percent(terms.unsold_fee_rate)} on {what}",
                    fee,
                    terms.unsold_fee_rate,
                    basis,
                )
            )
        if lot.outcome == WITHDRAWN and terms.withdrawal_fee > 0:
            text = f"Withdrawal fee{stated(terms.withdrawal_fee, ' ')}"
            fees.append(Charge("withdrawal", text, fixed(terms.withdrawal_fee)))
        fees = [charge for charge in fees if charge.amount.amount > 0]
        taxes: list[Charge] = []
        for charge in fees:
            what = "the commission" if charge.kind == "commission" else f"the {charge.kind} fee"
            for line in tax.taxes_on_fee(amount=charge.amount, description=what, ctx=ctx):
                if line.amount.amount:
                    taxes.append(Charge("tax", line.description, line.amount, line.rate, line.basis, line.rule))
        figures.append(LotFigures(lot, hammer, commission, tuple(fees), tuple(taxes), money(ZERO).rounded()))
    return _with_advances(figures, advances, currency)


def _with_advances(figures: list[LotFigures], advances: Money | None, currency: str) -> list[LotFigures]:
    if advances is None or advances.amount <= 0 or not figures:
        return figures
    remaining = advances.rounded()
    shared = []
    for index, lot in enumerate(figures):
        last = index == len(figures) - 1
        room = max(lot.before_advance.amount, ZERO)
        take = remaining if last else Money.of(min(remaining.amount, room), currency)
        remaining = remaining - take
        shared.append(LotFigures(lot.lot, lot.hammer, lot.commission, lot.fees, lot.taxes, take.rounded()))
    return shared
