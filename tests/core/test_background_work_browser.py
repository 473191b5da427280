"""A long client list checked in the background, followed on its page in Chromium at tablet width:
the progress bar is refreshed by htmx (no inline script) until the link to the result appears."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from parure.core import jobs
from parure.core.models import BackgroundJob
from tests.browser.test_platform import _watch_console, sign_in

pytestmark = pytest.mark.browser


def test_a_long_import_shows_its_progress_then_its_result(
    page: Any, live_server: Any, cast: Any, settings: Any, tmp_path: Path
) -> None:
    # As in production: the work waits on the database queue until a worker takes it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    problems = _watch_console(page)
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, "eleanor")
    rows = [f"Client {n:04d},c{n:04d}@example.com,Prefers Georgian paste and foiled backs." for n in range(700)]
    listing = tmp_path / "long.csv"
    listing.write_text("Name,E-mail,Notes\n" + "\n".join(rows) + "\n")

    page.goto(f"{live_server.url}/clients/import/")
    page.get_by_label("File").set_input_files(str(listing))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/jobs/*/")
    assert "Waiting to start" in page.locator(".job-progress").inner_text()
    assert page.locator(".job-progress progress").is_visible()

    job = BackgroundJob.objects.get()
    assert jobs.job_run(job_id=job.pk) == "succeeded"  # what `parure worker` does
    result = page.get_by_role("link", name="Open the result")
    result.wait_for(timeout=5000)  # the poll, once a second, brings it without a reload
    assert "700 rows checked; every row can be imported." in page.locator(".job-progress").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    result.click()
    page.wait_for_url("**/clients/import/*/")
    assert page.get_by_role("button", name="Import all 700 rows").is_visible()
    assert problems == []
