"""Design project numbers, ``NY-D-26-00042-3`` (``parure.services.numbers``)."""

from __future__ import annotations

from parure.services.numbers import Series

PROJECTS = Series("D", "services:projects", "a design project number", "NY-D-26-00042-3")


def issue_project_number(*, office_code: str, year: int) -> str:
    return PROJECTS.issue(office_code=office_code, year=year)


def parse_project_number(text: str, *, field: str = "number") -> str:
    return PROJECTS.parse(text, field=field)
