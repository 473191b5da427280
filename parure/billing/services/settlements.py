"""Consignor settlements, advances and payment runs.

- ``settlements_from_sale``: one draft per consignment with lots in a closed sale (sold, bought in or
  withdrawn), the figures by the consignment's terms (``billing.settlement_figures``), the terms
  snapshotted, and the consignment's advances not yet deducted taken off, once. A consignment agreed in
  another currency than the sale's is settled in the sale's at the rate finance states for it (kept on
  the settlement with its date); without one it waits (``waiting_for_rate`` says why).
- ``settlement_for_private_sale``: the same for a private sale, once its invoice is paid in full.
- ``settlement_approve``: from then on the database refuses any change to it and its lines.
- ``states_of``: where each settlement stands today and, when it may not be paid, each hold's sentence
  (the buyers' invoices, the period after the sale, the consignor's KYC, tax form and payout account),
  in a fixed number of queries for any number of settlements.
- ``payment_run_create`` / ``payment_run_mark_sent``: finance pays the settlements due together; marking
  the run sent pays them (who and when) and seals the run. A settlement is in one run at most.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from parure.auctions import results_queries
from parure.auctions.choices import Outcome, SaleStatus
from parure.auctions.queries import SaleRecord as Sale
from parure.billing.choices import InvoiceKind, InvoiceStatus, Jurisdiction
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import (
    Advance,
    Allocation,
    BillingSettings,
    Invoice,
    InvoiceLine,
    PaymentRun,
    PaymentRunItem,
    PrivateSale,
    Settlement,
    SettlementLine,
)
from parure.billing.services.invoices import _amount, office_today, settings_of, tax_context
from parure.billing.settlement_choices import (
    HoldKind,
    PaymentRunStatus,
    SettlementLineKind,
    SettlementStanding,
    SettlementStatus,
)
from parure.billing.settlement_figures import (
    BOUGHT_IN,
    SOLD,
    WITHDRAWN,
    Conversion,
    LotFigures,
    LotToSettle,
    settle_lots,
)
from parure.clients import queries as client_book
from parure.core.models import Office, Staff
from parure.core.money import Money, convert
from parure.core.numbering import check_digit, next_in_sequence
from parure.inventory import queries as inventory
from parure.inventory.errors import StockNumberError

ZERO = Decimal(0)
REFERENCE_MAX = 80
RATE_MAX = Decimal(1_000_000)
RATE_DECIMALS = 8
RUN_MAX = 500

_NUMBER = re.compile(r"^([A-Z]{2})-?(S|PR|PS)-?(\d{2})-?(\d{5})-?(\d)$")
KINDS_OF_NUMBER = {"S": "settlement", "PR": "payment run", "PS": "private sale"}


def draw_number(*, office_code: str, letters: str, year: int) -> str:
    """The next ``<office>-<letters>-<yy>-<five digits>-<check digit>`` (call inside the creating
    transaction: a rolled-back creation gives its number back)."""
    yy = year % 100
    sequence = next_in_sequence(f"billing:{office_code}:{letters}:{yy:02d}")
    body = f"{office_code}-{letters}-{yy:02d}-{sequence:05d}"
    return f"{body}-{check_digit(body)}"


def parse_number(text: str, *, letters: str, field: str = "number") -> str:
    """The canonical form of a typed settlement (S), payment run (PR) or private sale (PS) number; a
    malformed one or a wrong check digit is refused, never looked up."""
    kind = KINDS_OF_NUMBER[letters]
    cleaned = re.sub(r"\s+", "", text or "").upper()
    match = _NUMBER.match(cleaned)
    if match is None or match.group(2) != letters:
        raise BillingError(
            f"‘{(text or '').strip()[:40]}’ is not a {kind} number; they look like NY-{letters}-26-00042-1.",
            field=field,
            code=BillingErrorCode.INVALID_NUMBER,
        )
    office, _, yy, sequence, given = match.groups()
    body = f"{office}-{letters}-{yy}-{sequence}"
    if check_digit(body) != given:
        raise BillingError(
            f"{body}-{given} has a wrong check digit: check the number and type it again.",
            field=field,
            code=BillingErrorCode.INVALID_NUMBER,
        )
    return f"{body}-{given}"


def settlement_by_number(text: str) -> Settlement:
    number = parse_number(text, letters="S")
    found = (
        Settlement.objects.select_related("office", "sale", "private_sale", "private_sale__invoice")
        .filter(number=number)
        .first()
    )
    if found is None:
        raise BillingError(
            f"No settlement is numbered {number}.", field="number", code=BillingErrorCode.UNKNOWN_SETTLEMENT
        )
    return found


def run_by_number(text: str) -> PaymentRun:
    number = parse_number(text, letters="PR")
    found = PaymentRun.objects.select_related("office", "created_by", "sent_by").filter(number=number).first()
    if found is None:
        raise BillingError(
            f"No payment run is numbered {number}.", field="number", code=BillingErrorCode.UNKNOWN_RECORD
        )
    return found


def sale_day(sale: Sale) -> date:
    return timezone.localdate(sale.starts_at, timezone=ZoneInfo(sale.office.time_zone))


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- Making settlements ------------------------------------------------------------------------------
def sale_lots_by_consignment(sale: Sale) -> dict[int, list[LotToSettle]]:
    """The sale's consigned lots (sold, bought in, withdrawn) by consignment, in sale order. A lot holds
    the pieces of one consignment (the auctions refuse to lot pieces of two); the house's own pieces are
    nobody's to settle."""
    outcomes = [
        row
        for row in results_queries.lot_outcomes(sale)
        if row.outcome in (Outcome.SOLD, Outcome.BOUGHT_IN, Outcome.WITHDRAWN)
    ]
    consignment_of = inventory.consignments_of_pieces(piece.pk for row in outcomes for piece in row.pieces)
    reserves = results_queries.reserves_for_settlement([row.lot.pk for row in outcomes])
    groups: dict[int, list[LotToSettle]] = defaultdict(list)
    for row in outcomes:
        owners = [consignment_of.get(piece.pk) for piece in row.pieces]
        owner = next((pk for pk in owners if pk is not None), None)
        if owner is None:
            continue
        pieces = [piece for piece, pk in zip(row.pieces, owners, strict=True) if pk == owner]
        groups[owner].append(
            LotToSettle(
                label=row.label,
                heading=row.heading,
                outcome={Outcome.SOLD: SOLD, Outcome.BOUGHT_IN: BOUGHT_IN}.get(row.outcome, WITHDRAWN),  # type: ignore[call-overload]
                hammer=row.hammer,
                low_estimate=row.low_estimate,
                high_estimate=row.high_estimate,
                reserve=reserves.get(row.lot.pk),
                pieces=len(pieces),
                lot_id=row.lot.pk,
                stock_numbers=", ".join(piece.stock_number for piece in pieces)[:200],
            )
        )
    return groups


def _make(
    *,
    office: Office,
    terms: inventory.ConsignmentTerms,
    lots: Sequence[LotToSettle],
    currency: str,
    sold_on: date,
    reference: str,
    by: Staff,
    sale: Sale | None = None,
    private_sale: PrivateSale | None = None,
    stated: StatedRate | None = None,
) -> Settlement:
    conversion = Conversion(terms.currency, stated.rate) if stated is not None else None
    # Advances are in the consignment's currency (converted at the stated rate) or, paid before an
    # amendment of it, in the settlement's; any other waits for a settlement in its currency.
    currencies = {currency, terms.currency} if conversion is not None else {currency}
    advances = list(
        Advance.objects.select_for_update()
        .filter(consignment_id=terms.consignment_id, deducted_in__isnull=True, currency__in=currencies)
        .order_by("paid_on", "pk")
    )
    advanced = Money.of(0, currency)
    for row in advances:
        advanced += _advance_in(row, currency, conversion)
    ctx = tax_context(office, on=sold_on)
    from parure.billing import tax

    try:
        figures = settle_lots(lots, terms, currency=currency, ctx=ctx, advances=advanced, conversion=conversion)
    except tax.TaxRuleError as refusal:
        raise BillingError(str(refusal), code=BillingErrorCode.NO_RATE) from None
    settlement = Settlement.objects.create(
        number=draw_number(office_code=office.code, letters="S", year=office_today(office).year),
        office=office,
        consignment_id=terms.consignment_id,
        consignment_number=terms.number,
        consignor_id=terms.consignor_id,
        sale=sale,
        private_sale=private_sale,
        reference=reference,
        sold_on=sold_on,
        currency=currency,
        terms=terms.snapshot(),
        rate=stated.rate if stated is not None else None,
        rate_on=stated.on if stated is not None else None,
        created_by=by,
    )
    lines = _lines(settlement, figures, private=private_sale is not None, advances=advances, conversion=conversion)
    SettlementLine.objects.bulk_create(lines)
    _totals(settlement, figures)
    settlement.save()
    if advances:
        Advance.objects.filter(pk__in=[row.pk for row in advances]).update(deducted_in=settlement)
    return settlement


def _advance_in(advance: Advance, currency: str, conversion: Conversion | None) -> Money:
    if advance.currency == currency or conversion is None:
        return advance.money()
    return convert(advance.money(), conversion.rate, currency)


def _lines(
    settlement: Settlement,
    figures: Sequence[LotFigures],
    *,
    private: bool,
    advances: Sequence[Advance],
    conversion: Conversion | None = None,
) -> list[SettlementLine]:
    lines: list[SettlementLine] = []
    references = ", ".join(row.reference for row in advances)[:150]
    converted = [row for row in advances if conversion is not None and row.currency == conversion.currency]
    if conversion is not None and converted:
        # The advances as paid, in the consignment's currency, and the rate they were converted at.
        references += ", " + conversion.stated(sum((row.amount for row in converted), ZERO))

    def add(lot: LotToSettle, kind: str, description: str, amount: Money, **fields: object) -> None:
        lines.append(
            SettlementLine(
                settlement=settlement,
                position=len(lines) + 1,
                kind=kind,
                lot_id=lot.lot_id,
                lot_label=lot.label,
                outcome=lot.outcome,
                stock_numbers=lot.stock_numbers,
                description=description[:300],
                amount=amount.amount,
                **fields,
            )
        )

    for lot in figures:
        entry = lot.lot
        if private:
            add(entry, SettlementLineKind.PRICE, entry.heading, lot.hammer)
        elif entry.outcome == SOLD:
            add(entry, SettlementLineKind.HAMMER, entry.heading, lot.hammer)
        else:
            what = "bought in" if entry.outcome == BOUGHT_IN else "withdrawn"
            add(entry, SettlementLineKind.HAMMER, f"{entry.heading} ({what})", lot.hammer)
        for charge in (*lot.fees, *lot.taxes):
            add(
                entry,
                charge.kind,
                charge.description,
                -charge.amount,
                rate=charge.rate,
                basis=charge.basis.amount if charge.basis is not None else None,
                snapshot={"rule": charge.rule} if charge.rule else {},
            )
        if lot.advance.amount:
            add(
                entry,
                SettlementLineKind.ADVANCE,
                f"Advance deducted ({references})",
                -lot.advance,
                advance=advances[0] if len(advances) == 1 else None,
            )
    return lines


def _totals(settlement: Settlement, figures: Sequence[LotFigures]) -> None:
    settlement.hammer_total = sum((lot.hammer.amount for lot in figures), ZERO)
    settlement.commission_total = sum((lot.commission.amount for lot in figures), ZERO)
    settlement.fees_total = sum((lot.fees_total.amount for lot in figures), ZERO)
    settlement.tax_total = sum((lot.tax_total.amount for lot in figures), ZERO)
    settlement.advances_total = sum((lot.advance.amount for lot in figures), ZERO)
    settlement.net_total = sum((lot.net.amount for lot in figures), ZERO)


@dataclass(frozen=True)
class StatedRate:
    """The rate finance states to settle a consignment agreed in another currency than the sale's:
    ``rate`` units of the sale's currency for one unit of the consignment's, the rate of day ``on``."""

    rate: Decimal
    on: date


@dataclass(frozen=True)
class RateWanted:
    """A consignment of the sale, not settled yet, agreed in another currency: it waits for its rate."""

    consignment: str
    currency: str
    sale_currency: str
    sentence: str

    @property
    def field(self) -> str:
        return f"rate-{self.consignment}"


def _rate_wanted(consignment: str, currency: str, sale_currency: str, what: str) -> RateWanted:
    sentence = (
        f"{consignment} is agreed in {currency} but {what} in {sale_currency}; give the rate "
        f"({sale_currency} for one {currency}) to settle it."
    )
    return RateWanted(consignment, currency, sale_currency, sentence)


def parse_rate(value: str | Decimal | None, *, wanted: RateWanted) -> Decimal:
    """A stated rate as typed (sale-currency units for one unit of the consignment's), refused when
    malformed, not above zero, too large or with more than 8 decimals."""
    example = f"{wanted.sale_currency} for one {wanted.currency}, e.g. 0.8612"
    text = str(value).strip() if value is not None else ""
    try:
        rate = value if isinstance(value, Decimal) else Decimal(text)
    except InvalidOperation:
        rate = None
    if rate is None or not rate.is_finite():
        raise BillingError(f"‘{text[:24]}’ is not a rate for {wanted.consignment}; give {example}.",
                           field=wanted.field, code=BillingErrorCode.INVALID)  # fmt: skip
    if rate <= 0:
        raise BillingError(f"The rate for {wanted.consignment} must be above zero: {example}.",
                           field=wanted.field, code=BillingErrorCode.INVALID)  # fmt: skip
    if rate > RATE_MAX:
        raise BillingError(f"The rate for {wanted.consignment} is above {RATE_MAX:,}; give {example}.",
                           field=wanted.field, code=BillingErrorCode.INVALID)  # fmt: skip
    exponent = rate.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -RATE_DECIMALS:
        raise BillingError(
            f"The rate for {wanted.consignment} has more than {RATE_DECIMALS} decimals; round it to {RATE_DECIMALS}.",
            field=wanted.field,
            code=BillingErrorCode.INVALID,
        )
    return rate


def _rate_day(office: Office, rates_on: date | None) -> date:
    today = office_today(office)
    day = rates_on or today
    if day > today:
        raise BillingError("The rates cannot be of a day in the future.", field="rates_on",
                           code=BillingErrorCode.INVALID)  # fmt: skip
    return day


def _unsettled(
    sale: Sale, groups: dict[int, list[LotToSettle]] | None = None
) -> tuple[dict[int, list[LotToSettle]], dict[int, inventory.ConsignmentTerms]]:
    groups = sale_lots_by_consignment(sale) if groups is None else groups
    done = set(Settlement.objects.filter(sale=sale).values_list("consignment_id", flat=True))
    waiting = {pk: lots for pk, lots in groups.items() if pk not in done}
    return waiting, inventory.consignment_terms(waiting)


def waiting_for_rate(sale: Sale) -> list[RateWanted]:
    """The consignments of ``sale`` not settled yet that are agreed in another currency, by number: each
    waits for the rate finance states (the page that makes the settlements asks for it)."""
    return _rates_wanted(sale, _unsettled(sale)[1])


def _rates_wanted(sale: Sale, terms: dict[int, inventory.ConsignmentTerms]) -> list[RateWanted]:
    return sorted(
        (
            _rate_wanted(row.number, row.currency, sale.currency, f"{sale.code} sells")
            for row in terms.values()
            if row.currency != sale.currency
        ),
        key=lambda wanted: wanted.consignment,
    )


@transaction.atomic
def settlements_from_sale(
    *,
    sale: Sale,
    by: Staff,
    rates: Mapping[str, str | Decimal] | None = None,
    rates_on: date | None = None,
) -> list[Settlement]:
    """A draft settlement per consignment with lots in ``sale`` not yet settled for it. Refused while the
    sale is not closed, and when every consignment in it has its settlement already.

    ``rates`` (by consignment number) settle a consignment agreed in another currency in the sale's, at
    that rate of day ``rates_on`` (the office's today by default); one without its rate waits and the
    others are made. Every rate is checked before anything is made: one refused refuses them all."""
    if sale.status != SaleStatus.CLOSED:
        raise BillingError(
            f"{sale.code} is not closed yet; its consignors are settled once the sale is closed.",
            code=BillingErrorCode.REFUSED,
        )
    groups = sale_lots_by_consignment(sale)
    if not groups:
        raise BillingError(f"{sale.code} has no consigned lot to settle.", code=BillingErrorCode.REFUSED)
    waiting, terms = _unsettled(sale, groups)
    if not waiting:
        raise BillingError(
            f"Every consignment in {sale.code} has its settlement already.", code=BillingErrorCode.REFUSED
        )
    stated = _stated_rates(sale, terms, rates or {}, rates_on)
    # A consignment agreed in another currency than the sale's waits for its rate (its fixed fees are in
    # its own currency); the others are settled. With nothing else left, the refusal says which and why.
    wanted = [row for row in _rates_wanted(sale, terms) if row.consignment not in stated]
    left = {row.consignment for row in wanted}
    waiting = {pk: lots for pk, lots in waiting.items() if terms[pk].number not in left}
    if not waiting:
        first = wanted[0]
        raise BillingError(first.sentence, field=first.field, code=BillingErrorCode.NO_RATE)
    day = sale_day(sale)
    try:
        with transaction.atomic():
            return _make_all(sale, waiting, terms, day, by, stated)
    except IntegrityError:
        raise BillingError(f"Someone settled {sale.code} at the same moment; reload and look again.",
                           code=BillingErrorCode.STALE) from None  # fmt: skip


def _stated_rates(
    sale: Sale,
    terms: dict[int, inventory.ConsignmentTerms],
    rates: Mapping[str, str | Decimal],
    rates_on: date | None,
) -> dict[str, StatedRate]:
    """The rates given, by consignment number, each checked; a rate for a consignment that needs none
    (in the sale's currency, settled already or not in the sale) is refused rather than ignored."""
    wanted = {row.consignment: row for row in _rates_wanted(sale, terms)}
    given = {
        key.strip().upper(): value for key, value in rates.items() if str(value if value is not None else "").strip()
    }
    if not given:
        return {}
    numbers = {row.number for row in terms.values()}
    stated: dict[str, StatedRate] = {}
    day = _rate_day(sale.office, rates_on)
    for number in sorted(given):
        if number not in wanted:
            because = f"is agreed in {sale.currency} like" if number in numbers else "has nothing to settle in"
            raise BillingError(
                f"{number[:24]} {because} {sale.code}; it takes no rate.",
                field=f"rate-{number[:24]}",
                code=BillingErrorCode.INVALID,
            )
        stated[number] = StatedRate(parse_rate(given[number], wanted=wanted[number]), day)
    return stated


def _make_all(
    sale: Sale,
    waiting: dict[int, list[LotToSettle]],
    terms: dict[int, inventory.ConsignmentTerms],
    day: date,
    by: Staff,
    stated: Mapping[str, StatedRate],
) -> list[Settlement]:
    return [
        _make(
            office=sale.office,
            terms=terms[pk],
            lots=waiting[pk],
            currency=sale.currency,
            sold_on=day,
            reference=sale.code,
            by=by,
            sale=sale,
            stated=stated.get(terms[pk].number),
        )
        for pk in sorted(waiting, key=lambda pk: terms[pk].number)
    ]


@transaction.atomic
def settlement_for_private_sale(
    *,
    private_sale: PrivateSale,
    by: Staff,
    rate: str | Decimal | None = None,
    rate_on: date | None = None,
) -> Settlement:
    """The consignor's settlement of a private sale: the agreed price less its own commission (and the
    VAT on it) and any advance. Made once the buyer's invoice is paid in full.

    A consignment agreed in another currency than the private sale's needs ``rate`` (private-sale
    currency units for one unit of the consignment's, of day ``rate_on``, today by default): its
    advances, paid in its currency, are converted at it. Without one it is refused, saying so."""
    private_sale = (
        PrivateSale.objects.select_for_update(of=("self",)).select_related("office", "invoice").get(pk=private_sale.pk)
    )
    if Settlement.objects.filter(private_sale=private_sale).exists():
        raise BillingError(
            f"Private sale {private_sale.number} has its settlement already.", code=BillingErrorCode.REFUSED
        )
    sentence = _private_sale_unpaid(private_sale)
    if sentence:
        raise BillingError(sentence, code=BillingErrorCode.NOT_PAID)
    agreed = inventory.consignment_terms([private_sale.consignment_id])[private_sale.consignment_id]
    stated = None
    wanted = private_sale_rate_wanted(private_sale)
    if wanted is not None:
        if rate is None or not str(rate).strip():
            raise BillingError(wanted.sentence, field="rate", code=BillingErrorCode.NO_RATE)
        try:
            stated = StatedRate(parse_rate(rate, wanted=wanted), _rate_day(private_sale.office, rate_on))
        except BillingError as refusal:
            raise BillingError(refusal.message, field="rate" if refusal.field != "rates_on" else "rate_on",
                               code=refusal.code) from None  # fmt: skip
    elif rate is not None and str(rate).strip():
        raise BillingError(
            f"{agreed.number} is agreed in {agreed.currency} like private sale {private_sale.number}; "
            "it takes no rate.",
            field="rate",
            code=BillingErrorCode.INVALID,
        )
    terms = dataclasses.replace(
        agreed,
        commission_basis="flat",
        commission_scope="lot",
        commission_rate=private_sale.commission_rate,
        commission_bands=(),
        minimum_commission=ZERO,
        performance_fee_rate=ZERO,
        insurance_fee_rate=ZERO,
        photography_fee=ZERO,
        unsold_fee_rate=ZERO,
        withdrawal_fee=ZERO,
    )
    lot = LotToSettle(
        label="",
        heading=private_sale.title[:300],
        outcome=SOLD,
        hammer=private_sale.price,
        stock_numbers=private_sale.stock_number,
    )
    return _make(
        office=private_sale.office,
        terms=terms,
        lots=[lot],
        currency=private_sale.currency,
        sold_on=private_sale.agreed_on,
        reference=private_sale.number,
        by=by,
        private_sale=private_sale,
        stated=stated,
    )


def private_sale_rate_wanted(private_sale: PrivateSale) -> RateWanted | None:
    """What a private sale's settlement asks for when its consignment is agreed in another currency."""
    agreed = inventory.consignment_terms([private_sale.consignment_id])[private_sale.consignment_id]
    if agreed.currency == private_sale.currency:
        return None
    return _rate_wanted(agreed.number, agreed.currency, private_sale.currency, f"private sale {private_sale.number} is")


def _private_sale_unpaid(private_sale: PrivateSale) -> str:
    invoice = private_sale.invoice
    if invoice is None or invoice.status != InvoiceStatus.ISSUED:
        return f"Private sale {private_sale.number}: the buyer's invoice is not issued yet."
    balances = _balances([invoice])
    due = balances[invoice.pk]
    if due.amount > 0:
        return (
            f"Private sale {private_sale.number}: the buyer's invoice {invoice.number} is not paid in full "
            f"({due.format(invoice.locale)} due)."
        )
    return ""


def _locked_settlement(settlement: Settlement, expected_version: int | None) -> Settlement:
    locked = Settlement.objects.select_for_update().select_related("office").get(pk=settlement.pk)
    if expected_version is not None and locked.version != expected_version:
        raise BillingError(
            f"Someone changed settlement {locked.number} since you opened it; reload it and try again.",
            code=BillingErrorCode.STALE,
        )
    return locked


@transaction.atomic
def settlement_approve(*, settlement: Settlement, by: Staff, expected_version: int | None = None) -> Settlement:
    """Approve a draft's figures; nothing about the settlement or its lines changes after."""
    settlement = _locked_settlement(settlement, expected_version)
    if settlement.status != SettlementStatus.DRAFT:
        raise BillingError(f"Settlement {settlement.number} is approved already.", code=BillingErrorCode.REFUSED)
    settlement.status = SettlementStatus.APPROVED
    settlement.approved_at = timezone.now()
    settlement.approved_by = by
    settlement.version += 1
    settlement.save()
    return settlement


# --- Advances ----------------------------------------------------------------------------------------
@transaction.atomic
def advance_record(
    *, consignment_number: str, amount: str | Decimal, paid_on: date | None, reference: str, by: Staff
) -> Advance:
    """Record money given to a consignor ahead of the sale against a consignment, in its currency; the
    consignment's next settlement deducts it."""
    try:
        consignment_id = inventory.consignment_id_by_number(consignment_number)
    except StockNumberError as refusal:
        raise BillingError(refusal.message, field="consignment", code=BillingErrorCode.INVALID_NUMBER) from None
    if consignment_id is None:
        raise BillingError(
            f"No consignment has the number {consignment_number.strip()[:24]}.",
            field="consignment",
            code=BillingErrorCode.UNKNOWN_RECORD,
        )
    terms = inventory.consignment_terms([consignment_id])[consignment_id]
    money = _amount(amount, terms.currency)
    office = Office.objects.get(pk=terms.office_id)
    today = office_today(office)
    paid_on = paid_on or today
    if paid_on > today:
        raise BillingError("The advance cannot be paid in the future.", field="paid_on", code=BillingErrorCode.INVALID)
    reference = (reference or "").strip()
    if not reference:
        raise BillingError(
            "Give the transfer's or the cheque's reference.", field="reference", code=BillingErrorCode.REQUIRED
        )
    if len(reference) > REFERENCE_MAX:
        raise BillingError(
            f"The reference is longer than {REFERENCE_MAX} characters.",
            field="reference",
            code=BillingErrorCode.TOO_LONG,
        )
    return Advance.objects.create(
        office=office,
        consignment_id=consignment_id,
        consignment_number=terms.number,
        consignor_id=terms.consignor_id,
        amount=money.amount,
        currency=terms.currency,
        paid_on=paid_on,
        reference=reference,
        created_by=by,
    )


# --- Holds and standing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hold:
    kind: str
    sentence: str

    @property
    def code(self) -> BillingErrorCode:
        codes: dict[str, BillingErrorCode] = {
            HoldKind.NOT_PAID: BillingErrorCode.NOT_PAID,
            HoldKind.NOT_DUE: BillingErrorCode.NOT_DUE,
            HoldKind.NOT_APPROVED: BillingErrorCode.REFUSED,
        }
        return codes.get(self.kind, BillingErrorCode.HELD)


@dataclass(frozen=True)
class SettlementState:
    """Where a settlement stands today, why it may not be paid (if so), and the run it is in."""

    settlement: Settlement
    standing: str
    holds: tuple[Hold, ...]
    payable_from: date
    consignor_name: str
    consignor_number: str
    payout: client_book.PayoutDetails | None
    run: PaymentRun | None

    @property
    def standing_label(self) -> str:
        return str(SettlementStanding(self.standing).label)

    @property
    def net(self) -> Money:
        return self.settlement.money(self.settlement.net_total)

    @property
    def is_due(self) -> bool:
        return self.standing == SettlementStanding.DUE


def _balances(invoices: Iterable[Invoice]) -> dict[int, Money]:
    """What is still due on each invoice, by id (two queries for any number)."""
    rows = {invoice.pk: invoice for invoice in invoices}
    if not rows:
        return {}
    paid = dict(
        Allocation.objects.filter(invoice_id__in=rows)
        .values("invoice_id")
        .annotate(s=Sum("amount"))
        .values_list("invoice_id", "s")
    )
    credited = dict(
        Invoice.objects.filter(credits_id__in=rows, kind=InvoiceKind.CREDIT_NOTE, status=InvoiceStatus.ISSUED)
        .values("credits_id")
        .annotate(s=Sum("total"))
        .values_list("credits_id", "s")
    )
    return {
        pk: invoice.money(invoice.total - (credited.get(pk) or ZERO) - (paid.get(pk) or ZERO))
        for pk, invoice in rows.items()
    }


def _lot_invoices(lot_ids: set[int]) -> dict[int, Invoice]:
    """The buyer's invoice (issued, or a draft) billing each lot that no credit note cancelled."""
    if not lot_ids:
        return {}
    credited = InvoiceLine.objects.filter(
        invoice__kind=InvoiceKind.CREDIT_NOTE, invoice__status=InvoiceStatus.ISSUED, credits_line__isnull=False
    ).values("credits_line_id")
    found: dict[int, Invoice] = {}
    lines = (
        InvoiceLine.objects.filter(lot_id__in=lot_ids, kind="hammer", invoice__kind=InvoiceKind.INVOICE)
        .exclude(pk__in=credited)
        .select_related("invoice")
        .order_by("invoice__created_at", "pk")
    )
    for line in lines:
        assert line.lot_id is not None
        found[line.lot_id] = line.invoice
    return found


def _unpaid(prefix: str, invoice: Invoice | None, balances: dict[int, Money], locale: str) -> list[Hold]:
    """The hold a buyer's invoice puts on the settlement of what it bills, if any."""
    if invoice is None:
        return [Hold(HoldKind.NOT_PAID, f"{prefix}: the buyer has not been invoiced yet.")]
    if invoice.status != InvoiceStatus.ISSUED:
        return [Hold(HoldKind.NOT_PAID, f"{prefix}: the buyer's invoice is still a draft.")]
    due = balances[invoice.pk]
    if due.amount > 0:
        sentence = f"{prefix}: the buyer's invoice {invoice.number} is not paid in full ({due.format(locale)} due)."
        return [Hold(HoldKind.NOT_PAID, sentence)]
    return []


def states_of(settlements: Sequence[Settlement], *, today: date | None = None) -> dict[int, SettlementState]:
    """Each settlement's standing and holds, by id, in a fixed number of queries."""
    if not settlements:
        return {}
    ids = [row.pk for row in settlements]
    sold_lots: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for settlement_id, lot_id, label in SettlementLine.objects.filter(
        settlement_id__in=ids, kind=SettlementLineKind.HAMMER, outcome=SOLD, lot_id__isnull=False
    ).values_list("settlement_id", "lot_id", "lot_label"):
        sold_lots[settlement_id].append((lot_id, label))
    invoices = _lot_invoices({lot for rows in sold_lots.values() for lot, _ in rows})
    private_invoices = {
        row.pk: row.private_sale.invoice
        for row in settlements
        if row.private_sale is not None and row.private_sale.invoice
    }
    issued = [inv for inv in (*invoices.values(), *private_invoices.values()) if inv.status == InvoiceStatus.ISSUED]
    balances = _balances(issued)
    consignors = {row.consignor_id for row in settlements}
    parties = client_book.billing_parties(consignors, today=today)
    payouts = client_book.payout_details(consignors)
    rules = {
        row.office_id: row for row in BillingSettings.objects.filter(office_id__in={s.office_id for s in settlements})
    }
    items = {
        item.settlement_id: item.run
        for item in PaymentRunItem.objects.filter(settlement_id__in=ids).select_related("run")
    }
    states = {}
    for settlement in settlements:
        office = settlement.office
        locale = office.locale
        holds: list[Hold] = []

        if settlement.private_sale is not None:
            prefix = f"Private sale {settlement.private_sale.number}"
            holds += _unpaid(prefix, private_invoices.get(settlement.pk), balances, locale)
        for lot_id, label in sold_lots.get(settlement.pk, []):
            holds += _unpaid(f"Lot {label}", invoices.get(lot_id), balances, locale)
        rule = rules.get(settlement.office_id)
        period = rule.settlement_period_days if rule is not None else 35
        payable_from = settlement.sold_on + timedelta(days=period)
        day = today or office_today(office)
        if day < payable_from:
            what = "the private sale" if settlement.private_sale_id else "the sale"
            holds.append(Hold(HoldKind.NOT_DUE, f"Payable from {long_date(payable_from)} ({what} plus {period} days)."))
        party = parties.get(settlement.consignor_id)
        if party is None or not party.kyc_verified:
            holds.append(Hold(HoldKind.KYC, "The consignor's KYC is not verified."))
        payout = payouts.get(settlement.consignor_id)
        if rule is not None and rule.jurisdiction == Jurisdiction.US and (payout is None or not payout.tax_form):
            holds.append(Hold(HoldKind.TAX_FORM, "No W-9 or W-8 on file."))
        if payout is None or not payout.has_account:
            holds.append(Hold(HoldKind.PAYOUT, "No payout account on file for the consignor."))
        if settlement.net_total <= 0:
            holds.append(Hold(HoldKind.NOTHING, "Nothing to pay: the deductions take the whole hammer."))
        run = items.get(settlement.pk)
        if run is not None:
            standing = SettlementStanding.PAID if run.status == PaymentRunStatus.SENT else SettlementStanding.IN_RUN
        elif settlement.status == SettlementStatus.DRAFT:
            standing = SettlementStanding.DRAFT
        else:
            standing = SettlementStanding.HELD if holds else SettlementStanding.DUE
        states[settlement.pk] = SettlementState(
            settlement=settlement,
            standing=standing,
            holds=tuple(holds) if standing != SettlementStanding.PAID else (),
            payable_from=payable_from,
            consignor_name=party.name if party is not None else "",
            consignor_number=party.number if party is not None else "",
            payout=payout,
            run=run,
        )
    return states


def state_of(settlement: Settlement, *, today: date | None = None) -> SettlementState:
    return states_of([settlement], today=today)[settlement.pk]


def refuse_unless_payable(state: SettlementState) -> None:
    """Refuse, with the first hold's sentence and its code, a settlement that may not be paid yet."""
    settlement = state.settlement
    if state.standing == SettlementStanding.PAID:
        raise BillingError(f"Settlement {settlement.number} is paid already.", code=BillingErrorCode.REFUSED)
    if state.standing == SettlementStanding.IN_RUN:
        assert state.run is not None
        raise BillingError(
            f"Settlement {settlement.number} is in payment run {state.run.number} already.",
            code=BillingErrorCode.REFUSED,
        )
    if state.standing == SettlementStanding.DRAFT:
        raise BillingError(f"Settlement {settlement.number} is not approved yet.", code=BillingErrorCode.REFUSED)
    if state.holds:
        first = state.holds[0]
        raise BillingError(f"{settlement.number}: {first.sentence}", code=first.code)


# --- Payment runs ------------------------------------------------------------------------------------
@transaction.atomic
def payment_run_create(
    *,
    office: Office,
    settlement_numbers: Sequence[str],
    by: Staff,
    execution_date: date | None = None,
    today: date | None = None,
) -> PaymentRun:
    """A run paying the chosen settlements, all due, of ``office`` and in one currency. Each is in one
    run at most; the account each is paid into is kept as it stands now. ``today`` is the office's day
    unless a test or the demo stands on another; pages and the API never pass it."""
    if not settlement_numbers:
        raise BillingError("Choose at least one settlement due.", field="settlements", code=BillingErrorCode.REQUIRED)
    if len(settlement_numbers) > RUN_MAX:
        raise BillingError(
            f"A run pays at most {RUN_MAX} settlements.", field="settlements", code=BillingErrorCode.INVALID
        )
    numbers = sorted({parse_number(text, letters="S", field="settlements") for text in settlement_numbers})
    rows = list(Settlement.objects.select_for_update().filter(number__in=numbers).order_by("number"))
    found = {row.number for row in rows}
    missing = [number for number in numbers if number not in found]
    if missing:
        raise BillingError(
            f"No settlement is numbered {missing[0]}.", field="settlements", code=BillingErrorCode.UNKNOWN_SETTLEMENT
        )
    rows = list(
        Settlement.objects.select_related("office", "private_sale", "private_sale__invoice")
        .filter(pk__in=[row.pk for row in rows])
        .order_by("number")
    )
    currencies = {row.currency for row in rows}
    if len(currencies) > 1:
        raise BillingError(
            f"A run pays in one currency; choose settlements in {' or '.join(sorted(currencies))}, not both.",
            field="settlements",
            code=BillingErrorCode.INVALID_CURRENCY,
        )
    for row in rows:
        if row.office_id != office.pk:
            raise BillingError(
                f"{row.number} is settled by {row.office.name}, not {office.name}.",
                field="settlements",
                code=BillingErrorCode.REFUSED,
            )
    today = today or office_today(office)
    execution_date = execution_date or today
    if execution_date < today:
        raise BillingError("The run cannot be paid in the past.", field="execution_date", code=BillingErrorCode.INVALID)
    states = states_of(rows, today=today)
    for row in rows:
        refuse_unless_payable(states[row.pk])
    run = PaymentRun.objects.create(
        number=draw_number(office_code=office.code, letters="PR", year=today.year),
        office=office,
        currency=rows[0].currency,
        total=sum((row.net_total for row in rows), ZERO),
        execution_date=execution_date,
        created_by=by,
    )
    try:
        with transaction.atomic():
            PaymentRunItem.objects.bulk_create(
                [
                    PaymentRunItem(
                        run=run,
                        settlement=row,
                        amount=row.net_total,
                        creditor_name=(states[row.pk].payout.account_name or states[row.pk].consignor_name)[:140],  # type: ignore[union-attr]
                        iban=states[row.pk].payout.iban,  # type: ignore[union-attr]
                        bic=states[row.pk].payout.bic,  # type: ignore[union-attr]
                    )
                    for row in rows
                ]
            )
    except IntegrityError:
        raise BillingError(
            "One of these settlements went into another run meanwhile; reload and try again.",
            code=BillingErrorCode.STALE,
        ) from None
    return run


@transaction.atomic
def payment_run_mark_sent(*, run: PaymentRun, by: Staff, today: date | None = None) -> PaymentRun:
    """The bank has the run: its settlements are paid (by whom, when) and the run never changes again.
    Refused if a settlement in it came to be held since (a KYC that expired, say)."""
    run = PaymentRun.objects.select_for_update().select_related("office").get(pk=run.pk)
    if run.status == PaymentRunStatus.SENT:
        raise BillingError(f"Payment run {run.number} was marked sent already.", code=BillingErrorCode.REFUSED)
    settlements = list(
        Settlement.objects.select_related("office", "private_sale", "private_sale__invoice").filter(run_item__run=run)
    )
    for state in states_of(settlements, today=today).values():
        if state.holds:
            raise BillingError(f"{state.settlement.number}: {state.holds[0].sentence}", code=state.holds[0].code)
    run.status = PaymentRunStatus.SENT
    run.sent_at = timezone.now()
    run.sent_by = by
    run.save(update_fields=["status", "sent_at", "sent_by"])
    return run


def run_items(run: PaymentRun) -> list[PaymentRunItem]:
    return list(run.items.select_related("settlement").order_by("settlement__number"))


def office_settings(office: Office) -> BillingSettings:
    return settings_of(office)
