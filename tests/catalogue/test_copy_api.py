"""The copy over the API: read, generate, edit with the version read, submit, approve, lock,
versions and the diff; refusals in the one error shape, nothing changed."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from parure.core.models import ApiToken
from tests.catalogue.copy_world import HEADING, SAPPHIRE_STATEMENT, cartier_record
from tests.guards import unchanged
from tests.inventory import world


def _api(staff: Any) -> Client:
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def base(record: Any) -> str:
    return f"/api/v1/catalogue/copy/{record.item.stock_number}"


DESCRIPTION = (
    "Of bombé design, set to the centre with a cushion-shaped sapphire. The cushion-shaped sapphire weighing 4.12 "
    "carats. With two pear-shaped diamonds weighing approximately 0.80 carats in total, F-G colour, VS1-VS2 clarity, "
    "as gauged in the mounting. Mounted in platinum. Ring size 6 (US), gross weight 6.40 g. Signed Cartier Paris, "
    "numbered 1234, marks for platinum (dog's head). With fitted case by Cartier."
)


def test_the_copy_is_generated_read_and_walked_to_locked(cast: Any) -> None:
    record = cartier_record(cast)
    marcus, eleanor, harriet = _api(cast.assistant), _api(cast.senior), _api(cast["harriet"])
    missing = marcus.get(base(record))
    assert missing.status_code == 404
    assert missing.json() == {
        "status": 404, "code": "no_copy", "fields": {"stock_number": [missing.json()["message"]]},
        "message": f"{record.item.stock_number} has no copy yet; generate it from the record.",
    }  # fmt: skip
    made = _post(marcus, f"{base(record)}/generate", {})
    assert made.status_code == 200
    body = made.json()
    assert {key: body[key] for key in ("stock_number", "status", "version", "heading", "description", "author")} == {
        "stock_number": record.item.stock_number, "status": "draft", "version": 1, "heading": HEADING,
        "description": DESCRIPTION, "author": "Marcus Hale",
    }  # fmt: skip
    assert body["provenance"] == (
        "Mrs Harrison Williams, by 1930\nChristie's Geneva, 17 May 1987, lot 412\nA private collection, New York"
    )
    assert (body["lab_statements"], body["open_flags"], body["approved_by"]) == (SAPPHIRE_STATEMENT, [], None)
    assert (body["record_version"], body["record_changed"]) == (1, False)
    edited = _post(marcus, f"{base(record)}/edit", {"expected_version": 1, "heading": "A SAPPHIRE RING, BY CARTIER",
                                                    "description": DESCRIPTION, "note": "Shorter heading"})  # fmt: skip
    assert (edited.status_code, edited.json()["version"], edited.json()["provenance"]) == (200, 2, "")
    assert _post(marcus, f"{base(record)}/submit", {"expected_version": 2}).json()["status"] == "submitted"
    approved = _post(harriet, f"{base(record)}/approve", {"expected_version": 3})
    assert (approved.status_code, approved.json()["status"], approved.json()["approved_by"]) == (
        200,
        "approved",
        "Harriet Ashdown",
    )
    locked = _post(eleanor, f"{base(record)}/lock", {"reason": "Published in NY-J2611, lot 12"})
    assert (locked.json()["status"], locked.json()["locked_by"], locked.json()["lock_reason"]) == (
        "locked",
        "Eleanor Whitcombe",
        "Published in NY-J2611, lot 12",
    )
    versions = marcus.get(f"{base(record)}/versions").json()
    assert versions["count"] == 5
    assert [(v["number"], v["action"], v["status"], v["by"]) for v in versions["items"]] == [
        (5, "locked", "locked", "Eleanor Whitcombe"),
        (4, "approved", "approved", "Harriet Ashdown"),
        (3, "submitted", "submitted", "Marcus Hale"),
        (2, "edited", "draft", "Marcus Hale"),
        (1, "generated", "draft", "Marcus Hale"),
    ]
    refused = _post(marcus, f"{base(record)}/edit", {"expected_version": 5, "heading": "A RING"})
    assert (refused.status_code, refused.json()["code"]) == (409, "copy_locked")
    assert (
        refused.json()["message"] == "The copy is locked (Published in NY-J2611, lot 12); it can no longer be changed."
    )


def test_approval_by_its_author_is_refused_in_the_error_shape(cast: Any) -> None:
    record = cartier_record(cast)
    eleanor = _api(cast.senior)
    _post(eleanor, f"{base(record)}/generate", {})
    _post(eleanor, f"{base(record)}/submit", {"expected_version": 1})
    with unchanged():
        refused = _post(eleanor, f"{base(record)}/approve", {"expected_version": 2})
    assert refused.status_code == 409
    assert refused.json() == {
        "status": 409, "code": "own_copy", "fields": {"copy": [refused.json()["message"]]},
        "message": "You wrote words of this copy; another senior specialist must approve it.",
    }  # fmt: skip
    approved = _post(_api(cast["harriet"]), f"{base(record)}/approve", {"expected_version": 2})
    assert (approved.status_code, approved.json()["status"]) == (200, "approved")


def test_a_stale_edit_and_a_missing_version_are_refused(cast: Any) -> None:
    record = cartier_record(cast)
    marcus = _api(cast.assistant)
    _post(marcus, f"{base(record)}/generate", {})
    _post(marcus, f"{base(record)}/edit", {"expected_version": 1, "heading": "A RING"})
    with unchanged():
        stale = _post(marcus, f"{base(record)}/edit", {"expected_version": 1, "heading": "A GOLD RING"})
        again = _post(marcus, f"{base(record)}/generate", {})
    assert (stale.status_code, stale.json()["code"], list(stale.json()["fields"])) == (409, "stale", ["version"])
    assert (again.status_code, again.json()["code"], again.json()["message"]) == (
        422,
        "required",
        "Say which version of the copy you are changing (the latest is version 2).",
    )


def test_open_flags_are_listed_and_refuse_approval(cast: Any) -> None:
    record = cartier_record(cast)
    marcus = _api(cast.assistant)
    _post(marcus, f"{base(record)}/generate", {})
    edited = _post(marcus, f"{base(record)}/edit", {"expected_version": 1, "heading": "A 5.00 CARAT SAPPHIRE RING"})
    assert edited.json()["open_flags"] == [{
        "key": "copy_figure:weight:5.00 carats", "field": "heading",
        "message": "The heading states 5.00 carats, a carat weight the record and its reports do not hold: correct "
                   "the copy or the record.",
    }]  # fmt: skip
    _post(marcus, f"{base(record)}/submit", {"expected_version": 2})
    eleanor = _api(cast.senior)
    assert eleanor.get(base(record)).json()["status"] == "submitted"  # the token's first use is recorded
    with unchanged():
        refused = _post(eleanor, f"{base(record)}/approve", {"expected_version": 3})
    assert (refused.status_code, refused.json()["code"], list(refused.json()["fields"])) == (
        409,
        "flags_open",
        ["heading"],
    )


def test_the_diff_as_operations(cast: Any) -> None:
    record = cartier_record(cast)
    marcus = _api(cast.assistant)
    _post(marcus, f"{base(record)}/generate", {})
    _post(marcus, f"{base(record)}/edit", {"expected_version": 1, "description": DESCRIPTION,
                                           "heading": "A KASHMIR SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925"})  # fmt: skip
    diff = _api(cast.auditor).get(f"{base(record)}/diff", {"from": 1, "to": 2})
    assert diff.status_code == 200
    fields = {row["field"]: row for row in diff.json()["fields"]}
    assert (diff.json()["from_version"], diff.json()["to_version"]) == (1, 2)
    assert fields["heading"] == {
        "field": "heading", "changed": True,
        "operations": [{"op": "equal", "text": "A "}, {"op": "insert", "text": "KASHMIR "},
                       {"op": "equal", "text": "SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925"}],
        "html": "A <ins>KASHMIR </ins>SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925",
    }  # fmt: skip
    assert fields["description"]["changed"] is False
    assert fields["provenance"]["operations"][0]["op"] == "delete"
    bad = _api(cast.auditor).get(f"{base(record)}/diff", {"from": 1, "to": 3})
    assert (bad.status_code, bad.json()["code"], bad.json()["fields"]) == (
        422,
        "invalid",
        {"to": ["Choose a version from 1 to 2 for ‘to’."]},
    )


def test_a_piece_without_a_record_is_named_in_the_refusal(cast: Any) -> None:
    world.build_all_places(cast)
    piece = world.take_in(cast.senior, world.consignor(), world.piece())[0]
    response = _post(_api(cast.assistant), f"/api/v1/catalogue/copy/{piece.stock_number}/generate", {})
    assert (response.status_code, response.json()["code"], response.json()["message"]) == (
        404,
        "unknown_record",
        f"{piece.stock_number} has no catalogue record yet; describe the piece first.",
    )


def test_every_role_reads_the_same_public_provenance_and_never_the_confidential_owner(cast: Any) -> None:
    record = cartier_record(cast)
    _post(_api(cast.assistant), f"{base(record)}/generate", {})
    public = "Mrs Harrison Williams, by 1930\nChristie's Geneva, 17 May 1987, lot 412\nA private collection, New York"
    for role, staff in cast.by_role().items():
        answer = _api(staff).get(base(record))
        assert (role, answer.status_code, answer.json()["provenance"]) == (role, 200, public)
        assert "Vandermeer" not in answer.content.decode()
        assert "Vandermeer" not in _api(staff).get(f"{base(record)}/versions").content.decode()
