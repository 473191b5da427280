"""Reading the gemology pages' HTML in tests: a figure by its id, the sentence beside a field."""

from __future__ import annotations

import html
import re
from typing import Any

from django.test import Client


def tool_page(client: Client, path: str, tool: str, *, go: bool = True, htmx: bool = False, **fields: str) -> str:
    """GET a tool's page as its form submits it (``go``: the button or Enter) and return the HTML."""
    params: dict[str, Any] = {"tool": tool, **fields}
    if go:
        params["go"] = "1"
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(path, params, headers=headers)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(page: str, element_id: str) -> str:
    """The text inside the element with ``element_id`` (tags dropped, whitespace collapsed)."""
    match = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"[^>]*>(.*?)</\1>', page, re.S)
    assert match, f"no element #{element_id}"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(2))).split())


def field_errors(page: str, field: str) -> list[str]:
    """The sentences shown beside ``field``."""
    match = re.search(rf'<div class="field-error" id="id_{field}-error"[^>]*>(.*?)</div>', page, re.S)
    assert match, f"no error slot for {field}"
    return [html.unescape(text) for text in re.findall(r'<p class="error">(.*?)</p>', match.group(1), re.S)]


def all_field_errors(page: str) -> dict[str, list[str]]:
    """Every field's sentences, for fields that have any."""
    found = {}
    for field, body in re.findall(r'<div class="field-error" id="id_(\w+)-error"[^>]*>(.*?)</div>', page, re.S):
        errors = [html.unescape(text) for text in re.findall(r'<p class="error">(.*?)</p>', body, re.S)]
        if errors:
            found[field] = errors
    return found


def typed_value(page: str, field: str) -> str:
    """The value the page put back into ``field``'s input."""
    match = re.search(rf'<input[^>]*\bname="{field}"[^>]*>', page)
    assert match, f"no input {field}"
    value = re.search(r'\bvalue="([^"]*)"', match.group(0))
    return html.unescape(value.group(1)) if value else ""


def plain_text(page: str) -> str:
    """The page's text with tags dropped and whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
