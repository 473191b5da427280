"""The words an outer label may not carry: found whole, in any case and number, with accents or not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.shipping.documents.words import _plain, check_label_words, initials, label_words
from parure.shipping.errors import ShippingError, ShippingErrorCode


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ruby Goldberg", ["Ruby"]),
        ("Fine JEWELRY and jewellery", ["JEWELRY", "jewellery"]),
        ("Jewelers' Row", ["Jewelers"]),
        ("Two rubies, three sapphires and watches", ["rubies", "sapphires", "watches"]),
        (
            "brooches, necklaces, bracelets, earrings, tiaras, rings",
            [
                "brooches",
                "necklaces",
                "bracelets",
                "earrings",
                "tiaras",
                "rings",
            ],
        ),
        (
            "Diamond Gold Platinum Silver Gem Emerald Pearl Carat Auction",
            [
                "Diamond",
                "Gold",
                "Platinum",
                "Silver",
                "Gem",
                "Emerald",
                "Pearl",
                "Carat",
                "Auction",
            ],
        ),
        ("Tiffany's, 727 Fifth Avenue", ["Tiffany's"]),
        ("Van  Cleef & Arpels", ["Van Cleef"]),
        ("van cleef", ["van cleef"]),
        ("Harry Winston Inc.", ["Harry Winston"]),
        ("Cartier, Bulgari, Boucheron, Chaumet, Graff", ["Cartier", "Bulgari", "Boucheron", "Chaumet", "Graff"]),
        ("Maison Fabergé", ["Fabergé"]),
        ("Christie's", ["Christie's"]),
        ("18K box", ["18K"]),
        ("gold, Gold and GOLD", ["gold"]),
    ],
)
def test_jewelry_words_are_found_whole_in_any_case_and_number(text: str, found: list[str]) -> None:
    assert label_words([text]) == found


@pytest.mark.parametrize(
    "text",
    [
        "Goldberg",
        "Ringwood Avenue",
        "Silverman & Pearson LLP",
        "Agatha Christie",
        "Harry Styles",
        "Van Morrison",
        "Golden Square, London W1F 9JB",
        "Winston Churchill",
        "Gemma Watcham",
        "",
    ],
)
def test_a_word_that_only_contains_one_is_not_a_jewelry_word(text: str) -> None:
    assert label_words([text]) == []


def test_words_are_reported_once_across_texts_in_order() -> None:
    assert label_words(["Ruby Goldberg", "12 Diamond Street", "ruby lane"]) == ["Ruby", "Diamond"]


def test_a_persons_name_is_refused_with_initials_suggested() -> None:
    with pytest.raises(ShippingError) as refused:
        check_label_words(["Ruby Goldberg"], field="consignee", what="the consignee's name", name=True)
    assert refused.value.message == (
        "A shipping label may not say what the parcel holds, and the consignee's name carries “Ruby”. "
        "Write the name with initials instead, e.g. “R. Goldberg”."
    )
    assert refused.value.code == ShippingErrorCode.LABEL_WORDS
    assert refused.value.field == "consignee"


def test_other_text_is_refused_naming_every_word() -> None:
    with pytest.raises(ShippingError) as refused:
        check_label_words(["Jewelry courier, gold service"], field="service")
    assert refused.value.message == (
        "A shipping label may not say what the parcel holds, and this text carries “Jewelry” and “gold”. "
        "Leave the word out or write its initial only."
    )
    assert refused.value.field == "service"


def test_clean_text_passes() -> None:
    check_label_words(["H. Blythe", "2 Hatton Wall", "London EC1N 8HX"], field="consignee")


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Ruby Goldberg", "R. Goldberg"),
        ("Pearl Jade Smith", "P. J. Smith"),
        ("Van Cleef & Arpels", "V. C. & Arpels"),
        ("Dr Emerald Okafor", "Dr E. Okafor"),
    ],
)
def test_initials_cut_only_the_jewelry_words(name: str, written: str) -> None:
    assert initials(name) == written


NAMES = st.lists(
    st.sampled_from(
        [
            "Ruby",
            "Goldberg",
            "Pearl",
            "van",
            "Cleef",
            "Harry",
            "Winston",
            "GOLD",
            "Rings",
            "Tiffany's",
            "de",
            "Beers",
            "Smith",
            "Fabergé",
            "18k",
            "Ringwood",
            "Jade",
            "&",
            "Co.",
            "Lady",
            "Emeralds",
        ]
    ),
    min_size=1,
    max_size=8,
).map(" ".join)


@given(NAMES)
@settings(max_examples=150, deadline=None)
def test_a_name_written_with_initials_carries_no_jewelry_word(name: str) -> None:
    assert label_words([initials(name)]) == []


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_any_text_is_read_without_failing_and_every_word_found_is_in_it(text: str) -> None:
    for word in label_words([text]):
        assert word.split()[0].lower() in text.lower() or word in _plain(text)
