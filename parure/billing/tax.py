"""Taxes on what an invoice charges, by the saleroom's jurisdiction. Pure: no database, no Django.

The rules, per lot (its hammer or agreed price, and the premium on it) and per fee:

- **UK and EU, auctioneers' margin scheme** (no symbol): VAT at the standard rate is inside the premium
  and not shown to the buyer: ``premium × rate / (1 + rate)``, an *included* line recorded for the VAT
  return, added to nothing. Exported with proof: that VAT is given back (a line of −the included VAT).
- **Normal VAT rules** (†): VAT at the standard rate on the hammer and on the premium, added.
- **Temporary admission** (* reduced, Ω standard): import VAT at that rate on the hammer, and VAT at the
  standard rate on the premium, added.
  Exported with proof, normal-rules and imported lots are zero-rated (lines at 0 that say so).
- **Switzerland**: VAT at the standard rate on the premium, and on the hammer of imported lots.
- **United States**: sales tax on hammer and premium at the delivery region's rate where the house
  collects it (New York City's combined rate is its own region, ``US-NY-NYC``); none for a delivery the
  house does not collect for, or an export with proof.
- **Hong Kong**: no tax.

Fees (shipping, certificates, card surcharge, platform fee, services) bear VAT at the standard rate in
the UK, the EU and Switzerland (zero-rated when exported), and the sales tax in the US where collected.
Each tax is rounded half-up to the currency's minor unit, per line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from parure.core.money import Money

MARGIN, STANDARD, IMPORT_REDUCED, IMPORT_STANDARD = "margin", "standard", "import_reduced", "import_standard"
UK, EU, US, CH, HK = "uk", "eu", "us", "ch", "hk"


class TaxRuleError(ValueError):
    """A rate the rules need is not configured for the saleroom."""


@dataclass(frozen=True)
class TaxContext:
    jurisdiction: str
    vat_standard: Decimal | None = None
    vat_reduced: Decimal | None = None
    # Sales tax rates by delivery region, where the house collects it: {"US-NY-NYC": Decimal("0.08875")}.
    sales_tax: Mapping[str, Decimal] = field(default_factory=dict)
    delivery_region: str = ""
    exported: bool = False


@dataclass(frozen=True)
class TaxLine:
    description: str
    basis: Money
    rate: Decimal
    amount: Money
    included: bool
    rule: str


def _vat(ctx: TaxContext) -> Decimal:
    if ctx.vat_standard is None:
        raise TaxRuleError("The saleroom has no standard VAT rate in force; finance must enter it first.")
    return ctx.vat_standard


def _reduced(ctx: TaxContext) -> Decimal:
    if ctx.vat_reduced is None:
        raise TaxRuleError("The saleroom has no reduced import VAT rate in force; finance must enter it first.")
    return ctx.vat_reduced


def _added(description: str, basis: Money, rate: Decimal, rule: str) -> TaxLine:
    return TaxLine(description, basis, rate, (basis * rate).rounded(), included=False, rule=rule)


def _zero(description: str, basis: Money, rule: str) -> TaxLine:
    return TaxLine(description, basis, Decimal(0), Money.of(0, basis.currency).rounded(), included=False, rule=rule)


def _percent(rate: Decimal) -> str:
    text = f"{rate * 100:.3f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _sales_tax(basis: Money, ctx: TaxContext, what: str) -> list[TaxLine]:
    if ctx.exported:
        return []
    rate = ctx.sales_tax.get(ctx.delivery_region)
    if rate is None:
        return []
    return [_added(f"Sales tax {_percent(rate)} on {what} ({ctx.delivery_region})", basis, rate, "us_sales_tax")]


def taxes_on_lot(*, hammer: Money, premium: Money, treatment: str, ctx: TaxContext) -> list[TaxLine]:
    """The tax lines on one lot's hammer (or agreed price) and premium."""
    jurisdiction = ctx.jurisdiction
    if jurisdiction == HK:
        return []
    if jurisdiction == US:
        return _sales_tax(hammer + premium, ctx, "hammer and premium")
    if jurisdiction == CH:
        vat = _vat(ctx)
        if ctx.exported:
            return [_zero("VAT zero-rated: exported", hammer + premium, "ch_export")]
        lines = [_added(f"VAT {_percent(vat)} on premium", premium, vat, "ch_vat_premium")]
        if treatment in (IMPORT_REDUCED, IMPORT_STANDARD):
            lines.append(_added(f"Import VAT {_percent(vat)} on hammer", hammer, vat, "ch_import_vat"))
        return lines
    if jurisdiction not in (UK, EU):
        raise TaxRuleError(f"No tax rules for the jurisdiction ‘{jurisdiction}’.")
    vat = _vat(ctx)
    if treatment == MARGIN:
        inside = Money(premium.amount * vat / (1 + vat), premium.currency).rounded()
        lines = [
            TaxLine(
                f"VAT {_percent(vat)} included in the premium (margin scheme)",
                premium,
                vat,
                inside,
                included=True,
                rule=f"{jurisdiction}_margin",
            )
        ]
        if ctx.exported:
            lines.append(
                TaxLine(
                    "VAT in the premium refunded: exported", premium, vat, -inside, included=False, rule="margin_export"
                )
            )
        return lines
    if treatment == STANDARD:
        if ctx.exported:
            return [_zero("VAT zero-rated: exported", hammer + premium, "export_zero_rated")]
        return [
            _added(f"VAT {_percent(vat)} on hammer", hammer, vat, f"{jurisdiction}_standard_hammer"),
            _added(f"VAT {_percent(vat)} on premium", premium, vat, f"{jurisdiction}_standard_premium"),
        ]
    if treatment in (IMPORT_REDUCED, IMPORT_STANDARD):
        import_rate = _reduced(ctx) if treatment == IMPORT_REDUCED else vat
        if ctx.exported:
            return [_zero("Import VAT and VAT zero-rated: exported", hammer + premium, "export_zero_rated")]
        return [
            _added(f"Import VAT {_percent(import_rate)} on hammer", hammer, import_rate, f"{treatment}_hammer"),
            _added(f"VAT {_percent(vat)} on premium", premium, vat, f"{jurisdiction}_standard_premium"),
        ]
    raise TaxRuleError(f"No tax rule for the treatment ‘{treatment}’.")


def taxes_on_fee(*, amount: Money, description: str, ctx: TaxContext) -> list[TaxLine]:
    """The tax lines on a fee or service line."""
    if ctx.jurisdiction == HK:
        return []
    if ctx.jurisdiction == US:
        return _sales_tax(amount, ctx, description.lower())
    vat = _vat(ctx)
    if ctx.exported:
        return [_zero(f"VAT zero-rated on {description.lower()}: exported", amount, "export_zero_rated")]
    return [_added(f"VAT {_percent(vat)} on {description.lower()}", amount, vat, f"{ctx.jurisdiction}_standard_fee")]
