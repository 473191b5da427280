"""Shipping's printed papers (WeasyPrint, on the house letterhead where a paper carries one): the customs
invoice (commercial or pro-forma), the parcels' outer labels (4 × 6 in), the slips that travel inside the
parcels and the manifest the carrier's driver signs at pick-up.

Pure: each renderer takes the frozen values of :mod:`parure.shipping.documents.data` and answers PDF
bytes, or refuses with a :class:`ShippingError` before anything is drawn. Money is printed in the
document's locale (Babel, through :class:`Money`), dates in the words of the papers (English).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from parure.core.money import Money, MoneyError
from parure.inventory import codes, pdf
from parure.shipping.choices import ExportReason, Incoterm
from parure.shipping.documents.data import (
    AddressLabel,
    CustomsDocument,
    CustomsInvoiceKind,
    InnerSlip,
    Party,
    PickupManifest,
)
from parure.shipping.documents.words import check_label_words
from parure.shipping.errors import ShippingError, ShippingErrorCode

#: The sentence a customs invoice prints when the value declared is not what the pieces are insured for.
NOT_INSURANCE = "Declared value for customs; not an insurance value."
DECLARATION = "I declare that the information on this invoice is true and correct."
#: Inner slips and labels print at most this many parcels a paper, and a manifest this many rows.
MOST_PAGES = 200
#: The longest text a paper prints in one field; a statement may run to a paragraph.
LONGEST_TEXT = 300
LONGEST_STATEMENT = 2000
#: What a label prints of a name and an address: the carriers' own limits (35 characters a line, a name
#: and four address lines), which is also what fits a 4 × 6 in label without running onto a second page.
LABEL_NAME = 35
LABEL_LINE = 35
LABEL_LINES = 4


def _invalid(message: str, field: str, code: ShippingErrorCode = ShippingErrorCode.INVALID) -> ShippingError:
    return ShippingError(message, field=field, code=code)


def _checked_locale(locale: str) -> str:
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        raise _invalid(
            f"‘{locale}’ is not a locale money can be printed in, such as en_US or fr_CH.", "locale"
        ) from None
    return locale


def _money_of(currency: str, locale: str) -> Callable[[Decimal], str]:
    try:
        Money.of(0, currency)
    except MoneyError as error:
        raise _invalid(str(error), "currency") from None

    def money(amount: Decimal) -> str:
        try:
            return Money.of(amount, currency).format(locale)
        except MoneyError as error:
            raise _invalid(str(error), "amount", ShippingErrorCode.INVALID_AMOUNT) from None

    return money


def _grams(value: Decimal, locale: str) -> str:
    return f"{format_decimal(value, locale=locale)} g"


def _long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _moment(value: datetime) -> str:
    zone = f" ({value.tzname()})" if value.tzinfo else ""
    return f"{value.day} {value:%B %Y, %H:%M}{zone}"


def _barcode(text: str, field: str, needed: str = "A label carries the parcel's tracking number") -> str:
    if not text.strip():
        raise _invalid(f"{needed}; enter it before printing.", field, ShippingErrorCode.REQUIRED)
    if not text.isascii() or not text.isprintable() or len(text) > 80:
        raise _invalid(
            f"“{text[:80]}” cannot be printed as a bar code: a tracking number is up to 80 plain letters and figures.",
            field,
        )
    return codes.data_uri(codes.code128_svg(text))


def _bounded(value: object, field: str, longest: int = LONGEST_TEXT, *, top: bool = True) -> None:
    """Refuse (``TOO_LONG``) any text in ``value`` (a paper's values, through their fields and tuples)
    longer than a paper prints."""
    if isinstance(value, str):
        if len(value) > longest:
            raise _invalid(
                f"“{value[:40]}…” is {len(value)} characters long; a paper prints at most {longest} in one field.",
                field,
                ShippingErrorCode.TOO_LONG,
            )
    elif isinstance(value, tuple | list):
        for item in value:
            _bounded(item, field, longest, top=False)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for part in dataclasses.fields(value):
            _bounded(getattr(value, part.name), part.name if top else field, longest, top=False)


def _fits_label(party: Party, field: str, what: str) -> None:
    if len(party.name) > LABEL_NAME:
        raise _invalid(
            f"{what}'s name prints at most {LABEL_NAME} characters on a label; shorten it.",
            field,
            ShippingErrorCode.TOO_LONG,
        )
    if len(party.address_lines) > LABEL_LINES or any(len(line) > LABEL_LINE for line in party.address_lines):
        raise _invalid(
            f"{what}'s address prints on a label in at most {LABEL_LINES} lines of {LABEL_LINE} characters; "
            "shorten it.",
            field,
            ShippingErrorCode.TOO_LONG,
        )


def _letterhead(party: Party) -> dict[str, str]:
    return {"name": party.name, "address": ", ".join((*party.address_lines, party.country_name))}


def _check_parcels(doc: CustomsDocument) -> None:
    count = len(doc.parcels)
    if not count:
        raise _invalid("A customs invoice lists its parcels; add at least one parcel.", "parcels")
    for position, parcel in enumerate(doc.parcels, start=1):
        for amount in (parcel.gross_weight_g, parcel.declared_value):
            if not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0:
                raise _invalid(
                    f"Parcel {position}: ‘{amount}’ is not an amount or a weight the invoice can print.",
                    "parcels",
                    ShippingErrorCode.INVALID_AMOUNT,
                )
        if parcel.number != position or parcel.of != count:
            raise _invalid(
                f"The parcels are numbered 1 to {count} of {count}; "
                f"parcel {parcel.number} of {parcel.of} is out of step.",
                "parcels",
            )


def check_customs_document(doc: CustomsDocument) -> None:
    """Refuse what customs would refuse: a total that is not the lines', a commercial invoice for
    anything but a sale, a temporary export without its ATA carnet."""
    _bounded(dataclasses.replace(doc, statements=()), "document")
    _bounded(doc.statements, "statements", LONGEST_STATEMENT)
    locale = _checked_locale(doc.locale)
    money = _money_of(doc.currency, locale)
    if doc.kind not in CustomsInvoiceKind.values:
        raise _invalid(f"‘{doc.kind}’ is not a kind of customs invoice: commercial or pro_forma.", "kind")
    if doc.incoterm not in Incoterm.values:
        raise _invalid(
            f"‘{doc.incoterm}’ is not an Incoterm the house ships under: {', '.join(Incoterm.values)}.", "incoterm"
        )
    if doc.reason not in ExportReason.values:
        raise _invalid(f"‘{doc.reason}’ is not a reason for export the invoice can state.", "reason")
    if doc.kind == CustomsInvoiceKind.COMMERCIAL and doc.reason != ExportReason.SALE:
        raise ShippingError(
            f"A commercial invoice goes only with a sale; pieces sent for “{doc.reason_text}” "
            "travel on a pro-forma invoice.",
            field="kind",
            code=ShippingErrorCode.INVOICE_KIND,
        )
    if doc.temporary and not doc.carnet_number.strip():
        raise ShippingError(
            f"Pieces sent for “{doc.reason_text}” leave under an ATA carnet; enter the carnet's number "
            "before printing the invoice.",
            field="carnet_number",
            code=ShippingErrorCode.CARNET_REQUIRED,
        )
    if doc.temporary and doc.return_expected is None:
        raise ShippingError(
            f"Pieces sent for “{doc.reason_text}” must come back; enter the date they are expected back.",
            field="return_expected",
            code=ShippingErrorCode.REQUIRED,
        )
    if not doc.lines:
        raise ShippingError(
            "A customs invoice lists the pieces it covers; add at least one line.",
            field="lines",
            code=ShippingErrorCode.REQUIRED,
        )
    if len(doc.lines) > MOST_PAGES:
        raise _invalid(f"A customs invoice lists at most {MOST_PAGES} lines; split the shipment.", "lines")
    for line in doc.lines:
        for amount in (line.unit_value, line.total_value, line.net_weight_g):
            if not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0:
                raise _invalid(
                    f"Line {line.stock_number}: ‘{amount}’ is not an amount or a weight the invoice can print.",
                    "lines",
                    ShippingErrorCode.INVALID_AMOUNT,
                )
        if line.quantity < 1:
            raise _invalid(f"Line {line.stock_number}: the quantity is a whole number of 1 or more.", "lines")
        if line.quantity * line.unit_value != line.total_value:
            raise ShippingError(
                f"Line {line.stock_number}: {line.quantity} × {money(line.unit_value)} is "
                f"{money(line.quantity * line.unit_value)}, not {money(line.total_value)}; correct the line.",
                field="lines",
                code=ShippingErrorCode.CUSTOMS_TOTAL,
            )
    if doc.customs_total != doc.lines_total:
        raise ShippingError(
            f"The customs total of {money(doc.customs_total)} is not the sum of the lines, "
            f"{money(doc.lines_total)}; correct the lines or the total before printing.",
            field="customs_total",
            code=ShippingErrorCode.CUSTOMS_TOTAL,
        )
    _check_parcels(doc)


def customs_context(doc: CustomsDocument) -> dict[str, Any]:
    """What the customs invoice prints (after :func:`check_customs_document`)."""
    locale = doc.locale
    money = _money_of(doc.currency, locale)
    return {
        "doc": doc,
        "office": _letterhead(doc.letterhead or doc.seller),
        "title": doc.title,
        "dated": _long_date(doc.dated),
        "return_expected": _long_date(doc.return_expected) if doc.return_expected else "",
        "lines": [
            {
                "line": line,
                "net_weight": _grams(line.net_weight_g, locale),
                "unit_value": money(line.unit_value),
                "total_value": money(line.total_value),
            }
            for line in doc.lines
        ],
        "parcels": [
            {
                "parcel": parcel,
                "gross_weight": _grams(parcel.gross_weight_g, locale),
                "declared_value": money(parcel.declared_value),
                "seals": ", ".join(parcel.seal_numbers) or "—",
            }
            for parcel in doc.parcels
        ],
        "customs_total": money(doc.customs_total),
        "declared_value": money(doc.declared_value),
        "insured_value": money(doc.insured_value) if doc.insured_value is not None else "",
        "net_weight": _grams(doc.net_weight_g, locale),
        "gross_weight": _grams(doc.gross_weight_g, locale),
        "not_insurance": "" if doc.declared_is_insurance else NOT_INSURANCE,
        "declaration": DECLARATION,
        "reason": doc.reason_text,
    }


def customs_invoice(doc: CustomsDocument) -> bytes:
    """The commercial or pro-forma invoice that travels with an international shipment (A4)."""
    check_customs_document(doc)
    return pdf.render("shipping/pdf/customs_invoice.html", customs_context(doc))


def _party_texts(party: Party) -> list[str]:
    return [*party.address_lines, party.country_name]


def _check_return_address(party: Party, field: str) -> None:
    _fits_label(party, field, "The return address")
    check_label_words([party.name], field=field, what="the return address's name", name=True)
    check_label_words(_party_texts(party), field=field, what="the return address")


def _check_place(parcel: int, of: int) -> None:
    if not 1 <= parcel <= of:
        raise _invalid(f"Parcel {parcel} of {of} is not a parcel of the shipment; number them 1 to {of}.", "parcel")


def check_label(label: AddressLabel) -> None:
    """Refuse a label that would say what the parcel holds, or whose tracking number cannot be a bar code."""
    _bounded(label, "label")
    _check_place(label.parcel, label.of)
    _fits_label(label.consignee, "consignee", "The consignee")
    check_label_words([label.consignee.name], field="consignee", what="the consignee's name", name=True)
    check_label_words(_party_texts(label.consignee), field="consignee", what="the consignee's address")
    _check_return_address(label.return_address, "return_address")
    check_label_words([label.carrier], field="carrier", what="the carrier's name")
    check_label_words([label.service], field="service", what="the service's name")
    check_label_words([label.shipment_number], field="shipment_number", what="the reference")
    _barcode(label.tracking_number, "tracking_number")


def _many(items: Sequence[Any], what: str, field: str) -> None:
    if not items:
        raise _invalid(f"There is no {what} to print.", field, ShippingErrorCode.REQUIRED)
    if len(items) > MOST_PAGES:
        raise _invalid(f"At most {MOST_PAGES} {what}s print at once; print them in smaller runs.", field)


def address_labels(labels: Iterable[AddressLabel]) -> bytes:
    """One 4 × 6 in page per parcel: the consignee, the return address, the carrier and service, the
    parcel's place in the shipment, the tracking number as Code 128, and "Signature required" when so."""
    return pdf.render("shipping/pdf/address_labels.html", labels_context(labels))


def labels_context(labels: Iterable[AddressLabel]) -> dict[str, Any]:
    """What the labels print, a page a label (also what their tests read back), once each is checked."""
    given = list(labels)
    _many(given, "label", "labels")
    for label in given:
        check_label(label)
    return {
        "pages": [{"label": label, "barcode": _barcode(label.tracking_number, "tracking_number")} for label in given]
    }


def inner_slips(slips: Iterable[InnerSlip]) -> bytes:
    """One A6 slip per parcel, to lie under the seal: where the parcel comes back to if its label is lost."""
    given = list(slips)
    _many(given, "slip", "slips")
    pages = []
    for slip in given:
        _bounded(slip, "slip")
        _check_place(slip.parcel, slip.of)
        _check_return_address(slip.return_address, "return_address")
        check_label_words([slip.shipment_number], field="shipment_number", what="the reference")
        pages.append({"slip": slip, "barcode": _barcode(slip.tracking_number, "tracking_number")})
    return pdf.render("shipping/pdf/inner_slips.html", {"pages": pages})


def manifest_context(manifest: PickupManifest) -> dict[str, Any]:
    _bounded(manifest, "manifest")
    locale = _checked_locale(manifest.locale)
    rows = []
    for row in manifest.rows:
        money = _money_of(row.currency, locale)
        rows.append({"row": row, "declared_value": money(row.declared_value)})
    totals = [
        {"currency": currency, "total": _money_of(currency, locale)(amount)}
        for currency, amount in manifest.totals().items()
    ]
    return {
        "manifest": manifest,
        "office": _letterhead(manifest.office),
        "pickup_at": _moment(manifest.pickup_at),
        "rows": rows,
        "totals": totals,
        "parcel_count": manifest.parcel_count,
        "barcode": _barcode(manifest.number, "number", "A manifest carries its number"),
    }


def pickup_manifest(manifest: PickupManifest) -> bytes:
    """The list of parcels handed to the carrier's driver, with the totals per currency and the boxes the
    driver, the member of staff who releases the parcels and the witness sign (A4)."""
    _many(manifest.rows, "manifest row", "rows")
    return pdf.render("shipping/pdf/pickup_manifest.html", manifest_context(manifest))
