"""The client book's reads for other apps (intake's consignor box, a client on approval): only the
files the viewer may see, each labelled as they may see it, and a client number's check digit read.

Eleanor (senior) sees every file; Marcus (her assistant) sees Ada by name, Béatrice (confidential)
only by her number, and Henri (Harriet's client in London) not at all.
"""

from __future__ import annotations

from typing import Any

import pytest

from parure.clients.errors import ClientError
from parure.clients.queries import client_for_viewer, consignor_search
from parure.clients.services.clients import client_create
from tests.clients.conftest import Book


def _found(text: str, viewer: Any) -> list[tuple[str, str, bool]]:
    return [(c.number, c.label, c.identity_shown) for c in consignor_search(text, viewer=viewer)]


def test_a_full_name_with_its_title_finds_the_file(book: Book, cast: Any) -> None:
    lady = (book.ada.number, "Lady Ada Lovelace", True)
    assert _found("Lady Ada Lovelace", cast.senior) == [lady]
    assert _found("lady lovelace", cast.assistant) == [lady]
    assert _found("Ada Lovelace", cast.assistant) == [lady]
    assert _found("Mrs Ada Lovelace", cast.senior) == []  # a title she does not bear is not ignored


def test_an_ambiguous_name_returns_every_candidate_by_name(book: Book, cast: Any) -> None:
    byron = client_create(display_name="Ada Byron", given_name="Ada", family_name="Byron", by=cast.senior)
    # By the name they are filed under.
    assert _found("Ada", cast.senior) == [
        (byron.number, "Ada Byron", True),
        (book.ada.number, "Lady Ada Lovelace", True),
    ]


def test_an_assistant_cannot_find_a_confidential_file_or_another_specialists_client_by_name(
    book: Book, cast: Any
) -> None:
    assert _found("Château-Renaud", cast.senior) == [(book.beatrice.number, "Béatrice Château-Renaud", True)]
    assert _found("Henri Dupont", cast.senior) == [(book.henri.number, "Henri Dupont", True)]
    assert _found("Château-Renaud", cast.assistant) == []
    assert _found("beatrice@example.fr", cast.assistant) == []
    assert _found("Henri Dupont", cast.assistant) == []


def test_by_number_an_assistant_gets_a_confidential_file_as_its_pseudonym_and_never_an_unseen_one(
    book: Book, cast: Any
) -> None:
    pseudonym = (book.beatrice.number, f"Client {book.beatrice.number}", False)
    assert _found(book.beatrice.number, cast.assistant) == [pseudonym]
    found = client_for_viewer(book.beatrice.number.replace("-", "").lower(), viewer=cast.assistant)
    assert found is not None and (found.client, found.label, found.identity_shown) == (
        book.beatrice, f"Client {book.beatrice.number}", False
    )  # fmt: skip
    assert client_for_viewer(book.henri.number, viewer=cast.assistant) is None
    assert _found(book.henri.number, cast.assistant) == []
    henri = client_for_viewer(book.henri.number, viewer=cast.senior)
    assert henri is not None and henri.label == "Henri Dupont"


def test_a_mistyped_client_number_is_refused_not_looked_up(book: Book, cast: Any) -> None:
    number = book.ada.number
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    for read in (
        lambda: client_for_viewer(wrong, viewer=cast.senior),
        lambda: consignor_search(wrong, viewer=cast.senior),
    ):
        with pytest.raises(ClientError) as refusal:
            read()
        assert (
            refusal.value.message
            == f"{wrong} has a wrong check digit, so it is not a client number we issued; read it again."
        )
    with pytest.raises(ClientError) as refusal:
        client_for_viewer("Lovelace", viewer=cast.senior)
    assert refusal.value.message == "‘Lovelace’ is not a client number; they look like C-000412-3."


def test_the_intake_form_offers_candidates_and_hides_what_the_assistant_may_not_see(
    book: Book, cast: Any, client_for: Any
) -> None:
    from parure.inventory.forms import IntakeForm

    byron = client_create(display_name="Ada Byron", given_name="Ada", family_name="Byron", by=cast.senior)
    form = IntakeForm({"consignor": "Ada", "commission_rate": "10"}, viewer=cast.senior)
    assert not form.is_valid()
    assert form.errors["consignor"] == [
        f"‘Ada’ matches several client files ({byron.number} Ada Byron; {book.ada.number} Lady Ada Lovelace); "
        "choose one from the list."
    ]
    form = IntakeForm({"consignor": "Lady Ada Lovelace", "commission_rate": "10"}, viewer=cast.assistant)
    form.is_valid()
    assert form.cleaned_data["consignor"] == book.ada
    form = IntakeForm({"consignor": "Château-Renaud", "commission_rate": "10"}, viewer=cast.assistant)
    assert not form.is_valid()
    assert form.errors["consignor"] == [
        "No client file you may see matches ‘Château-Renaud’; type the client number, or the name as it is filed."
    ]
    form = IntakeForm(
        {"consignor": f"{book.beatrice.number} · Client {book.beatrice.number}", "commission_rate": "10"},
        viewer=cast.assistant,
    )
    form.is_valid()
    assert form.cleaned_data["consignor"] == book.beatrice


def test_the_intake_page_offers_the_candidates_of_an_ambiguous_name(book: Book, cast: Any, client_for: Any) -> None:
    byron = client_create(display_name="Ada Byron", given_name="Ada", family_name="Byron", by=cast.senior)
    response = client_for(cast.senior).post("/inventory/intake/", {"consignor": "Ada", "commission_rate": "10"})
    page = response.content.decode()
    assert response.status_code == 422
    assert f'<option value="{byron.number} · Ada Byron">Ada Byron</option>' in page
    assert f'<option value="{book.ada.number} · Lady Ada Lovelace">Lady Ada Lovelace</option>' in page
