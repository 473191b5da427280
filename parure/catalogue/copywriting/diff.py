"""A readable word-level difference between two versions of copy (difflib), as operations and
as HTML with <ins> and <del>."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape

TOKENS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Operation:
    """One run of the difference: ``op`` is "equal", "insert" or "delete"."""

    op: str
    text: str


def word_diff(before: str, after: str) -> list[Operation]:
    """The operations that turn ``before`` into ``after``, word by word; a replaced run is its
    deletion then its insertion. Adjacent runs of one kind are merged."""
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    found: list[Operation] = []

    def add(op: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if found and found[-1].op == op:
            found[-1] = Operation(op, found[-1].text + text)
        else:
            found.append(Operation(op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", old[i1:i2])
        else:
            add("delete", old[i1:i2])
            add("insert", new[j1:j2])
    return found


def as_html(operations: list[Operation]) -> str:
    """The difference as escaped HTML: deletions in <del>, insertions in <ins>."""
    wrap = {"equal": "{}", "insert": "<ins>{}</ins>", "delete": "<del>{}</del>"}
    return "".join(wrap[operation.op].format(escape(operation.text)) for operation in operations)
