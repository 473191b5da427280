"""Repair envelope numbers, ``NY-RJ-26-00042-3`` (``parure.services.numbers``). "RJ" (repair job) keeps them
apart from inventory's release receipts (``NY-R-26-00042-7``), so a scanned envelope is never mistaken for
a receipt."""

from __future__ import annotations

from datetime import date

from parure.services.numbers import Series

JOBS = Series("RJ", "repair", "a repair envelope number", "NY-RJ-26-00042-3")


def issue_job_number(office_code: str, on: date) -> str:
    return JOBS.issue(office_code=office_code, year=on.year)


def looks_like_job_number(text: str) -> bool:
    return JOBS.looks_like(text)


def parse_job_number(text: str, *, field: str = "number") -> str:
    return JOBS.parse(text, field=field)
