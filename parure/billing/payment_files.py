"""A payment run's files: the SEPA credit transfer (ISO 20022 ``pain.001.001.03``, built with the standard
library's ElementTree) for a run in euros, and a CSV of the same payments for any currency.

The debtor is the office's own account (``BillingSettings.account_name``, ``account_iban``,
``account_bic``); each creditor is the consignor's payout account as it stood when the run was made.
``CtrlSum`` is the sum of the amounts, two decimals; ``NbOfTxs`` their count.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.utils import timezone

from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import BillingSettings, PaymentRun, PaymentRunItem

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
CENT = Decimal("0.01")
# SEPA's character set: Latin letters, digits and a few signs; anything else becomes a space.
_NOT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


def _text(value: str, limit: int) -> str:
    """``value`` in SEPA's character set: accents dropped (é → e), anything else outside it a space."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", value) if not unicodedata.combining(char))
    return _NOT_SEPA.sub(" ", plain).strip()[:limit] or "-"


def _amount(value: Decimal) -> str:
    return str(value.quantize(CENT))


def sepa_credit_transfer(run: PaymentRun, items: list[PaymentRunItem], debtor: BillingSettings) -> bytes:
    """The run as a pain.001.001.03 document. Refused for a run not in euros (its CSV serves any
    currency), without the office's own account, or with a payee that has no IBAN."""
    if run.currency != "EUR":
        raise BillingError(
            f"A SEPA credit transfer file is for payments in euros; run {run.number} pays in {run.currency}. "
            "Download its CSV instead.",
            code=BillingErrorCode.INVALID_CURRENCY,
        )
    if not (debtor.account_name and debtor.account_iban and debtor.account_bic):
        raise BillingError(
            f"{run.office.name}'s own account (name, IBAN and BIC) is not in its billing settings; "
            "an administrator must enter it first.",
            code=BillingErrorCode.NO_SETTINGS,
        )
    for item in items:
        if not item.iban:
            raise BillingError(f"{item.settlement.number} has no IBAN to pay into.", code=BillingErrorCode.REFUSED)
    ET.register_namespace("", NAMESPACE)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    total = _amount(sum((item.amount for item in items), Decimal(0)))
    count = str(len(items))
    document = ET.Element(f"{{{NAMESPACE}}}Document")
    initiation = sub(document, "CstmrCdtTrfInitn")
    header = sub(initiation, "GrpHdr")
    sub(header, "MsgId", run.number)
    sub(header, "CreDtTm", timezone.now().replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%S"))
    sub(header, "NbOfTxs", count)
    sub(header, "CtrlSum", total)
    sub(sub(header, "InitgPty"), "Nm", _text(debtor.account_name, 70))
    batch = sub(initiation, "PmtInf")
    sub(batch, "PmtInfId", run.number)
    sub(batch, "PmtMtd", "TRF")
    sub(batch, "NbOfTxs", count)
    sub(batch, "CtrlSum", total)
    sub(sub(sub(batch, "PmtTpInf"), "SvcLvl"), "Cd", "SEPA")
    sub(batch, "ReqdExctnDt", run.execution_date.isoformat())
    sub(sub(batch, "Dbtr"), "Nm", _text(debtor.account_name, 70))
    sub(sub(sub(batch, "DbtrAcct"), "Id"), "IBAN", debtor.account_iban)
    sub(sub(sub(batch, "DbtrAgt"), "FinInstnId"), "BIC", debtor.account_bic)
    sub(batch, "ChrgBr", "SLEV")
    for item in items:
        transfer = sub(batch, "CdtTrfTxInf")
        sub(sub(transfer, "PmtId"), "EndToEndId", item.settlement.number)
        sub(sub(transfer, "Amt"), "InstdAmt", _amount(item.amount), Ccy="EUR")
        if item.bic:
            sub(sub(sub(transfer, "CdtrAgt"), "FinInstnId"), "BIC", item.bic)
        sub(sub(transfer, "Cdtr"), "Nm", _text(item.creditor_name, 70))
        sub(sub(sub(transfer, "CdtrAcct"), "Id"), "IBAN", item.iban)
        sub(
            sub(transfer, "RmtInf"),
            "Ustrd",
            _text(f"Settlement {item.settlement.number} {item.settlement.reference}", 140),
        )
    ET.indent(document)
    return bytes(ET.tostring(document, encoding="UTF-8", xml_declaration=True))


CSV_COLUMNS = ["run", "settlement", "reference", "payee", "iban", "bic", "amount", "currency", "execution_date"]


def payments_csv(run: PaymentRun, items: list[PaymentRunItem]) -> str:
    """The run's payments, one row each, in any currency."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        payee = item.creditor_name
        if payee[:1] in ("=", "+", "-", "@"):
            payee = "'" + payee  # a spreadsheet would read it as a formula
        writer.writerow(
            [
                run.number,
                item.settlement.number,
                item.settlement.reference,
                payee,
                item.iban,
                item.bic,
                str(run.money(item.amount).rounded().amount),
                run.currency,
                run.execution_date.isoformat(),
            ]
        )
    return out.getvalue()
