"""The demonstration client book reads like a real department's: no two files share a name,
titles fit the person, and firms have names of their own."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from parure.clients.choices import ClientKind
from parure.clients.demo import NAME_BOOKS, SCRIPT_BOOKS, build_client_book
from parure.clients.models import Client


def test_the_demo_client_book_has_no_repeated_names_and_titles_that_fit(cast: Any) -> None:
    build_client_book(lambda line: None)
    rows = list(Client.objects.values_list("kind", "display_name", "given_name", "title"))
    assert len(rows) == 2000
    names = Counter(name for _, name, _, _ in rows)
    assert [name for name, times in names.items() if times > 1] == []
    firms = [name for kind, name, _, _ in rows if kind == ClientKind.ORGANISATION]
    assert len(firms) > 80 and [name for name in firms if re.search(r"\d", name)] == []
    women = {given for book in NAME_BOOKS for given in book.women}
    men = {given for book in NAME_BOOKS for given in book.men}
    women_titles = {title for book in NAME_BOOKS for title in book.titles["f"]} - {"", "Dr", "Dra.", "Dott.ssa"}
    men_titles = {title for book in NAME_BOOKS for title in book.titles["m"]} - {"", "Dr", "Dr.", "Dott."}
    titled = [(given, title) for kind, _, given, title in rows if kind == ClientKind.PERSON and title]
    assert [(g, t) for g, t in titled if g in men and t in women_titles] == []
    assert [(g, t) for g, t in titled if g in women and t in men_titles] == []
    assert {"Sir", "Lady", "Mrs", "Mr", "Mme", "Herr", "Frau"} <= {title for _, title in titled}
    # Written in their own script, with a Latin form; Russian family names take the gender.
    scripted = Client.objects.exclude(name_latin="")
    assert scripted.count() > 150
    assert set(scripted.values_list("country", flat=True)) == {book.country for book in SCRIPT_BOOKS}
    assert not Client.objects.filter(name_latin__startswith="Anna ", name_latin__regex=r"ov$").exists()
    assert not Client.objects.filter(name_latin__startswith="Dmitry ", name_latin__regex=r"ova$").exists()
