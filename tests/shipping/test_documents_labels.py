"""The parcels' outer labels and inner slips: one page a parcel, every field read back from the PDF, and
no word on any page that says what the parcel holds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from parure.inventory import codes
from parure.shipping.documents.render import address_labels, inner_slips, labels_context
from parure.shipping.documents.words import label_words
from parure.shipping.errors import ShippingError, ShippingErrorCode
from tests.shipping.documents_world import CONSIGNEE, GENEVA_RETURN, label, pages, slip

LABEL_ONE = (
    "FROM\nShipping Office\nQuai du Mont-Blanc 7\n1201 Geneva\nSwitzerland\nTel. +41 22 555 01 00\n"
    "TO\nH. Blythe c/o Ferrier Vaults\n2 Hatton Wall\nLondon EC1N 8HX\nUNITED KINGDOM\nTel. +44 20 7946 0099\n"
    "Ferrari Group\nSecure air, door to door\nParcel 1 of 3\nRef. SH-GE-2026-0007\nSignature required\n"
    "FG-7731-0042-1"
)


@pytest.fixture(scope="module")
def three() -> list[str]:
    return pages(address_labels([label(1, 3), label(2, 3), label(3, 3, signature_required=False)]))


def test_one_four_by_six_inch_page_per_parcel(three: list[str]) -> None:
    assert len(three) == 3


def test_each_label_prints_both_addresses_the_carrier_the_parcel_and_its_tracking(three: list[str]) -> None:
    assert three[0] == LABEL_ONE
    assert three[1] == LABEL_ONE.replace("Parcel 1 of 3", "Parcel 2 of 3").replace("0042-1", "0042-2")


def test_each_labels_bar_code_is_its_tracking_number_in_code_128() -> None:
    context = labels_context([label(1, 2), label(2, 2)])
    assert [page["barcode"] for page in context["pages"]] == [
        codes.data_uri(codes.code128_svg("FG-7731-0042-1")),
        codes.data_uri(codes.code128_svg("FG-7731-0042-2")),
    ]


def test_signature_required_prints_only_when_it_is(three: list[str]) -> None:
    assert [("Signature required" in page) for page in three] == [True, True, False]


def test_no_label_page_carries_a_jewelry_word(three: list[str]) -> None:
    assert [label_words([page]) for page in three] == [[], [], []]


def test_the_pages_are_four_by_six_inches() -> None:
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(address_labels([label(1, 1)])))
    assert [(page.mediabox.width, page.mediabox.height) for page in reader.pages] == [(288, 432)]


LONGEST = "Flat 12, Marlborough Court Mansions"  # 35 characters, the carriers' limit


def test_the_longest_address_a_label_takes_prints_whole_on_one_page() -> None:
    long = replace(CONSIGNEE, name=LONGEST, address_lines=(LONGEST,) * 4, telephone="+44 20 7946 0099 ext. 1234")
    back = replace(GENEVA_RETURN, name=LONGEST, address_lines=(LONGEST,) * 4)
    printed = pages(address_labels([label(1, 2, consignee=long, return_address=back), label(2, 2)]))
    assert len(printed) == 2
    assert printed[0].count(LONGEST) == 10
    assert printed[0].endswith("Signature required\nFG-7731-0042-1")


def test_even_the_widest_letters_never_push_a_label_onto_a_second_page() -> None:
    wide = replace(CONSIGNEE, name="W" * 35, address_lines=("W" * 35,) * 4, telephone="9" * 40)
    back = replace(GENEVA_RETURN, name="M" * 35, address_lines=("M" * 35,) * 4)
    printed = pages(address_labels([label(1, 2, consignee=wide, return_address=back), label(2, 2)]))
    assert len(printed) == 2
    assert "FG-7731-0042-1" in printed[0]


def refused(**changes: object) -> ShippingError:
    with pytest.raises(ShippingError) as refusal:
        address_labels([label(1, 1), label(**{"parcel": 1, "of": 1, **changes})])  # type: ignore[arg-type]
    return refusal.value


def test_a_consignee_named_ruby_goldberg_is_written_with_initials() -> None:
    error = refused(consignee=replace(CONSIGNEE, name="Ruby Goldberg"))
    assert error.message == (
        "A shipping label may not say what the parcel holds, and the consignee's name carries “Ruby”. "
        "Write the name with initials instead, e.g. “R. Goldberg”."
    )
    assert (error.code, error.field) == (ShippingErrorCode.LABEL_WORDS, "consignee")
    # Written as the sentence says, it prints.
    assert len(pages(address_labels([label(1, 1, consignee=replace(CONSIGNEE, name="R. Goldberg"))]))) == 1


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        (
            {"consignee": replace(CONSIGNEE, address_lines=("c/o Tiffany & Co.", "727 Fifth Avenue"))},
            "A shipping label may not say what the parcel holds, and the consignee's address carries “Tiffany”. "
            "Leave the word out or write its initial only.",
            "consignee",
        ),
        (
            {"return_address": replace(GENEVA_RETURN, name="Parure Jewelry Department")},
            "A shipping label may not say what the parcel holds, and the return address's name carries “Parure” "
            "and “Jewelry”. Write the name with initials instead, e.g. “P. J. Department”.",
            "return_address",
        ),
        (
            {"service": "Courier with a jewelry programme"},
            "A shipping label may not say what the parcel holds, and the service's name carries “jewelry”. "
            "Leave the word out or write its initial only.",
            "service",
        ),
        (
            {"carrier": "Diamond Express"},
            "A shipping label may not say what the parcel holds, and the carrier's name carries “Diamond”. "
            "Leave the word out or write its initial only.",
            "carrier",
        ),
        (
            {"tracking_number": "FG 7731 é"},
            "“FG 7731 é” cannot be printed as a bar code: a tracking number is up to 80 plain letters and figures.",
            "tracking_number",
        ),
        (
            {"tracking_number": " "},
            "A label carries the parcel's tracking number; enter it before printing.",
            "tracking_number",
        ),
        (
            {"parcel": 3, "of": 2},
            "Parcel 3 of 2 is not a parcel of the shipment; number them 1 to 2.",
            "parcel",
        ),
        (
            {"consignee": replace(CONSIGNEE, name="M" * 36)},
            "The consignee's name prints at most 35 characters on a label; shorten it.",
            "consignee",
        ),
        (
            {"consignee": replace(CONSIGNEE, address_lines=("1", "2", "3", "4", "5"))},
            "The consignee's address prints on a label in at most 4 lines of 35 characters; shorten it.",
            "consignee",
        ),
    ],
)
def test_a_label_that_would_say_what_it_holds_or_cannot_print_is_refused(
    changes: dict[str, object], message: str, field: str
) -> None:
    error = refused(**changes)
    assert (error.message, error.field) == (message, field)


def test_no_labels_is_refused() -> None:
    with pytest.raises(ShippingError) as refusal:
        address_labels([])
    assert (refusal.value.message, refusal.value.code) == ("There is no label to print.", ShippingErrorCode.REQUIRED)


def test_an_inner_slip_per_parcel_says_where_it_comes_back_to() -> None:
    printed = pages(inner_slips([slip(1, 2), slip(2, 2)]))
    assert printed == [
        "IF FOUND, PLEASE RETURN TO\nShipping Office\nQuai du Mont-Blanc 7\n1201 Geneva\nSwitzerland\n"
        f"Tel. +41 22 555 01 00\nRef. SH-GE-2026-0007\nParcel {n} of 2\nTracking FG-7731-0042-{n}"
        for n in (1, 2)
    ]
    assert [label_words([page]) for page in printed] == [[], []]


def test_an_inner_slip_with_the_houses_name_is_refused() -> None:
    with pytest.raises(ShippingError) as refusal:
        inner_slips([replace(slip(), return_address=replace(GENEVA_RETURN, name="Parure SA"))])
    assert refusal.value.message == (
        "A shipping label may not say what the parcel holds, and the return address's name carries “Parure”. "
        "Write the name with initials instead, e.g. “P. SA”."
    )
