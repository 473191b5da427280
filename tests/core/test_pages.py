"""The layout, My day, search, scan, the staff directory, the access log, health, headers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import IntegrityError, InternalError, OperationalError, transaction
from django.test import Client

from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.models import AccessLogEntry
from tests.conftest import Cast


def test_my_day_shows_its_panels_with_empty_states(cast: Cast, client_for: Any) -> None:
    html = client_for(cast.assistant).get("/").content.decode()
    for title in ["Appointments today", "Follow-ups due", "Overdue check-outs", "Waiting inquiries"]:
        assert title in html
    assert 'id="scan-code"' in html and 'id="global-search"' in html


def test_the_navigation_lists_only_what_the_role_may_open(cast: Cast, client_for: Any) -> None:
    assistant = client_for(cast.assistant).get("/").content.decode()
    auditor = client_for(cast.auditor).get("/").content.decode()
    admin = client_for(cast.administrator).get("/").content.decode()
    assert 'href="/access-log/"' not in assistant and 'href="/admin/"' not in assistant
    assert 'href="/access-log/"' in auditor and 'href="/admin/"' not in auditor
    assert 'href="/access-log/"' in admin and 'href="/admin/"' in admin


def test_search_finds_staff_by_partial_name(cast: Cast, client_for: Any) -> None:
    response = client_for(cast.assistant).post("/search/", {"q": "whit"})
    assert "Eleanor Whitcombe" in response.content.decode()
    assert "Nothing matches ‘zzz’." in client_for(cast.assistant).post("/search/", {"q": "zzz"}).content.decode()


def test_an_unknown_scan_says_so_plainly(cast: Cast, client_for: Any) -> None:
    response = client_for(cast.assistant).get("/scan/", {"code": " zz-1 "})
    assert response.status_code == 200
    assert "Unknown code ‘ZZ-1’: no piece or record has this number." in response.content.decode()


def test_a_scan_answers_with_the_record_page_its_resolver_names(
    cast: Cast, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parure.core import registry

    resolver = registry.ScanResolver("directory", "core.scan", lambda request, code: "/staff/", order=1)
    monkeypatch.setitem(registry.scan_resolvers, "directory", resolver)
    response = client_for(cast.assistant).get("/scan/", {"code": "STAFF"})
    html = response.content.decode()
    assert response.status_code == 200 and "Eleanor Whitcombe" in html
    assert '<meta name="parure-location" content="/staff/">' in html


def test_a_scan_naming_a_page_the_person_may_not_open_sends_them_there_to_be_refused(
    cast: Cast, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parure.core import registry

    resolver = registry.ScanResolver("log", "core.scan", lambda request, code: "/access-log/", order=1)
    monkeypatch.setitem(registry.scan_resolvers, "log", resolver)
    browser = client_for(cast.assistant)
    response = browser.get("/scan/", {"code": "LOG"})
    assert response.status_code == 302 and response["Location"] == "/access-log/"
    assert browser.get("/access-log/").status_code == 403
    allowed = client_for(cast.auditor).get("/scan/", {"code": "LOG"})
    assert (
        allowed.status_code == 200
        and '<meta name="parure-location" content="/access-log/">' in allowed.content.decode()
    )


def test_every_page_carries_a_strict_content_security_policy(cast: Cast, client_for: Any) -> None:
    response = client_for(cast.assistant).get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and response["X-Frame-Options"] == "DENY"
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)  # type: ignore[union-attr]
    html = response.content.decode()
    # Every script is either from our own origin or carries the nonce; no inline handlers.
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="/static/' in tag or f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert " style=" not in html


@pytest.mark.django_db
def test_healthz_is_public_and_says_the_database_answers() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}


def test_the_access_log_refuses_changes_in_the_database_itself(cast: Cast) -> None:
    entry = record_access(
        None, action=AccessAction.VIEW, subject_kind="client", subject_ref="C-000001-3", staff=cast.senior
    )
    for attempt in (
        lambda: AccessLogEntry.objects.filter(pk=entry.pk).update(detail="rewritten"),
        lambda: AccessLogEntry.objects.filter(pk=entry.pk).delete(),
    ):
        with (
            pytest.raises((IntegrityError, InternalError, OperationalError), match="append-only"),
            transaction.atomic(),
        ):
            attempt()
    entry.refresh_from_db()
    assert entry.detail == ""


def test_the_access_log_page_filters_and_is_for_auditors_and_administrators(cast: Cast, client_for: Any) -> None:
    record_access(None, action=AccessAction.EXPORT, subject_kind="export:clients", staff=cast.senior)
    record_access(None, action=AccessAction.VIEW, subject_kind="client", subject_ref="C-000002-6", staff=cast.assistant)
    page = client_for(cast.auditor).get("/access-log/", {"action": "export"})
    rows = page.context["page"].object_list
    assert [(e.staff.username, e.subject_kind) for e in rows] == [("eleanor", "export:clients")]
    assert client_for(cast.assistant).get("/access-log/").status_code == 403


def test_the_access_log_page_issues_a_fixed_number_of_queries(
    cast: Cast, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(cast.auditor)
    client.get("/access-log/")
    for n in range(40):
        record_access(
            None,
            action=AccessAction.VIEW,
            subject_kind="client",
            subject_ref=f"C-{n}",
            staff=cast.people[list(cast.people)[n % 15]],
        )
    with django_assert_max_num_queries(12):
        response = client.get("/access-log/")
    assert len(response.context["page"].object_list) == 40


def test_the_staff_directory_issues_a_fixed_number_of_queries(
    cast: Cast, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(cast.assistant)
    with django_assert_max_num_queries(12):
        response = client.get("/staff/")
    assert response.content.decode().count('<tr id="staff-') == 15


def test_each_request_is_one_json_log_line_without_what_was_searched(cast: Cast, client_for: Any, caplog: Any) -> None:
    import json
    import logging

    from parure.core.logging import JsonFormatter

    client = client_for(cast.senior)
    with caplog.at_level(logging.INFO, logger="parure.request"):
        client.post("/search/", {"q": "Whitcombe"})
    (record,) = [r for r in caplog.records if r.name == "parure.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["message"].startswith("POST /search/ 200 ")
    assert line["method"] == "POST" and line["status"] == 200
    assert line["path"] == "/search/" and line["staff_id"] == cast.senior.pk
    assert "Whitcombe" not in JsonFormatter().format(record)


def test_the_administration_index_lists_what_an_administrator_may_change(cast: Cast, client_for: Any) -> None:
    admin = client_for(cast.administrator)
    index = admin.get("/admin/")
    html = index.content.decode()
    assert index.status_code == 200
    assert "You don’t have permission to view or edit anything" not in html
    assert 'href="/admin/core/office/"' in html and 'href="/admin/clients/room/"' in html
    assert admin.get("/admin/core/").status_code == 200
    assert admin.get("/admin/clients/").status_code == 200
    assert client_for(cast.senior).get("/admin/core/").status_code == 403
